/**
 * The embed's message reader (`readMessage` in src/embed/api.ts) on hostile messages: never a
 * throw; a message from anything but the allowed parent is always ignored; every command it
 * accepts is valid.
 */
import fc from 'fast-check'
import { describe, expect } from 'vitest'
import { findScenario, parseRequestSpec, parseScenario, scenarios } from '../../src/engine'
import type { MessageContext } from '../../src/embed/api'
import { COMMANDS, readMessage } from '../../src/embed/api'
import { HOSTS } from '../../src/link/origins'
import { POLLUTERS, hostileString, mutated, valueArb } from './arbitraries'
import { fuzz, prototypeIsClean, viaJson } from './harness'

const HOST = 'https://course.example.edu'
const THIRD = 'https://evil.example'

/** An object with these own keys, `__proto__` included (as a structured clone keeps it). */
const own = (entries: readonly (readonly [string, unknown])[]): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  for (const [key, value] of entries)
    if (value !== ABSENT)
      Object.defineProperty(out, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      })
  return out
}
const ABSENT = Symbol('absent')
const maybe = <T>(arb: fc.Arbitrary<T>, weight = 4) =>
  fc.oneof({ weight, arbitrary: arb }, { weight: 1, arbitrary: fc.constant<typeof ABSENT>(ABSENT) })

const numberish = fc.oneof(
  fc.constantFrom(
    NaN,
    Infinity,
    -Infinity,
    -0,
    0,
    1,
    -1,
    2.5,
    1e308,
    -1e308,
    2 ** 53,
    2 ** 53 + 2,
    5,
    999_999,
  ),
  fc.integer(),
  fc.double(),
  fc.constantFrom('3', '1e3', '', null, true, [], {}, [3]),
)

const appArb = fc.oneof(
  mutated((c) => c.scenario, 2).map(({ input }) => input),
  fc.constantFrom(...scenarios.map((s) => s.scenario)),
  mutated((c) => c.scenario, 2).map(({ input }) => safeJson(input)),
  fc.constantFrom('{', '{"version":1}', 'null', '"x"', '{"__proto__":{"polluted":true}}'),
  valueArb,
)
const requestArb = fc.oneof(
  mutated((c) => c.request, 2).map(({ input }) => input),
  fc.constantFrom(...scenarios.map((s) => s.request)),
  valueArb,
)

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null'
  } catch {
    return 'null'
  }
}

const payloadArb = fc.oneof(
  fc.record({ step: numberish }),
  fc.record({ by: numberish }),
  fc
    .tuple(maybe(fc.oneof(fc.constantFrom(...scenarios.map((s) => s.id)), hostileString, valueArb)))
    .map(([id]) => own([['scenario', id]])),
  fc
    .tuple(maybe(appArb), maybe(requestArb), maybe(fc.constantFrom('get-user', 'x')))
    .map(([app, request, scenario]) =>
      own([
        ['app', app],
        ['request', request],
        ['scenario', scenario],
      ]),
    ),
  fc.constantFrom(...POLLUTERS),
  valueArb,
)

const nameArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...COMMANDS) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'eval',
      'ready',
      'state',
      'PLAY',
      '',
    ),
  },
  { weight: 1, arbitrary: hostileString },
)

const idArb = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.nat({ max: 400 }).map((n) => 'i'.repeat(n)),
  fc.constantFrom(NaN, Infinity, -1, 0, 1.5, null, true, {}, []),
  fc.integer(),
)

/** Envelopes right and wrong in every field, and anything at all. */
const dataArb: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(
        maybe(
          fc.oneof(
            { weight: 6, arbitrary: fc.constant('roundtrip') },
            { weight: 1, arbitrary: fc.constantFrom('Roundtrip', 'roundtrip-present', '', null) },
          ),
        ),
        maybe(
          fc.oneof(
            { weight: 6, arbitrary: fc.constant(1) },
            { weight: 1, arbitrary: fc.constantFrom(0, 2, '1', 1.0000001, NaN, null) },
          ),
        ),
        maybe(
          fc.oneof(
            { weight: 6, arbitrary: fc.constant('cmd') },
            { weight: 1, arbitrary: fc.constantFrom('evt', 'CMD', '', 0) },
          ),
        ),
        maybe(nameArb, 8),
        maybe(idArb, 1),
        maybe(payloadArb),
        maybe(fc.constantFrom(...POLLUTERS), 1),
      )
      .map(([ns, v, kind, name, id, payload, proto]) =>
        own([
          ['ns', ns],
          ['v', v],
          ['kind', kind],
          ['name', name],
          ['id', id],
          ['payload', payload],
          ['__proto__', proto],
        ]),
      ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'slide:stop',
      'slide:start',
      '{"namespace":"reveal","eventName":"slidechanged"}',
      '{"namespace":"reveal"',
      { namespace: 'reveal', eventName: 'paused' },
      { namespace: 'reveal', eventName: { toString: 1 } },
    ),
  },
  { weight: 2, arbitrary: valueArb },
)

const contextArb: fc.Arbitrary<MessageContext> = fc.record({
  fromParent: fc.boolean(),
  origin: fc.oneof(
    fc.constantFrom(HOST, THIRD, 'null', `${HOST}/`, HOST.toUpperCase(), ''),
    hostileString,
  ),
  allowList: fc.oneof(
    fc.constant(null),
    fc.constantFrom([HOST], [HOST, 'null'], [], ['null'], [THIRD, HOST]),
  ),
  host: fc.constantFrom(...HOSTS),
})

const isMessageId = (id: unknown) =>
  (typeof id === 'string' && id.length <= 200) || (typeof id === 'number' && Number.isFinite(id))

describe('fuzz: the embed message reader (src/embed/api.ts)', () => {
  fuzz('embed-read-message', { runs: 3000, timeout: 40_000 }, () =>
    fc.property(dataArb, contextArb, (data, context) => {
      const before = viaJsonOr(data)
      const incoming = readMessage(data, context)
      expect(prototypeIsClean()).toBe(true)
      // The message itself is left as it came.
      expect(viaJsonOr(data)).toBe(before)
      const allowed =
        context.fromParent &&
        (context.allowList === null || context.allowList.includes(context.origin))
      if (!allowed) {
        // Not the parent, or not an allowed origin: ignored, whatever it says.
        expect(incoming).toEqual({ type: 'ignored', reason: 'origin' })
        return
      }
      switch (incoming.type) {
        case 'ignored':
          expect(['origin', 'malformed', 'version', 'unknown-command', 'busy']).toContain(
            incoming.reason,
          )
          return
        case 'host':
          expect(['auto', 'reveal']).toContain(context.host)
          return
        case 'invalid':
          expect(incoming.message.length).toBeGreaterThan(0)
          if (incoming.id !== undefined) expect(isMessageId(incoming.id)).toBe(true)
          return
        case 'command': {
          if (incoming.id !== undefined) expect(isMessageId(incoming.id)).toBe(true)
          const { command } = incoming
          expect(COMMANDS).toContain(command.name)
          if (command.name === 'goTo')
            expect(Number.isInteger(command.step) && command.step >= 1).toBe(true)
          if (command.name === 'step') expect(Number.isInteger(command.by)).toBe(true)
          if (command.name === 'load') {
            const { target } = command
            if (target.kind === 'curated') expect(findScenario(target.id)).toBeDefined()
            else if (target.kind === 'setup') {
              expect(() => parseScenario(viaJson(target.scenario))).not.toThrow()
              if (target.request !== null)
                expect(() => parseRequestSpec(viaJson(target.request))).not.toThrow()
            }
          }
        }
      }
    }),
  )

  fuzz('embed-third-origin-ignored', { runs: 800 }, () =>
    fc.property(
      dataArb,
      fc.boolean(),
      fc.constantFrom(...HOSTS),
      fc.oneof(
        fc.constantFrom(THIRD, 'null', `${HOST}:443`, 'http://course.example.edu'),
        hostileString,
      ),
      (data, fromParent, host, origin) => {
        // A sibling frame or any window not the parent, from any origin:
        expect(
          readMessage(data, { fromParent: false, origin: HOST, allowList: null, host }),
        ).toEqual({ type: 'ignored', reason: 'origin' })
        // The parent, from an origin not on parent=:
        expect(readMessage(data, { fromParent, origin, allowList: [HOST], host })).toEqual({
          type: 'ignored',
          reason: 'origin',
        })
      },
    ),
  )
})

/** A value's JSON, or a marker when it has none (a BigInt, a cycle). */
function viaJsonOr(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'undefined'
  } catch {
    return 'unserializable'
  }
}
