import type { SimContext, Stage } from '../context'
import { AppException } from '../context'
import type { HttpRequest } from '../model/http'
import type { Framework, HandlerSpec, JsonValue } from '../model/scenario'
import { utf8Length } from '../model/http'
import { HTML, JSON_TYPE, asWritten, makeResponse } from '../framework/pages'
import { pyJson } from '../framework/json'
import type { RaisedException } from '../framework/traceback'
import { describeException, traceback } from '../framework/traceback'

type Values = Readonly<Record<string, JsonValue | undefined>>

/** Path parameters first, then the validated body's fields, then the query. */
const lookupValues = (ctx: SimContext): Values => {
  const body = ctx.input?.body
  const bodyFields =
    typeof body === 'object' && body !== null && !Array.isArray(body) ? body : undefined
  return { ...ctx.input?.query, ...bodyFields, ...ctx.match?.params }
}

/**
 * Replaces every string `"{name}"` with the matching value, keeping its type. Parts with nothing
 * to fill are returned as they are, so a large body is not copied on every request.
 */
const fill = (value: JsonValue, values: Values): JsonValue => {
  if (typeof value === 'string') {
    // 123 is "{": most strings are not placeholders, so skip the regex for them.
    if (value.charCodeAt(0) !== 123) return value
    const name = /^\{(\w+)\}$/.exec(value)?.[1]
    const found = name === undefined ? undefined : values[name]
    return found === undefined ? value : found
  }
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) {
    let copy: JsonValue[] | undefined
    for (let i = 0; i < value.length; i++) {
      const filled = fill(value[i]!, values)
      if (filled !== value[i]) (copy ??= value.slice())[i] = filled
    }
    return copy ?? value
  }
  let copy: Record<string, JsonValue> | undefined
  for (const key in value) {
    const filled = fill(value[key]!, values)
    if (filled !== value[key]) (copy ??= { ...value })[key] = filled
  }
  return copy ?? value
}

/** `/users/{id}` with `{id}` replaced inside the string. */
const fillText = (text: string, values: Values): string =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const found = values[name]
    return found === undefined || (typeof found === 'object' && found !== null)
      ? whole
      : String(found)
  })

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;')

/** A template's output: a small page showing the context, autoescaped as Jinja2 and Django do. */
const renderPage = (template: string, data: JsonValue): string => {
  const record = typeof data === 'object' && data !== null && !Array.isArray(data) ? data : {}
  const title = escapeHtml(String(record.name ?? record.title ?? template.replace(/\.html$/, '')))
  const rows = Object.entries(record)
    .map(
      ([k, v]) =>
        `    <dt>${escapeHtml(k)}</dt><dd>${escapeHtml(typeof v === 'string' ? v : JSON.stringify(v))}</dd>`,
    )
    .join('\n')
  return `<!doctype html>\n<html lang="en">\n<head><title>${title}</title></head>\n<body>\n  <h1>${title}</h1>\n  <dl>\n${rows}\n  </dl>\n</body>\n</html>\n`
}

/** What the view receives as arguments, as each framework calls it. */
const viewArgs = (ctx: SimContext, request: HttpRequest): Record<string, JsonValue> => {
  const params: Record<string, JsonValue> = { ...ctx.match?.params }
  switch (ctx.scenario.framework) {
    case 'flask':
      // Flask passes only the URL's variables; the body comes from the `request` global.
      return params
    case 'django':
      return { request: `<WSGIRequest: ${request.method} '${request.path}'>`, ...params }
    case 'fastapi': {
      const route = ctx.match?.route
      const args: Record<string, JsonValue> = { ...params }
      for (const name of Object.keys(route?.query ?? {}))
        args[name] = ctx.input?.query[name] ?? null
      if (route?.body && ctx.input?.body !== undefined) args.payload = ctx.input.body
      return args
    }
  }
}

/** What touching `session` raises when no session support is installed. */
const NO_SESSION: Readonly<Record<Framework, RaisedException>> = {
  flask: {
    exception: 'RuntimeError',
    message:
      'The session is unavailable because no secret key was set.  Set the secret_key on the application to something unique and secret.',
    line: 'session["user"] = user.name',
  },
  django: {
    exception: 'AttributeError',
    message: "'WSGIRequest' object has no attribute 'session'",
    line: 'request.session["user"] = user.username',
  },
  fastapi: {
    exception: 'AssertionError',
    message: 'SessionMiddleware must be installed to access request.session',
    line: 'request.session["user"] = user.name',
  },
}

const serialize = (
  framework: Framework,
  spec: HandlerSpec,
  data: JsonValue,
): { body: string; contentType: string | null } => {
  switch (spec.kind) {
    case 'json':
      return { body: pyJson(framework, data), contentType: JSON_TYPE }
    case 'html':
      return { body: '', contentType: HTML }
    case 'text':
      // A bare string: Flask and Django send it as it is, labelled HTML (their default type);
      // FastAPI runs it through jsonable_encoder like any return value, so it arrives as JSON.
      if (framework === 'fastapi') return { body: pyJson(framework, data), contentType: JSON_TYPE }
      return { body: typeof data === 'string' ? data : pyJson(framework, data), contentType: HTML }
    case 'empty':
      // Flask and Django still label an empty response text/html; Starlette sends no type.
      return { body: '', contentType: framework === 'fastapi' ? null : HTML }
    case 'redirect':
      // Flask's redirect() writes a small page for clients that do not follow; Django's
      // HttpResponseRedirect is empty but still text/html; Starlette's RedirectResponse has no type.
      return { body: '', contentType: framework === 'fastapi' ? null : HTML }
  }
}

// markupsafe.escape, as Werkzeug's redirect() applies it to the target.
const markupEscape = (text: string): string => escapeHtml(text).replace(/'/g, '&#39;')

/** The page Werkzeug's `redirect()` sends with a redirect, byte for byte. */
const werkzeugRedirectPage = (location: string): string => {
  const target = markupEscape(location)
  return `<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n<p>You should be redirected automatically to the target URL: <a href="${target}">${target}</a>. If not, click the link.\n`
}

/**
 * Your code: the view runs its queries and calls, does its own work, and returns data that the
 * framework serializes (JSON, a rendered template, or nothing for 204). A fault makes it raise.
 */
export const handlerStage: Stage = {
  id: 'handler',
  layer: 'handler',
  run(ctx, request) {
    const match = ctx.match
    if (!match) throw new Error('The handler stage needs a route match from the router')
    const { route } = match
    const spec = route.handler
    const framework = ctx.scenario.framework
    const args = viewArgs(ctx, request)
    ctx.emit(this, {
      type: 'handler:call',
      direction: 'request',
      title: `Call ${route.endpoint}(${Object.keys(args).join(', ')})`,
      duration: 0.05,
      request,
      data: { endpoint: route.endpoint, args },
    })

    const raise = (raised: RaisedException, duration: number): never => {
      const lines = traceback(framework, route.endpoint, raised)
      ctx.emit(this, {
        type: 'handler:raise',
        direction: 'response',
        title: `${route.endpoint}() raised ${raised.exception}`,
        duration,
        request,
        data: { exception: raised.exception, message: raised.message, traceback: lines },
      })
      throw new AppException(raised.exception, raised.message, lines, this.id)
    }

    const fault = spec.fault
    const raiseAt =
      fault?.kind === 'exception'
        ? Math.min(fault.afterQueries ?? spec.queries.length, spec.queries.length)
        : -1
    spec.queries.forEach((query, i) => {
      if (i === raiseAt && fault?.kind === 'exception')
        raise(describeException(fault.exception, fault.message, fault.line), 0.1)
      const slow = fault?.kind === 'slow-query' && (fault.query ?? 0) === i
      const queryMs = slow ? (fault.ms ?? 300) : query.ms
      ctx.emit(this, {
        type: 'handler:db-query',
        direction: 'request',
        title: `${slow ? 'Slow query' : 'Database'}: ${query.sql}`,
        // An injected delay is the figure the Code tab and the editor show, so it is not varied.
        duration: slow ? queryMs : ctx.vary(queryMs),
        request,
        data: { sql: query.sql, rows: query.rows, slow, usualMs: query.ms },
      })
    })
    for (const call of spec.calls ?? [])
      ctx.emit(this, {
        type: 'handler:external-call',
        direction: 'request',
        title: `${call.method} ${call.service}: ${call.status}`,
        duration: ctx.vary(call.ms),
        request,
        data: { service: call.service, method: call.method, url: call.url, status: call.status },
      })
    if (fault?.kind === 'exception')
      raise(
        describeException(fault.exception, fault.message, fault.line),
        ctx.vary(spec.computeMs / 2),
      )

    const writes = spec.session
    const sessionWrites = [...Object.keys(writes?.set ?? {}), ...(writes?.clear ? ['clear()'] : [])]
    if (sessionWrites.length > 0) {
      if (!ctx.session) raise(NO_SESSION[framework], ctx.vary(spec.computeMs / 2))
      const base = writes?.clear ? {} : ctx.session?.data
      const written = fill(writes?.set ?? {}, lookupValues(ctx)) as Record<string, JsonValue>
      ctx.session = { ...ctx.session, data: { ...base, ...written }, modified: true }
    }
    ctx.emit(this, {
      type: 'handler:logic',
      direction: 'request',
      title: `${route.endpoint}() runs its own code`,
      duration: ctx.vary(spec.computeMs),
      request,
      data: { ms: spec.computeMs, sessionWrites },
    })

    const values = lookupValues(ctx)
    // A bare string is built like Python's "User " + str(id): placeholders inside it are filled.
    const data =
      spec.kind === 'text' && typeof spec.body === 'string'
        ? fillText(spec.body, values)
        : fill(spec.body, values)
    const serialized = serialize(framework, spec, data)
    const contentType = serialized.contentType
    let body = serialized.body
    if (spec.kind === 'html') {
      const template = spec.template ?? `${route.endpoint}.html`
      body = renderPage(template, data)
      ctx.emit(this, {
        type: 'handler:render',
        direction: 'request',
        title: `Render ${template}`,
        duration: ctx.vary(0.4 + utf8Length(body) / 20_000),
        request,
        data: {
          template,
          engine: framework === 'django' ? 'Django templates' : 'Jinja2',
          bytes: utf8Length(body),
        },
      })
    }

    const location = locationFor(spec, data, values, request)
    const headers: Record<string, string> = { ...spec.headers }
    if (location !== null) headers.location = location
    if (spec.kind === 'redirect' && framework === 'flask' && location !== null)
      body = werkzeugRedirectPage(location)
    let response = asWritten(framework, makeResponse(spec.status, body, contentType, headers))
    if (spec.kind === 'empty') {
      // Werkzeug and Starlette send no Content-Length with a 204.
      const { 'content-length': _dropped, ...rest } = response.headers
      response = { ...response, headers: rest }
    }
    ctx.emit(this, {
      type: 'handler:return',
      direction: 'response',
      title: `${route.endpoint}() returns ${spec.status}`,
      duration: 0.05 + utf8Length(body) / 200_000,
      request,
      response,
      data: { kind: spec.kind, status: spec.status, bytes: utf8Length(body), location },
    })
    return response
  },
}

/** The `Location` of a 201: the spec's template, or the collection path plus the new `id`. */
const locationFor = (
  spec: HandlerSpec,
  data: JsonValue,
  values: Values,
  request: HttpRequest,
): string | null => {
  const created = typeof data === 'object' && data !== null && !Array.isArray(data) ? data : {}
  if (spec.location !== undefined) return fillText(spec.location, { ...values, ...created })
  if (spec.status !== 201 || created.id === undefined || typeof created.id === 'object') return null
  return `${request.path.replace(/\/$/, '')}/${String(created.id)}`
}
