/**
 * What each kind of difference between the real servers and the simulation comes from, as far as
 * it is understood: rules over one difference, the first that fits names the cause and the side
 * that has to change (the model, the generated code, or the harness). A difference no rule fits
 * is "not yet explained". When a round trip's status differs, its other differences follow from
 * that and share its cause. Kept apart from the runner so the causes read as a list.
 */
import type { Framework } from '../../src/engine'
import type { Difference } from './compare'

export interface Cause {
  readonly label: string
  readonly side: 'model' | 'generator' | 'harness' | 'unexplained'
}

/** What a rule may look at besides the difference: the framework and the round trip. */
export interface Context {
  readonly framework: Framework
  readonly method: string
}

interface Rule extends Cause {
  readonly fits: (d: Difference, c: Context) => boolean
}

const NGINX_REASONS = [
  'Request Entity Too Large',
  'Service Temporarily Unavailable',
  'Gateway Time-out',
]
const lower = (text: string) => text.toLowerCase()

const RULES: readonly Rule[] = [
  // ── the status ──────────────────────────────────────────────────────────────────────────
  {
    side: 'model',
    label:
      'FastAPI routes do not answer HEAD for a GET route (Starlette’s plain routes do): FastAPI answers 405',
    fits: (d, c) =>
      d.criterion === 'status' &&
      c.framework === 'fastapi' &&
      c.method === 'HEAD' &&
      d.real === '405',
  },
  {
    side: 'model',
    label:
      'django-cors-headers answers an allowed preflight 200 with an empty text/html body (the model: 204)',
    fits: (d, c) =>
      d.criterion === 'status' &&
      c.framework === 'django' &&
      c.method === 'OPTIONS' &&
      d.real === '200' &&
      d.simulated === '204',
  },
  // ── the reason phrase ───────────────────────────────────────────────────────────────────
  {
    side: 'model',
    label:
      'Werkzeug (Flask) sends its reason phrases in capitals ("NOT FOUND"), and nginx passes them on',
    fits: (d, c) =>
      d.criterion === 'reason' && c.framework === 'flask' && d.real === d.simulated.toUpperCase(),
  },
  {
    side: 'model',
    label:
      'nginx’s status line for its own errors has its own phrases (Request Entity Too Large, Service Temporarily Unavailable, Gateway Time-out); the model has them only in the page',
    fits: (d) => d.criterion === 'reason' && NGINX_REASONS.includes(d.real),
  },
  // ── headers ─────────────────────────────────────────────────────────────────────────────
  {
    side: 'model',
    label: 'nginx sends Server: nginx/1.26.3 (server_tokens is on by default); the model: nginx',
    fits: (d) => d.header === 'server' && /^nginx\/[\d.]+$/.test(d.real) && d.simulated === 'nginx',
  },
  {
    side: 'model',
    label:
      'Django sets no Content-Length (only CommonMiddleware does, and the stack has none), so gunicorn sends the body chunked (and a HEAD answer with neither)',
    fits: (d, c) =>
      d.header === 'content-length/transfer-encoding' &&
      c.framework === 'django' &&
      d.simulated === 'content-length' &&
      (d.real === 'chunked' || (c.method === 'HEAD' && d.real === 'neither')),
  },
  {
    side: 'model',
    label: 'Django’s default error pages are text/html; charset=utf-8 (the model: text/html)',
    fits: (d, c) =>
      d.header === 'content-type' &&
      c.framework === 'django' &&
      d.real === 'text/html; charset=utf-8' &&
      d.simulated === 'text/html',
  },
  {
    side: 'model',
    label: 'nginx’s expires directive sends an Expires date as well as Cache-Control: max-age',
    fits: (d) => d.header === 'expires' && d.simulated === '(none)',
  },
  {
    side: 'model',
    label: 'nginx makes a redirect to a path absolute (https://host/path: absolute_redirect is on)',
    fits: (d) =>
      d.header === 'location' && /^https?:\/\//.test(d.real) && d.simulated.startsWith('/'),
  },
  {
    side: 'model',
    label: 'nginx’s limit_req answers 429 without Retry-After',
    fits: (d) => d.header === 'retry-after' && d.real === '(none)',
  },
  {
    side: 'model',
    label: 'FastAPI’s Allow lists a GET route’s methods without HEAD',
    fits: (d, c) =>
      d.header === 'allow' && c.framework === 'fastapi' && !lower(d.real).includes('head'),
  },
  {
    side: 'model',
    label: 'Django’s SessionMiddleware adds Vary: Cookie whenever the session was read',
    fits: (d, c) =>
      d.header === 'vary' &&
      c.framework === 'django' &&
      lower(d.real).includes('cookie') &&
      !lower(d.simulated).includes('cookie'),
  },
  {
    side: 'model',
    label:
      'Django turns a view’s exception into a response inside the view layer (process_exception), so CORS outside the error handler still adds its headers',
    fits: (d, c) =>
      c.framework === 'django' &&
      (d.header === 'access-control-allow-origin' ||
        (d.header === 'vary' && lower(d.real).includes('origin'))) &&
      d.simulated === '(none)',
  },
  {
    side: 'model',
    label:
      'Starlette’s CORSMiddleware lists the always-allowed headers (Accept, Accept-Language, Content-Language, Content-Type) in Access-Control-Allow-Headers too',
    fits: (d, c) => d.header === 'access-control-allow-headers' && c.framework === 'fastapi',
  },
  {
    side: 'model',
    label:
      'Starlette’s SessionMiddleware sends the cookie again on every response while the session holds data',
    fits: (d, c) =>
      d.header === 'set-cookie' && c.framework === 'fastapi' && d.simulated === '(none)',
  },
  {
    side: 'model',
    label: 'Starlette’s SessionMiddleware adds no Vary: Cookie',
    fits: (d, c) =>
      d.header === 'vary' &&
      c.framework === 'fastapi' &&
      lower(d.simulated).includes('cookie') &&
      !lower(d.real).includes('cookie'),
  },
]

/** The cause of one difference. */
export const causeOf = (d: Difference, context: Context): Cause => {
  const rule = RULES.find((r) => r.fits(d, context))
  return rule
    ? { label: rule.label, side: rule.side }
    : {
        label: `${d.criterion}${d.header ? ` ${d.header}` : ''}: not yet explained`,
        side: 'unexplained',
      }
}

/** The causes of a round trip's differences: a status difference's cause covers the rest. */
export const causesOf = (differences: readonly Difference[], context: Context): Cause[] => {
  const status = differences.find((d) => d.criterion === 'status')
  const shared = status ? causeOf(status, context) : null
  return differences.map((d) => shared ?? causeOf(d, context))
}
