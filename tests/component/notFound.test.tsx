import { within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderApp } from './driver'
import { useCleanApp } from './setup'

describe('a path no route matches', () => {
  useCleanApp()

  it('turns back at the Router: Validation and Handler are never current, and the client gets 404', async () => {
    const ui = renderApp({ hash: '#scenario=not-found' })
    expect(ui.requestLine()).toMatch(/\/userz\/42$/)
    await ui.send()
    const total = ui.stepCount()!
    const lit = new Set<string>([ui.currentGroup()!])
    for (let step = 2; step <= total; step++) {
      await ui.step(1)
      expect(ui.stepNumber()).toBe(step)
      lit.add(ui.currentGroup()!)
    }
    expect(lit.has('Router')).toBe(true)
    expect(lit.has('Validation')).toBe(false)
    expect(lit.has('Handler')).toBe(false)
    // Flask's status line: Werkzeug writes its reason phrases in capitals.
    expect(ui.finalStatus()).toBe('404 NOT FOUND')
    expect(ui.status()).toMatch(/404 NOT FOUND$/)
  }, 20_000)

  it('says the inner layers were not reached once the response has turned back', async () => {
    const ui = renderApp({ hash: '#scenario=not-found' })
    await ui.send()
    expect(ui.group('Handler')).not.toHaveTextContent(/Not reached/)
    await ui.press('{End}')
    for (const name of ['Validation', 'Handler']) {
      expect(ui.group(name)).toHaveTextContent('Not reached: the response turned back at Router.')
      expect(within(ui.group(name)).queryAllByRole('listitem')).toHaveLength(0)
    }
  })

  it('carries the 404 back out in the packet', async () => {
    const ui = renderApp({ hash: '#scenario=not-found' })
    await ui.send()
    while (ui.currentGroup() !== 'Router') await ui.step(1)
    expect(ui.packet()).toHaveAttribute('data-at', 'router')
    expect(ui.packet()).toHaveAttribute('data-kind', 'response')
    expect(ui.packet()).toHaveTextContent('404NOT FOUND')
  })
})
