import { describe, expect, it } from 'vitest'
import type { Trace } from '../../../src/engine'
import { findScenario, simulate } from '../../../src/engine'

const run = (id: string, seed = 1): Trace => {
  const curated = findScenario(id)
  if (!curated) throw new Error(`no scenario ${id}`)
  return simulate({ scenario: curated.scenario, request: curated.request, seed })
}

/** Stage ids in the order they first appear in one direction, consecutive repeats folded. */
const path = (trace: Trace, direction: 'request' | 'response'): string[] =>
  trace.events
    .filter((e) => e.direction === direction)
    .map((e) => e.stage)
    .filter((stage, i, all) => stage !== all[i - 1])

describe('simulate: GET /users/42 on the demo app', () => {
  const trace = run('get-user')

  it('passes every layer inward, in onion order', () => {
    expect(path(trace, 'request')).toEqual([
      'client',
      'dns',
      'tcp',
      'tls',
      'proxy',
      'server',
      'middleware:logging',
      'router',
      'validation',
      'handler',
    ])
  })

  it('comes back out in exact reverse, skipping only DNS (set-up) and the router and validation (they never touch a response)', () => {
    expect(path(trace, 'response')).toEqual([
      'handler',
      'middleware:logging',
      'server',
      'proxy',
      'tls',
      'tcp',
      'client',
    ])
  })

  it('ends in 200 OK with the user as JSON', () => {
    expect(trace.error).toBeUndefined()
    expect(trace.response?.status).toBe(200)
    expect(trace.response?.statusText).toBe('OK')
    expect(trace.response?.headers['content-type']).toBe('application/json')
    expect(JSON.parse(trace.response?.body ?? '')).toMatchObject({ id: 42 })
  })

  it('keeps time monotonic: each event starts where the previous one ended', () => {
    for (let i = 1; i < trace.events.length; i++) {
      const previous = trace.events[i - 1]!
      const event = trace.events[i]!
      expect(event.duration).toBeGreaterThanOrEqual(0)
      expect(event.at).toBeCloseTo(previous.at + previous.duration, 3)
    }
  })

  it('takes a realistic total: between 50 and 500 ms on a cold fibre connection', () => {
    const last = trace.events.at(-1)!
    expect(last.at + last.duration).toBeGreaterThan(50)
    expect(last.at + last.duration).toBeLessThan(500)
  })

  it('shows the proxy adding forwarding headers before the app sees the request', () => {
    const parse = trace.events.find((e) => e.type === 'server:parse')!
    expect(parse.request.headers).toHaveProperty('x-forwarded-for')
    expect(parse.request.headers).toHaveProperty('x-forwarded-proto', 'https')
    expect(parse.request.headers).toHaveProperty('x-request-id')
  })
})

describe('simulate: a path no route matches', () => {
  const trace = run('not-found')

  it('ends in 404 answered by the router', () => {
    expect(trace.response?.status).toBe(404)
    const turn = trace.events.find((e) => e.direction === 'response')!
    expect(turn.layer).toBe('router')
  })

  it('never reaches validation or the handler', () => {
    expect(trace.events.some((e) => e.layer === 'validation' || e.layer === 'handler')).toBe(false)
  })
})

describe('simulate: determinism and connection reuse', () => {
  it('reproduces a trace exactly from the same seed', () => {
    expect(run('get-user', 7)).toEqual(run('get-user', 7))
  })

  it('varies timings with a different seed', () => {
    const a = run('get-user', 1).events.map((e) => e.duration)
    const b = run('get-user', 2).events.map((e) => e.duration)
    expect(a).not.toEqual(b)
  })

  it('skips DNS, TCP and TLS handshakes on a kept-alive repeat', () => {
    const curated = findScenario('get-user')!
    const first = simulate({ scenario: curated.scenario, request: curated.request })
    const repeat = simulate({ ...curated, connection: first.connection })
    const types = repeat.events.map((e) => e.type)
    expect(types).toContain('dns:cache-hit')
    expect(types).toContain('tcp:reuse')
    expect(types).toContain('tls:reuse')
    expect(types).not.toContain('tcp:syn')
    expect(types).not.toContain('tls:client-hello')
    const end = (t: Trace) => t.events.at(-1)!.at + t.events.at(-1)!.duration
    expect(end(repeat)).toBeLessThan(end(first) / 2)
  })

  it('reports an unparsable URL as an error instead of throwing', () => {
    const curated = findScenario('get-user')!
    const trace = simulate({
      scenario: curated.scenario,
      request: { method: 'GET', url: 'not a url' },
    })
    expect(trace.error?.code).toBe('ERR_INVALID_URL')
    expect(trace.response).toBeUndefined()
  })
})
