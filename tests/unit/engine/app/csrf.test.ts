import { describe, expect, it } from 'vitest'
import type { HttpRequest } from '../../../../src/engine'
import { ScenarioError, findScenario, parseScenario, simulate } from '../../../../src/engine'
import { checkCsrf } from '../../../../src/engine/middleware/csrf'
import { withFramework } from '../../../../src/ui/editor/model'
import { contextAt, explain } from '../../../../src/ui/narration/explain'

const SECRET = 'k2Vh8sQp3ZxL0nWc7RyT5mBd9FgJ4aHe'
/** The secret masked with a 32-character mask, as Django's get_token() writes it. */
const mask = (secret: string, by: string): string => {
  const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
  let cipher = ''
  for (let i = 0; i < secret.length; i++)
    cipher += chars[(chars.indexOf(secret[i]!) + chars.indexOf(by[i]!)) % chars.length]
  return by + cipher
}

const post = (headers: Record<string, string>, body = ''): HttpRequest => ({
  method: 'POST',
  scheme: 'https',
  host: 'api.example.com',
  port: 443,
  path: '/users/',
  query: '',
  httpVersion: 'HTTP/1.1',
  headers: { host: 'api.example.com', 'x-forwarded-proto': 'https', ...headers },
  body,
})

const same = { origin: 'https://api.example.com', cookie: `csrftoken=${SECRET}` }
const reason = (request: HttpRequest, trusted: string[] = []) => {
  const verdict = checkCsrf(request, trusted)
  return verdict.ok ? 'ok' : verdict.reason
}

describe("csrf: Django's CsrfViewMiddleware, check by check", () => {
  it('refuses a foreign Origin unless it is trusted, before looking at any token', () => {
    const forged = post({
      origin: 'https://evil.example',
      'x-csrftoken': SECRET,
      cookie: same.cookie,
    })
    expect(reason(forged)).toBe(
      'Origin checking failed - https://evil.example does not match any trusted origins.',
    )
    expect(reason(forged, ['https://evil.example'])).toBe('ok')
  })

  it('on HTTPS with no Origin, wants a Referer from this site, over HTTPS', () => {
    const token = { cookie: same.cookie, 'x-csrftoken': SECRET }
    expect(reason(post(token))).toBe('Referer checking failed - no Referer.')
    expect(reason(post({ ...token, referer: 'http://api.example.com/form' }))).toBe(
      'Referer checking failed - Referer is insecure while host is secure.',
    )
    expect(reason(post({ ...token, referer: 'https://other.example/x' }))).toBe(
      'Referer checking failed - https://other.example/x does not match any trusted origins.',
    )
    expect(reason(post({ ...token, referer: 'https://api.example.com/form' }))).toBe('ok')
    // Over plain HTTP Django skips the Referer check altogether.
    expect(reason(post({ ...token, 'x-forwarded-proto': 'http' }))).toBe('ok')
  })

  it('then needs the cookie, then a token of the right form that unmasks to its secret', () => {
    expect(reason(post({ origin: same.origin }))).toBe('CSRF cookie not set.')
    expect(reason(post(same))).toBe('CSRF token missing.')
    expect(reason(post({ ...same, 'x-csrftoken': 'short' }))).toBe(
      "CSRF token from the 'X-Csrftoken' HTTP header has incorrect length.",
    )
    expect(reason(post({ ...same, 'x-csrftoken': `${SECRET.slice(1)}!` }))).toBe(
      "CSRF token from the 'X-Csrftoken' HTTP header has invalid characters.",
    )
    expect(reason(post({ ...same, 'x-csrftoken': SECRET.replace('k', 'j') }))).toBe(
      "CSRF token from the 'X-Csrftoken' HTTP header incorrect.",
    )
    expect(reason(post({ ...same, 'x-csrftoken': SECRET }))).toBe('ok')
    const masked = mask(SECRET, 'Qw3rTy7uIo1pAs5dFg9hJk2lZx4cVb6n')
    expect(reason(post({ ...same, 'x-csrftoken': masked }))).toBe('ok')
    expect(
      reason(post({ ...same, 'x-csrftoken': mask(SECRET.replace('k', 'j'), masked.slice(0, 32)) })),
    ).toBe("CSRF token from the 'X-Csrftoken' HTTP header incorrect.")
  })

  it("reads a form's csrfmiddlewaretoken before the header", () => {
    const form = { ...same, 'content-type': 'application/x-www-form-urlencoded' }
    expect(reason(post(form, `name=Ada&csrfmiddlewaretoken=${SECRET}`))).toBe('ok')
    expect(reason(post(form, 'name=Ada&csrfmiddlewaretoken=nope'))).toBe(
      'CSRF token from POST has incorrect length.',
    )
  })
})

describe('csrf in a scenario', () => {
  it('answers the forged post with Django’s own 403 page and never runs the view', () => {
    const curated = findScenario('csrf-forged-post')!
    const trace = simulate({ scenario: curated.scenario, request: curated.request, seed: 1 })
    expect(trace.response?.status).toBe(403)
    expect(trace.response?.body).toContain('<p>CSRF verification failed. Request aborted.</p>')
    expect(trace.response?.headers['content-length']).toBeUndefined()
    const types = trace.events.map((e) => e.type)
    expect(types).not.toContain('handler:call')
    // process_view runs once the URL resolved: the router comes first.
    expect(types.indexOf('router:match')).toBeLessThan(types.indexOf('middleware:csrf-check'))
    const i = types.indexOf('middleware:csrf-reject')
    const text = explain(trace.events[i]!, contextAt(trace.events, i))
    expect(text.standard).toContain('Origin checking failed - https://evil.example')
  })

  it('still answers 404 for an unknown path, CSRF or not', () => {
    const curated = findScenario('csrf-forged-post')!
    const trace = simulate({
      scenario: curated.scenario,
      request: { ...curated.request, url: 'https://api.example.com/nowhere/' },
      seed: 1,
    })
    expect(trace.response?.status).toBe(404)
  })

  it('is Django’s alone: the schema says so at the field, and a switch to Flask drops it', () => {
    const curated = findScenario('csrf-forged-post')!
    const json = JSON.parse(JSON.stringify({ ...curated.scenario, framework: 'flask' }))
    let caught: unknown
    try {
      parseScenario(json)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ScenarioError)
    expect((caught as ScenarioError).path).toBe('middleware[2].kind')
    const late = JSON.parse(JSON.stringify(curated.scenario))
    late.middleware[2].position = 'after-router'
    expect(() => parseScenario(late)).toThrow(/already runs after the URL resolves/)
    const flask = withFramework(curated.scenario, 'flask')
    expect(flask.middleware.map((m) => m.kind)).toEqual(['logging', 'session'])
    expect(() => parseScenario(JSON.parse(JSON.stringify(flask)))).not.toThrow()
  })
})
