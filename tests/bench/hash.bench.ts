// @vitest-environment node
import { deflateRawSync } from 'node:zlib'
import { bench, describe } from 'vitest'
import { findScenario, scenarios } from '../../src/engine'
import { MAX_DECODED_BYTES, decodeState, encodeState, parseLink } from '../../src/link/hash'
import { inflateRaw, toBase64Url } from '../../src/link/payload'

const getUser = findScenario('get-user')!
// An edited app travels whole in the link (compressed): the heaviest case the address bar carries.
const edited = {
  scenarioId: getUser.id,
  scenario: { ...getUser.scenario, middleware: [] },
  request: { ...getUser.request, url: 'https://api.example.com/users/7' },
  seed: 3,
  step: 12,
  depth: 'deep' as const,
  theme: 'dark' as const,
}
const editedHash = encodeState(edited)
const largest = [...scenarios].sort(
  (a, b) => JSON.stringify(b.scenario).length - JSON.stringify(a.scenario).length,
)[0]!
const largestState = {
  scenarioId: largest.id,
  scenario: { ...largest.scenario, routes: [...largest.scenario.routes].reverse() },
  request: { ...largest.request, headers: { ...largest.request.headers, 'x-edited': '1' } },
}

// `parseLink` remembers the last hash it read, so the decoding benches alternate two hashes (the
// second with one more key) to read one for real every time.
const twice = (hash: string) => [hash, `${hash}&z`] as const
let i = 0

describe('deep links', () => {
  const editedHashes = twice(editedHash)
  bench('encode an edited app, request, step, depth and theme', () => {
    encodeState(edited)
  })

  bench('decode (and validate) that link', () => {
    decodeState(editedHashes[i++ & 1]!)
  })

  bench(
    `encode + decode (${encodeState(largestState).length} characters) the largest curated app, edited: ${largest.id}`,
    () => {
      decodeState(twice(encodeState(largestState))[i++ & 1]!)
    },
  )
})

// Hostile links: each must cost about as much as a normal one, never seconds.
const bareKeys = twice(`scenario=not-found&step=3${'&k'.repeat(99_998)}`)
const distinctKeys = twice(
  `theme=dark&${Array.from({ length: 40_000 }, (_, k) => `k${k.toString(36)}=1`).join('&')}`,
)
// As much zero-filled output as a 400,000-character hash can carry in one payload.
const bomb = deflateRawSync(Buffer.alloc(280 << 20), { level: 9 })
const bombHash = `app=1.${toBase64Url(bomb)}`

describe('hostile links', () => {
  bench(`parse a hash of 100,000 keys (${bareKeys[0]!.length} characters)`, () => {
    parseLink(bareKeys[i++ & 1]!)
  })

  bench(`decode a hash of 40,000 distinct keys (${distinctKeys[0]!.length} characters)`, () => {
    decodeState(distinctKeys[i++ & 1]!)
  })

  bench(`refuse a ${bomb.length}-byte DEFLATE bomb (280 MB of zeros)`, () => {
    try {
      inflateRaw(bomb, MAX_DECODED_BYTES)
    } catch {
      // refused, as it should be
    }
  })

  const bombHashes = twice(bombHash)
  bench(`decode a link carrying that bomb (${bombHash.length} characters)`, () => {
    decodeState(bombHashes[i++ & 1]!)
  })
})
