import type { Stage } from '../context'
import type { HttpRequest, HttpResponse } from '../model/http'
import type { MiddlewareSpec } from '../model/scenario'
import { HTML, asWritten, makeResponse } from '../framework/pages'
import { parseCookies } from './shared'

type Options = Extract<MiddlewareSpec, { kind: 'csrf' }>

/** RFC 9110's safe methods: Django checks every other one. */
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE'])
const CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
const SECRET_LENGTH = 32

/** django.middleware.csrf's reasons, word for word: they are logged and decide the page. */
export const CSRF_REASONS = {
  noCookie: 'CSRF cookie not set.',
  noReferer: 'Referer checking failed - no Referer.',
  tokenMissing: 'CSRF token missing.',
} as const

export type CsrfVerdict =
  | { readonly ok: true; readonly tokenFrom: 'POST' | 'header' }
  | { readonly ok: false; readonly reason: string }

/** What `_check_token_format` says of a cookie or token, or null when it is well formed. */
const formatProblem = (token: string): string | null => {
  if (token.length !== SECRET_LENGTH && token.length !== 2 * SECRET_LENGTH)
    return 'has incorrect length'
  return /^[A-Za-z0-9]*$/.test(token) ? null : 'has invalid characters'
}

/** `_unmask_cipher_token`: a 64-character token is a mask and the secret shifted by it. */
const unmask = (token: string): string => {
  if (token.length !== 2 * SECRET_LENGTH) return token
  const mask = token.slice(0, SECRET_LENGTH)
  const cipher = token.slice(SECRET_LENGTH)
  let secret = ''
  for (let i = 0; i < SECRET_LENGTH; i++) {
    const x = CHARS.indexOf(cipher[i]!)
    const y = CHARS.indexOf(mask[i]!)
    secret += CHARS[(((x - y) % CHARS.length) + CHARS.length) % CHARS.length]
  }
  return secret
}

/** `csrfmiddlewaretoken` from a form body: request.POST, which only form bodies fill. */
const formToken = (request: HttpRequest): string => {
  const type = (request.headers['content-type'] ?? '').toLowerCase()
  if (request.method !== 'POST' || !type.startsWith('application/x-www-form-urlencoded')) return ''
  for (const pair of (request.body ?? '').split('&')) {
    const [name, value = ''] = pair.split('=')
    if (name === 'csrfmiddlewaretoken') return decodeURIComponent(value.replace(/\+/g, ' '))
  }
  return ''
}

/** `_check_referer`: on HTTPS with no Origin, the Referer must be HTTPS and this site (or trusted). */
const refererProblem = (
  referer: string | undefined,
  host: string,
  trusted: readonly string[],
): string | null => {
  if (referer === undefined) return CSRF_REASONS.noReferer
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]+)/i.exec(referer)
  if (!match) return 'Referer checking failed - Referer is malformed.'
  if (match[1]!.toLowerCase() !== 'https')
    return 'Referer checking failed - Referer is insecure while host is secure.'
  const netloc = match[2]!.toLowerCase()
  const trustedHosts = trusted.map((o) => o.replace(/^https?:\/\//, '').toLowerCase())
  if (netloc === host.toLowerCase() || trustedHosts.includes(netloc)) return null
  return `Referer checking failed - ${referer} does not match any trusted origins.`
}

/**
 * Django's `CsrfViewMiddleware.process_view`, in its order: the Origin header against the
 * site's own origin and `CSRF_TRUSTED_ORIGINS` (or, on HTTPS with no Origin, the Referer), then
 * the `csrftoken` cookie, then the token from the form or the `X-CSRFToken` header, which must
 * unmask to the cookie's secret. Django knows the request was HTTPS because gunicorn trusts
 * nginx's `X-Forwarded-Proto` from 127.0.0.1 and sets `wsgi.url_scheme`.
 */
export const checkCsrf = (request: HttpRequest, trusted: readonly string[]): CsrfVerdict => {
  const secure = request.headers['x-forwarded-proto'] === 'https'
  const host = request.headers.host ?? request.host
  const origin = request.headers.origin
  if (origin !== undefined) {
    if (origin !== `${secure ? 'https' : 'http'}://${host}` && !trusted.includes(origin))
      return {
        ok: false,
        reason: `Origin checking failed - ${origin} does not match any trusted origins.`,
      }
  } else if (secure) {
    const problem = refererProblem(request.headers.referer, host, trusted)
    if (problem) return { ok: false, reason: problem }
  }
  const cookie = parseCookies(request.headers.cookie).csrftoken
  if (cookie === undefined) return { ok: false, reason: CSRF_REASONS.noCookie }
  const cookieProblem = formatProblem(cookie)
  if (cookieProblem) return { ok: false, reason: `CSRF cookie ${cookieProblem}.` }
  const fromForm = formToken(request)
  const header = request.headers['x-csrftoken']
  if (fromForm === '' && header === undefined)
    return { ok: false, reason: CSRF_REASONS.tokenMissing }
  const token = fromForm === '' ? header! : fromForm
  const source = fromForm === '' ? "the 'X-Csrftoken' HTTP header" : 'POST'
  const problem = formatProblem(token)
  if (problem) return { ok: false, reason: `CSRF token from ${source} ${problem}.` }
  if (unmask(token) !== unmask(cookie))
    return { ok: false, reason: `CSRF token from ${source} incorrect.` }
  return { ok: true, tokenFrom: fromForm === '' ? 'header' : 'POST' }
}

const NO_REFERER =
  '  <p>You are seeing this message because this HTTPS site requires a \u201cReferer header\u201d to be sent by your web browser, but none was sent. This header is required for security reasons, to ensure that your browser is not being hijacked by third parties.</p>\n' +
  '  <p>If you have configured your browser to disable \u201cReferer\u201d headers, please re-enable them, at least for this site, or for HTTPS connections, or for \u201csame-origin\u201d requests.</p>\n' +
  '  <p>If you are using the &lt;meta name=&quot;referrer&quot; content=&quot;no-referrer&quot;&gt; tag or including the \u201cReferrer-Policy: no-referrer\u201d header, please remove them. The CSRF protection requires the \u201cReferer\u201d header to do strict referer checking. If you\u2019re concerned about privacy, use alternatives like &lt;a rel=&quot;noreferrer&quot; \u2026&gt; for links to third-party sites.</p>\n'

const NO_COOKIE =
  '  <p>You are seeing this message because this site requires a CSRF cookie when submitting forms. This cookie is required for security reasons, to ensure that your browser is not being hijacked by third parties.</p>\n' +
  '  <p>If you have configured your browser to disable cookies, please re-enable them, at least for this site, or for \u201csame-origin\u201d requests.</p>\n'

/** django.views.csrf.csrf_failure with DEBUG = False, as the real server renders it. */
const failurePage = (reason: string): HttpResponse => {
  const cookie = reason === CSRF_REASONS.noCookie
  const referer = reason === CSRF_REASONS.noReferer
  const body =
    '\n<!DOCTYPE html>\n<html lang="en">\n<head>\n' +
    '  <meta http-equiv="content-type" content="text/html; charset=utf-8">\n' +
    '  <meta name="robots" content="NONE,NOARCHIVE">\n  <title>403 Forbidden</title>\n' +
    '  <style type="text/css">\n    html * { padding:0; margin:0; }\n    body * { padding:10px 20px; }\n' +
    '    body * * { padding:0; }\n    body { font:small sans-serif; background:#eee; color:#000; }\n' +
    '    body>div { border-bottom:1px solid #ddd; }\n    h1 { font-weight:normal; margin-bottom:.4em; }\n' +
    '    h1 span { font-size:60%; color:#666; font-weight:normal; }\n    #info { background:#f6f6f6; }\n' +
    '    #info ul { margin: 0.5em 4em; }\n    #info p, #summary p { padding-top:10px; }\n' +
    '    #summary { background: #ffc; }\n    #explanation { background:#eee; border-bottom: 0px none; }\n' +
    '  </style>\n</head>\n<body>\n<div id="summary">\n  <h1>Forbidden <span>(403)</span></h1>\n' +
    '  <p>CSRF verification failed. Request aborted.</p>\n' +
    (referer ? `\n${NO_REFERER}\n\n` : cookie ? `\n\n${NO_COOKIE}\n` : '\n\n') +
    '</div>\n\n<div id="explanation">\n  <p><small>More information is available with DEBUG=True.</small></p>\n' +
    '</div>\n\n</body>\n</html>\n'
  return asWritten('django', makeResponse(403, body, HTML))
}

/**
 * Cross-site request forgery protection, Django's `CsrfViewMiddleware`. Its check is in
 * `process_view`, which Django calls once the URL resolved: so it runs after the router (an
 * unknown path is still a 404), before the view. Safe methods pass untouched.
 */
export const csrfMiddleware = (options: Options): Stage => ({
  id: 'middleware:csrf',
  layer: 'middleware',
  run(ctx, request, next) {
    const trusted = options.trustedOrigins ?? []
    if (SAFE.has(request.method)) return next(request)
    const verdict = checkCsrf(request, trusted)
    ctx.emit(this, {
      type: 'middleware:csrf-check',
      direction: 'request',
      title: verdict.ok ? 'CSRF: the token matches the cookie' : 'CSRF: check the request',
      duration: 0.04,
      request,
      data: {
        origin: request.headers.origin ?? null,
        trusted: [...trusted],
        cookie: parseCookies(request.headers.cookie).csrftoken !== undefined,
        token: verdict.ok ? verdict.tokenFrom : null,
      },
    })
    if (!verdict.ok) {
      const response = failurePage(verdict.reason)
      ctx.emit(this, {
        type: 'middleware:csrf-reject',
        direction: 'response',
        title: `CSRF verification failed: 403`,
        duration: 0.3,
        request,
        response,
        data: { reason: verdict.reason, status: 403 },
      })
      return response
    }
    const response = next(request)
    ctx.emit(this, {
      type: 'middleware:exit',
      direction: 'response',
      title: 'CSRF: done',
      duration: 0.01,
      request,
      response,
      data: { name: 'csrf', headersAdded: [] },
    })
    return response
  },
})
