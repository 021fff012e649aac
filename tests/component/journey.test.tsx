import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { findScenario, simulate } from '../../src/engine'
import { GROUP_NAMES, renderApp } from './driver'
import { useCleanApp } from './setup'

const getUser = findScenario('get-user')!
const trace = simulate({ scenario: getUser.scenario, request: getUser.request, seed: 1 })
const events = trace.events
const last = events.length

describe('a student follows GET /users/42', () => {
  useCleanApp()

  it('shows the eight layers as labelled groups, numbered as the course does', () => {
    renderApp()
    for (const name of GROUP_NAMES) expect(screen.getByRole('group', { name })).toBeInTheDocument()
    const numbers = GROUP_NAMES.map(
      (name) => screen.getByRole('group', { name }).querySelector('.band-num')?.textContent,
    )
    expect(numbers).toEqual(['0', '1', '1', '2', '3', '4', '5', '6'])
  })

  it('prompts before anything is sent, with no current layer and no status yet', () => {
    const ui = renderApp()
    expect(ui.status()).toMatch(/Send request/)
    expect(ui.currentGroup()).toBeNull()
    expect(ui.finalStatus()).toBe('—')
    expect(ui.requestLine()).toBe('GET https://api.example.com/users/42')
  })

  it('after "Send request" stands on step 1 in the client', async () => {
    const ui = renderApp()
    await ui.send()
    expect(ui.status()).toBe(`Step 1 of ${last}: ${events[0]!.title}`)
    expect(ui.currentGroup()).toBe('Client')
    expect(ui.finalStatus()).toBe('—')
  })

  it('moves the narration and aria-current with Step forward and Step back', async () => {
    const ui = renderApp()
    await ui.send()
    await ui.step(2)
    expect(ui.status()).toBe(`Step 3 of ${last}: ${events[2]!.title}`)
    expect(events[2]!.layer).toBe('dns')
    expect(ui.currentGroup()).toBe('Network')

    await ui.step(-2)
    expect(ui.status()).toBe(`Step 1 of ${last}: ${events[0]!.title}`)
    expect(ui.currentGroup()).toBe('Client')

    // Step back at the first step stays there rather than wrapping.
    await ui.step(-1)
    expect(ui.stepNumber()).toBe(1)
  })

  it('lights each layer in onion order on the way in, and back out in reverse', async () => {
    const ui = renderApp()
    await ui.send()
    const visited: string[] = [ui.currentGroup()!]
    for (let i = 1; i < last; i++) {
      await ui.step(1)
      const group = ui.currentGroup()!
      if (group !== visited.at(-1)) visited.push(group)
    }
    expect(visited).toEqual([
      'Client',
      'Network',
      'Reverse proxy',
      'App server',
      'Middleware',
      'Router',
      'Validation',
      'Handler',
      'Middleware',
      'App server',
      'Reverse proxy',
      'Network',
      'Client',
    ])
  }, 20_000)

  it('shows "200 OK" in the client only once the response is back (End), and hides it again on Step back', async () => {
    const ui = renderApp()
    await ui.send()
    await ui.press('{End}')
    expect(ui.status()).toBe(`Step ${last} of ${last}: ${events[last - 1]!.title}`)
    expect(ui.currentGroup()).toBe('Client')
    expect(ui.finalStatus()).toBe('200 OK')

    await ui.step(-1)
    expect(ui.finalStatus()).toBe('—')
  })

  it('lists each layer’s events with their durations and marks the current one', async () => {
    const ui = renderApp()
    await ui.send()
    const router = ui.group('Router')
    const match = events.find((e) => e.layer === 'router')!
    const item = within(router).getByText(match.title).closest('li')!
    expect(item).toHaveTextContent(/\d+(\.\d+)? ms/)
    expect(item).toHaveAttribute('data-state', 'future')

    await ui.step(match.seq)
    expect(item).toHaveAttribute('data-state', 'current')
    expect(within(router).getAllByRole('listitem')).toHaveLength(
      events.filter((e) => e.layer === 'router').length,
    )
  })

  it('shows the trace total and each layer’s time', async () => {
    const ui = renderApp()
    await ui.send()
    await ui.press('{End}')
    const total = events.at(-1)!.at + events.at(-1)!.duration
    expect(
      within(ui.group('Client')).getByText(`after ${Number(total.toFixed(1))} ms`),
    ).toBeVisible()
    const handlerTime = events
      .filter((e) => e.layer === 'handler')
      .reduce((sum, e) => sum + e.duration, 0)
    expect(ui.group('Handler')).toHaveTextContent(
      `Time in this layer: ${Number(handlerTime.toFixed(1))} ms`,
    )
  })

  it('nests each configured middleware inside the Middleware group, in order', async () => {
    const ui = renderApp()
    const middleware = ui.group('Middleware')
    expect(within(middleware).getByText('Logging')).toBeVisible()
    await ui.send()
    const enter = events.find((e) => e.type === 'middleware:enter')!
    expect(within(middleware).getByText(enter.title).closest('.mw-block')).toHaveTextContent(
      'Logging',
    )
  })

  it('moves the packet with the playhead and shows what it carries', async () => {
    const ui = renderApp()
    expect(ui.packet()).toHaveAttribute('data-at', 'client')
    await ui.send()
    expect(ui.packet()).toHaveTextContent('GET/users/42')

    const handlerCall = events.find((e) => e.layer === 'handler')!
    await ui.step(handlerCall.seq)
    expect(ui.packet()).toHaveAttribute('data-at', 'handler')
    expect(ui.packet()).toHaveAttribute('data-kind', 'request')

    await ui.press('{End}')
    expect(ui.packet()).toHaveAttribute('data-at', 'client')
    expect(ui.packet()).toHaveAttribute('data-kind', 'response')
    expect(ui.packet()).toHaveTextContent('200OK')
  })

  it('does not re-simulate to step: one send, one transport call', async () => {
    const ui = renderApp()
    await ui.send()
    await ui.step(5)
    await ui.step(-3)
    await ui.press('{End}')
    await ui.press('{Home}')
    expect(ui.stepNumber()).toBe(1)
    expect(ui.packet()).toHaveAttribute('data-at', 'client')
  })
})
