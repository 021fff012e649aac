import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  MASK,
  importHar,
  maskBody,
  maskHeader,
  maskPage,
  maskUrl,
  parseServerTiming,
} from '../../../src/har'
import { fixture } from './fixtures'

describe('masking secrets', () => {
  it('keeps the auth scheme and cookie names, masks their values', () => {
    expect(maskHeader({ name: 'Authorization', value: 'Bearer abc.def' }).value).toBe(
      `Bearer ${MASK}`,
    )
    expect(maskHeader({ name: 'cookie', value: 'session=1; theme=dark' }).value).toBe(
      `session=${MASK}; theme=${MASK}`,
    )
    expect(maskHeader({ name: 'Set-Cookie', value: 'id=42; Path=/; HttpOnly' }).value).toBe(
      `id=${MASK}; Path=/; HttpOnly`,
    )
    expect(maskHeader({ name: 'X-Api-Key', value: 'k' }).value).toBe(MASK)
    expect(maskHeader({ name: 'Accept', value: 'text/html' }).value).toBe('text/html')
    // A JWT is masked wherever it appears.
    expect(maskHeader({ name: 'X-Debug', value: 'was eyJhbGciOi.eyJzdWIiOi.sig' }).value).toBe(
      `was ${MASK}`,
    )
  })

  it('masks secret query parameters, form fields and JSON keys', () => {
    expect(maskUrl('https://a.test/x?access_token=abc&page=2#top')).toBe(
      `https://a.test/x?access_token=${MASK}&page=2#top`,
    )
    expect(
      maskBody('{"user":"ada","password":"pw","nested":{"apiKey":"k"}}', 'application/json'),
    ).toBe(`{"user":"ada","password":"${MASK}","nested":{"apiKey":"${MASK}"}}`)
    expect(maskBody('text=hi&csrf_token=0a', 'application/x-www-form-urlencoded')).toBe(
      `text=hi&csrf_token=${MASK}`,
    )
  })

  it('masks every secret of the Chrome fixture, and the original is kept for the toggle', () => {
    const result = importHar(fixture('chrome'))
    if (!result.ok) throw new Error(result.error.message)
    const masked = maskPage(result.value)
    const text = JSON.stringify(masked)
    for (const secret of [
      '8f14e45fceea167a5a36dedd4bea2543',
      '9a1158154dfa42caddbd0694a4e9bdc8',
      'eyJhbGciOiJIUzI1NiJ9',
      'ab12cd34',
      'f00dfeed',
    ])
      expect(text).not.toContain(secret)
    // The same measured numbers, and the unmasked page is untouched.
    expect(masked.entries.map((e) => e.phases)).toEqual(result.value.entries.map((e) => e.phases))
    expect(JSON.stringify(result.value)).toContain('8f14e45fceea167a5a36dedd4bea2543')
  })

  it('masks the password of a Playwright login', () => {
    const result = importHar(fixture('playwright'))
    if (!result.ok) throw new Error(result.error.message)
    const login = maskPage(result.value).entries[0]!
    expect(login.request.postData?.text).toBe(`{"user":"ada","password":"${MASK}"}`)
  })

  it('never throws on any text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (text, mime) => {
        expect(typeof maskBody(text, mime)).toBe('string')
        expect(typeof maskUrl(text)).toBe('string')
      }),
      { numRuns: 300 },
    )
  })
})

describe('Server-Timing', () => {
  it('reads names, durations and descriptions, quoted ones with commas too', () => {
    expect(parseServerTiming('proxy;dur=12.5, app;dur=40;desc="Flask, view", db;dur=7')).toEqual([
      { name: 'proxy', dur: 12.5 },
      { name: 'app', dur: 40, desc: 'Flask, view' },
      { name: 'db', dur: 7 },
    ])
    expect(parseServerTiming('miss, cache;desc=hit')).toEqual([
      { name: 'miss' },
      { name: 'cache', desc: 'hit' },
    ])
  })

  it('leaves out what is not a duration, and skips a malformed metric', () => {
    expect(parseServerTiming('a;dur=-3, b;dur=x, ;dur=4, c;dur=1;dur=2')).toEqual([
      { name: 'a' },
      { name: 'b' },
      { name: 'c', dur: 1 },
    ])
  })

  it('never throws and never reports a negative or infinite duration', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (header) => {
        for (const m of parseServerTiming(header))
          if (m.dur !== undefined) expect(Number.isFinite(m.dur) && m.dur >= 0).toBe(true)
      }),
      { numRuns: 500 },
    )
  })
})
