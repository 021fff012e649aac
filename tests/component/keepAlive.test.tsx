import { afterEach, describe, expect, it } from 'vitest'
import { resetStore, useStore } from '../../src/store'
import { renderApp } from './driver'

afterEach(() => resetStore())

const types = () => useStore.getState().trace?.events.map((e) => e.type) ?? []

describe('sending again, as a browser would', () => {
  it('reuses the kept-alive connection and the warm DNS cache on the second send', async () => {
    const ui = renderApp({ hash: '#scenario=get-user' })
    await ui.send()
    expect(types()).toContain('tcp:syn')
    await ui.send()
    expect(types()).toContain('tcp:reuse')
    expect(types()).toContain('dns:cache-hit')
    expect(types()).not.toContain('tcp:syn')
  })

  it('starts cold again after the scenario changes', async () => {
    const ui = renderApp({ hash: '#scenario=get-user' })
    await ui.send()
    useStore.getState().loadScenario('not-found')
    await ui.send()
    expect(types()).toContain('tcp:syn')
  })
})
