/**
 * The one table of what the UI says about each kind of middleware: its names, its sentence form,
 * what it does and its colour. Keyed by the engine's own union, so a new kind does not compile
 * until it has an entry. Framework code (class names, dotted paths) stays in ui/code; narration
 * prose stays in ui/narration.
 */
import type { MiddlewareKind, StageId } from '../../engine'
import { middlewareKindOf } from '../../engine'

interface MiddlewareInfo {
  /** The display name, as a label or at the start of a sentence: "Authentication". */
  readonly name: string
  /** Short enough for the folded rings, where three sit side by side: "Auth". */
  readonly shortName: string
  /** How a sentence names it before "middleware": "the authentication middleware". */
  readonly inSentence: string
  /** What it does, in one line, for the editor's "Add" choice. */
  readonly summary: string
  /** What it does, in a few words, for the comment beside its entry in generated code. */
  readonly codeNote: string
  /** The CSS custom property of its colour, as the journey, exports and editor draw it. */
  readonly hue: '--hue-middleware'
}

export const MIDDLEWARE_INFO: Readonly<Record<MiddlewareKind, MiddlewareInfo>> = {
  logging: {
    name: 'Logging',
    shortName: 'Logging',
    inSentence: 'logging',
    summary: 'logs each request and how long it took',
    codeNote: 'logs each request; adds X-Response-Time',
    hue: '--hue-middleware',
  },
  cors: {
    name: 'CORS',
    shortName: 'CORS',
    inSentence: 'CORS',
    summary: 'adds Access-Control-Allow-* headers for other origins',
    codeNote: 'CORS: preflights and Access-Control-* headers',
    hue: '--hue-middleware',
  },
  auth: {
    name: 'Authentication',
    shortName: 'Auth',
    inSentence: 'authentication',
    summary: 'checks the token or session, and answers 401 without one',
    codeNote: '401 unless the caller is known',
    hue: '--hue-middleware',
  },
  authorization: {
    name: 'Authorization',
    shortName: 'Authz',
    inSentence: 'authorization',
    summary: 'checks the user’s roles, and answers 403 when they fall short',
    codeNote: '403 unless the user has the role',
    hue: '--hue-middleware',
  },
  errors: {
    name: 'Error handling',
    shortName: 'Errors',
    inSentence: 'error-handling',
    summary: 'turns an exception into a 500 JSON answer',
    codeNote: 'turns an exception into a JSON 500',
    hue: '--hue-middleware',
  },
  compression: {
    name: 'Compression',
    shortName: 'Compress',
    inSentence: 'compression',
    summary: 'gzips large response bodies',
    codeNote: 'gzips large responses',
    hue: '--hue-middleware',
  },
  session: {
    name: 'Session',
    shortName: 'Session',
    inSentence: 'session',
    summary: 'loads and saves the session cookie',
    codeNote: 'loads the session, saves it on the way out',
    hue: '--hue-middleware',
  },
  rateLimit: {
    name: 'Rate limiting',
    shortName: 'Limit',
    inSentence: 'rate-limiting',
    summary: 'counts requests per client, and answers 429 past the limit',
    codeNote: '429 once a client sends too many',
    hue: '--hue-middleware',
  },
  csrf: {
    name: 'CSRF protection',
    shortName: 'CSRF',
    inSentence: 'CSRF',
    summary: 'refuses a form post that did not come from the site itself',
    codeNote: 'unsafe methods need the csrftoken cookie and a matching token',
    hue: '--hue-middleware',
  },
}

/** The display name of a kind, e.g. "Authentication". */
export const middlewareName = (kind: MiddlewareKind): string => MIDDLEWARE_INFO[kind].name

/** What the catalogue says about the middleware behind a stage; `null` for any other stage. */
export const middlewareAt = (stage: StageId): MiddlewareInfo | null => {
  const kind = middlewareKindOf(stage)
  return kind ? MIDDLEWARE_INFO[kind] : null
}
