/** Django on gunicorn: settings.py (MIDDLEWARE in order), urls.py, views.py and forms.py. */
import type {
  FieldMap,
  FieldType,
  JsonValue,
  MiddlewareSpec,
  RouteSpec,
  Scenario,
} from '../../engine'
import type { ViewDialect } from './common'
import {
  MIDDLEWARE_CLASSES,
  isAfterRouter,
  locationExpr,
  locationOf,
  middlewareOptions,
  sleepsForQuery,
} from './common'
import { MIDDLEWARE_INFO } from '../model/middleware'
import {
  DJANGO_BUILT_IN,
  DJANGO_OPTION_SETTINGS,
  djangoDbFile,
  djangoMiddlewareFile,
  djangoPackageFiles,
  djangoWsgiFile,
} from './djangoSupport'
import { hookBuilders } from './hooks'
import { servicesFile } from './services'
import { templateFiles } from './templates'
import { host } from './deploy'
import type { Anchor, CodeFile } from './model'
import { Lines } from './model'
import type { Refs } from './python'
import { convertPattern, pascal, pathParams, pyBlock, pyStr } from './python'
import {
  addContext,
  addHookDecorators,
  addSteps,
  addValue,
  bodyFields,
  hasFields,
  hookImports,
  templateName,
  textValue,
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
    case 'csrf':
      return 'django.middleware.csrf.CsrfViewMiddleware'
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
  call: (call) => `services.call(${pyStr(call.method)}, ${pyStr(call.url)})`,
  sleep: (seconds) => `time.sleep(${seconds})`,
  session: 'request.session',
}

/** A setting's value as Python, over several lines when long. */
const setting = (
  out: Lines,
  name: string,
  value: JsonValue | readonly string[],
  anchor: Anchor,
): void => {
  out.addAll(pyBlock(`${name} = `, value as JsonValue, '', ''), anchor)
}

/** The settings Django's own middleware (and django-cors-headers) read, from the options. */
const builtInSettings = (out: Lines, spec: MiddlewareSpec, anchor: Anchor): void => {
  switch (spec.kind) {
    case 'session': {
      out.blank()
      out.add('# Sessions: the cookie, and where the data lives.', anchor)
      if (spec.cookieName !== undefined)
        setting(out, 'SESSION_COOKIE_NAME', spec.cookieName, anchor)
      if (spec.store === 'cookie')
        out.add('SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"', anchor)
      else
        out.add('SESSION_ENGINE = "django.contrib.sessions.backends.db"  # django_session', anchor)
      if (spec.maxAge === null) out.add('SESSION_EXPIRE_AT_BROWSER_CLOSE = True', anchor)
      else if (spec.maxAge !== undefined) setting(out, 'SESSION_COOKIE_AGE', spec.maxAge, anchor)
      return
    }
    case 'compression':
      if (spec.minimumSize !== undefined || spec.level !== undefined) {
        out.blank()
        out.add(
          "# Django's GZipMiddleware has no settings: it compresses bodies of 200 bytes",
          anchor,
        )
        out.add('# or more at its own level.', anchor)
      }
      return
    case 'cors': {
      const origins = spec.allowOrigins ?? ['https://app.example.com']
      out.blank()
      out.add('# django-cors-headers: which pages on other origins may call this API.', anchor)
      if (origins.includes('*')) out.add('CORS_ALLOW_ALL_ORIGINS = True', anchor)
      else setting(out, 'CORS_ALLOWED_ORIGINS', origins, anchor)
      setting(
        out,
        'CORS_ALLOW_METHODS',
        spec.allowMethods ?? ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
        anchor,
      )
      setting(
        out,
        'CORS_ALLOW_HEADERS',
        spec.allowHeaders ?? ['Content-Type', 'Authorization'],
        anchor,
      )
      if (spec.exposeHeaders?.length)
        setting(out, 'CORS_EXPOSE_HEADERS', spec.exposeHeaders, anchor)
      if (spec.allowCredentials) out.add('CORS_ALLOW_CREDENTIALS = True', anchor)
      setting(out, 'CORS_PREFLIGHT_MAX_AGE', spec.maxAge ?? 600, anchor)
      return
    }
    case 'csrf':
      out.blank()
      out.add(
        '# CSRF: a POST, PUT, PATCH or DELETE needs the csrftoken cookie and a matching',
        anchor,
      )
      out.add(
        "# token, and an Origin that is this site's own or listed here (with no Origin on",
        anchor,
      )
      out.add('# HTTPS, a Referer from this site).', anchor)
      setting(out, 'CSRF_TRUSTED_ORIGINS', spec.trustedOrigins ?? [], anchor)
      return
    default:
      return
  }
}

const settingsFile = (scenario: Scenario): CodeFile => {
  const out = new Lines()
  const { middleware } = scenario
  const apps = ['"django.contrib.contenttypes"']
  if (middleware.some((m) => m.kind === 'session')) apps.push('"django.contrib.sessions"')
  if (middleware.some((m) => m.kind === 'cors' && !isAfterRouter(m))) apps.push('"corsheaders"')
  apps.push('"users"')
  out.add('"""settings.py: the settings this app needs (startproject writes many more)."""')
  out.add('import os')
  out.add('from pathlib import Path')
  out.blank()
  out.add('BASE_DIR = Path(__file__).resolve().parent.parent')
  out.blank()
  out.add('# Signs sessions and other tokens: set SECRET_KEY in production.')
  out.add('SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-a-secret")')
  out.add('DEBUG = False')
  out.add(`ALLOWED_HOSTS = [${pyStr(host(scenario))}]`)
  out.blank()
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
  out.blank()
  out.add('# SQLite, from the standard library: schema.sql creates its tables (users/db.py).')
  out.add('DATABASES = {')
  out.add(`${I}"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "app.db"}`)
  out.add('}')
  if (scenario.routes.some((r) => r.handler.kind === 'html')) {
    out.add('TEMPLATES = [')
    out.add(`${I}{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}`)
    out.add(']')
  }
  out.add('USE_TZ = True')
  middleware.forEach((spec, i) => {
    const anchor: Anchor = { kind: 'middleware', index: i }
    if (DJANGO_BUILT_IN.has(spec.kind) && !isAfterRouter(spec)) {
      builtInSettings(out, spec, anchor)
      return
    }
    const options = middlewareOptions(spec)
    const name = isAfterRouter(spec) ? undefined : DJANGO_OPTION_SETTINGS[spec.kind]
    if (options.length === 0 || name === undefined) return
    out.blank()
    out.add(`# Options of the ${MIDDLEWARE_INFO[spec.kind].inSentence} middleware`, anchor)
    setting(out, name, Object.fromEntries(options), anchor)
  })
  return {
    id: 'settings',
    path: 'mysite/settings.py',
    name: 'settings.py',
    about: 'Django settings: the MIDDLEWARE list, in the order requests pass through it.',
    language: 'python',
    lines: out.lines,
  }
}

/**
 * Django's URLconf matches the path only, so the routes sharing one pattern share one view: a
 * class-based View per pattern, whose get/post/… are the routes' view functions. View dispatches
 * as the model has Django do: HEAD runs the GET view, OPTIONS answers 200 with Allow, any other
 * method gets 405 with Allow.
 */
interface PathGroup {
  readonly route: string
  readonly className: string
  /** The routes on this pattern, by method (lower case), first route first. */
  readonly methods: readonly { method: string; index: number; endpoint: string }[]
  readonly indices: readonly number[]
}

const pathGroups = (scenario: Scenario): PathGroup[] => {
  const groups = new Map<
    string,
    { className: string; methods: PathGroup['methods'][number][]; indices: number[] }
  >()
  const names = new Set<string>()
  scenario.routes.forEach((route, index) => {
    const key = djangoRoute(route.pattern)
    let group = groups.get(key)
    if (!group) {
      const words =
        route.pattern
          .replace(/<(?:\w+:)?(\w+)>|\{(\w+)(?::\w+)?\}/g, '$1$2')
          .match(/[A-Za-z0-9]+/g) ?? []
      const base = `${pascal(words.join('_')) || 'Root'}View`.replace(/^(\d)/, 'V$1')
      let className = base
      for (let n = 2; names.has(className); n++) className = `${base}${n}`
      names.add(className)
      group = { className, methods: [], indices: [] }
      groups.set(key, group)
    }
    group.indices.push(index)
    for (const method of route.methods) {
      const lower = method.toLowerCase()
      if (!group.methods.some((m) => m.method === lower))
        group.methods.push({ method: lower, index, endpoint: route.endpoint })
    }
  })
  return [...groups].map(([route, g]) => ({ route, ...g }))
}

const urlsFile = (scenario: Scenario): CodeFile => {
  const out = new Lines()
  out.add('# urls.py: Django tries these patterns in order; the first match wins. A pattern')
  out.add('# matches the path only: its View (views.py) picks the view for the method.')
  out.add('from django.urls import path')
  out.blank()
  out.add('from users import views')
  out.blank()
  out.add('urlpatterns = [')
  for (const group of pathGroups(scenario)) {
    const first = scenario.routes[group.indices[0]!]!
    out.add(
      `${I}path(${pyStr(group.route)}, views.${group.className}.as_view(), name=${pyStr(first.endpoint)}),`,
      ...group.indices.map((index): Anchor => ({ kind: 'route', index })),
    )
  }
  out.add(']')
  return {
    id: 'urls',
    path: 'mysite/urls.py',
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
    path: 'users/forms.py',
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
  if (handler.kind === 'redirect') {
    // django.shortcuts.redirect: an HttpResponseRedirect, 302 Found, with no body.
    const expr = locationExpr(route, refs, 'request.path')
    const plain = handler.status === 302 && headers.length === 0
    out.add(`${I}${plain ? 'return ' : 'response = '}redirect(${expr})`, ret)
    if (plain) return
    if (handler.status !== 302) out.add(`${I}response.status_code = ${handler.status}`, ret)
    for (const [name, value] of headers)
      out.add(`${I}response[${pyStr(name)}] = ${pyStr(value)}`, ret)
    out.add(`${I}return response`, ret)
    return
  }
  if (handler.kind === 'empty') out.add(`${I}${target}HttpResponse(status=${handler.status})`, ret)
  else if (handler.kind === 'html') {
    const render = addContext(out, route, index, I, refs)
    out.add(`${I}${target}render(request, ${templateName(route)}, context${status})`, render, ret)
  } else if (handler.kind === 'text')
    // HttpResponse sends the string as it is, with Django's default text/html type.
    out.add(`${I}${target}HttpResponse(${textValue(route, refs)}${status})`, ret)
  else {
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
      out.add(`${I}${I}try:`, validation)
      out.add(`${I}${I}${I}payload = json.loads(request.body)`, validation)
      out.add(`${I}${I}except json.JSONDecodeError:`, validation)
      out.add(`${I}${I}${I}return JsonResponse({"error": "Invalid JSON"}, status=400)`, validation)
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
  if (routes.some((r) => r.handler.kind === 'empty' || r.handler.kind === 'text'))
    http.unshift('HttpResponse')
  out.add('# views.py: a function per route, which takes the request and returns a response;')
  out.add('# below them, a View per URL pattern picks the function for the HTTP method.')
  const std = [
    ...(routes.some((r) => hasFields(r.body)) ? ['import json'] : []),
    ...(routes.some(sleepsForQuery) ? ['import time'] : []),
  ]
  if (std.length) out.addAll(std).blank()
  if (routes.some((r) => r.handler.queries.length)) out.add('from django.db import connection')
  out.add(`from django.http import ${http.join(', ')}`)
  const shortcuts = [
    ...(routes.some((r) => r.handler.kind === 'redirect') ? ['redirect'] : []),
    ...(routes.some((r) => r.handler.kind === 'html') ? ['render'] : []),
  ]
  if (shortcuts.length) out.add(`from django.shortcuts import ${shortcuts.join(', ')}`)
  out.add('from django.views import View')
  const hooks = middleware.filter(isAfterRouter)
  const calls = routes.some((r) => r.handler.calls?.length)
  if (hooks.length || forms.length || calls) out.blank()
  if (calls) out.add('from . import services')
  if (forms.length) out.add(`from .forms import ${forms.join(', ')}`)
  if (hooks.length) out.add(`from .hooks import ${hookImports(hooks)}`)
  routes.forEach((route, index) => addView(out, scenario, route, index))
  pathGroups(scenario).forEach((group, i) => {
    out.blank().blank()
    if (i === 0) {
      out.add('# One View per URL pattern: Django sends each request to the method named like its')
      out.add(
        '# HTTP method (HEAD runs get, OPTIONS lists the methods, others get 405 with Allow).',
      )
    }
    out.add(`class ${group.className}(View):`)
    out.add(
      `${I}${pyStr(`${group.route || '(the root)'}: ${group.methods.map((m) => m.method.toUpperCase()).join(', ')}`).replace(/^"|"$/g, '"""')}`,
    )
    out.blank()
    for (const m of group.methods)
      out.add(`${I}${m.method} = staticmethod(${m.endpoint})`, { kind: 'route', index: m.index })
  })
  return {
    id: 'views',
    path: 'users/views.py',
    name: 'views.py',
    about: 'The views: what runs once the URLconf has picked one.',
    language: 'python',
    lines: out.lines,
  }
}

/**
 * settings.py, urls.py, views.py and (when a view validates input) forms.py first, as the Code
 * tab shows them; then the rest of the project: the own middleware, hooks, wsgi.py, the
 * database helper, services, templates, manage.py and the package files.
 */
export const djangoFiles = (scenario: Scenario): CodeFile[] =>
  [
    settingsFile(scenario),
    urlsFile(scenario),
    viewsFile(scenario),
    formsFile(scenario),
    djangoMiddlewareFile(scenario),
    hookBuilders.django(scenario, new Set(['users', 'mysite'])),
    djangoWsgiFile(scenario),
    djangoDbFile(scenario),
    servicesFile(scenario),
    ...templateFiles(scenario),
    ...djangoPackageFiles(),
  ].filter((f): f is CodeFile => f !== null)
