import { afterEach, describe, expect, it } from 'vitest'
import { findScenario } from '../../src/engine'
import { resetStore, useStore } from '../../src/store'
import { fakeTransport } from './driver'

afterEach(resetStore)

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

describe('the working copy of the app and request', () => {
  it('sends the edited request, and the trace remembers what it was made from', async () => {
    const transport = fakeTransport()
    useStore.getState().setTransport(transport)
    const base = findScenario('get-user')!
    useStore.getState().setRequest({ ...base.request, url: 'https://api.example.com/users/7' })
    expect(useStore.getState().customized).toBe(true)
    await useStore.getState().sendRequest()
    expect(transport.calls[0]?.request?.url).toBe('https://api.example.com/users/7')
    expect(useStore.getState().traced?.request.url).toBe('https://api.example.com/users/7')
    // Editing again does not touch the trace already shown.
    useStore.getState().setRequest({ ...base.request, url: 'https://api.example.com/users/8' })
    expect(useStore.getState().traced?.request.url).toBe('https://api.example.com/users/7')
  })

  it('re-runs from a cold browser when the app changes', async () => {
    const transport = fakeTransport()
    useStore.getState().setTransport(transport)
    await useStore.getState().sendRequest()
    await useStore.getState().sendRequest()
    expect(transport.calls[1]?.connection).toBeDefined()
    const { scenario } = useStore.getState().working
    useStore.getState().setScenario({ ...scenario, middleware: [] })
    await settle()
    expect(transport.calls).toHaveLength(3)
    expect(transport.calls[2]?.connection).toBeUndefined()
    expect(transport.calls[2]?.scenario.middleware).toEqual([])
  })

  it('opening a curated scenario drops the edits', () => {
    useStore.getState().setRequest({ method: 'DELETE', url: 'https://x.example/' })
    useStore.getState().loadScenario('not-found')
    const curated = findScenario('not-found')!
    expect(useStore.getState().working.request).toBe(curated.request)
    expect(useStore.getState().customized).toBe(false)
  })
})
