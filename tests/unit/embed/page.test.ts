// The embed API's page loads: `load {page: id, step?, request?}` is validated field by field, an
// unknown id or a request the page load lacks is answered with an error, and while a page load is
// open the playback commands move its playhead.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { MessageContext } from '../../../src/embed/api'
import { parseLoadPayload, readMessage } from '../../../src/embed/api'
import { createSession, pageStateOf, stateOf } from '../../../src/embed/session'
import { posterTextOf } from '../../../src/embed/posterText'
import { startBridge } from '../../../src/embed/bridge'
import { readEmbedParams } from '../../../src/embed/params'
import { pageView, resetPageView } from '../../../src/link/page'
import { resetStore, useStore } from '../../../src/store'
import { noIgnored } from '../../../src/embed/api'
import { stepsOf, traceOf } from '../../../src/ui/page/model'

const context: MessageContext = {
  fromParent: true,
  origin: 'https://course.example.edu',
  allowList: null,
  host: 'none',
}
const load = (payload: unknown, id = 'x1') =>
  readMessage({ ns: 'roundtrip', v: 1, kind: 'cmd', name: 'load', id, payload }, context)

describe('load {page}: reading the payload', () => {
  it('reads a page load with its step and request', () => {
    expect(parseLoadPayload({ page: 'page-load-h2', step: 12, request: 'r5' })).toEqual({
      kind: 'page',
      id: 'page-load-h2',
      step: 12,
      request: 'r5',
    })
    expect(parseLoadPayload({ page: 'cdn-miss' })).toEqual({
      kind: 'page',
      id: 'cdn-miss',
      step: null,
      request: null,
    })
  })

  it.each([
    [{ page: 'page-load-h9' }, /there is no page load "page-load-h9" \(there are page-load, /],
    [{ page: 42 }, /page must be a page load's id, got/],
    [{ page: 'page-load', step: 0 }, /step must be a whole number from 1/],
    [{ page: 'page-load', step: 2.5 }, /step must be a whole number from 1/],
    [{ page: 'page-load', request: 5 }, /request must be a request id .* such as "r0"/],
    [{ page: 'page-load', request: '<img>' }, /request must be a request id/],
    [{ page: 'page-load', scenario: 'get-user' }, /load takes one of scenario .*, app .* or page/],
    [{ scenario: 'get-user', step: 3 }, /load takes a step only with page/],
  ])('%j is answered with an error that says why', (payload, message) => {
    const incoming = load(payload)
    expect(incoming.type).toBe('invalid')
    expect(incoming.type === 'invalid' && incoming.message).toMatch(message)
    expect(incoming.type === 'invalid' && incoming.id).toBe('x1')
  })
})

describe('load {page}: the widget', () => {
  beforeEach(() => {
    resetStore()
    resetPageView()
  })
  afterEach(() => {
    resetStore()
    resetPageView()
  })

  it('opens the page load without sending anything, and reports it in the state', async () => {
    const session = createSession(useStore)
    await session.execute({
      name: 'load',
      target: { kind: 'page', id: 'page-load-lossy', step: 20, request: 'r4' },
    })
    expect(useStore.getState().sending).toBe(false)
    expect(useStore.getState().trace).toBeNull()
    expect(pageView.getState()).toMatchObject({
      open: true,
      scenarioId: 'page-load-lossy',
      protocol: 'h2',
      network: 'lossy',
      step: 19,
      request: 'r4',
    })
    const total = stepsOf(traceOf(pageView.getState())).length
    expect(stateOf(useStore.getState(), noIgnored()).page).toEqual({
      id: 'page-load-lossy',
      title: 'HTTP/2 on a lossy network',
      step: 20,
      total,
      request: 'r4',
      playing: false,
    })
  })

  it('moves the page load’s playhead with step, goTo, play and pause', async () => {
    const session = createSession(useStore)
    await session.execute({
      name: 'load',
      target: { kind: 'page', id: 'page-load', step: null, request: null },
    })
    const total = pageStateOf()!.total
    await session.execute({ name: 'step', by: 3 })
    expect(pageStateOf()!.step).toBe(4)
    await session.execute({ name: 'step', by: -10 })
    expect(pageStateOf()!.step).toBe(1)
    await session.execute({ name: 'goTo', step: 100_000 })
    expect(pageStateOf()!.step).toBe(total)
    await session.execute({ name: 'play' })
    expect(pageStateOf()!.playing).toBe(true)
    await session.execute({ name: 'pause' })
    expect(pageStateOf()!.playing).toBe(false)
    // No request was sent for any of it.
    expect(useStore.getState().trace).toBeNull()
  })

  it('a step past the end shows the last step', async () => {
    const session = createSession(useStore)
    await session.execute({
      name: 'load',
      target: { kind: 'page', id: 'page-load-h3', step: 99_999, request: null },
    })
    expect(pageStateOf()!.step).toBe(pageStateOf()!.total)
  })

  it('refuses a request the page load does not have, and keeps what was open', async () => {
    const session = createSession(useStore)
    await session.execute({
      name: 'load',
      target: { kind: 'page', id: 'cdn-hit', step: 3, request: null },
    })
    await expect(
      session.execute({
        name: 'load',
        target: { kind: 'page', id: 'page-load', step: null, request: 'r99' },
      }),
    ).rejects.toThrow('the page load page-load has no request r99 (it has r0 to r24)')
    expect(pageView.getState()).toMatchObject({ open: true, scenarioId: 'cdn-hit', step: 2 })
  })

  it('the poster names a page load before the app has loaded', () => {
    expect(posterTextOf(new Map([['page', 'page-load-h2']]))).toEqual({
      title: 'Page load: The same page over HTTP/2',
      goal: expect.stringMatching(/One connection per origin/),
    })
    expect(posterTextOf(new Map([['page', 'nope']])).title).not.toMatch(/^Page load/)
  })
})

describe('load {page}: over postMessage', () => {
  beforeEach(() => {
    resetStore()
    resetPageView()
  })
  afterEach(() => {
    resetStore()
    resetPageView()
  })

  const HOST = 'https://course.example.edu'
  const frame = () => {
    const posted: { message: { name: string; id?: unknown; payload: unknown }; origin: string }[] =
      []
    const listeners = new Set<(e: MessageEvent) => void>()
    const parent = {
      postMessage: (message: never, origin: string) => posted.push({ message, origin }),
    }
    const win = {
      parent,
      document: { referrer: `${HOST}/page` },
      location: {},
      addEventListener: (_: string, fn: (e: MessageEvent) => void) => listeners.add(fn),
      removeEventListener: (_: string, fn: (e: MessageEvent) => void) => listeners.delete(fn),
    }
    const send = (name: string, payload: unknown, id: string) => {
      const data = { ns: 'roundtrip', v: 1, kind: 'cmd', name, payload, id }
      for (const fn of listeners)
        fn({ data, origin: HOST, source: parent } as unknown as MessageEvent)
    }
    startBridge({
      win: win as unknown as Window,
      store: useStore,
      session: createSession(useStore),
      params: readEmbedParams(''),
      root: null,
    })
    return { posted, send }
  }
  const flush = () => new Promise((done) => setTimeout(done, 0))

  it('answers load {page} with the state, reports each step, and an unknown id with an error', async () => {
    const { posted, send } = frame()
    send('load', { page: 'page-load-h2', step: 3 }, 'a')
    await flush()
    await flush()
    const state = posted.find((p) => p.message.name === 'state' && p.message.id === 'a')
    expect(state?.origin).toBe(HOST)
    expect((state?.message.payload as { page: unknown }).page).toMatchObject({
      id: 'page-load-h2',
      step: 3,
    })
    send('step', { by: 2 }, 'b')
    await flush()
    await flush()
    const change = posted.filter((p) => p.message.name === 'stepchange').at(-1)?.message.payload
    const steps = stepsOf(traceOf(pageView.getState()))
    expect(change).toEqual({
      page: 'page-load-h2',
      step: 5,
      total: steps.length,
      title: steps[4]!.text,
    })
    send('load', { page: 'page-load-h9' }, 'c')
    await flush()
    await flush()
    const error = posted.find((p) => p.message.name === 'error' && p.message.id === 'c')
    expect((error?.message.payload as { message: string }).message).toMatch(
      /there is no page load "page-load-h9"/,
    )
    expect(pageView.getState()).toMatchObject({ open: true, scenarioId: 'page-load-h2', step: 4 })
  })
})
