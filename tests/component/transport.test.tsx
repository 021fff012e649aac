import { act, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { SimulateInput, Trace } from '../../src/engine'
import { emptyConnection, findScenario, simulate } from '../../src/engine'
import { useStore } from '../../src/store'
import { fakeTransport, renderApp } from './driver'
import { useCleanApp } from './setup'

/** A promise the test resolves by hand, to hold an answer "in flight". */
const deferred = <T,>() => {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

describe('the store and its transport', () => {
  useCleanApp()

  it('sends the open scenario’s request with a seed', async () => {
    const transport = fakeTransport()
    const ui = renderApp({ transport })
    await ui.send()
    expect(transport.calls).toHaveLength(1)
    expect(transport.calls[0]!.request).toEqual(findScenario('get-user')!.request)
    expect(transport.calls[0]!.seed).toBe(1)
  })

  it('waits for a transport that starts after first paint', async () => {
    const ui = renderApp({ transport: null })
    await ui.user.click(screen.getByRole('button', { name: 'Send request' }))
    expect(ui.status()).toMatch(/^Sending GET/)
    await act(async () => useStore.getState().setTransport(fakeTransport()))
    await ui.settle()
    expect(ui.stepNumber()).toBe(1)
  })

  it('explains when no transport can start, and a waiting send gives up with the same reason', async () => {
    const ui = renderApp({ transport: null })
    await ui.user.click(screen.getByRole('button', { name: 'Send request' }))
    await act(async () =>
      useStore.getState().failTransport('localStorage is blocked in this frame.'),
    )
    await ui.settle()
    expect(screen.getByRole('alert')).toHaveTextContent(
      /could not start \(localStorage is blocked in this frame\), so requests cannot be sent/,
    )
    expect(ui.stepNumber()).toBeNull()
    expect(ui.status()).not.toMatch(/^Sending/)
  })

  it('says so in one line when the transport runs in-process', () => {
    renderApp({
      transport: fakeTransport({
        mode: 'in-process',
        notice: 'Simulated in the page (no worker).',
      }),
    })
    expect(screen.getByText('Simulated in the page (no worker).')).toBeVisible()
  })

  it('shows no notice for the service worker on its usual way', () => {
    renderApp({ transport: fakeTransport({ mode: 'service-worker' }) })
    expect(document.querySelector('.notices')).toBeNull()
  })

  it('says so when the transport changes its way round after a send (a CSP refused it)', async () => {
    const listeners = new Set<() => void>()
    let mode: 'service-worker' | 'in-process' = 'service-worker'
    let notice: string | undefined
    const transport = {
      get mode() {
        return mode
      },
      get notice() {
        return notice
      },
      subscribe: (listener: () => void) => {
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
      send: async (input: SimulateInput) => {
        mode = 'in-process'
        notice = 'The CSP blocks it, so Roundtrip simulates it in the page.'
        for (const listener of listeners) listener()
        return simulate(input)
      },
    }
    const ui = renderApp({ transport })
    expect(screen.queryByText(/simulates it in the page/)).toBeNull()
    await ui.send()
    expect(screen.getByText(/simulates it in the page/)).toBeVisible()
    expect(useStore.getState().transportMode).toBe('in-process')
  })

  it('keeps the previous trace and says what went wrong when a send fails', async () => {
    let fail = false
    const transport = fakeTransport({
      send: (input: SimulateInput) =>
        fail ? Promise.reject(new Error('connection refused')) : Promise.resolve(simulate(input)),
    })
    const ui = renderApp({ transport })
    await ui.send()
    await ui.step(3)
    fail = true
    await ui.user.click(screen.getByRole('button', { name: 'Send request' }))
    await ui.settle()
    expect(screen.getByRole('alert')).toHaveTextContent(/could not be sent \(connection refused\)/)
    expect(ui.stepNumber()).toBe(4)
  })

  it('drops an answer that arrives after the scenario changed', async () => {
    const answer = deferred<Trace>()
    const ui = renderApp({ transport: fakeTransport({ send: () => answer.promise }) })
    await ui.user.click(screen.getByRole('button', { name: 'Send request' }))
    await ui.user.selectOptions(screen.getByRole('combobox', { name: 'Scenario' }), 'not-found')
    const getUser = findScenario('get-user')!
    await act(async () =>
      answer.resolve(simulate({ scenario: getUser.scenario, request: getUser.request })),
    )
    expect(useStore.getState().trace).toBeNull()
    expect(ui.status()).toMatch(/Send request/)
  })

  it('shows a network failure’s error code plainly in the client', async () => {
    const failed: Trace = {
      events: [],
      error: { code: 'ERR_NAME_NOT_RESOLVED', message: 'api.example.com has no DNS record' },
      connection: emptyConnection(),
    }
    const ui = renderApp({ transport: fakeTransport({ send: () => Promise.resolve(failed) }) })
    await ui.user.click(screen.getByRole('button', { name: 'Send request' }))
    await ui.settle()
    expect(ui.finalStatus()).toBe('ERR_NAME_NOT_RESOLVED')
    expect(ui.status()).toMatch(/has no DNS record/)
  })
})
