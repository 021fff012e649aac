import { afterEach, describe, expect, it, vi } from 'vitest'
import { scenarios, simulate } from '../../../src/engine'
import type { Envelope, MessageContext } from '../../../src/embed/api'
import {
  COMMANDS,
  canvasResizeMessage,
  eventEnvelope,
  initialTargets,
  parseLoadPayload,
  readMessage,
  readRevealMessage,
  readyPayload,
  readyTargets,
} from '../../../src/embed/api'
import { MAX_WAITING, startBridge } from '../../../src/embed/bridge'
import { parseAllowList, readEmbedParams } from '../../../src/embed/params'
import { parseLink } from '../../../src/link/hash'
import { applyLink } from '../../../src/link/state'
import { createSession } from '../../../src/embed/session'
import { resetStore, useStore } from '../../../src/store'
import { loadCatalogue } from '../../../src/store/catalogue'

// The store knows the whole catalogue once it is loaded, as a page does just after first paint.
await loadCatalogue()

const HOST = 'https://course.example.edu'
const parentContext: MessageContext = {
  fromParent: true,
  origin: HOST,
  allowList: null,
  host: 'auto',
}
const cmd = (name: string, payload?: unknown, id?: string | number) => ({
  ns: 'roundtrip',
  v: 1,
  kind: 'cmd',
  name,
  ...(payload === undefined ? {} : { payload }),
  ...(id === undefined ? {} : { id }),
})

describe('readMessage', () => {
  it('reads each command with its id', () => {
    expect(readMessage(cmd('play', undefined, 'a1'), parentContext)).toEqual({
      type: 'command',
      id: 'a1',
      command: { name: 'play' },
    })
    expect(readMessage(cmd('step', { by: -2 }, 7), parentContext)).toEqual({
      type: 'command',
      id: 7,
      command: { name: 'step', by: -2 },
    })
    expect(readMessage(cmd('step'), parentContext)).toEqual({
      type: 'command',
      command: { name: 'step', by: 1 },
    })
    expect(readMessage(cmd('goTo', { step: 5 }), parentContext)).toMatchObject({
      command: { name: 'goTo', step: 5 },
    })
    expect(readMessage(cmd('getState'), parentContext)).toMatchObject({
      command: { name: 'getState' },
    })
  })

  it('ignores messages that are not from the parent window, whatever they say', () => {
    expect(readMessage(cmd('play'), { ...parentContext, fromParent: false })).toEqual({
      type: 'ignored',
      reason: 'origin',
    })
    expect(readMessage('slide:stop', { ...parentContext, fromParent: false })).toEqual({
      type: 'ignored',
      reason: 'origin',
    })
  })

  it('with an allow-list, ignores the parent when its origin is not on it', () => {
    const allowList = ['https://lms.example.org']
    expect(readMessage(cmd('play'), { ...parentContext, allowList })).toEqual({
      type: 'ignored',
      reason: 'origin',
    })
    expect(
      readMessage(cmd('play'), { ...parentContext, allowList, origin: 'https://lms.example.org' }),
    ).toMatchObject({ type: 'command' })
    // An allow-list with no valid entry allows nobody.
    expect(readMessage(cmd('play'), { ...parentContext, allowList: [] })).toMatchObject({
      reason: 'origin',
    })
  })

  it('refuses an opaque origin (null) unless the allow-list names null', () => {
    const opaque = { ...parentContext, origin: 'null' }
    expect(readMessage(cmd('play'), opaque)).toEqual({ type: 'ignored', reason: 'origin' })
    expect(readMessage(cmd('play'), { ...opaque, allowList: [HOST] })).toMatchObject({
      reason: 'origin',
    })
    expect(readMessage(cmd('play'), { ...opaque, allowList: [HOST, 'null'] })).toMatchObject({
      type: 'command',
    })
    expect(readMessage(cmd('play'), { ...parentContext, allowList: ['null'] })).toMatchObject({
      reason: 'origin',
    })
  })

  it('sorts malformed, wrong-version and unknown messages by reason', () => {
    const reason = (data: unknown) => {
      const result = readMessage(data, parentContext)
      return result.type === 'ignored' ? result.reason : result.type
    }
    expect(reason(null)).toBe('malformed')
    expect(reason('play')).toBe('malformed')
    expect(reason(42)).toBe('malformed')
    expect(reason([cmd('play')])).toBe('malformed')
    expect(reason({ ...cmd('play'), ns: 'other' })).toBe('malformed')
    expect(reason({ ...cmd('play'), kind: 'evt' })).toBe('malformed')
    expect(reason({ ...cmd('play'), name: 3 })).toBe('malformed')
    expect(reason({ ...cmd('play'), id: { x: 1 } })).toBe('malformed')
    expect(reason({ ...cmd('play'), id: 'x'.repeat(201) })).toBe('malformed')
    expect(reason({ ...cmd('play'), v: 2 })).toBe('version')
    expect(reason({ ...cmd('play'), v: '1' })).toBe('version')
    expect(reason(cmd('explode'))).toBe('unknown-command')
    expect(reason(cmd('__proto__'))).toBe('unknown-command')
    expect(reason(cmd('toString'))).toBe('unknown-command')
  })

  it('answers a bad payload with a sentence and the command id, without throwing', () => {
    for (const [name, payload] of [
      ['step', { by: 1.5 }],
      ['step', { by: 'two' }],
      ['goTo', {}],
      ['goTo', { step: 0 }],
      ['goTo', { step: -3 }],
      ['goTo', { step: Number.NaN }],
      ['load', undefined],
      ['load', {}],
      ['load', { scenario: 'no-such-scenario' }],
      ['load', { scenario: 'get-user', app: {} }],
      ['load', { scenario: 'get-user', request: { method: 'GET', url: 'https://a/' } }],
      ['step', { by: Infinity }],
      ['goTo', { step: Infinity }],
      ['load', { app: { version: 99 } }],
      ['load', { app: '{not json' }],
    ] as const) {
      const result = readMessage(cmd(name, payload, 'q'), parentContext)
      expect(result, `${name} ${JSON.stringify(payload)}`).toMatchObject({
        type: 'invalid',
        id: 'q',
      })
      if (result.type === 'invalid') expect(result.message.length).toBeGreaterThan(10)
    }
  })

  it('never throws on garbage', () => {
    const garbage: unknown[] = [
      undefined,
      Symbol('x'),
      () => 1,
      new Proxy({}, {}),
      { ns: 'roundtrip', v: 1, kind: 'cmd', name: 'load', payload: { app: 'null' } },
      { ns: 'roundtrip', v: 1, kind: 'cmd', name: 'load', payload: { app: [] } },
      { ns: 'roundtrip', v: 1, kind: 'cmd', name: 'load', payload: { scenario: {} } },
      '{"namespace":"reveal"',
    ]
    for (const data of garbage) expect(() => readMessage(data, parentContext)).not.toThrow()
  })
})

describe('load payloads', () => {
  it('accepts a curated id, or an app as JSON (object or string) with an optional request', () => {
    expect(parseLoadPayload({ scenario: 'not-found' })).toEqual({
      kind: 'curated',
      id: 'not-found',
    })
    const curated = scenarios.find((s) => s.id === 'unauthorized')!
    const fromObject = parseLoadPayload({ app: curated.scenario, request: curated.request })
    expect(fromObject).toMatchObject({ kind: 'setup', request: curated.request })
    const fromString = parseLoadPayload({ app: JSON.stringify(curated.scenario) })
    expect(fromString).toMatchObject({ kind: 'setup', request: null })
    // What it loads is what the engine runs: the same trace as the curated scenario.
    if (fromObject.kind !== 'setup') throw new Error('expected a setup')
    expect(
      simulate({ scenario: fromObject.scenario, request: curated.request }).response?.status,
    ).toBe(curated.expectedStatus)
  })

  it('names the bad field of an app or a request', () => {
    const app = scenarios[0]!.scenario
    expect(() => parseLoadPayload({ app: { ...app, version: 7 } })).toThrow(/version/)
    expect(() =>
      parseLoadPayload({ app, request: { method: 'FETCH', url: 'https://a/' } }),
    ).toThrow(/request.method/)
    expect(() => parseLoadPayload({ app, request: { method: 'GET', url: '/relative' } })).toThrow(
      /request.url/,
    )
    expect(() =>
      parseLoadPayload({ app, request: { method: 'GET', url: 'javascript:alert(1)' } }),
    ).toThrow(/request.url/)
    expect(() =>
      parseLoadPayload({ app, request: { method: 'GET', url: 'https://a/', headers: { x: 1 } } }),
    ).toThrow(/request.headers.x/)
  })
})

describe('host adapters', () => {
  it('pauses on reveal.js slide:stop, as a plain string or a JSON event', () => {
    expect(readRevealMessage('slide:stop')).toBe('pause')
    expect(readRevealMessage('slide:start')).toBe('none')
    expect(
      readRevealMessage(JSON.stringify({ namespace: 'reveal', eventName: 'slidechanged' })),
    ).toBe('pause')
    expect(readRevealMessage({ namespace: 'reveal', eventName: 'slide:stop' })).toBe('pause')
    expect(readRevealMessage(JSON.stringify({ namespace: 'reveal', eventName: 'ready' }))).toBe(
      'none',
    )
    expect(readRevealMessage(cmd('pause'))).toBeNull()
    expect(readRevealMessage('{"namespace":"reveal",')).toBeNull()
  })

  it('sees reveal only where asked (host=reveal) or by default (auto)', () => {
    expect(readMessage('slide:stop', parentContext)).toEqual({ type: 'host', action: 'pause' })
    expect(readMessage('slide:stop', { ...parentContext, host: 'reveal' })).toMatchObject({
      action: 'pause',
    })
    expect(readMessage('slide:stop', { ...parentContext, host: 'canvas' })).toEqual({
      type: 'ignored',
      reason: 'malformed',
    })
  })

  it('builds the Canvas resize message as a JSON string', () => {
    expect(JSON.parse(canvasResizeMessage(612))).toEqual({
      subject: 'lti.frameResize',
      height: 612,
    })
  })
})

describe('origins and hash keys', () => {
  it('reads parent= as normalised origins and refuses anything else', () => {
    expect(parseAllowList('https://a.example, http://localhost:8080/ ,https://a.example')).toEqual({
      origins: ['https://a.example', 'http://localhost:8080'],
      invalid: [],
    })
    const { origins, invalid } = parseAllowList(
      '*,null,javascript:x,https://a.example/path,ftp://b',
    )
    expect(origins).toEqual([])
    expect(invalid).toHaveLength(5)
  })

  it('says ready to the targets, to * only when nothing is known or null is allowed', () => {
    expect(readyTargets(null, [HOST], null)).toEqual([HOST])
    expect(readyTargets(null, [], null)).toEqual(['*'])
    expect(readyTargets([HOST], [HOST], null)).toEqual([HOST])
    // A parent= list with no usable entry: nothing, not even ready (fail closed).
    expect(readyTargets([], [], null)).toEqual([])
    expect(readyTargets([], [], 'null')).toEqual([])
    // null on the list: an opaque parent can only be reached through '*'.
    expect(readyTargets(['null'], [], 'null')).toEqual(['*'])
    expect(readyTargets([HOST, 'null'], [HOST], null)).toEqual(['*'])
    // …unless the browser says the parent has a real origin.
    expect(readyTargets([HOST, 'null'], [HOST], HOST)).toEqual([HOST])
    expect(readyTargets(['null'], [], HOST)).toEqual([])
    // A parent the browser reports as opaque, not allowed: it could not command, so no ready.
    expect(readyTargets(null, [], 'null')).toEqual([])
    expect(readyTargets(null, [HOST], 'null')).toEqual([])
  })

  it('targets the allow-list, else the parent origin the browser reports, else nothing', () => {
    expect(initialTargets(['https://a.example'], 'https://b.example', '')).toEqual([
      'https://a.example',
    ])
    expect(initialTargets(null, 'https://b.example', 'https://c.example/page')).toEqual([
      'https://b.example',
    ])
    expect(initialTargets(null, null, 'https://c.example/page?x')).toEqual(['https://c.example'])
    expect(initialTargets(null, null, '')).toEqual([])
    expect(initialTargets(null, 'null', 'not a url')).toEqual([])
    expect(initialTargets(['null', 'https://a.example'], null, '')).toEqual(['https://a.example'])
  })

  it('reads the embed keys from the hash and names the ones it could not use', () => {
    expect(readEmbedParams('#scenario=not-found&step=4&host=canvas&parent=https://x.org')).toEqual({
      host: 'canvas',
      allowList: ['https://x.org'],
      parentNotice: null,
    })
    expect(readEmbedParams('#scenario=get-user')).toEqual({
      host: 'auto',
      allowList: null,
      parentNotice: null,
    })
    const bad = readEmbedParams('#host=moodle&parent=*,https://ok.example')
    expect(bad).toMatchObject({ host: 'auto', allowList: ['https://ok.example'] })
    expect(bad.parentNotice).toMatch(/not origins \(\*\); they were left out/)
    expect(readEmbedParams('%%%&&=').parentNotice).toBeNull()
  })

  it('reads a parent= list with no valid origin as allowing nobody, and says so', () => {
    for (const hash of ['#parent=*', '#parent=', '#parent=https://a.example/path,ftp://b']) {
      const params = readEmbedParams(hash)
      expect(params.allowList, hash).toEqual([])
      expect(params.parentNotice, hash).toMatch(/^The embed's parent list has no valid origin/)
    }
  })

  it('keeps null on a parent= list: the one way to let an opaque origin command', () => {
    expect(readEmbedParams('#parent=null')).toMatchObject({
      allowList: ['null'],
      parentNotice: null,
    })
    expect(readEmbedParams('#parent=https://a.example,null,*')).toMatchObject({
      allowList: ['https://a.example', 'null'],
      parentNotice: expect.stringMatching(/\(\*\)/),
    })
  })

  it('announces every command and event it knows', () => {
    expect(readyPayload()).toEqual({
      v: 1,
      capabilities: [...COMMANDS],
      events: [
        'ready',
        'state',
        'stepchange',
        'ended',
        'resize',
        'error',
        'answer',
        'lessoncomplete',
      ],
    })
    expect(eventEnvelope('error', { message: 'x' }, 'id1')).toEqual({
      ns: 'roundtrip',
      v: 1,
      kind: 'evt',
      id: 'id1',
      name: 'error',
      payload: { message: 'x' },
    })
  })
})

/** A frame and its parent, in memory: what the bridge posts, and a way to send it messages. */
const fakeFrame = (referrer = `${HOST}/course/page`) => {
  const posted: { message: unknown; origin: string }[] = []
  const listeners = new Set<(e: MessageEvent) => void>()
  const parent = {
    postMessage: (message: unknown, origin: string) => posted.push({ message, origin }),
  }
  const win = {
    parent,
    document: { referrer },
    location: {},
    addEventListener: (_: string, fn: (e: MessageEvent) => void) => listeners.add(fn),
    removeEventListener: (_: string, fn: (e: MessageEvent) => void) => listeners.delete(fn),
  }
  const send = (data: unknown, { origin = HOST, source = parent as unknown } = {}) => {
    for (const fn of listeners) fn({ data, origin, source } as MessageEvent)
  }
  const events = () => posted.map((p) => ({ ...(p.message as Envelope), origin: p.origin }))
  return { win: win as unknown as Window, posted, send, events }
}

const flush = () => new Promise((done) => setTimeout(done, 0))

type Send = Parameters<ReturnType<typeof useStore.getState>['setTransport']>[0]['send']

/** A fresh store at `hash`, and a bridge in a fake frame whose page came from `referrer`. */
const bridgeAt = (
  hash: string,
  { referrer = `${HOST}/course/page`, send = (async (i) => simulate(i)) as Send } = {},
) => {
  resetStore()
  useStore.getState().setTransport({ mode: 'in-process', send })
  applyLink(parseLink(hash), { keys: [], step: false })
  const frame = fakeFrame(referrer)
  const bridge = startBridge({
    win: frame.win,
    store: useStore,
    session: createSession(useStore),
    params: readEmbedParams(hash),
    root: null,
  })
  return { ...frame, bridge }
}

describe('bridge', () => {
  afterEach(() => resetStore())

  const setUp = (hash = '#scenario=unauthorized') => bridgeAt(hash)

  it('says ready to the referring origin, and sends nothing until commanded', async () => {
    const { events } = setUp()
    await flush()
    expect(events()).toEqual([
      expect.objectContaining({ name: 'ready', origin: HOST, payload: readyPayload() }),
    ])
    expect(useStore.getState().trace).toBeNull()
  })

  it('answers commands by id, moves the playhead and reports each step', async () => {
    const { send, events } = setUp()
    send(cmd('goTo', { step: 3 }, 'g'))
    await flush()
    await flush()
    const state = events().find((e) => e.name === 'state' && e.id === 'g')
    expect(state?.payload).toMatchObject({ scenario: 'unauthorized', step: 3, playing: false })
    expect(useStore.getState().playhead).toBe(2)
    expect(
      events()
        .filter((e) => e.name === 'stepchange')
        .at(-1)?.payload,
    ).toMatchObject({
      step: 3,
      total: useStore.getState().trace!.events.length,
    })
    send(cmd('step', { by: -1 }, 's'))
    await flush()
    expect(events().find((e) => e.id === 's')?.payload).toMatchObject({ step: 2 })
  })

  it('reports ended with the status when the journey reaches its last step', async () => {
    const { send, events } = setUp()
    send(cmd('goTo', { step: 999 }))
    await flush()
    await flush()
    expect(events().find((e) => e.name === 'ended')?.payload).toEqual({ status: 401 })
  })

  it('counts what it ignores and replies errors with the id', async () => {
    const { send, events } = setUp()
    send(cmd('play'), { source: {} })
    send(cmd('play'), { source: null })
    send({ hello: 1 })
    send({ ...cmd('play'), v: 3 })
    send(cmd('dance'))
    send(cmd('load', { scenario: 'nope' }, 'bad'))
    send(cmd('getState', undefined, 'st'))
    await flush()
    expect(events().find((e) => e.name === 'error')).toMatchObject({
      id: 'bad',
      payload: { id: 'bad', message: expect.stringContaining('nope') },
    })
    expect(events().find((e) => e.id === 'st')?.payload).toMatchObject({
      started: false,
      ignored: { origin: 2, malformed: 1, version: 1, 'unknown-command': 1 },
    })
    expect(useStore.getState().trace).toBeNull()
  })

  it('loads a curated scenario or an app given as JSON', async () => {
    const { send, events } = setUp()
    send(cmd('load', { scenario: 'not-found' }, 1))
    await flush()
    await flush()
    expect(events().find((e) => e.id === 1)?.payload).toMatchObject({
      scenario: 'not-found',
      status: 404,
      step: 1,
    })
    const app = scenarios.find((s) => s.id === 'get-user')!
    send(cmd('load', { app: app.scenario, request: app.request }, 2))
    await flush()
    await flush()
    expect(events().find((e) => e.id === 2)?.payload).toMatchObject({ scenario: null, status: 200 })
  })

  it('pauses when reveal.js hides the slide', async () => {
    const { send } = setUp()
    send(cmd('play'))
    await flush()
    await flush()
    expect(useStore.getState().playing).toBe(true)
    send('slide:stop')
    expect(useStore.getState().playing).toBe(false)
  })

  it('obeys only allow-listed origins and then answers only there', async () => {
    const hash = '#scenario=get-user&parent=https://a.example,https://b.example'
    const frame = bridgeAt(hash, { referrer: '' })
    // ready goes to each allowed origin; the browser delivers only to the parent's.
    expect(frame.posted.map((p) => p.origin)).toEqual(['https://a.example', 'https://b.example'])
    frame.send(cmd('getState', undefined, 'x'), { origin: HOST })
    await flush()
    expect(frame.posted.some((p) => (p.message as Envelope).id === 'x')).toBe(false)
    frame.send(cmd('getState', undefined, 'y'), { origin: 'https://b.example' })
    await flush()
    const reply = frame.posted.find((p) => (p.message as Envelope).id === 'y')
    expect(reply?.origin).toBe('https://b.example')
    expect((reply?.message as Envelope).payload).toMatchObject({ ignored: { origin: 1 } })
    expect(frame.posted.every((p) => p.origin !== '*')).toBe(true)
  })
})

describe('bridge: order, limits and who hears it', () => {
  afterEach(() => resetStore())

  /** A bridge over a transport that answers only when `release()` is called. */
  const slowBridge = (hash = '#scenario=get-user', referrer?: string) => {
    let release = () => {}
    const gate = new Promise<void>((done) => (release = done))
    const send: Send = async (input) => {
      await gate
      return simulate(input)
    }
    const frame = bridgeAt(hash, { ...(referrer === undefined ? {} : { referrer }), send })
    const replies = () => frame.events().filter((e) => e.name === 'state' || e.name === 'error')
    return { ...frame, release, replies }
  }

  it('answers in the order commands were sent, a bad payload behind a slow load', async () => {
    const { send, release, replies } = slowBridge()
    send(cmd('load', { scenario: 'not-found' }, 'load'))
    send(cmd('goTo', { step: 0 }, 'bad'))
    send(cmd('goTo', { step: 3 }, 'go'))
    send(cmd('getState'))
    await flush()
    // The load waits on the network: nothing after it may be answered first.
    expect(replies()).toEqual([])
    release()
    await vi.waitFor(() => expect(replies()).toHaveLength(4))
    expect(replies().map((e) => [e.name, e.id])).toEqual([
      ['state', 'load'],
      ['error', 'bad'],
      ['state', 'go'],
      ['state', undefined],
    ])
    expect(replies()[0]!.payload).toMatchObject({ scenario: 'not-found', step: 1 })
    expect(replies()[3]!.payload).toMatchObject({ step: 3 })
  })

  it(`drops commands past ${MAX_WAITING} waiting, counted as busy`, async () => {
    const { send, release, replies } = slowBridge()
    send(cmd('load', { scenario: 'not-found' }, 0))
    for (let i = 1; i <= MAX_WAITING + 20; i += 1) send(cmd('getState', undefined, i))
    release()
    await vi.waitFor(() => expect(replies()).toHaveLength(MAX_WAITING))
    expect(replies().map((e) => e.id)).toEqual([...Array(MAX_WAITING).keys()])
    send(cmd('getState', undefined, 'after'))
    await vi.waitFor(() => expect(replies().at(-1)?.id).toBe('after'))
    expect(replies().at(-1)!.payload).toMatchObject({ ignored: { busy: 21 } })
  })

  it('shows the last step for goTo or step past the end, and the first for step before it', async () => {
    const { send, release, replies } = slowBridge('#scenario=unauthorized')
    release()
    send(cmd('goTo', { step: 5_000_000 }, 'far'))
    send(cmd('step', { by: -1e12 }, 'back'))
    send(cmd('step', { by: 2 ** 60 }, 'forth'))
    await vi.waitFor(() => expect(replies()).toHaveLength(3))
    const total = useStore.getState().trace!.events.length
    expect(replies().map((e) => e.payload)).toMatchObject([
      { step: total, total, ended: true, status: 401 },
      { step: 1, ended: false },
      { step: total, ended: true },
    ])
  })

  it('with a parent= list that names no valid origin, posts nothing at all and obeys nobody', async () => {
    const { send, posted, release } = slowBridge(
      '#scenario=get-user&parent=*,https://a.example/x',
      '',
    )
    release()
    send(cmd('getState', undefined, 'g'))
    send(cmd('play', undefined, 'p'))
    send(cmd('play'), { origin: 'null' })
    await flush()
    expect(posted).toEqual([])
    expect(useStore.getState().trace).toBeNull()
  })

  it('without parent=, refuses an opaque origin; with parent=null, answers it through *', async () => {
    const closed = slowBridge('#scenario=get-user', '')
    closed.release()
    closed.send(cmd('getState', undefined, 'g'), { origin: 'null' })
    await flush()
    // Only the ready that no origin could be known for; no answer, nothing started.
    expect(closed.events().map((e) => [e.name, e.origin])).toEqual([['ready', '*']])
    resetStore()

    const open = slowBridge('#scenario=get-user&parent=null', '')
    open.release()
    expect(open.events().map((e) => [e.name, e.origin])).toEqual([['ready', '*']])
    open.send(cmd('getState', undefined, 'g'), { origin: HOST })
    open.send(cmd('goTo', { step: 2 }, 'n'), { origin: 'null' })
    await vi.waitFor(() => expect(open.replies()).toHaveLength(1))
    expect(open.replies()[0]).toMatchObject({ id: 'n', origin: '*', payload: { step: 2 } })
    expect(open.replies()[0]!.payload).toMatchObject({ ignored: { origin: 1 } })
  })
})
