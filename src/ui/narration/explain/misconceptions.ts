import type { TraceEvent } from '../../../engine'
import { code, find, ms, percent, traceMs } from './facts'
import type { ExplainContext } from './types'

/** One of DOMAIN.md's misconceptions, confronted by what this step shows. */
interface Misconception {
  readonly id:
    | 'slow-view'
    | 'every-request-writes'
    | 'browser-decides'
    | 'shared-request-data'
    | 'always-a-page'
    | 'any-middleware-order'
  /** The belief, as a student might say it. */
  readonly myth: string
  /** What this step shows instead, with its own facts. */
  readonly truth: string
}

const MYTHS: Record<Misconception['id'], string> = {
  'slow-view': 'My view is slow, so my API is slow.',
  'every-request-writes': 'Every request changes data on the server.',
  'browser-decides': 'The browser decides what the response contains.',
  'shared-request-data': 'The framework shares request data between users.',
  'always-a-page': 'A response is always a whole web page.',
  'any-middleware-order': 'Any middleware order works.',
}

const myth = (id: Misconception['id'], truth: string): Misconception => ({
  id,
  myth: MYTHS[id],
  truth,
})

/** A waiting step (query, outside call) big enough to dominate the request. */
const dominates = (event: TraceEvent, ctx: ExplainContext): boolean =>
  event.duration >= 0.25 * traceMs(ctx)

const WRITES = /^\s*(INSERT|UPDATE|DELETE)\b/i

/** The view's own code: the part people blame. */
const logicMs = (ctx: ExplainContext): number | null => find(ctx, 'handler:logic')?.duration ?? null

/**
 * The misconception this step confronts, if any: the slow query of "My view is slow", the router's
 * 404 that the server (not the browser) decided, a middleware order that loses a log line…
 */
export const misconceptionFor = (event: TraceEvent, ctx: ExplainContext): Misconception | null => {
  const total = traceMs(ctx)
  switch (event.type) {
    case 'handler:db-query':
    case 'handler:external-call': {
      if ((event.type === 'handler:db-query' && event.data.slow) || dominates(event, ctx)) {
        const logic = logicMs(ctx)
        return myth(
          'slow-view',
          `This one wait took ${ms(event.duration)}, ${percent(event.duration, total)} of the ${ms(total)} the whole request took` +
            `${logic !== null ? `, while the view’s own code needs about ${ms(logic)}` : ''}. Rewriting the view would barely help: ` +
            'measure the whole lifecycle and fix the wait.',
        )
      }
      if (event.type === 'handler:db-query' && WRITES.test(event.data.sql)) {
        const verb = (WRITES.exec(event.data.sql)?.[1] ?? 'write').toUpperCase()
        return myth(
          'every-request-writes',
          `This ${event.request.method} does change data: its SQL ${code(verb)} writes to the database. A GET only ` +
            'reads, so sending it again changes nothing; that is why browsers may retry a GET by themselves, but ask before resending a POST.',
        )
      }
      return null
    }
    case 'handler:logic': {
      const waits = ctx.events.filter(
        (e) =>
          (e.type === 'handler:db-query' || e.type === 'handler:external-call') &&
          e.duration >= 10 * event.duration &&
          dominates(e, ctx),
      )
      const worst = waits.reduce<TraceEvent | undefined>(
        (a, b) => (!a || b.duration > a.duration ? b : a),
        undefined,
      )
      if (!worst) return null
      return myth(
        'slow-view',
        `Your code ran for ${ms(event.duration)}, ${percent(event.duration, total)} of the ${ms(total)} the request took. ` +
          `The time went to “${worst.title}” (${ms(worst.duration)}), which the view only waits for.`,
      )
    }
    case 'server:queued': {
      const logic = logicMs(ctx)
      return myth(
        'slow-view',
        `Here it is the other way round: the request waited ${ms(event.data.waitedMs)}, ${percent(event.data.waitedMs, total)} ` +
          `of the ${ms(total)} it took, before any of your code ran${logic !== null ? `, and the view itself needs about ${ms(logic)}` : ''}. ` +
          'The view is fast; the workers were all busy. Profiling the view would find nothing to fix: measure the whole lifecycle.',
      )
    }
    case 'router:not-found':
      return myth(
        'browser-decides',
        `The browser only asked for ${code(event.request.path)}. The server’s router decided nothing lives there and ` +
          'chose the 404, its headers and its body; the browser just shows what it is given.',
      )
    case 'router:method-not-allowed':
      return myth(
        'browser-decides',
        `The browser asked to ${event.request.method} ${code(event.request.path)}; the server decided that method is not ` +
          `allowed there and wrote the 405 and its ${code('Allow')} header.`,
      )
    case 'server:request-object':
      if (!event.data.context) return null
      return myth(
        'shared-request-data',
        `Flask’s ${code('request')} looks like a global, but it points at this request’s own context: another user’s ` +
          'request, on another worker or thread, sees its own. The context is thrown away when this response is sent.',
      )
    case 'handler:return':
      if (event.data.kind === 'html') return null
      return myth(
        'always-a-page',
        event.data.kind === 'json'
          ? `This answer is ${event.data.bytes} bytes of JSON for a script to read: no HTML, no page.`
          : `This ${event.data.status} has no body at all: the status code alone says “done”.`,
      )
    case 'proxy:static':
      if ((event.data.contentType ?? '').includes('html')) return null
      return myth(
        'always-a-page',
        event.data.notModified
          ? 'This 304 carries no body at all: only headers saying “your copy is still good”.'
          : `This answer is a ${event.data.contentType ? code(event.data.contentType) : 'plain'} file of ${event.data.bytes} bytes, not a page.`,
      )
    case 'middleware:auth-reject': {
      const logging = ctx.middleware.indexOf('logging')
      const auth = ctx.middleware.indexOf('auth')
      if (logging > auth && auth >= 0)
        return myth(
          'any-middleware-order',
          'Logging sits inside authentication here, so this rejected request never reached it: no log line, no ' +
            'duration, no trace of the attempt. Put logging outermost so it records every request.',
        )
      const routed = find(ctx, 'router:match')
      if (routed && routed.seq < event.seq)
        return myth(
          'any-middleware-order',
          `The router matched ${code(routed.data.pattern)} before anyone checked who is calling. A stranger can tell ` +
            'existing paths (401) from missing ones (404), and any work done before this point was done for them.',
        )
      return null
    }
    case 'middleware:authz-reject':
      if (event.data.user !== null) return null
      return myth(
        'any-middleware-order',
        'Authorization ran before authentication, so no user was known yet and even an admin is refused. ' +
          'Authentication must come first.',
      )
    case 'middleware:unwind':
      if (event.data.name !== 'cors') return null
      return myth(
        'any-middleware-order',
        `CORS sits inside error handling, so the ${code(event.data.exception)} skipped its after-code. This 500 will ` +
          `have no ${code('Access-Control-Allow-Origin')}, and the browser will hide it from the page’s script as a “CORS error”.`,
      )
    case 'middleware:cors-headers':
      if (!event.response || event.response.status < 500) return null
      return myth(
        'any-middleware-order',
        `Here the order is right: CORS wraps error handling, so even this ${event.response.status} gets ` +
          `${code('Access-Control-Allow-Origin')} and the page’s script can read the error.`,
      )
    default:
      return null
  }
}
