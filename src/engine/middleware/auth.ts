import type { Stage } from '../context'
import type { HttpResponse } from '../model/http'
import type { AuthFailure } from '../model/events/app'
import type { Framework, MiddlewareSpec } from '../model/scenario'
import type { AuthUserSpec } from '../model/schema/app'
import { frameworkError, jsonResponse } from '../framework/pages'
import { underPath } from './shared'

type Options = Extract<MiddlewareSpec, { kind: 'auth' }>

/** The users every scenario knows unless it lists its own: an admin and a member of staff. */
const DEFAULT_USERS: readonly AuthUserSpec[] = [
  { name: 'ada', token: 'ada-admin-token', roles: ['admin'] },
  { name: 'grace', token: 'grace-staff-token', roles: ['staff'] },
]

const BEARER = /^Bearer[ \t]+([A-Za-z0-9\-._~+/]+=*)$/i

/** The 401 each framework's usual auth layer sends (Werkzeug, DRF, FastAPI's HTTPBearer). */
const rejection = (framework: Framework, reason: AuthFailure, challenge: string): HttpResponse => {
  const headers = { 'www-authenticate': challenge }
  const invalid = reason === 'invalid-token' || reason === 'malformed-header'
  switch (framework) {
    case 'flask':
      return frameworkError('flask', 401, { headers })
    case 'django':
      return jsonResponse(
        'django',
        401,
        {
          detail: invalid ? 'Invalid token.' : 'Authentication credentials were not provided.',
        },
        headers,
      )
    case 'fastapi':
      return jsonResponse(
        'fastapi',
        401,
        { detail: invalid ? 'Invalid authentication credentials' : 'Not authenticated' },
        headers,
      )
  }
}

/**
 * Authentication: who is calling? A `Bearer` token from `Authorization`, or the user stored
 * in the session (so session middleware must sit outside it). No valid credentials: 401
 * with `WWW-Authenticate`, and nothing further in runs.
 */
export const authMiddleware = (options: Options): Stage => ({
  id: 'middleware:auth',
  layer: 'middleware',
  run(ctx, request, next) {
    const scheme = options.scheme ?? 'bearer'
    const users = options.users ?? DEFAULT_USERS
    const realm = options.realm ?? 'api'
    const header = request.headers.authorization
    const sessionUser = ctx.session?.data.user
    if (ctx.session) ctx.session = { ...ctx.session, accessed: true }
    const presented = header
      ? /^Bearer\b/i.test(header)
        ? 'bearer'
        : 'other'
      : typeof sessionUser === 'string'
        ? 'session'
        : 'none'
    const exempt = (options.exempt ?? []).some((prefix) => underPath(request.path, prefix))
    ctx.emit(this, {
      type: 'middleware:auth-check',
      direction: 'request',
      title: exempt ? `Auth: ${request.path} is public` : 'Auth: who is calling?',
      duration: 0.05,
      request,
      data: { scheme, presented, exempt },
    })

    const pass = (): HttpResponse => {
      const response = next(request)
      ctx.emit(this, {
        type: 'middleware:exit',
        direction: 'response',
        title: 'Auth: done',
        duration: 0.01,
        request,
        response,
        data: { name: 'auth', headersAdded: [] },
      })
      return response
    }
    if (exempt) return pass()

    const reject = (reason: AuthFailure): HttpResponse => {
      const challenge =
        scheme === 'session'
          ? `Cookie realm="${realm}"`
          : `Bearer realm="${realm}"${reason === 'invalid-token' || reason === 'malformed-header' ? ', error="invalid_token"' : ''}`
      const response = rejection(ctx.scenario.framework, reason, challenge)
      ctx.emit(this, {
        type: 'middleware:auth-reject',
        direction: 'response',
        title: `Auth: 401, ${reason.replace(/-/g, ' ')}`,
        duration: 0.03,
        request,
        response,
        data: { reason, challenge, status: 401 },
      })
      return response
    }

    let user: AuthUserSpec | undefined
    let via: 'bearer' | 'session' = 'bearer'
    if (header && scheme !== 'session') {
      const token = BEARER.exec(header)?.[1]
      if (token === undefined) return reject('malformed-header')
      user = users.find((u) => u.token === token)
      if (!user) return reject('invalid-token')
    } else if (scheme !== 'bearer' && typeof sessionUser === 'string') {
      user = users.find((u) => u.name === sessionUser)
      via = 'session'
      if (!user) return reject('no-session')
    } else return reject(scheme === 'session' ? 'no-session' : 'missing-credentials')

    ctx.user = { name: user.name, roles: user.roles ?? [], via }
    ctx.emit(this, {
      type: 'middleware:auth-ok',
      direction: 'request',
      title: `Auth: ${user.name} (${via === 'bearer' ? 'Bearer token' : 'session'})`,
      duration: 0.1,
      request,
      data: { user: user.name, roles: [...(user.roles ?? [])], via },
    })
    return pass()
  },
})
