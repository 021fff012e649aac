import { afterEach, describe, expect, it } from 'vitest'
import { findScenario } from '../../src/engine'
import { resetStore, useStore } from '../../src/store'
import { loadCatalogue } from '../../src/store/catalogue'

// The store knows the whole catalogue once it is loaded, as a page does just after first paint.
await loadCatalogue()

afterEach(() => resetStore())

describe('EDITED follows what differs from the curated scenario', () => {
  it('clears when a request edit is typed back to the original', () => {
    useStore.getState().loadScenario('get-user')
    const base = findScenario('get-user')!.request
    useStore.getState().setRequest({ ...base, url: 'https://api.example.com/users/4' })
    expect(useStore.getState().customized).toBe(true)
    useStore.getState().setRequest({ ...base, url: 'https://api.example.com/users/42' })
    expect(useStore.getState().customized).toBe(false)
  })

  it('ignores key order and unset fields, not values', () => {
    useStore.getState().loadScenario('get-user')
    const base = findScenario('get-user')!.request
    const reordered = Object.fromEntries(Object.entries(base).reverse()) as typeof base
    useStore.getState().setRequest({ ...reordered, body: undefined } as typeof base)
    expect(useStore.getState().customized).toBe(base.body !== undefined)
    useStore.getState().setRequest({ ...base, method: 'POST' })
    expect(useStore.getState().customized).toBe(true)
  })

  it('clears when an app edit is undone', () => {
    useStore.getState().loadScenario('get-user')
    const app = findScenario('get-user')!.scenario
    useStore.getState().setScenario({ ...app, middleware: [] }, { rerun: false })
    expect(useStore.getState().customized).toBe(app.middleware.length > 0)
    useStore.getState().setScenario(structuredClone(app), { rerun: false })
    expect(useStore.getState().customized).toBe(false)
  })
})
