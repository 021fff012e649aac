import { describe, expect, it } from 'vitest'
import { findScenario, scenarios, simulate } from '../../src/engine'
import type { Trace } from '../../src/engine'
import { contextAt, explain } from '../../src/ui/narration/explain'

/** Issue 12, item 14: the same quantity reads the same in every place that states it. */
const run = (id: string, seed = 1): Trace => {
  const curated = findScenario(id)!
  return simulate({ scenario: curated.scenario, request: curated.request, seed })
}

const textsOf = (trace: Trace, type: string) => {
  const index = trace.events.findIndex((e) => e.type === type)
  expect(index).toBeGreaterThanOrEqual(0)
  const texts = explain(trace.events[index]!, contextAt(trace.events, index))
  return `${texts.standard} ${texts.deep}`
}

describe('one number, one source', () => {
  it.each(
    scenarios
      .filter((s) => s.scenario.middleware.some((m) => m.kind === 'logging'))
      .map((s) => s.id),
  )(
    '%s: Explain quotes the logging middleware’s duration exactly as X-Response-Time carries it',
    (id) => {
      const trace = run(id)
      const exit = trace.events.find(
        (e) => e.type === 'middleware:exit' && e.data.name === 'logging',
      )
      if (!exit) return // logging never saw the response (an earlier layer answered)
      const header = exit.response?.headers['x-response-time']
      expect(header).toMatch(/^\d+\.\d\dms$/)
      const index = trace.events.indexOf(exit)
      const { standard, deep } = explain(exit, contextAt(trace.events, index))
      const figure = header!.replace('ms', ' ms')
      expect(standard).toContain(figure)
      expect(deep).toContain(figure)
      expect(exit.title).toContain(figure)
    },
  )

  it('a slow-query fault takes exactly the milliseconds the scenario declares, in every seed', () => {
    const curated = findScenario('slow-database')!
    const declared = curated.scenario.routes
      .map((r) => r.handler.fault)
      .find((f) => f?.kind === 'slow-query')
    expect(declared?.kind).toBe('slow-query')
    for (const seed of [1, 2, 3]) {
      const slow = run('slow-database', seed).events.find(
        (e) => e.type === 'handler:db-query' && e.data.slow,
      )
      expect(slow?.duration).toBe(declared?.kind === 'slow-query' ? declared.ms : NaN)
    }
  })

  it('keep-alive is decided from the headers, and the text puts the return to the pool after the download', () => {
    const trace = run('get-user')
    const types = trace.events.map((e) => e.type)
    expect(types.indexOf('tcp:keep-alive')).toBeLessThan(types.indexOf('client:receive'))
    const text = textsOf(trace, 'tcp:keep-alive')
    expect(text).toMatch(/Connection: close/)
    expect(text).toMatch(/Once the browser has downloaded the whole body/)
    expect(text).not.toMatch(/The response is done/)
  })
})

describe('a bare string explained per framework', () => {
  it('tells Flask users response.json() fails, and FastAPI users the string arrives as JSON', () => {
    const flask = textsOf(run('raw-string'), 'handler:return')
    expect(flask).toMatch(/text\/html/)
    expect(flask).toMatch(/response\.json\(\).*SyntaxError/)
    const curated = findScenario('raw-string')!
    const fastapi = simulate({
      scenario: { ...curated.scenario, framework: 'fastapi' },
      request: curated.request,
      seed: 1,
    })
    expect(fastapi.response?.headers['content-type']).toBe('application/json')
    expect(textsOf(fastapi, 'handler:return')).toMatch(/encodes as .* of JSON/)
  })
})
