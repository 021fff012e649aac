import { afterEach, describe, expect, it } from 'vitest'
import type { SimulateInput } from '../../../src/engine'
import { simulate } from '../../../src/engine'
import { decodeState, encodeState, parseLink } from '../../../src/link/hash'
import { applyLink, linkStateOf } from '../../../src/link/state'
import { resetStore, useStore } from '../../../src/store'
import { loadCatalogue } from '../../../src/store/catalogue'

// The store knows the whole catalogue once it is loaded, as a page does just after first paint.
await loadCatalogue()

afterEach(() => resetStore())

/** The engine as the transport, counting what was sent and over which connection. */
const useEngine = () => {
  const calls: SimulateInput[] = []
  useStore.getState().setTransport({
    mode: 'in-process',
    send: (input) => {
      calls.push(input)
      return Promise.resolve(simulate(input))
    },
  })
  return calls
}

const settled = () =>
  new Promise<void>((resolve) => {
    const check = () => {
      if (!useStore.getState().sending && useStore.getState().trace) return resolve()
      setTimeout(check, 0)
    }
    check()
  })

const status = () => {
  const s = useStore.getState()
  return `Step ${s.playhead + 1} of ${s.trace?.events.length}: ${s.trace?.events[s.playhead]?.title}`
}

describe('warm=N: a link to a repeat request', () => {
  it('reads and writes the count of earlier sends; 0 is the default and is left out', () => {
    expect(decodeState('scenario=get-user&step=14&warm=1').state).toMatchObject({
      scenarioId: 'get-user',
      step: 14,
      warm: 1,
    })
    const { state } = decodeState('scenario=get-user&step=14&warm=1')
    expect(encodeState(state)).toBe('scenario=get-user&step=14&warm=1')
    expect(encodeState({ ...state, warm: 0 })).toBe('scenario=get-user&step=14')
    expect(decodeState('scenario=get-user&warm=0').state.warm).toBeUndefined()
  })

  it('names a count it cannot use and opens the request cold', () => {
    for (const bad of ['-1', 'two', '51', '1e3']) {
      const { state, notice } = decodeState(`scenario=get-user&step=3&warm=${bad}`)
      expect(state.warm).toBeUndefined()
      expect(state.step).toBe(3)
      expect(notice).toMatch(/warm .* is not a count of earlier sends from 0 to 50/)
    }
    expect(parseLink('warm=2').values.warm).toBe(2)
  })

  it('a repeat on screen is shared as warm=1 and reopens as the same repeat at the same step', async () => {
    useEngine()
    useStore.getState().loadScenario('get-user')
    await useStore.getState().sendRequest()
    const cold = useStore.getState().trace!.events.length
    await useStore.getState().sendRequest()
    expect(useStore.getState().warmups).toBe(1)
    const warm = useStore.getState().trace!.events.length
    expect(warm).toBeLessThan(cold)
    useStore.getState().seek(13)
    const shown = status()
    const hash = encodeState(linkStateOf(useStore.getState()))
    expect(hash).toBe('scenario=get-user&step=14&warm=1')

    // A fresh page opens the link: the request goes out twice and the second trace is shown.
    resetStore()
    const calls = useEngine()
    applyLink(parseLink(hash))
    await settled()
    expect(calls).toHaveLength(2)
    expect(calls[0]!.connection).toBeUndefined()
    expect(calls[1]!.connection).toBeDefined()
    expect(status()).toBe(shown)
    expect(useStore.getState().warmups).toBe(1)
  })

  it('an edited request sent twice reopens as that repeat, edit and all', async () => {
    useEngine()
    useStore.getState().loadScenario('get-user')
    useStore.getState().setRequest({
      ...useStore.getState().working.request,
      url: 'https://api.example.com/users/7',
    })
    await useStore.getState().sendRequest()
    await useStore.getState().sendRequest()
    useStore.getState().seek(9)
    const shown = status()
    const hash = encodeState(linkStateOf(useStore.getState()))
    expect(hash).toMatch(/^scenario=get-user&req=1\.[\w-]+&step=10&warm=1$/)

    resetStore()
    const calls = useEngine()
    applyLink(parseLink(hash))
    await settled()
    expect(calls).toHaveLength(2)
    expect(calls.every((c) => c.request?.url === 'https://api.example.com/users/7')).toBe(true)
    expect(status()).toBe(shown)
  })

  it('a cold link on a page showing the repeat sends again from a cold browser', async () => {
    const calls = useEngine()
    useStore.getState().loadScenario('get-user')
    await useStore.getState().sendRequest()
    const cold = status()
    await useStore.getState().sendRequest()
    applyLink(parseLink('scenario=get-user&step=1'))
    await settled()
    expect(calls).toHaveLength(3)
    expect(calls[2]!.connection).toBeUndefined()
    expect(status()).toBe(cold)
    expect(useStore.getState().warmups).toBe(0)
  })

  it('a repeat after another request cannot be rebuilt: warmups is null and the link is cold', async () => {
    useEngine()
    useStore.getState().loadScenario('get-user')
    await useStore.getState().sendRequest()
    useStore.getState().setRequest({
      ...useStore.getState().working.request,
      url: 'https://api.example.com/users/7',
    })
    await useStore.getState().sendRequest()
    expect(useStore.getState().warmups).toBeNull()
    expect(useStore.getState().previousTrace).not.toBeNull()
    expect(linkStateOf(useStore.getState()).warm).toBeUndefined()
  })
})

describe('one Send rule', () => {
  it('sends nothing while the draft has fields to fix, and counts the refusal', async () => {
    const calls = useEngine()
    useStore.getState().setDraftErrors(2)
    await useStore.getState().sendRequest()
    await useStore.getState().sendRequest({ cold: true })
    expect(calls).toHaveLength(0)
    expect(useStore.getState().sendRefusals).toBe(2)
    expect(useStore.getState().trace).toBeNull()
    useStore.getState().setDraftErrors(0)
    expect(useStore.getState().sendRefusals).toBe(0)
    await useStore.getState().sendRequest()
    expect(calls).toHaveLength(1)
  })

  it('opening another scenario clears the old draft’s errors (its request replaces the draft)', () => {
    useStore.getState().setDraftErrors(1)
    useStore.getState().loadScenario('not-found')
    expect(useStore.getState().draftErrors).toBe(0)
  })
})
