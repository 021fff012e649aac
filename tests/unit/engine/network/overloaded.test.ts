import { describe, expect, it } from 'vitest'
import { NETWORK_DEFAULTS, ScenarioError, parseScenario } from '../../../../src/engine'
import { demoApp } from '../../../../src/engine/scenarios/demoApp'
import { API, app, end, first, get, send, types, withProxy } from './helpers'

const errorOf = (input: unknown): ScenarioError => {
  try {
    parseScenario(input)
  } catch (error) {
    if (error instanceof ScenarioError) return error
    throw error
  }
  throw new Error('parseScenario accepted it')
}

const json = (proxy: Record<string, unknown>) => ({
  ...JSON.parse(JSON.stringify(demoApp)),
  proxy: { ...demoApp.proxy, ...proxy },
})

describe('proxy.upstream "slow": every worker busy', () => {
  it('waits in the listen backlog after the proxy forwards and before the server parses', () => {
    const trace = send(withProxy({ upstream: 'slow', upstreamDelayMs: 1500 }))
    const order = types(trace)
    expect(order.indexOf('proxy:forward')).toBeLessThan(order.indexOf('server:queued'))
    expect(order.indexOf('server:queued') + 1).toBe(order.indexOf('server:parse'))
    const queued = first(trace, 'server:queued')
    expect(queued.layer).toBe('server')
    expect(queued.duration).toBe(1500)
    expect(queued.data).toMatchObject({
      software: 'gunicorn',
      interface: 'WSGI',
      concurrency: 'sync-worker',
      workers: demoApp.proxy.workers,
      waitedMs: 1500,
      backlog: 2048,
    })
  })

  it('below the timeout: a 200 that arrives later by exactly the wait', () => {
    const fast = send(withProxy({}))
    const slow = send(withProxy({ upstream: 'slow', upstreamDelayMs: 1500, timeoutMs: 5000 }))
    expect(slow.response?.status).toBe(200)
    expect(types(slow)).not.toContain('proxy:upstream-error')
    expect(types(fast)).not.toContain('server:queued')
    expect(end(slow) - end(fast)).toBeCloseTo(1500, 3)
  })

  it('above the timeout: nginx answers 504, having waited at least its timeout', () => {
    const trace = send(withProxy({ upstream: 'slow', upstreamDelayMs: 4000, timeoutMs: 3000 }))
    expect(trace.response?.status).toBe(504)
    const error = first(trace, 'proxy:upstream-error')
    expect(error.data.error).toBe('timeout')
    expect(error.data.timeoutMs).toBe(3000)
    expect(error.data.waitedMs).toBeGreaterThanOrEqual(4000)
    expect(error.data.waitedMs).toBeGreaterThanOrEqual(error.data.timeoutMs)
  })

  it('uses the default wait when upstreamDelayMs is left out', () => {
    const trace = send(withProxy({ upstream: 'slow' }))
    expect(first(trace, 'server:queued').duration).toBe(NETWORK_DEFAULTS.upstreamDelayMs)
    expect(trace.response?.status).toBe(200)
  })

  it('says the event loop is blocked for FastAPI on uvicorn', () => {
    const trace = send(
      app({ framework: 'fastapi', proxy: { ...demoApp.proxy, upstream: 'slow' } }),
      get(`${API}/users/42`),
    )
    const queued = first(trace, 'server:queued')
    expect(queued.data).toMatchObject({ software: 'uvicorn', concurrency: 'event-loop' })
    expect(queued.title).toMatch(/event loop/)
  })

  it('waits on every request that reaches the app, not on what the proxy answers itself', () => {
    const trace = send(withProxy({ upstream: 'slow', status: 'maintenance' }))
    expect(trace.response?.status).toBe(503)
    expect(types(trace)).not.toContain('server:queued')
  })
})

describe('parseScenario: proxy.upstreamDelayMs', () => {
  it('reads "slow" and a delay, and leaves the delay out when absent', () => {
    expect(parseScenario(json({ upstream: 'slow', upstreamDelayMs: 2500 })).proxy).toEqual({
      ...demoApp.proxy,
      upstream: 'slow',
      upstreamDelayMs: 2500,
    })
    expect(parseScenario(json({ upstream: 'slow' })).proxy).not.toHaveProperty('upstreamDelayMs')
  })

  it.each([0, -5, 120_001, '2000', Number.NaN])('rejects %s, naming the field', (value) => {
    const error = errorOf(json({ upstream: 'slow', upstreamDelayMs: value }))
    expect(error.path).toBe('proxy.upstreamDelayMs')
    expect(error.message).toMatch(/1 to 120000/)
  })
})
