import { describe, expect, it } from 'vitest'
import { findScenario, simulate } from '../../../../src/engine'
import { appLog } from './driver'

const run = (id: string) => {
  const curated = findScenario(id)
  if (!curated) throw new Error(`no scenario ${id}`)
  return simulate({ scenario: curated.scenario, request: curated.request })
}

const SERVER_IN: [string, string, string][] = [
  ['server', 'request', 'server:parse'],
  ['server', 'request', 'server:request-object'],
]
const SERVER_OUT: [string, string, string][] = [
  ['server', 'response', 'server:context-pop'],
  ['server', 'response', 'server:write'],
]

describe('middleware order matters, and the trace shows it', () => {
  it('logging outside auth logs the rejected request', () => {
    expect(appLog(run('unauthorized'))).toEqual([
      ...SERVER_IN,
      ['middleware:logging', 'request', 'middleware:enter'],
      ['middleware:auth', 'request', 'middleware:auth-check'],
      ['middleware:auth', 'response', 'middleware:auth-reject'],
      ['middleware:logging', 'response', 'middleware:exit'],
      ...SERVER_OUT,
    ])
  })

  it('logging inside auth never sees the rejected request', () => {
    const trace = run('logging-inside-auth')
    expect(appLog(trace)).toEqual([
      ...SERVER_IN,
      ['middleware:auth', 'request', 'middleware:auth-check'],
      ['middleware:auth', 'response', 'middleware:auth-reject'],
      ...SERVER_OUT,
    ])
    expect(trace.response?.headers).not.toHaveProperty('x-response-time')
  })

  it('auth after the router still rejects, but the router has already matched', () => {
    expect(appLog(run('auth-after-router'))).toEqual([
      ...SERVER_IN,
      ['middleware:logging', 'request', 'middleware:enter'],
      ['router', 'request', 'router:match'],
      ['middleware:auth', 'request', 'middleware:auth-check'],
      ['middleware:auth', 'response', 'middleware:auth-reject'],
      ['middleware:logging', 'response', 'middleware:exit'],
      ...SERVER_OUT,
    ])
  })

  it('authorization before authentication refuses even the admin', () => {
    const trace = run('authorization-before-auth')
    expect(appLog(trace)).toEqual([
      ...SERVER_IN,
      ['middleware:logging', 'request', 'middleware:enter'],
      ['middleware:authorization', 'request', 'middleware:authz-check'],
      ['middleware:authorization', 'response', 'middleware:authz-reject'],
      ['middleware:logging', 'response', 'middleware:exit'],
      ...SERVER_OUT,
    ])
  })

  it('CORS outside error handling adds its header to the 500', () => {
    const trace = run('cors-on-errors')
    expect(appLog(trace)).toEqual([
      ...SERVER_IN,
      ['middleware:logging', 'request', 'middleware:enter'],
      ['middleware:cors', 'request', 'middleware:enter'],
      ['middleware:errors', 'request', 'middleware:enter'],
      ['router', 'request', 'router:match'],
      ['validation', 'request', 'validation:ok'],
      ['handler', 'request', 'handler:call'],
      ['handler', 'request', 'handler:db-query'],
      ['handler', 'response', 'handler:raise'],
      ['middleware:errors', 'response', 'middleware:exception'],
      ['middleware:cors', 'response', 'middleware:cors-headers'],
      ['middleware:logging', 'response', 'middleware:exit'],
      ...SERVER_OUT,
    ])
    expect(trace.response?.headers['access-control-allow-origin']).toBe('https://app.example.com')
  })

  it('CORS inside error handling is skipped by the unwinding exception: no header on the 500', () => {
    const trace = run('cors-missing-on-errors')
    expect(appLog(trace)).toEqual([
      ...SERVER_IN,
      ['middleware:logging', 'request', 'middleware:enter'],
      ['middleware:errors', 'request', 'middleware:enter'],
      ['middleware:cors', 'request', 'middleware:enter'],
      ['router', 'request', 'router:match'],
      ['validation', 'request', 'validation:ok'],
      ['handler', 'request', 'handler:call'],
      ['handler', 'request', 'handler:db-query'],
      ['handler', 'response', 'handler:raise'],
      ['middleware:cors', 'response', 'middleware:unwind'],
      ['middleware:errors', 'response', 'middleware:exception'],
      ['middleware:logging', 'response', 'middleware:exit'],
      ...SERVER_OUT,
    ])
    expect(trace.response?.status).toBe(500)
    expect(trace.response?.headers).not.toHaveProperty('access-control-allow-origin')
  })

  it('with no error middleware the exception unwinds to the server, skipping logging', () => {
    const trace = run('unhandled-exception')
    expect(appLog(trace).slice(-5)).toEqual([
      ['handler', 'response', 'handler:raise'],
      ['middleware:logging', 'response', 'middleware:unwind'],
      ['server', 'response', 'server:exception'],
      ...SERVER_OUT,
    ])
    expect(trace.response?.headers).not.toHaveProperty('x-response-time')
  })

  it('a CORS preflight is answered by CORS: the inner middleware never run', () => {
    expect(appLog(run('cors-preflight'))).toEqual([
      ...SERVER_IN,
      ['middleware:cors', 'request', 'middleware:enter'],
      ['middleware:cors', 'response', 'middleware:cors-preflight'],
      ...SERVER_OUT,
    ])
  })
})
