import { describe, expect, it } from 'vitest'
import type { EventType, Trace } from '../../engine'
import { findScenario, scenarios, simulate } from '../../engine'
import { BODY_CAP, capText, presentBody } from './body'
import { inspectorView } from './model'
import { headerOrigins } from './provenance'

const traceOf = (id: string): Trace => {
  const curated = findScenario(id)
  if (!curated) throw new Error(`no curated scenario "${id}"`)
  return simulate({ scenario: curated.scenario, request: curated.request, seed: 1 })
}

const indexOf = (trace: Trace, type: EventType, from = 0): number => {
  const index = trace.events.findIndex((e, i) => i >= from && e.type === type)
  if (index < 0) throw new Error(`no ${type} event in the trace`)
  return index
}

const who = (origins: ReturnType<typeof headerOrigins>, name: string) => ({
  setBy: origins[name]?.setBy.who,
  changedBy: origins[name]?.changedBy.map((o) => o.who),
})

describe('headerOrigins', () => {
  it('credits the browser with its defaults and nginx with the forwarding headers', () => {
    const trace = traceOf('get-user')
    const origins = headerOrigins(trace, 'request', indexOf(trace, 'proxy:forward'))
    expect(who(origins, 'user-agent')).toEqual({ setBy: 'Browser', changedBy: [] })
    expect(who(origins, 'x-forwarded-for')).toEqual({ setBy: 'nginx', changedBy: [] })
    expect(origins['x-forwarded-for']?.setBy.layer).toBe('proxy')
  })

  it('knows nothing of a header before the step that adds it', () => {
    const trace = traceOf('get-user')
    const origins = headerOrigins(trace, 'request', indexOf(trace, 'proxy:receive'))
    expect(origins['x-forwarded-for']).toBeUndefined()
    expect(Object.keys(origins)).toEqual(['host', 'user-agent', 'accept', 'accept-encoding'])
  })

  it('records who set a response header and who changed it afterwards', () => {
    const trace = traceOf('compression')
    const origins = headerOrigins(trace, 'response', trace.events.length - 1)
    expect(who(origins, 'content-encoding')).toEqual({
      setBy: 'Compression middleware',
      changedBy: [],
    })
    expect(who(origins, 'content-length')).toEqual({
      setBy: 'Handler list_users()',
      changedBy: ['Compression middleware'],
    })
    expect(who(origins, 'x-response-time').setBy).toBe('Logging middleware')
    expect(who(origins, 'server')).toEqual({ setBy: 'gunicorn', changedBy: ['nginx'] })
  })

  it('starts again for the request that follows a redirect', () => {
    const trace = traceOf('redirect')
    const second = indexOf(trace, 'client:parse-url', 1)
    const first = headerOrigins(trace, 'response', second - 1)
    expect(first.location?.setBy.who).toBe('nginx')
    const final = headerOrigins(trace, 'response', trace.events.length - 1)
    expect(final.location).toBeUndefined()
    expect(final['content-type']?.setBy.layer).toBe('handler')
  })
})

describe('inspectorView', () => {
  it('diffs the travelling message against its previous snapshot', () => {
    const trace = traceOf('compression')
    const view = inspectorView(trace, indexOf(trace, 'middleware:gzip'), null)
    expect(view?.shown.kind).toBe('response')
    expect(view?.diff?.headers).toEqual([
      { kind: 'changed', name: 'content-length', before: '2227', after: '410' },
      { kind: 'added', name: 'content-encoding', value: 'gzip' },
      { kind: 'added', name: 'vary', value: 'Accept-Encoding' },
    ])
    expect(view?.diff?.body).toMatchObject({ bytesBefore: 2227, bytesAfter: 410 })
    expect(view?.diff?.body?.encodingAfter).toBe('gzip')
  })

  it('shows the request on the way back as that stage saw it, unchanged', () => {
    const trace = traceOf('get-user')
    const last = trace.events.length - 1
    const view = inspectorView(trace, last, 'request')
    expect(view?.shown.kind).toBe('request')
    expect(view?.diff).toBeNull()
    expect(view?.seenAt?.seq).toBe(indexOf(trace, 'client:build-request'))
    expect(view?.shown.message.headers['user-agent']).toBeDefined()
    expect(view?.shown.message.headers['x-forwarded-for']).toBeUndefined()
  })

  it('marks the step that made a response as its creation', () => {
    const trace = traceOf('not-found')
    const view = inspectorView(trace, indexOf(trace, 'router:not-found'), null)
    expect(view?.diff?.created).toBe(true)
    expect(view?.shown.kind).toBe('response')
  })

  it('names the HTTP/2 hop in the request line', () => {
    const trace = traceOf('http2-alpn')
    const view = inspectorView(trace, indexOf(trace, 'proxy:receive'), null)
    expect(view?.diff?.startLine).toEqual({
      before: 'GET /users/42 HTTP/1.1',
      after: 'GET /users/42 HTTP/2',
    })
  })

  it('gives a view for every step of every curated scenario', () => {
    for (const curated of scenarios) {
      const trace = simulate({ scenario: curated.scenario, request: curated.request, seed: 1 })
      trace.events.forEach((event, i) => {
        const view = inspectorView(trace, i, null)
        expect(view?.event).toBe(event)
        // Every header shown has a known origin.
        for (const name of Object.keys(view?.shown.message.headers ?? {}))
          expect(view?.origins[name], `${curated.id} step ${i} ${name}`).toBeDefined()
      })
    }
  })
})

describe('body presentation', () => {
  it('pretty-prints JSON and leaves broken JSON exactly as sent', () => {
    expect(presentBody({ 'content-type': 'application/json' }, '{"a":[1,2]}')).toEqual({
      kind: 'json',
      text: '{\n  "a": [\n    1,\n    2\n  ]\n}',
    })
    expect(presentBody({ 'content-type': 'application/json' }, '{"a":')).toEqual({
      kind: 'text',
      text: '{"a":',
    })
  })

  it('recognises HTML by type or by its doctype', () => {
    expect(presentBody({ 'content-type': 'text/html; charset=utf-8' }, '<p>hi</p>').kind).toBe(
      'html',
    )
    expect(presentBody({}, '<!doctype html><title>x</title>').kind).toBe('html')
    expect(presentBody({}, '').kind).toBe('empty')
  })

  it('caps long text without splitting a surrogate pair', () => {
    const text = 'a'.repeat(BODY_CAP - 1) + '😀' + 'b'.repeat(10)
    const { shown, hidden } = capText(text)
    expect(shown).toBe('a'.repeat(BODY_CAP - 1))
    expect(hidden).toBe(12)
    expect(capText('short')).toEqual({ shown: 'short', hidden: 0 })
  })
})
