import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { findScenario, simulate } from '../../src/engine'
import type { PresentMessage } from '../../src/ui/present/channel'
import { envelope, isTrace, parsePresentMessage } from '../../src/ui/present/channel'
import { parseLink, serializeLink } from '../../src/link/hash'
import { isPresenterView, presenterUrl } from '../../src/ui/present/openPresenter'

const curated = findScenario('get-user')!
const trace = simulate({ scenario: curated.scenario, request: curated.request, seed: 1 })
const dnsFailure = findScenario('dns-failure')!
const failed = simulate({ scenario: dnsFailure.scenario, request: dnsFailure.request })
const playhead = {
  session: 'a1b2',
  traceId: 3,
  playhead: 5,
  playing: false,
  presenting: true,
  since: 1_700_000_000_000,
}
const state: PresentMessage = {
  type: 'state',
  shown: { title: curated.title, scenario: curated.scenario, request: curated.request, trace },
  ...playhead,
}

/** The message as the other window receives it: enveloped, then structured-cloned. */
const wire = (message: PresentMessage): unknown => structuredClone(envelope(message))
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a tampering test pokes anywhere
type Wire = Record<string, any>

/** A copy of the wire form with one change made by `change`. */
const tampered = (message: PresentMessage, change: (copy: Wire) => void) => {
  const copy = wire(message) as Wire
  change(copy)
  return copy
}

describe('presenter channel messages', () => {
  it('every message survives the trip unchanged', () => {
    const messages: PresentMessage[] = [
      { type: 'hello' },
      { type: 'bye', from: 'main' },
      { type: 'bye', from: 'presenter' },
      { type: 'playhead', ...playhead },
      { type: 'playhead', ...playhead, since: null },
      { type: 'state', shown: null, ...playhead, playhead: 0 },
      state,
      { type: 'command', command: 'stepForward' },
      { type: 'command', command: 'pause' },
      { type: 'command', command: 'seek', index: 12 },
    ]
    for (const message of messages) expect(parsePresentMessage(wire(message))).toEqual(message)
  })

  it('a network failure trace (an error, no response) is a trace too', () => {
    expect(failed.error).toBeDefined()
    expect(isTrace(structuredClone(failed))).toBe(true)
  })

  it('ignores anything that is not our envelope', () => {
    for (const data of [
      null,
      undefined,
      42,
      'hello',
      [],
      { type: 'hello' },
      { ns: 'roundtrip', v: 1, type: 'hello' },
      { ns: 'roundtrip-present', v: 2, type: 'hello' },
      { ns: 'roundtrip-present', v: 1, type: 'goodbye' },
    ])
      expect(parsePresentMessage(data)).toBeNull()
  })

  it.each([
    ['an unknown command', { type: 'command', command: 'rm -rf' }],
    ['a seek without an index', { type: 'command', command: 'seek' }],
    ['a negative seek', { type: 'command', command: 'seek', index: -1 }],
    ['a fractional seek', { type: 'command', command: 'seek', index: 1.5 }],
    ['a bye from nobody', { type: 'bye', from: 'someone' }],
    ['a playhead without a session', { type: 'playhead', ...playhead, session: '' }],
    ['a playhead with a huge session', { type: 'playhead', ...playhead, session: 'x'.repeat(65) }],
    ['a string playhead', { type: 'playhead', ...playhead, playhead: '5' }],
    ['a NaN start time', { type: 'playhead', ...playhead, since: Number.NaN }],
    ['a state without its shown field', { type: 'state', ...playhead }],
  ])('rejects %s', (_, message) => {
    expect(parsePresentMessage({ ns: 'roundtrip-present', v: 1, ...message })).toBeNull()
  })

  it.each<[string, (copy: Wire) => void]>([
    ['a playhead past the last step', (c) => (c.playhead = trace.events.length)],
    ['a trace without events', (c) => (c.shown.trace.events = [])],
    ['an event in an unknown layer', (c) => (c.shown.trace.events[2].layer = 'kernel')],
    ['an event out of order', (c) => (c.shown.trace.events[2].seq = 7)],
    ['an event with a negative time', (c) => (c.shown.trace.events[0].at = -1)],
    ['an event without its request', (c) => delete c.shown.trace.events[1].request],
    ['both a response and an error', (c) => (c.shown.trace.error = { code: 'X', message: 'y' })],
    ['neither a response nor an error', (c) => delete c.shown.trace.response],
    ['a scenario of another version', (c) => (c.shown.scenario.version = 99)],
    ['a scenario with a broken route', (c) => (c.shown.scenario.routes = 'all of them')],
    ['a request with an unknown method', (c) => (c.shown.request.method = 'BREW')],
    ['a title that is not text', (c) => (c.shown.title = { toString: 1 })],
  ])('rejects a state with %s', (_, change) => {
    expect(parsePresentMessage(tampered(state, change))).toBeNull()
  })

  it('never throws, whatever arrives', () => {
    fc.assert(
      fc.property(fc.anything(), (data) => {
        parsePresentMessage(data)
        parsePresentMessage({ ns: 'roundtrip-present', v: 1, type: 'state', shown: data })
        parsePresentMessage({
          ...playhead,
          ns: 'roundtrip-present',
          v: 1,
          type: 'state',
          shown: { title: 't', scenario: data, request: curated.request, trace },
        })
      }),
      { numRuns: 300 },
    )
  })
})

describe('the present hash key and the presenter address', () => {
  const presentFromHash = (hash: string) => parseLink(hash).values.present ?? false

  it('reads present=1 (and true or the bare key) as yes, anything else as no, never throwing', () => {
    expect(presentFromHash('#scenario=get-user&present=1')).toBe(true)
    expect(presentFromHash('#present=true')).toBe(true)
    expect(presentFromHash('#present')).toBe(true)
    expect(presentFromHash('#present=0')).toBe(false)
    expect(presentFromHash('#present=%E0%A4%A')).toBe(false)
    expect(presentFromHash('#scenario=get-user')).toBe(false)
    expect(presentFromHash('')).toBe(false)
    fc.assert(fc.property(fc.string(), (hash) => typeof presentFromHash(hash) === 'boolean'))
  })

  it('writes present=1 after the moment, and leaves it out when not presenting', () => {
    expect(serializeLink({ scenario: 'get-user', step: 4, present: true })).toBe(
      'scenario=get-user&step=4&present=1',
    )
    expect(serializeLink({ scenario: 'get-user', step: 4, present: false }, { present: '1' })).toBe(
      'scenario=get-user&step=4',
    )
    expect(serializeLink({ present: false })).toBe('')
  })

  it('the presenter view is this page with ?view=presenter and no hash', () => {
    const url = presenterUrl('https://course.example/roundtrip/index.html?x=1#scenario=a&present=1')
    expect(url).toBe('https://course.example/roundtrip/index.html?view=presenter')
    expect(isPresenterView(new URL(url).search)).toBe(true)
    expect(isPresenterView('?view=embed')).toBe(false)
    expect(isPresenterView('')).toBe(false)
  })
})
