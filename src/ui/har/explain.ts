import type { MeasuredEntry } from '../../har'
import { formatMs } from '../format'

export type Depth = 'simple' | 'standard' | 'deep'

/** Where a sentence's facts come from: the file, the server's own report, or Roundtrip's model. */
export type Source = 'measured' | 'server' | 'model'

export interface Said {
  readonly source: Source
  readonly text: string
}

export const SOURCE_TEXT: Record<Source, string> = {
  measured: 'Measured',
  server: 'Reported by the server',
  model: 'Model',
}

const ms = (x: number | null) => (x === null ? 'not applicable' : formatMs(x))

const hostOf = (url: string) => {
  try {
    return new URL(url).host
  } catch {
    return 'the server'
  }
}

const header = (e: MeasuredEntry, side: 'request' | 'response', name: string) =>
  e[side].headers.find((h) => h.name.toLowerCase() === name)?.value

/** Chrome's names for its priorities, as DevTools' Priority column shows them. */
const PRIORITY_WORDS: Record<string, string> = {
  VeryHigh: 'Highest',
  High: 'High',
  Medium: 'Medium',
  Low: 'Low',
  VeryLow: 'Lowest',
}

/** The priority the browser gave the request: said at every depth, in that depth's words. */
const priorityText = (e: MeasuredEntry, priority: string, depth: Depth): string => {
  const word = PRIORITY_WORDS[priority] ?? priority
  if (depth === 'simple')
    return `The browser marked it ${word.toLowerCase()} priority: how soon the page needs it, so it knows what to fetch first.`
  const standard = `Priority ${word}${word === priority ? '' : ` (the file writes ${priority})`}: the browser's guess of how urgently the page needs it. The document and stylesheets come first, scripts and fetches next, images later; when requests compete for a connection, the higher one goes first.`
  if (depth === 'standard') return standard
  const signal = header(e, 'request', 'priority')
  return `${standard}${
    signal
      ? ` It told the server too, in the request's Priority header (${signal}, RFC 9218: urgency u=0 most urgent to 7, i for incremental).`
      : e.protocol === 'HTTP/2' || e.protocol === 'HTTP/3'
        ? ' Over HTTP/2 and HTTP/3 it can also be signalled to the server for the stream.'
        : ' Over HTTP/1.1 it only orders the browser’s own queue: the server never hears it.'
  }`
}

/**
 * What happened to one real request, in words, at three depths. Every sentence says where its
 * facts come from; where the file cannot say (inside the wait, without Server-Timing) the model
 * explains what usually happens there and says it is the model.
 */
export const explainEntry = (e: MeasuredEntry, depth: Depth): Said[] => {
  const out: Said[] = []
  const say = (source: Source, text: string) => out.push({ source, text })
  const p = e.phases
  const host = hostOf(e.url)
  const simple = depth === 'simple'
  const deep = depth === 'deep'

  if (e.status === null) {
    say(
      'measured',
      `${e.method} ${e.name} failed${e.error ? ` (${e.error})` : ''} after ${formatMs(e.time)}: no HTTP status exists, the browser gave up before an answer.`,
    )
    if (e.error?.includes('NAME_NOT_RESOLVED'))
      say('model', `DNS found no address for ${host}, so no connection was ever opened.`)
    return out
  }

  say(
    'measured',
    simple
      ? `Your browser asked ${host} for ${e.name} and got ${e.status} back after ${formatMs(e.time)}.`
      : `${e.method} ${e.url} answered ${e.status}${e.statusText ? ` ${e.statusText}` : ''} in ${formatMs(e.time)}${e.protocol ? ` over ${e.protocol}` : ''}.`,
  )

  if (e.priority) say('measured', priorityText(e, e.priority, depth))

  if (e.cache === 'memory' || e.cache === 'disk') {
    say(
      'measured',
      simple
        ? 'The browser already had a copy, so it did not ask the server at all.'
        : `Served from the browser's ${e.cache} cache: nothing crossed the network, which is why the phases are almost zero.`,
    )
    return out
  }

  if (p.blocked !== null && p.blocked > 0)
    say(
      'measured',
      simple
        ? `It waited ${formatMs(p.blocked)} in the browser before it could leave.`
        : `Blocked ${formatMs(p.blocked)}: queued in the browser (behind higher-priority requests, or waiting for a free connection) before it was sent.`,
    )
  if (p.dns !== null && p.dns > 0)
    say(
      'measured',
      simple
        ? `Looking up ${host}'s address took ${formatMs(p.dns)}.`
        : `DNS Lookup ${formatMs(p.dns)}: the resolver turned ${host} into an IP address${e.serverIPAddress ? ` (${e.serverIPAddress})` : ''}.`,
    )
  if (p.connect !== null || p.ssl !== null) {
    if (simple)
      say(
        'measured',
        `Opening a new, encrypted connection took ${formatMs((p.connect ?? 0) + (p.ssl ?? 0))}.`,
      )
    else {
      say(
        'measured',
        `A new connection: the TCP handshake took ${ms(p.connect)} and the TLS handshake ${ms(p.ssl)}.`,
      )
      if (deep && e.sslInsideConnect && p.ssl !== null)
        say(
          'measured',
          'HAR counts TLS inside "connect"; Roundtrip shows the TCP part alone so the two never overlap.',
        )
    }
  } else if (e.reusedConnection || (p.dns === null && !simple))
    say(
      'measured',
      simple
        ? 'It reused a connection that was already open, so no handshake was needed.'
        : `No DNS lookup and no handshake: it travelled on a connection already open${e.connection ? ` (connection ${e.connection})` : ''}.`,
    )

  if (p.wait !== null) {
    say(
      'measured',
      simple
        ? `Then it waited ${formatMs(p.wait)} for the first byte of the answer: the trip there and back plus the server's work.`
        : `Waiting (TTFB) ${formatMs(p.wait)}: from the last byte of the request leaving to the first byte of the response arriving. That is one network round trip plus everything the server did.`,
    )
    const reported = e.serverTiming.filter((m) => m.dur !== undefined)
    if (reported.length > 0) {
      say(
        'server',
        `${reported.map((m) => `${m.name} ${formatMs(m.dur!)}${m.desc ? ` (${m.desc})` : ''}`).join(', ')}.`,
      )
      const most = Math.max(...reported.map((m) => m.dur!))
      if (!simple)
        say(
          'model',
          most <= p.wait
            ? `The largest reported span is ${formatMs(most)}; the other ${formatMs(p.wait - most)} of the wait is the network there and back and whatever the server did not report. Spans may nest (the app inside the proxy, the database inside the app): the header does not say.`
            : `The server reported ${formatMs(most)}, more than the ${formatMs(p.wait)} the browser waited: its clock and the browser's disagree, or it counted work done before the request arrived.`,
        )
    } else
      say(
        'model',
        simple
          ? 'Inside that wait the request went through the server: its front door (the proxy), the app, and your code.'
          : 'Inside this wait the request crosses what Roundtrip draws as layers: the reverse proxy, the app server, the middleware, the router, validation and the handler, then the response goes back through them. The file cannot say how the time splits; a server that sends a Server-Timing header can.',
      )
  }

  if (p.receive !== null && p.receive > 0)
    say(
      'measured',
      `Content Download ${formatMs(p.receive)}${e.response.content.size > 0 ? ` for ${e.response.content.size.toLocaleString('en')} bytes` : ''}.`,
    )

  if (e.cache === 'revalidated')
    say(
      'measured',
      simple
        ? 'The server said the browser’s copy was still good (304), so no new body came.'
        : `304 Not Modified: the browser asked whether its copy was still fresh${header(e, 'request', 'if-none-match') ? ' (If-None-Match)' : ''} and the server answered with headers only.`,
    )
  if (e.redirectURL)
    say(
      'measured',
      `The server sent it elsewhere: Location ${e.redirectURL}; the browser followed.`,
    )
  if (e.redirectedFrom && !simple)
    say('measured', 'This request is the end of a redirect: an earlier response pointed here.')
  if (e.webSocketMessages)
    say(
      'measured',
      `WebSocket: after 101 Switching Protocols the connection stayed open and carried ${e.webSocketMessages.length} message${e.webSocketMessages.length === 1 ? '' : 's'}.`,
    )

  if (deep) {
    if (e.protocol === 'HTTP/2')
      say(
        'model',
        'HTTP/2 sends this request as a stream on a shared connection, its headers compressed with HPACK; many requests interleave on one TCP connection.',
      )
    if (e.protocol === 'HTTP/3')
      say('model', 'HTTP/3 runs over QUIC (UDP): TLS 1.3 is part of its one handshake.')
    if (e.initiator)
      say(
        'measured',
        `Initiator: ${e.initiator.type}${e.initiator.url ? ` (${e.initiator.url})` : ''}.`,
      )
    for (const note of e.notes) say('measured', note)
  }
  return out
}
