import { describe, expect, it } from 'vitest'
import type { MiddlewareSpec } from '../../../../src/engine'
import { app, body, find, route, send, types } from './driver'

const boom = route(['GET'], '/boom', {
  endpoint: 'boom',
  handler: { fault: { kind: 'exception' } },
})

describe('logging middleware', () => {
  it('adds X-Response-Time measuring everything inside it', () => {
    const trace = send(app(), 'GET', '/users/42')
    const header = trace.response?.headers['x-response-time'] ?? ''
    const enter = find(trace, 'middleware:enter')
    const exit = find(trace, 'middleware:exit')
    expect(header).toBe(`${(exit.at - enter.at - enter.duration).toFixed(2)}ms`)
  })

  it('can leave the header off', () => {
    const trace = send(
      app({ middleware: [{ kind: 'logging', responseTimeHeader: false }] }),
      'GET',
      '/health',
    )
    expect(trace.response?.headers).not.toHaveProperty('x-response-time')
  })
})

describe('errors middleware', () => {
  const scenario = (
    errors: MiddlewareSpec = { kind: 'errors' },
    framework: 'flask' | 'fastapi' = 'flask',
  ) => app({ framework, middleware: [errors], routes: [boom] })

  it('turns an exception into a 500 JSON body; the traceback is in the event only', () => {
    const trace = send(scenario(), 'GET', '/boom')
    expect(trace.response?.status).toBe(500)
    expect(trace.response?.body).toBe('{"error":"Internal Server Error"}\n')
    const caught = find(trace, 'middleware:exception')
    expect(caught.data).toMatchObject({
      exception: 'KeyError',
      message: "'email'",
      raisedBy: 'handler',
      status: 500,
    })
    expect(caught.data.traceback.length).toBeGreaterThan(3)
    expect(types(trace)).not.toContain('server:exception')
  })

  it("uses the configured message, and FastAPI's detail key", () => {
    const trace = send(scenario({ kind: 'errors', message: 'Oops' }, 'fastapi'), 'GET', '/boom')
    expect(body(trace)).toEqual({ detail: 'Oops' })
  })

  it('passes normal responses through untouched', () => {
    const trace = send(scenario(), 'GET', '/health')
    expect(trace.response?.status).toBe(200)
    expect(find(trace, 'middleware:exit').data).toEqual({ name: 'errors', headersAdded: [] })
  })
})

describe('rate limit middleware', () => {
  const limited = (
    options: Omit<Extract<MiddlewareSpec, { kind: 'rateLimit' }>, 'kind'>,
    framework: 'flask' | 'fastapi' = 'flask',
  ) => app({ framework, middleware: [{ kind: 'rateLimit', ...options }] })

  it('counts the request and reports what is left', () => {
    const trace = send(limited({ limit: 10, used: 3 }), 'GET', '/health')
    expect(trace.response?.headers).toMatchObject({
      'x-ratelimit-limit': '10',
      'x-ratelimit-remaining': '6',
    })
    expect(find(trace, 'middleware:rate-check').data).toMatchObject({
      client: '203.0.113.7',
      count: 4,
    })
  })

  it('answers 429 with Retry-After within the window once over the limit', () => {
    const trace = send(
      limited({ limit: 5, windowSeconds: 60, used: 5 }, 'fastapi'),
      'GET',
      '/health',
    )
    expect(trace.response?.status).toBe(429)
    const retry = Number(trace.response?.headers['retry-after'])
    expect(retry).toBeGreaterThanOrEqual(1)
    expect(retry).toBeLessThanOrEqual(60)
    expect(body(trace)).toEqual({ error: 'Rate limit exceeded: 5 per 1 minute' })
    expect(types(trace)).not.toContain('router:match')
  })

  it("keys on the proxy's address when told to: every client shares one bucket", () => {
    const trace = send(limited({ key: 'remote-addr' }), 'GET', '/health')
    expect(find(trace, 'middleware:rate-check').data.client).toBe('127.0.0.1')
  })
})
