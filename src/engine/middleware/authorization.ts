import type { Stage } from '../context'
import type { HttpResponse } from '../model/http'
import type { Framework, MiddlewareSpec } from '../model/scenario'
import type { AuthorizationRule } from '../model/schema/app'
import { frameworkError, jsonResponse } from '../framework/pages'
import { underPath } from './shared'

type Options = Extract<MiddlewareSpec, { kind: 'authorization' }>

/** Unless a scenario says otherwise: admin pages, and deleting users, need the admin role. */
const DEFAULT_RULES: readonly AuthorizationRule[] = [
  { path: '/admin', roles: ['admin'] },
  { path: '/users', methods: ['DELETE'], roles: ['admin'] },
]

const forbidden = (framework: Framework): HttpResponse => {
  switch (framework) {
    case 'flask':
      return frameworkError('flask', 403)
    case 'django':
      return jsonResponse('django', 403, {
        detail: 'You do not have permission to perform this action.',
      })
    case 'fastapi':
      return jsonResponse('fastapi', 403, { detail: 'Not enough permissions' })
  }
}

/**
 * Authorization: may this user do this? It needs to know who is calling, so it belongs inside
 * authentication. Placed after the router it can use the view's own `roles`; before it, only
 * path rules. Missing role: 403 (the caller is known, just not allowed).
 */
export const authorizationMiddleware = (options: Options): Stage => ({
  id: 'middleware:authorization',
  layer: 'middleware',
  run(ctx, request, next) {
    const user = ctx.user
    const routeRoles = ctx.match?.route.roles
    const rule = routeRoles
      ? undefined
      : (options.rules ?? DEFAULT_RULES).find(
          (r) =>
            underPath(request.path, r.path) &&
            (r.methods === undefined || r.methods.includes(request.method)),
        )
    const required = [...(routeRoles ?? rule?.roles ?? [])]
    const source = routeRoles ? 'route' : rule ? 'path-rule' : 'none'
    const roles = [...(user?.roles ?? [])]
    ctx.emit(this, {
      type: 'middleware:authz-check',
      direction: 'request',
      title: required.length
        ? `Authorization: needs ${required.join(' or ')}`
        : 'Authorization: no rule applies',
      duration: 0.03,
      request,
      data: {
        user: user?.name ?? null,
        roles,
        required,
        rule: routeRoles
          ? `${ctx.match?.route.endpoint}()`
          : rule
            ? `${rule.methods?.join(',') ?? '*'} ${rule.path}`
            : null,
        source,
      },
    })
    if (required.length > 0 && !roles.some((r) => required.includes(r))) {
      const response = forbidden(ctx.scenario.framework)
      ctx.emit(this, {
        type: 'middleware:authz-reject',
        direction: 'response',
        title: user
          ? `Authorization: ${user.name} may not, 403`
          : 'Authorization: nobody is logged in, 403',
        duration: 0.02,
        request,
        response,
        data: { user: user?.name ?? null, roles, required, status: 403 },
      })
      return response
    }
    const response = next(request)
    ctx.emit(this, {
      type: 'middleware:exit',
      direction: 'response',
      title: 'Authorization: done',
      duration: 0.01,
      request,
      response,
      data: { name: 'authorization', headersAdded: [] },
    })
    return response
  },
})
