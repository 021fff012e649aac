import type { SimContext, Stage } from '../context'
import type { HttpRequest, HttpResponse } from '../model/http'
import type { ValidationDetail } from '../model/events/app'
import type { JsonValue, RouteSpec } from '../model/scenario'
import type { FieldMap } from '../model/schema/app'
import { utf8Length } from '../model/http'
import type { Inputs } from '../framework/fields'
import {
  coerceFields,
  djangoFormErrors,
  marshmallowErrors,
  parseUrlEncoded,
  pydanticErrors,
} from '../framework/fields'
import { frameworkError, jsonResponse } from '../framework/pages'
import { parsePythonJson } from '../framework/pyjson'
import { compilePattern } from '../routing'

type Failure = {
  readonly status: 400 | 415 | 422
  readonly reason: 'malformed-json' | 'unsupported-media-type' | 'invalid-input'
  readonly by: 'werkzeug' | 'pydantic' | 'django-form' | 'marshmallow' | 'view'
  readonly response: HttpResponse
  readonly detail?: ValidationDetail[]
  readonly fields?: Record<string, string[]>
}

const mimetype = (request: HttpRequest): string | null => {
  const value = request.headers['content-type']
  return value === undefined ? null : value.split(';')[0]!.trim().toLowerCase()
}

// Werkzeug's Request.is_json, and FastAPI's test for a JSON body.
const isJsonType = (type: string): boolean =>
  type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'))

const isObject = (value: JsonValue | undefined): value is Record<string, JsonValue> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const describeFields = (where: string, fields: FieldMap | undefined): string[] =>
  Object.entries(fields ?? {}).map(
    ([name, f]) =>
      `${where} ${name}: ${f.type === 'email' ? 'EmailStr' : f.type}${f.required === false ? ' (optional)' : ''}`,
  )

const pathChecks = (route: RouteSpec): string[] =>
  compilePattern(route.pattern).flatMap((segment) =>
    segment.kind === 'param'
      ? [`path ${segment.name}: ${route.params?.[segment.name] ?? segment.type}`]
      : [],
  )

/** What one framework does between routing and the view; `undefined` lets the request through. */
type Profile = (
  ctx: SimContext,
  stage: Stage,
  request: HttpRequest,
  route: RouteSpec,
) => Failure | undefined

/** Flask: the view calls `request.get_json()` and checks the fields itself (here, marshmallow). */
const flask: Profile = (ctx, stage, request, route) => {
  const query = parseUrlEncoded(request.query)
  ctx.input = { query, body: undefined }
  for (const [name, field] of Object.entries(route.query ?? {}))
    // `request.args[name]` raises BadRequestKeyError; `.get(name, type=int)` quietly gives None.
    if (field.required !== false && query[name] === undefined)
      return {
        status: 400,
        reason: 'invalid-input',
        by: 'werkzeug',
        response: frameworkError('flask', 400),
        fields: { [name]: ['missing from request.args'] },
      }
  if (!route.body) return undefined

  const type = mimetype(request)
  const json = type !== null && isJsonType(type)
  const parsed = json ? parsePythonJson(request.body) : undefined
  ctx.emit(stage, {
    type: 'validation:parse-body',
    direction: 'request',
    title: 'request.get_json()',
    duration: 0.05 + utf8Length(request.body) / 50_000,
    request,
    data: {
      api: 'request.get_json()',
      contentType: type,
      bytes: utf8Length(request.body),
      ok: parsed?.ok ?? false,
    },
  })
  if (!json)
    return {
      status: 415,
      reason: 'unsupported-media-type',
      by: 'werkzeug',
      response: frameworkError('flask', 415, {
        detail:
          "Did not attempt to load JSON data because the request Content-Type was not 'application/json'.",
      }),
    }
  // Flask hides the decode error's details unless the app runs in debug mode.
  if (!parsed?.ok)
    return {
      status: 400,
      reason: 'malformed-json',
      by: 'werkzeug',
      response: frameworkError('flask', 400),
    }

  const body = parsed.value
  ctx.input = { query, body }
  const fields = isObject(body)
    ? marshmallowErrors(route.body, body)
    : { _schema: ['Invalid input type.'] }
  if (Object.keys(fields).length > 0)
    return {
      status: 400,
      reason: 'invalid-input',
      by: 'marshmallow',
      response: jsonResponse('flask', 400, { errors: fields }),
      fields,
    }
  return undefined
}

/** Django: a Form bound to `request.POST` (or the JSON body), `form.is_valid()` in the view. */
const django: Profile = (ctx, stage, request, route) => {
  const query = parseUrlEncoded(request.query)
  ctx.input = { query, body: undefined }
  const invalid = (fields: Record<string, string[]>): Failure => ({
    status: 400,
    reason: 'invalid-input',
    by: 'django-form',
    response: jsonResponse('django', 400, { errors: fields }),
    fields,
  })
  if (route.query) {
    const fields = djangoFormErrors(route.query, query)
    if (Object.keys(fields).length > 0) return invalid(fields)
  }
  if (!route.body) return undefined

  const type = mimetype(request)
  const json = type !== null && isJsonType(type)
  // request.POST is only filled for form encodings; anything else leaves it empty.
  const parsed = json
    ? parsePythonJson(request.body)
    : ({
        ok: true,
        value: type === 'application/x-www-form-urlencoded' ? parseUrlEncoded(request.body) : {},
      } as const)
  ctx.emit(stage, {
    type: 'validation:parse-body',
    direction: 'request',
    title: json ? 'json.loads(request.body)' : 'request.POST',
    duration: 0.08 + utf8Length(request.body) / 50_000,
    request,
    data: {
      api: json ? 'json.loads(request.body)' : 'request.POST',
      contentType: type,
      bytes: utf8Length(request.body),
      ok: parsed.ok,
    },
  })
  if (!parsed.ok)
    return {
      status: 400,
      reason: 'malformed-json',
      by: 'view',
      response: jsonResponse('django', 400, { error: 'Invalid JSON' }),
    }
  const body = parsed.value
  ctx.input = { query, body }
  const fields = djangoFormErrors(route.body, isObject(body) ? body : {})
  return Object.keys(fields).length > 0 ? invalid(fields) : undefined
}

/** FastAPI: read the body, resolve `Depends()`, then pydantic validates path, query and body. */
const fastapi: Profile = (ctx, stage, request, route) => {
  const query = parseUrlEncoded(request.query)
  ctx.input = { query, body: undefined }
  let body: JsonValue | undefined
  if (route.body) {
    const type = mimetype(request)
    // FastAPI parses JSON when the Content-Type says so, or says nothing; otherwise the model gets bytes.
    const json = type === null || isJsonType(type)
    const parsed = request.body && json ? parsePythonJson(request.body) : undefined
    ctx.emit(stage, {
      type: 'validation:parse-body',
      direction: 'request',
      title: 'await request.json()',
      duration: 0.03 + utf8Length(request.body) / 80_000,
      request,
      data: {
        api: json ? 'await request.json()' : 'await request.body()',
        contentType: type,
        bytes: utf8Length(request.body),
        ok: parsed?.ok ?? true,
      },
    })
    if (parsed && !parsed.ok) {
      // FastAPI turns json.JSONDecodeError into a 422 before any dependency runs.
      const detail: ValidationDetail[] = [
        {
          type: 'json_invalid',
          loc: ['body', parsed.pos],
          msg: 'JSON decode error',
          input: {},
          ctx: { error: parsed.msg },
        },
      ]
      return {
        status: 422,
        reason: 'malformed-json',
        by: 'pydantic',
        response: jsonResponse('fastapi', 422, { detail: detail as unknown as JsonValue }),
        detail,
      }
    }
    body = parsed ? parsed.value : request.body ? request.body : undefined
  }
  ctx.input = { query, body }

  resolveDependencies(ctx, stage, request, route)

  const params: Inputs = Object.fromEntries(
    Object.entries(ctx.match?.params ?? {}).map(([k, v]) => [k, String(v)]),
  )
  const detail: ValidationDetail[] = [
    ...pydanticErrors(
      Object.fromEntries(Object.entries(route.params ?? {}).map(([k, type]) => [k, { type }])),
      params,
      'path',
      null,
    ),
    ...pydanticErrors(route.query ?? {}, query, 'query', null),
  ]
  if (route.body) {
    const required = Object.values(route.body).some((f) => f.required !== false)
    if (body === undefined) {
      if (required)
        detail.push({ type: 'missing', loc: ['body'], msg: 'Field required', input: null })
    } else if (!isObject(body)) {
      detail.push({
        type: 'model_attributes_type',
        loc: ['body'],
        msg: 'Input should be a valid dictionary or object to extract fields from',
        input: body,
      })
    } else detail.push(...pydanticErrors(route.body, body, 'body', body))
  }
  if (detail.length === 0) {
    // The view gets what pydantic produced: `user_id: int` arrives as 42, not "42".
    const pathTypes = Object.fromEntries(
      Object.entries(route.params ?? {}).map(([k, type]) => [k, { type }]),
    )
    if (ctx.match)
      ctx.match = {
        ...ctx.match,
        params: coerceFields(pathTypes, ctx.match.params) as Record<string, string | number>,
      }
    ctx.input = {
      query: coerceFields(route.query ?? {}, query),
      body: route.body && isObject(body) ? coerceFields(route.body, body) : body,
    }
    return undefined
  }
  return {
    status: 422,
    reason: 'invalid-input',
    by: 'pydantic',
    response: jsonResponse('fastapi', 422, { detail: detail as unknown as JsonValue }),
    detail,
  }
}

/** Each `Depends()` once per request: sub-dependencies first, then cached for later users. */
const resolveDependencies = (
  ctx: SimContext,
  stage: Stage,
  request: HttpRequest,
  route: RouteSpec,
) => {
  const deps = route.depends ?? []
  const byName = new Map(deps.map((d) => [d.name, d]))
  const resolved = new Set<string>()
  const resolve = (name: string, chain: string[]): void => {
    const dep = byName.get(name)
    if (!dep || chain.includes(name)) return
    const here = [...chain, name]
    if (resolved.has(name)) {
      ctx.emit(stage, {
        type: 'validation:depends',
        direction: 'request',
        title: `${name}: cached for this request`,
        duration: 0.005,
        request,
        data: { name, chain: here, cached: true },
      })
      return
    }
    for (const used of dep.uses ?? []) resolve(used, here)
    resolved.add(name)
    ctx.emit(stage, {
      type: 'validation:depends',
      direction: 'request',
      title: `Depends(${name})`,
      duration: ctx.vary(dep.ms ?? 0.2),
      request,
      data: { name, chain: here, cached: false },
    })
  }
  for (const dep of deps) resolve(dep.name, [route.endpoint])
}

const PROFILES = { flask, django, fastapi } as const

/**
 * Checks the inputs the view declares, per framework: Flask's `request.get_json()` (415, 400),
 * a Django form (400), FastAPI's dependencies and pydantic models (422).
 */
export const validationStage: Stage = {
  id: 'validation',
  layer: 'validation',
  run(ctx, request, next) {
    const route = ctx.match?.route
    if (!route) throw new Error('The validation stage needs a route match from the router')
    const failure = PROFILES[ctx.scenario.framework](ctx, this, request, route)
    if (failure) {
      const detail = failure.detail ?? []
      ctx.emit(this, {
        type: 'validation:error',
        direction: 'response',
        title:
          failure.status === 422
            ? `Validation failed: 422 (${detail.length} error${detail.length === 1 ? '' : 's'})`
            : `${failure.status} ${failure.response.statusText}`,
        duration: 0.05 + 0.02 * detail.length,
        request,
        response: failure.response,
        data: {
          status: failure.status,
          reason: failure.reason,
          by: failure.by,
          detail,
          fields: failure.fields ?? {},
        },
      })
      return failure.response
    }
    const checked = [
      ...pathChecks(route),
      ...describeFields('query', route.query),
      ...describeFields('body', route.body),
    ]
    ctx.emit(this, {
      type: 'validation:ok',
      direction: 'request',
      title: checked.length ? 'Inputs are valid' : 'Nothing to validate',
      duration: 0.05 + 0.03 * checked.length,
      request,
      data: { checked },
    })
    return next(request)
  },
}
