/** Django on gunicorn: settings.py (MIDDLEWARE in order), urls.py, views.py and forms.py. */
import type { FieldMap, FieldType, MiddlewareSpec, RouteSpec, Scenario } from '../../engine'
import type { ViewDialect } from './common'
import {
  MIDDLEWARE_CLASSES,
  isAfterRouter,
  locationExpr,
  locationOf,
  middlewareOptions,
} from './common'
import { MIDDLEWARE_INFO } from '../model/middleware'
import type { Anchor, CodeFile } from './model'
import { Lines } from './model'
import type { Refs } from './python'
import { convertPattern, pascal, pathParams, pyBlock, pyStr, snake } from './python'
import {
  addContext,
  addHookDecorators,
  addSteps,
  addValue,
  bodyFields,
  hasFields,
  hookImports,
  methodList,
  templateName,
} from './views'

const I = '    '

/** Django's own middleware where it has one; the app's `users.middleware` module otherwise. */
const dottedPath = (spec: MiddlewareSpec): string => {
  switch (spec.kind) {
    case 'session':
      return 'django.contrib.sessions.middleware.SessionMiddleware'
    case 'compression':
      return 'django.middleware.gzip.GZipMiddleware'
    case 'cors':
      return 'corsheaders.middleware.CorsMiddleware'
    default:
      return `users.middleware.${MIDDLEWARE_CLASSES[spec.kind]}`
  }
}

const FORM_FIELDS: Readonly<Record<FieldType, string>> = {
  str: 'forms.CharField',
  int: 'forms.IntegerField',
  float: 'forms.FloatField',
  bool: 'forms.BooleanField',
  email: 'forms.EmailField',
}

const formName = (route: RouteSpec, part: 'body' | 'query') =>
  `${pascal(route.endpoint)}${part === 'query' ? 'Query' : ''}Form`

/** The Django path() string: no leading slash, angle-bracket converters. */
const djangoRoute = (pattern: string): string => convertPattern(pattern, 'angle').replace(/^\//, '')

const dialect: ViewDialect = {
  awaitPrefix: '',
  chain: false,
  query: (sql, args) =>
    `cursor.execute(${pyStr(sql)}${args.length ? `, [${args.join(', ')}]` : ''})`,
  call: (call) => `requests.request(${pyStr(call.method)}, ${pyStr(call.url)}, timeout=5)`,
  session: 'request.session',
}

const settingsFile = (scenario: Scenario): CodeFile => {
  const out = new Lines()
  const { middleware } = scenario
  const apps = ['"django.contrib.contenttypes"']
  if (middleware.some((m) => m.kind === 'session')) apps.push('"django.contrib.sessions"')
  if (middleware.some((m) => m.kind === 'cors')) apps.push('"corsheaders"')
  apps.push('"users"')
  out.add('# settings.py: the parts this app sets.')
  out.add(`INSTALLED_APPS = [${apps.join(', ')}]`)
  out.blank()
  out.add('# Outermost first: Django runs this list top to bottom on the way in,')
  out.add('# bottom to top on the way out.')
  const before = middleware.map((m, i) => [m, i] as const).filter(([m]) => !isAfterRouter(m))
  if (before.length === 0) out.add('MIDDLEWARE = []  # none: requests go straight to the URLconf')
  else {
    out.add('MIDDLEWARE = [')
    for (const [spec, i] of before)
      out.add(`${I}${pyStr(dottedPath(spec))},  # ${MIDDLEWARE_INFO[spec.kind].codeNote}`, {
        kind: 'middleware',
        index: i,
      })
    out.add(']')
  }
  out.blank()
  out.add('ROOT_URLCONF = "mysite.urls"', { kind: 'server' })
  out.add('WSGI_APPLICATION = "mysite.wsgi.application"', { kind: 'server' })
  middleware.forEach((spec, i) => {
    const options = middlewareOptions(spec)
    if (options.length === 0) return
    const anchor: Anchor = { kind: 'middleware', index: i }
    out.blank()
    out.add(`# Options of the ${MIDDLEWARE_INFO[spec.kind].inSentence} middleware`, anchor)
    out.addAll(
      pyBlock(`${snake(spec.kind).toUpperCase()} = `, Object.fromEntries(options), '', ''),
      anchor,
    )
  })
  return {
    id: 'settings',
    name: 'settings.py',
    about: 'Django settings: the MIDDLEWARE list, in the order requests pass through it.',
    language: 'python',
    lines: out.lines,
  }
}

const urlsFile = (scenario: Scenario): CodeFile => {
  const out = new Lines()
  out.add('# urls.py: Django tries these patterns in order; the first match wins.')
  out.add('from django.urls import path')
  out.blank()
  out.add('from users import views')
  out.blank()
  out.add('urlpatterns = [')
  scenario.routes.forEach((route, index) =>
    out.add(
      `${I}path(${pyStr(djangoRoute(route.pattern))}, views.${route.endpoint}, name=${pyStr(route.endpoint)}),`,
      { kind: 'route', index },
    ),
  )
  out.add(']')
  return {
    id: 'urls',
    name: 'urls.py',
    about: 'The URLconf: each path() maps a URL pattern to a view.',
    language: 'python',
    lines: out.lines,
  }
}

const addForm = (out: Lines, name: string, fields: FieldMap, index: number) => {
  out.blank().blank()
  out.within([{ kind: 'validation', index }], () => {
    out.add(`class ${name}(forms.Form):`)
    for (const [field, spec] of Object.entries(fields))
      out.add(
        `${I}${field} = ${FORM_FIELDS[spec.type]}(${spec.required === false ? 'required=False' : ''})`,
      )
  })
}

const formsFile = (scenario: Scenario): CodeFile | null => {
  if (!scenario.routes.some((r) => hasFields(r.body) || hasFields(r.query))) return null
  const out = new Lines()
  out.add('# forms.py: each form checks one view’s input; is_valid() fills form.errors.')
  out.add('from django import forms')
  scenario.routes.forEach((route, index) => {
    if (hasFields(route.query)) addForm(out, formName(route, 'query'), route.query, index)
    if (hasFields(route.body)) addForm(out, formName(route, 'body'), route.body, index)
  })
  return {
    id: 'forms',
    name: 'forms.py',
    about: 'Forms: the declared inputs each view validates.',
    language: 'python',
    lines: out.lines,
  }
}

const addReturn = (out: Lines, route: RouteSpec, index: number, refs: Refs) => {
  const { handler } = route
  const ret: Anchor = { kind: 'handler', index, step: 'return' }
  const status = handler.status === 200 ? '' : `, status=${handler.status}`
  const location = locationOf(route)
  const headers = Object.entries(handler.headers ?? {})
  const needsResponse = location !== null || headers.length > 0
  const target = needsResponse ? 'response = ' : 'return '
  if (handler.kind === 'empty') out.add(`${I}${target}HttpResponse(status=${handler.status})`, ret)
  else if (handler.kind === 'html') {
    const render = addContext(out, route, index, I, refs)
    out.add(`${I}${target}render(request, ${templateName(route)}, context${status})`, render, ret)
  } else {
    const body = handler.body
    const safe =
      body !== null && typeof body === 'object' && !Array.isArray(body) ? '' : ', safe=False'
    addValue(out, `${target}JsonResponse(`, route, `${safe}${status})`, I, refs, ret)
  }
  if (!needsResponse) return
  const expr = locationExpr(route, refs, 'request.path')
  if (expr !== null) out.add(`${I}response["Location"] = ${expr}`, ret)
  for (const [name, value] of headers)
    out.add(`${I}response[${pyStr(name)}] = ${pyStr(value)}`, ret)
  out.add(`${I}return response`, ret)
}

const addView = (out: Lines, scenario: Scenario, route: RouteSpec, index: number) => {
  const params = pathParams(route.pattern).map((p) => p.name)
  const refs: Record<string, string> = {}
  for (const name of params) refs[name] = name
  for (const name of Object.keys(route.query ?? {})) refs[name] = `query[${pyStr(name)}]`
  for (const name of bodyFields(route)) refs[name] = `data[${pyStr(name)}]`
  out.blank().blank()
  // Django's router matches the path only; this decorator answers 405 for other methods.
  out.add(`@require_http_methods([${methodList(route)}])`, { kind: 'route', index })
  addHookDecorators(out, scenario, route, index)
  out.within([{ kind: 'handler', index }], () => {
    out.add(`def ${route.endpoint}(${['request', ...params].join(', ')}):`, {
      kind: 'handler',
      index,
      step: 'call',
    })
    const validation: Anchor = { kind: 'validation', index }
    if (hasFields(route.query)) {
      out.add(`${I}query_form = ${formName(route, 'query')}(request.GET)`, validation)
      out.add(`${I}if not query_form.is_valid():`, validation)
      out.add(`${I}${I}return JsonResponse({"errors": query_form.errors}, status=400)`, validation)
      out.add(`${I}query = query_form.cleaned_data`, validation)
    }
    if (hasFields(route.body)) {
      out.add(`${I}if request.content_type == "application/json":`, validation)
      out.add(`${I}${I}payload = json.loads(request.body)  # bad JSON: 400`, validation)
      out.add(`${I}else:`, validation)
      out.add(`${I}${I}payload = request.POST`, validation)
      out.add(`${I}form = ${formName(route, 'body')}(payload)`, validation)
      out.add(`${I}if not form.is_valid():`, validation)
      out.add(`${I}${I}return JsonResponse({"errors": form.errors}, status=400)`, validation)
      out.add(`${I}data = form.cleaned_data`, validation)
    }
    if (route.handler.queries.length) out.add(`${I}cursor = connection.cursor()`)
    addSteps(out, route, index, dialect, I, refs)
    addReturn(out, route, index, refs)
  })
}

const viewsFile = (scenario: Scenario): CodeFile => {
  const out = new Lines()
  const { routes, middleware } = scenario
  const forms = routes.flatMap((r) => [
    ...(hasFields(r.query) ? [formName(r, 'query')] : []),
    ...(hasFields(r.body) ? [formName(r, 'body')] : []),
  ])
  const http = ['JsonResponse']
  if (routes.some((r) => r.handler.kind === 'empty')) http.unshift('HttpResponse')
  out.add('# views.py: one function per URL pattern; each takes the request, returns a response.')
  if (routes.some((r) => hasFields(r.body))) out.add('import json').blank()
  if (routes.some((r) => r.handler.calls?.length)) out.add('import requests')
  if (routes.some((r) => r.handler.queries.length)) out.add('from django.db import connection')
  out.add(`from django.http import ${http.join(', ')}`)
  if (routes.some((r) => r.handler.kind === 'html')) out.add('from django.shortcuts import render')
  out.add('from django.views.decorators.http import require_http_methods')
  const hooks = middleware.filter(isAfterRouter)
  if (hooks.length || forms.length) out.blank()
  if (forms.length) out.add(`from .forms import ${forms.join(', ')}`)
  if (hooks.length) out.add(`from .hooks import ${hookImports(hooks)}`)
  routes.forEach((route, index) => addView(out, scenario, route, index))
  return {
    id: 'views',
    name: 'views.py',
    about: 'The views: what runs once the URLconf has picked one.',
    language: 'python',
    lines: out.lines,
  }
}

/** settings.py, urls.py, views.py and (when a view validates input) forms.py. */
export const djangoFiles = (scenario: Scenario): CodeFile[] => {
  const forms = formsFile(scenario)
  return [
    settingsFile(scenario),
    urlsFile(scenario),
    viewsFile(scenario),
    ...(forms ? [forms] : []),
  ]
}
