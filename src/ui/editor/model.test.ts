import { describe, expect, it } from 'vitest'
import { findScenario } from '../../engine'
import { BEHAVIOURS, addableKinds, behaviourOf, withBehaviour } from './model'

const route = (id: string, endpoint: string) => {
  const found = findScenario(id)?.scenario.routes.find((r) => r.endpoint === endpoint)
  if (!found) throw new Error(`no route ${endpoint} in ${id}`)
  return found
}

describe('a route’s behaviour in the routes table', () => {
  it('reads a curated redirect as a redirect, keeping its Location', () => {
    const signIn = route('login-redirect', 'sign_in')
    expect(behaviourOf(signIn.handler)).toBe('redirect')
    expect(BEHAVIOURS.map((b) => b.id)).toContain('redirect')
  })

  it('switches a JSON view to a 302 to the site root, and back to JSON', () => {
    const getUser = route('get-user', 'get_user')
    const redirect = withBehaviour(getUser.handler, 'redirect')
    expect(redirect).toMatchObject({ kind: 'redirect', status: 302, location: '/', body: null })
    // Its queries and compute time stay: only the answer changes.
    expect(redirect.queries).toEqual(getUser.handler.queries)
    expect(behaviourOf(redirect)).toBe('redirect')
    const back = withBehaviour(redirect, 'json')
    expect(back).toMatchObject({ kind: 'json', status: 200 })
    expect(back.location).toBeUndefined()
  })

  it('reads the curated bare-string view as "text", and switches a JSON view to one', () => {
    expect(behaviourOf(route('raw-string', 'user_status').handler)).toBe('text')
    const getUser = route('get-user', 'get_user')
    const text = withBehaviour(getUser.handler, 'text')
    expect(text).toMatchObject({ kind: 'text', status: 200, body: 'OK' })
    expect(text.queries).toEqual(getUser.handler.queries)
    expect(behaviourOf(text)).toBe('text')
    expect(withBehaviour(text, 'json')).toMatchObject({ kind: 'json', body: { ok: true } })
  })

  it('offers CSRF protection only to a Django app, where it is built in', () => {
    expect(addableKinds([], 'django')).toContain('csrf')
    expect(addableKinds([], 'flask')).not.toContain('csrf')
    expect(addableKinds([], 'fastapi')).not.toContain('csrf')
    expect(addableKinds([{ kind: 'csrf' }], 'django')).not.toContain('csrf')
  })
})
