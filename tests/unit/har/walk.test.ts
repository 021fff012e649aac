// "Explain my request": a real request (a HAR entry or a curl command) becomes the nearest
// curated scenario, walked through the model; what the request asked stays the user's.
import { describe, expect, it } from 'vitest'
import { parseCurl, scenarios } from '../../../src/engine'
import { importHar } from '../../../src/har'
import type { Asked } from '../../../src/ui/har/walk'
import { askedOfCurl, nearestWalk, walkInModel } from '../../../src/ui/har/walk'
import { fixture } from './fixtures'

const walk = (asked: Asked) => {
  const w = nearestWalk(asked)
  if ('message' in w) throw new Error(w.message)
  return w
}
const family = (status: number | undefined) => Math.floor((status ?? 0) / 100)

describe('the nearest scenario for a real request', () => {
  it('a curl POST with a JSON body: the same method, its path, a success', () => {
    const asked = askedOfCurl(
      parseCurl(
        `curl -X POST https://example.org/users -H 'Content-Type: application/json' -d '{"name":"Ada","email":"ada@example.com"}'`,
      ),
    )
    expect(asked).toMatchObject({ method: 'POST', target: '/users', status: null })
    const w = walk(asked)
    expect(w.scenario.request.method).toBe('POST')
    expect(w.request.method).toBe('POST')
    expect(w.request.body).toBe('{"name":"Ada","email":"ada@example.com"}')
    expect(w.request.headers?.['content-type']).toBe('application/json')
    expect(family(w.trace.response?.status)).toBe(2)
    expect(w.pathKept).toBe(true)
    // Walked on the model's origin: the user's host is never contacted, even in the model.
    expect(new URL(w.url).origin).toBe(new URL(w.scenario.request.url).origin)
  })

  it('keeps the real status family: a 404 is walked to a 404, a 401 to a 401', () => {
    const base = { method: 'GET', headers: {}, target: '/users/999999' }
    expect(walk({ ...base, status: 404 }).trace.response?.status).toBe(404)
    const unauthorized = walk({ ...base, target: '/users/42', status: 401 })
    expect(family(unauthorized.trace.response?.status)).toBe(4)
    expect(unauthorized.why).toMatch(/same family as your 401/)
  })

  it('a redirect is walked to a redirect, a 304 to a 304, though both are 3xx', () => {
    const redirect = walk({ method: 'GET', target: '/start', headers: {}, status: 301 })
    // The model's browser follows it; its first hop is the redirect the file recorded alone.
    const hop = redirect.trace.events.find((e) => e.type === 'client:redirect')
    expect(hop?.type === 'client:redirect' && hop.data.status).toBe(301)
    expect(redirect.why).toMatch(/answers 301 to your GET, as your server did/)
    const notModified = walk({ method: 'GET', target: '/app.css', headers: {}, status: 304 })
    expect(notModified.trace.response?.status).toBe(304)
    expect(notModified.why).toMatch(/answers 304 to your GET, as your server did/)
  })

  it("walks the scenario's own path when the real one is no route there, and says so", () => {
    const w = walk({ method: 'GET', target: '/api/cart?currency=EUR', headers: {}, status: 200 })
    expect(family(w.trace.response?.status)).toBe(2)
    expect(w.pathKept).toBe(false)
    expect(w.why).toMatch(/Your path \/api\/cart\?currency=EUR is no route of that app/)
    expect(scenarios.some((c) => c.id === w.scenario.id)).toBe(true)
  })

  it('a recorded entry: masked secrets, its method, the status family it really had', () => {
    const result = importHar(fixture('chrome'))
    if (!result.ok) throw new Error(result.error.message)
    const cart = result.value.entries.find((e) => e.name.startsWith('cart'))!
    const w = walkInModel(cart)
    if ('message' in w) throw new Error(w.message)
    expect(family(w.trace.response?.status)).toBe(family(cart.status!))
    expect(w.request.headers?.authorization).toBe('Bearer masked')
    expect(JSON.stringify(w.request)).not.toContain('eyJhbGciOiJIUzI1NiJ9')
  })

  it('says plainly what the model cannot send', () => {
    const w = nearestWalk({ method: 'BREW', target: '/pot', headers: {}, status: 418 })
    expect('message' in w && w.message).toMatch(/^The model cannot send this request: /)
  })
})
