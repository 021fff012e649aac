/**
 * The presenter channel's reader (`parsePresentMessage` in src/ui/present/channel.ts): any data
 * gives a message of a known shape or `null`, never a throw; every message the app sends reads
 * back as sent.
 */
import fc from 'fast-check'
import { describe, expect } from 'vitest'
import { parseRequestSpec, parseScenario, scenarios, simulate } from '../../src/engine'
import type { Playhead, PresentMessage } from '../../src/ui/present/channel'
import { COMMANDS, envelope, isTrace, parsePresentMessage } from '../../src/ui/present/channel'
import type { Json } from './arbitraries'
import { POLLUTERS, hostileString, mutationArb, mutate, valueArb } from './arbitraries'
import { fuzz, prototypeIsClean, viaJson } from './harness'

const shownOf = scenarios.slice(0, 12).map((curated) => ({
  title: curated.title,
  scenario: curated.scenario,
  request: curated.request,
  trace: viaJson(simulate({ scenario: curated.scenario, request: curated.request, seed: 1 })),
}))

const playheadArb = (events: number): fc.Arbitrary<Playhead> =>
  fc.record({
    session: fc.string({ minLength: 1, maxLength: 64 }),
    traceId: fc.nat(),
    playhead: fc.nat({ max: Math.max(0, events - 1) }),
    playing: fc.boolean(),
    presenting: fc.boolean(),
    since: fc.option(fc.nat(), { nil: null }),
  })

/** What the projected window and the presenter post to each other. */
const messageArb: fc.Arbitrary<PresentMessage> = fc.oneof(
  fc.constant({ type: 'hello' as const }),
  fc
    .constantFrom('main' as const, 'presenter' as const)
    .map((from) => ({ type: 'bye' as const, from })),
  fc
    .constantFrom(...COMMANDS.filter((c) => c !== 'seek'))
    .map((command) => ({ type: 'command' as const, command })),
  fc.nat().map((index) => ({ type: 'command' as const, command: 'seek' as const, index })),
  playheadArb(1000).map((p) => ({ type: 'playhead' as const, ...p })),
  fc
    .constantFrom(...shownOf)
    .chain((shown) =>
      playheadArb(shown.trace.events.length).map((p) => ({ type: 'state' as const, shown, ...p })),
    ),
  playheadArb(1000).map((p) => ({ type: 'state' as const, shown: null, ...p })),
)

/** A message's shape, as the receiving window relies on it. */
const expectShaped = (message: PresentMessage) => {
  switch (message.type) {
    case 'hello':
      return
    case 'bye':
      expect(['main', 'presenter']).toContain(message.from)
      return
    case 'command':
      expect(COMMANDS).toContain(message.command)
      if (message.command === 'seek')
        expect(Number.isSafeInteger(message.index) && message.index! >= 0).toBe(true)
      return
    case 'playhead':
    case 'state':
      expect(message.session.length).toBeGreaterThan(0)
      expect(message.session.length).toBeLessThanOrEqual(64)
      for (const n of [message.traceId, message.playhead])
        expect(Number.isSafeInteger(n) && n >= 0).toBe(true)
      if (message.type === 'state' && message.shown) {
        const { shown } = message
        expect(shown.title.length).toBeLessThanOrEqual(200)
        expect(() => parseScenario(viaJson(shown.scenario))).not.toThrow()
        expect(() => parseRequestSpec(viaJson(shown.request))).not.toThrow()
        expect(isTrace(shown.trace)).toBe(true)
        expect(message.playhead).toBeLessThan(shown.trace.events.length)
      }
  }
}

describe('fuzz: the presenter channel reader (src/ui/present/channel.ts)', () => {
  fuzz('present-sent-messages-read-back', { runs: 400 }, () =>
    fc.property(messageArb, (message) => {
      // BroadcastChannel delivers a structured clone.
      const read = parsePresentMessage(structuredClone(envelope(message)))
      expect(read).not.toBeNull()
      expect(viaJson(read)).toEqual(viaJson(message))
    }),
  )

  fuzz('present-mutated-messages', { runs: 800, timeout: 30_000 }, () =>
    fc.property(
      messageArb,
      fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
      (message, mutations) => {
        const data = viaJson(envelope(message)) as unknown as Json
        for (const mutation of mutations) mutate(data, mutation)
        const read = parsePresentMessage(data)
        expect(prototypeIsClean()).toBe(true)
        if (read !== null) expectShaped(read)
      },
    ),
  )

  fuzz('present-arbitrary-data', { runs: 1500 }, () =>
    fc.property(
      fc.oneof(
        valueArb,
        fc.constantFrom(...POLLUTERS),
        fc.record(
          {
            ns: fc.constantFrom('roundtrip-present', 'roundtrip'),
            v: fc.constantFrom(1, 2, '1'),
            type: fc.oneof(
              fc.constantFrom('hello', 'bye', 'command', 'state', 'playhead', '__proto__'),
              hostileString,
            ),
          },
          { requiredKeys: ['ns', 'v'] },
        ),
      ),
      (data) => {
        const read = parsePresentMessage(data)
        expect(prototypeIsClean()).toBe(true)
        if (read !== null) expectShaped(read)
      },
    ),
  )
})
