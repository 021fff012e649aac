import type { EventOf, Trace, TraceEvent } from '../../engine'

/**
 * The network close-up as data: the trace's DNS, TCP and TLS events turned into the messages of
 * three sequence diagrams, one set per round trip (a followed redirect starts another). Pure: the
 * panel derives it from the trace and lays the playhead over it; nothing here re-simulates.
 */

export type Actor = 'browser' | 'cache' | 'resolver' | 'root' | 'tld' | 'authoritative' | 'server'
export type SectionId = 'dns' | 'tcp' | 'tls'
export type Tone = 'plain' | 'ok' | 'error'

/** One arrow between two lifelines; `from === to` is a check made locally (a loop on the lifeline). */
export interface Arrow {
  readonly from: Actor
  readonly to: Actor
  /** The name drawn on the arrow: "SYN", "ClientHello". */
  readonly label: string
  /** What it carries, drawn smaller: "TLS 1.3, 1.2 · ALPN h2, http/1.1". */
  readonly detail: string | null
  /** Virtual ms on the wire (a there-and-back event is split over its two arrows). */
  readonly ms: number
}

/** One trace event as the close-up shows it: a message with its arrows, or a note spanning the diagram. */
export interface Message {
  /** Index of the event in `trace.events`: what a click seeks to. */
  readonly index: number
  readonly section: SectionId
  readonly kind: 'message' | 'note'
  /** Short name for lists and the "now" line: "SYN", "ServerHello + Certificate + Finished". */
  readonly name: string
  readonly arrows: readonly Arrow[]
  /** A plain sentence saying what happens: the current message readable as text. */
  readonly text: string
  readonly ms: number
  readonly tone: Tone
  /** Part of the handshake proper (counts towards the section's time), not the connection's later life. */
  readonly handshake: boolean
}

export interface Section {
  readonly id: SectionId
  readonly messages: readonly Message[]
  /** The round-trip count, e.g. "TLS 1.3: 1 round trip"; null when the section has no handshake. */
  readonly summary: string | null
  /** Virtual ms spent on the handshake messages. */
  readonly ms: number
  /** Why there is no diagram: plain HTTP has no TLS at all. */
  readonly absent: string | null
}

export interface Hop {
  /** 0 for the request as sent, 1 for the first followed redirect… */
  readonly hop: number
  /** Index of the hop's first event (its `client:parse-url`) and of its last. */
  readonly start: number
  readonly end: number
  readonly url: string
  readonly scheme: 'http' | 'https'
  readonly host: string
  readonly port: number
  /** The redirect that led here (hop > 0). */
  readonly via: { status: number; from: string } | null
  readonly sections: { readonly dns: Section; readonly tcp: Section; readonly tls: Section }
  /** A kept-alive connection carried this request: no handshakes at all. */
  readonly reused: boolean
  /** `quic`: HTTP/3 (a page load's), no TCP at all; its TLS runs inside QUIC. */
  readonly transport: 'tcp' | 'quic'
  /** The browser answered from its HTTP cache: nothing went over the network. */
  readonly fromCache: { index: number; ageSeconds: number; maxAgeSeconds: number } | null
}

export interface Failure {
  readonly index: number
  readonly section: SectionId
  readonly code: string
}

export interface NetworkView {
  readonly hops: readonly Hop[]
  /** Where the journey failed below HTTP (NXDOMAIN, RST, a TLS alert), if it did. */
  readonly failure: Failure | null
}

const ACTOR_NAMES: Record<Exclude<Actor, 'tld' | 'server'>, string> = {
  browser: 'Browser',
  cache: 'OS/browser cache',
  resolver: 'Recursive resolver',
  root: 'Root',
  authoritative: 'Authoritative',
}

export const actorName = (actor: Actor, tld: string, software: string): string =>
  actor === 'tld'
    ? `TLD (.${tld})`
    : actor === 'server'
      ? `Server (${software})`
      : ACTOR_NAMES[actor]

export const DNS_ACTORS: readonly Actor[] = [
  'browser',
  'cache',
  'resolver',
  'root',
  'tld',
  'authoritative',
]
export const LINK_ACTORS: readonly Actor[] = ['browser', 'server']

export const SECTION_TITLES: Record<SectionId, string> = {
  dns: 'DNS resolution',
  tcp: 'TCP three-way handshake',
  tls: 'TLS handshake',
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`
const tldOf = (host: string) => host.slice(host.lastIndexOf('.') + 1)

const arrow = (from: Actor, to: Actor, label: string, ms: number, detail: string | null = null) =>
  ({ from, to, label, detail, ms }) satisfies Arrow

/** A query and its reply, drawn as two arrows sharing the event's time. */
const thereAndBack = (
  a: Actor,
  b: Actor,
  ms: number,
  [out, outDetail]: [string, string | null],
  [back, backDetail]: [string, string | null],
) => [arrow(a, b, out, ms / 2, outDetail), arrow(b, a, back, ms / 2, backDetail)]

type Base = Pick<Message, 'index' | 'ms'>
type Built = Omit<Message, 'index' | 'ms' | 'handshake' | 'tone' | 'kind'> &
  Partial<Pick<Message, 'handshake' | 'tone' | 'kind'>>

const make = (base: Base, built: Built): Message => ({
  kind: 'message',
  tone: 'plain',
  handshake: true,
  ...base,
  ...built,
})

const dnsMessage = (event: TraceEvent, base: Base, code: string | null): Message | null => {
  const { ms } = base
  switch (event.type) {
    case 'dns:cache-miss': {
      const { host } = event.data
      return make(base, {
        section: 'dns',
        name: 'Cache lookup: miss',
        arrows: thereAndBack('browser', 'cache', ms, [`${host}?`, null], ['not cached', null]),
        text: `The browser looks for ${host} in its own DNS cache, then the operating system’s: neither has it, so the question has to go out.`,
      })
    }
    case 'dns:cache-hit': {
      const { host, address, ttlLeft, cache } = event.data
      const where =
        cache === 'browser' ? 'the browser’s own DNS cache' : 'the operating system’s DNS cache'
      return make(base, {
        section: 'dns',
        kind: 'note',
        name: 'DNS answered from cache',
        arrows: [],
        tone: 'ok',
        text: `DNS answered from cache: ${host} is ${address}, found in ${where} with ${ttlLeft} s of its TTL left. No query leaves the machine.`,
      })
    }
    case 'dns:query': {
      const { server, host, answer } = event.data
      const tld = tldOf(host)
      switch (server) {
        case 'resolver':
          return make(base, {
            section: 'dns',
            name: `Query: where is ${host}?`,
            arrows: [arrow('browser', 'resolver', `${host}?`, ms)],
            text: `The operating system sends the question to the recursive resolver, which does the legwork of finding ${host}.`,
          })
        case 'root':
          return make(base, {
            section: 'dns',
            name: `Root: ask the .${tld} servers`,
            arrows: thereAndBack(
              'resolver',
              'root',
              ms,
              [`${host}?`, null],
              [`ask the .${tld} servers`, null],
            ),
            text: `The resolver asks a root server. It does not know ${host}, but it knows who runs .${tld} and refers the resolver there.`,
          })
        case 'tld':
          return make(base, {
            section: 'dns',
            name: 'TLD: ask the authoritative server',
            arrows: thereAndBack(
              'resolver',
              'tld',
              ms,
              [`${host}?`, null],
              ['ask authoritative', null],
            ),
            text: `The .${tld} servers do not hold the address either; they point to the domain’s authoritative server.`,
          })
        case 'authoritative': {
          const missing = answer === 'NXDOMAIN'
          return make(base, {
            section: 'dns',
            name: missing ? 'Authoritative: NXDOMAIN' : `Authoritative: ${answer}`,
            tone: missing ? 'error' : 'plain',
            arrows: thereAndBack(
              'resolver',
              'authoritative',
              ms,
              [`${host}?`, null],
              [missing ? 'NXDOMAIN' : answer, missing ? 'no such name' : 'A record'],
            ),
            text: missing
              ? `The authoritative server holds the domain’s records and has none for ${host}: it answers NXDOMAIN, “no such name”.`
              : `The authoritative server holds the domain’s records: ${host} is at ${answer}.`,
          })
        }
      }
      return null
    }
    case 'dns:answer': {
      const { host, address, ttl } = event.data
      return make(base, {
        section: 'dns',
        name: `Answer: ${address}, TTL ${ttl} s`,
        tone: 'ok',
        arrows: [arrow('resolver', 'browser', address, ms, `TTL ${ttl} s`)],
        text: `The resolver hands back the address: ${host} is ${address}. It may be cached for up to ${ttl} s (its TTL), so a lookup soon after needs no query.`,
      })
    }
    case 'dns:nxdomain': {
      const { host } = event.data
      return make(base, {
        section: 'dns',
        name: 'NXDOMAIN: no such name',
        tone: 'error',
        arrows: [arrow('resolver', 'browser', 'NXDOMAIN', ms, 'no address')],
        text: `The resolver reports NXDOMAIN: ${host} does not exist, so there is no address to connect to. The browser gives up${code ? ` with ${code}` : ''}; no connection is ever opened.`,
      })
    }
    default:
      return null
  }
}

const tcpMessage = (event: TraceEvent, base: Base, code: string | null): Message | null => {
  const { ms } = base
  const section = 'tcp'
  switch (event.type) {
    case 'tcp:syn': {
      const { address, port } = event.data
      return make(base, {
        section,
        name: 'SYN',
        arrows: [arrow('browser', 'server', 'SYN', ms, `to ${address}:${port}`)],
        text: `The browser asks ${address} to open a connection on port ${port}: a SYN (“synchronise”) carrying its starting sequence number.`,
      })
    }
    case 'tcp:syn-ack':
      return make(base, {
        section,
        name: 'SYN-ACK',
        arrows: [arrow('server', 'browser', 'SYN-ACK', ms, 'agreed')],
        text: 'The server agrees: its SYN-ACK acknowledges the browser’s number and sends its own.',
      })
    case 'tcp:ack':
      return make(base, {
        section,
        name: 'ACK',
        tone: 'ok',
        arrows: [arrow('browser', 'server', 'ACK', ms, 'connected')],
        text: 'The browser acknowledges. The connection is open after one round trip, and the browser may send at once.',
      })
    case 'tcp:refused': {
      const { port } = event.data
      return make(base, {
        section,
        name: 'RST: connection refused',
        tone: 'error',
        arrows: [arrow('server', 'browser', 'RST', ms, 'refused')],
        text: `Nothing listens on port ${port}: the server’s operating system answers the SYN with RST (reset). The browser reports ${code ?? 'ERR_CONNECTION_REFUSED'}; nothing else is sent.`,
      })
    }
    case 'tcp:reuse': {
      const { requestsOnConnection } = event.data
      return make(base, {
        section,
        kind: 'note',
        name: 'Reused connection',
        tone: 'ok',
        arrows: [],
        text: `The connection from the previous request is still open (keep-alive): this is request ${requestsOnConnection} on it, with no handshake.`,
      })
    }
    case 'tcp:idle-closed': {
      const { idleMs, timeoutMs } = event.data
      return make(base, {
        section,
        kind: 'note',
        name: 'Old connection closed while idle',
        handshake: false,
        arrows: [],
        text: `The previous connection sat idle for ${Math.round(idleMs / 1000)} s and the server closes idle ones after ${Math.round(timeoutMs / 1000)} s, so a new one must be opened.`,
      })
    }
    case 'tcp:keep-alive':
      return make(base, {
        section,
        kind: 'note',
        name: 'Connection kept open',
        handshake: false,
        arrows: [],
        text: 'The response carries no Connection: close, so the connection stays open (keep-alive). Once the browser has downloaded the whole body, it goes back to the pool, ready for the next request.',
      })
    case 'tcp:close': {
      const byBrowser = event.data.code !== null
      return make(base, {
        section,
        name: 'FIN: close the connection',
        handshake: false,
        tone: byBrowser ? 'error' : 'plain',
        arrows: [
          byBrowser
            ? arrow('browser', 'server', 'FIN', ms, 'close')
            : arrow('server', 'browser', 'FIN', ms, 'Connection: close'),
        ],
        text: byBrowser
          ? `The browser closes the connection (FIN): the request failed with ${event.data.code}.`
          : 'The server closes the connection (FIN), as its Connection: close header announced; the next request must connect again.',
      })
    }
    default:
      return null
  }
}

type Version = '1.2' | '1.3'

const serverHelloName = (version: Version, resumed: boolean): string => {
  if (resumed) return 'ServerHello + Finished (resumed)'
  return version === '1.3'
    ? 'ServerHello + Certificate + Finished'
    : 'ServerHello + Certificate + ServerHelloDone'
}

const tlsMessage = (event: TraceEvent, base: Base, code: string | null): Message | null => {
  const { ms } = base
  const section = 'tls'
  switch (event.type) {
    case 'tls:client-hello': {
      const { offeredVersions, alpn, serverName, resumption, earlyData } = event.data
      const versions = offeredVersions.map((v) => `TLS ${v}`).join(', ')
      const extras = [resumption ? 'session ticket' : null, earlyData ? 'early data' : null]
        .filter(Boolean)
        .join(' · ')
      return make(base, {
        section,
        name: earlyData ? 'ClientHello + early data' : 'ClientHello',
        arrows: [
          arrow(
            'browser',
            'server',
            earlyData ? 'ClientHello + request' : 'ClientHello',
            ms,
            `${versions} · ALPN ${alpn.join(', ')}${extras ? ` · ${extras}` : ''}`,
          ),
        ],
        text:
          `The browser opens the handshake: it offers ${versions}, the protocols ${alpn.join(' and ')} (ALPN) and names the site it wants (${serverName}), with its key share.` +
          (resumption
            ? ' It also offers a session ticket from an earlier visit, to skip the certificate.'
            : '') +
          (earlyData
            ? ' The request itself rides along as early data (0-RTT): it does not wait for the reply.'
            : ''),
      })
    }
    case 'tls:server-hello': {
      const { version, cipher, alpn, resumed } = event.data
      const name = serverHelloName(version, resumed)
      const rest = resumed
        ? 'It accepts the session ticket: no certificate is needed this time.'
        : version === '1.3'
          ? 'Its key share, certificate and Finished come in this same flight: one round trip is enough.'
          : 'It sends its certificate, but the keys are not settled yet: a second round trip is needed.'
      return make(base, {
        section,
        name,
        arrows: [arrow('server', 'browser', name, ms, `TLS ${version} · ${alpn}`)],
        text: `The server picks TLS ${version} and ${alpn} from the browser’s offer (cipher ${cipher}). ${rest}`,
      })
    }
    case 'tls:certificate': {
      const { subject, names, issuer, validFrom, validUntil, problem } = event.data
      const host = event.request.host
      const label = problem === null ? 'Certificate ✓' : 'Certificate ✗'
      const detail =
        problem === 'expired'
          ? `expired ${validUntil}`
          : problem === 'wrong-host'
            ? `for ${names.join(', ')}`
            : `${subject} · ${issuer}`
      const text =
        problem === 'expired'
          ? `The browser checks the certificate: issued by ${issuer} for ${subject}, but it expired on ${validUntil}. It cannot be trusted.`
          : problem === 'wrong-host'
            ? `The browser checks the certificate: it is for ${names.join(' and ')}, not ${host}. Anyone could present it, so it cannot be trusted.`
            : `The browser checks the certificate: issued by ${issuer} for ${names.join(', ')}, valid from ${validFrom} to ${validUntil}. It checks out.`
      return make(base, {
        section,
        name: problem === null ? 'Certificate check: valid' : 'Certificate check: fails',
        tone: problem === null ? 'ok' : 'error',
        arrows: [arrow('browser', 'browser', label, ms, detail)],
        text,
      })
    }
    case 'tls:alert': {
      const { alert } = event.data
      return make(base, {
        section,
        name: `Alert: ${alert}`,
        tone: 'error',
        arrows: [arrow('browser', 'server', `Alert: ${alert}`, ms, 'handshake aborted')],
        text: `The browser aborts the handshake with a TLS alert (${alert}). No HTTP is ever sent; the page shows ${code ?? event.data.code}.`,
      })
    }
    case 'tls:finished': {
      const { version, roundTrips, resumed, earlyData } = event.data
      if (earlyData)
        return make(base, {
          section,
          kind: 'note',
          name: '0-RTT: no wait for the handshake',
          tone: 'ok',
          arrows: [],
          text: 'Resumed with 0-RTT: the request went out with the ClientHello, so it did not wait for the handshake at all.',
        })
      if (roundTrips === 2)
        return make(base, {
          section,
          name: 'Second round trip: key exchange + Finished',
          tone: 'ok',
          arrows: [
            arrow(
              'browser',
              'server',
              'ClientKeyExchange + Finished',
              ms / 2,
              'change cipher spec',
            ),
            arrow('server', 'browser', 'Finished', ms / 2, 'change cipher spec'),
          ],
          text: `TLS ${version}’s second round trip: the browser sends its key exchange and Finished, the server answers with its Finished. Only now may the request go.`,
        })
      return make(base, {
        section,
        name: 'Finished',
        tone: 'ok',
        arrows: [arrow('browser', 'server', 'Finished', ms, 'keys agreed')],
        text: resumed
          ? `The browser’s Finished completes the resumed TLS ${version} session; the encrypted request can follow straight away.`
          : 'The browser’s Finished confirms the keys. It needs no answer, so the encrypted request follows straight away.',
      })
    }
    case 'tls:reuse': {
      const { version, alpn } = event.data
      return make(base, {
        section,
        kind: 'note',
        name: 'Encrypted session already set up',
        tone: 'ok',
        arrows: [],
        text: `The open connection already speaks TLS ${version} (${alpn}): there is nothing to negotiate.`,
      })
    }
    default:
      return null
  }
}

/** The close-up's message for one event, or null when the event is not part of it. */
const messageOf = (event: TraceEvent, index: number, code: string | null): Message | null => {
  const base = { index, ms: event.duration }
  switch (event.layer) {
    case 'dns':
      return dnsMessage(event, base, code)
    case 'tcp':
      return tcpMessage(event, base, code)
    case 'tls':
      return tlsMessage(event, base, code)
    default:
      return null
  }
}

const sum = (messages: readonly Message[]) =>
  messages.filter((m) => m.handshake && m.kind === 'message').reduce((t, m) => t + m.ms, 0)

const find = <K extends TraceEvent['type']>(events: readonly TraceEvent[], type: K) =>
  events.find((e): e is EventOf<K> => e.type === type)

const dnsSummary = (events: readonly TraceEvent[]): string | null => {
  const asked = events.filter((e) => e.type === 'dns:query' && e.data.server !== 'resolver').length
  if (asked === 0) return null
  return `DNS: 1 round trip, ${plural(asked, 'server')} asked`
}

const tcpSummary = (events: readonly TraceEvent[]): string | null => {
  if (find(events, 'tcp:refused')) return 'TCP: refused (RST) after 1 round trip'
  if (find(events, 'tcp:syn')) return 'TCP: 1 round trip'
  return null
}

const tlsSummary = (events: readonly TraceEvent[]): string | null => {
  const hello = find(events, 'tls:server-hello')
  const finished = find(events, 'tls:finished')
  const alert = find(events, 'tls:alert')
  if (finished) {
    const { version, roundTrips, resumed, earlyData } = finished.data
    const quic = find(events, 'tls:client-hello')?.data.alpn.includes('h3') ? 'QUIC with ' : ''
    if (earlyData) return `${quic}TLS ${version}, 0-RTT: the request did not wait`
    if (quic)
      return `QUIC with TLS ${version}${resumed ? ', resumed' : ''}: transport and keys in ${plural(roundTrips, 'round trip')}`
    return `TLS ${version}${resumed ? ', resumed' : ''}: ${plural(roundTrips, 'round trip')}`
  }
  if (alert) return `TLS ${hello ? `${hello.data.version}: ` : ': '}aborted by an alert`
  return null
}

const section = (
  id: SectionId,
  messages: readonly Message[],
  summary: string | null,
  absent: string | null = null,
): Section => ({ id, messages, summary, ms: sum(messages), absent })

/** Splits the trace into its round trips and builds each one's three diagrams. */
export const networkView = (trace: Trace): NetworkView => {
  const { events } = trace
  const code = trace.error?.code ?? null
  const starts = events.flatMap((e, i) => (e.type === 'client:parse-url' ? [i] : []))
  if (starts[0] !== 0) starts.unshift(0)

  const hops = starts.map((start, n): Hop => {
    const end = (starts[n + 1] ?? events.length) - 1
    const slice = events.slice(start, end + 1)
    const parse = find(slice, 'client:parse-url')
    const messages = slice.flatMap((e, i) => messageOf(e, start + i, code) ?? [])
    const of = (id: SectionId) => messages.filter((m) => m.section === id)
    const layer = (id: SectionId) => slice.filter((e) => e.layer === id)
    const previous = n > 0 ? find(events.slice(starts[n - 1], start), 'client:redirect') : undefined
    const cacheHit = find(slice, 'client:cache-hit')
    const scheme = parse?.data.scheme ?? 'https'
    return {
      hop: parse?.data.hop ?? n,
      start,
      end,
      url: parse?.data.url ?? '',
      scheme,
      host: parse?.data.host ?? '',
      port: parse?.data.port ?? 443,
      via: previous ? { status: previous.data.status, from: previous.data.from } : null,
      sections: {
        dns: section('dns', of('dns'), dnsSummary(layer('dns'))),
        tcp: section('tcp', of('tcp'), tcpSummary(layer('tcp'))),
        tls: section(
          'tls',
          of('tls'),
          tlsSummary(layer('tls')),
          scheme === 'http' ? 'No TLS: plain HTTP — anyone on the path can read it.' : null,
        ),
      },
      reused: find(slice, 'tcp:reuse') !== undefined,
      transport: slice.some((e) => e.request.httpVersion === 'HTTP/3') ? 'quic' : 'tcp',
      fromCache: cacheHit
        ? {
            index: start + slice.indexOf(cacheHit),
            ageSeconds: cacheHit.data.ageSeconds,
            maxAgeSeconds: cacheHit.data.maxAgeSeconds,
          }
        : null,
    }
  })

  const failed = events.findIndex(
    (e) => e.type === 'dns:nxdomain' || e.type === 'tcp:refused' || e.type === 'tls:alert',
  )
  const failedEvent = events[failed]
  const failure: Failure | null =
    failedEvent && code ? { index: failed, section: failedEvent.layer as SectionId, code } : null
  return { hops, failure }
}

/** The hop the playhead is in (the last whose first event it has reached). */
export const hopAt = (view: NetworkView, playhead: number): Hop | undefined =>
  view.hops.findLast((h) => h.start <= playhead) ?? view.hops[0]
