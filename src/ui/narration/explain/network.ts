import { code, find, list, ms, plural, proxyOf, runMs, seconds } from './facts'
import type { EventOf } from '../../../engine'
import type { EventsOf, ExplainTable } from './types'

const CACHE_NAMES = { browser: 'the browser’s', os: 'the operating system’s' } as const

/** "ask the .com servers" → the TLD of a host: "com". */
const tldOf = (host: string): string => host.split('.').at(-1) ?? host

/** "api.example.com" → "example.com": the zone an authoritative server answers for. */
const zoneOf = (host: string): string => host.split('.').slice(-2).join('.')

const ALPN_NAMES: Record<string, string> = {
  h2: 'HTTP/2',
  'http/1.1': 'HTTP/1.1',
  h3: 'HTTP/3',
}
const alpnName = (token: string): string => ALPN_NAMES[token] ?? token

/** The handshake is QUIC's (HTTP/3 over UDP): TLS 1.3 runs inside QUIC, and there is no TCP. */
const overQuic = (ctx: Parameters<typeof find>[0]): boolean =>
  find(ctx, 'tls:client-hello')?.data.alpn.includes('h3') ?? false

/** "58-byte", as an adjective. */
const byteSize = (value: number): string => `${value}-byte`

const portNote = (port: number): string =>
  port === 443 ? ' (HTTPS)' : port === 80 ? ' (plain HTTP)' : ''

/** Days between two ISO dates, for a certificate's lifetime. */
const daysBetween = (from: string, until: string): number | null => {
  const days = (Date.parse(until) - Date.parse(from)) / 86_400_000
  return Number.isFinite(days) ? Math.round(days) : null
}

/** Layer 1, the network: DNS, the TCP handshake and TLS. */
export const DNS: ExplainTable<EventsOf<'dns'>> = {
  'dns:cache-miss': (e) => ({
    simple: 'You do not know the company’s street address yet, and it is not in your address book.',
    standard:
      `${code(e.data.host)} is in neither ${list(
        e.data.caches.map((c) => `${CACHE_NAMES[c]} cache`),
        'nor',
      )}, ` + `so the name must be looked up before the browser can even open a connection.`,
    deep:
      `Chrome keeps its own host cache, then asks the operating system (${code('getaddrinfo')}, which also reads ` +
      `${code('/etc/hosts')}). On a miss the query goes to the configured recursive resolver, over UDP port 53 or ` +
      `DNS-over-HTTPS. DevTools shows the whole lookup as the “DNS Lookup” phase.`,
  }),

  'dns:cache-hit': (e) => ({
    simple:
      'The address is already in your address book, so you skip the call to directory enquiries.',
    standard:
      `${code(e.data.host)} is in ${CACHE_NAMES[e.data.cache]} DNS cache: ${code(e.data.address)}, ` +
      `still valid for ${seconds(e.data.ttlLeft)}. The lookup costs almost nothing this time.`,
    deep:
      'A cached answer lives for its TTL, counted down from when it arrived; after that the name is looked up again. ' +
      'With a hit, the “DNS Lookup” phase in DevTools is 0 ms or missing, one reason a second visit feels faster.',
  }),

  'dns:query': (e) => {
    const { server, host, answer } = e.data
    const took = `(${ms(e.duration)})`
    switch (server) {
      case 'resolver':
        return {
          simple: 'You ring directory enquiries (the resolver) and ask for the company’s address.',
          standard:
            `The browser asks its recursive resolver (your ISP’s, or a public one such as 1.1.1.1) for ${code(host)}. ` +
            `Its reply: “${answer}” ${took}. The resolver does the legwork and remembers what it learns.`,
          deep:
            'The stub resolver sends one query with the Recursion Desired flag set and waits; the recursive resolver ' +
            'answers from its cache or walks the hierarchy with iterative queries. Each query and answer is usually ' +
            'a single UDP datagram.',
        }
      case 'root':
        return {
          simple: `Directory enquiries asks the top of the tree: “Who handles .${tldOf(host)} addresses?”`,
          standard:
            `The resolver asks a root server. It does not know ${code(host)}, but it knows who runs ` +
            `.${tldOf(host)}: “${answer}” ${took}.`,
          deep:
            `The root zone is served under 13 names (a.root-servers.net to m.root-servers.net), each by many anycast ` +
            `machines. Its answer is a referral: the NS records of .${tldOf(host)} plus “glue” addresses for them. ` +
            'Resolvers cache it, so this step is rare in practice.',
        }
      case 'tld':
        return {
          simple: `Then it asks the .${tldOf(host)} office, which points to the company’s own directory.`,
          standard:
            `The .${tldOf(host)} servers know which name servers are authoritative for ${code(zoneOf(host))}: ` +
            `“${answer}” ${took}.`,
          deep:
            `Another referral: the NS records of the ${code(zoneOf(host))} zone, usually cached by the resolver for a ` +
            'day or two. Looking up a name walks right to left: the root, then the TLD, then the zone itself.',
        }
      case 'authoritative':
        return {
          simple: 'Finally the company’s own directory gives the street address.',
          standard: `The authoritative server for ${code(zoneOf(host))} holds the real record and answers ${code(answer)} ${took}.`,
          deep:
            'The answer is an A record (an AAAA for IPv6) with the Authoritative Answer flag set and a TTL chosen by ' +
            'the zone’s owner. The resolver caches it and passes it back to the browser.',
        }
    }
  },

  'dns:answer': (e, ctx) => ({
    simple: `Now you know the address: ${e.data.host} lives at ${e.data.address}.`,
    standard:
      `The lookup is done: ${code(e.data.host)} is at ${code(e.data.address)}. The answer may be kept for ` +
      `${seconds(e.data.ttl)} (its TTL), so the next request can skip this. The whole lookup took ` +
      `${ms(runMs(ctx, 'dns'))}; uncached lookups usually take 10–50 ms.`,
    deep:
      `The record’s TTL (${e.data.ttl} s) tells every cache on the way how long to keep it; operators lower TTLs ` +
      `before moving a server so the change spreads fast. The browser now connects to ${code(e.data.address)}, ` +
      'and DevTools closes the “DNS Lookup” phase.',
  }),

  'dns:nxdomain': (e) => ({
    simple:
      'Directory enquiries says no company by that name exists, so the letter cannot be posted.',
    standard:
      `The authoritative servers say ${code(e.data.host)} does not exist (NXDOMAIN). With no address there is ` +
      'nothing to connect to: the request ends before any HTTP, and no server ever hears of it. Check the spelling.',
    deep:
      'NXDOMAIN is DNS response code 3. Resolvers cache negative answers too, for a time set in the zone’s SOA record ' +
      `(RFC 2308), so a name added later can stay “missing” for a while. Chrome reports ${code('net::ERR_NAME_NOT_RESOLVED')}.`,
  }),
}

export const TCP: ExplainTable<EventsOf<'tcp'>> = {
  'tcp:idle-closed': (e) => ({
    simple:
      'The phone line you left open went quiet for too long, so the other side hung up. You must dial again.',
    standard:
      `The old connection to ${code(e.data.address)} sat idle for ${seconds(Math.round(e.data.idleMs / 1000))}, ` +
      `longer than the server’s keep-alive timeout of ${seconds(Math.round(e.data.timeoutMs / 1000))}, so the server ` +
      'closed it. This request pays for a new TCP handshake (and TLS) again.',
    deep:
      `nginx’s ${code('keepalive_timeout')} is 75 s by default; when it runs out the server sends FIN and the browser ` +
      'drops the socket from its pool. That is why a request after a long pause shows “Initial connection” and “SSL” again.',
  }),

  'tcp:syn': (e) => ({
    simple: 'You ring the company’s number: “Hello, can we talk?”',
    standard:
      `The browser opens a TCP connection to ${code(e.data.address)} on port ${e.data.port}${portNote(e.data.port)}. ` +
      `The first message, SYN, says “I’d like to connect”; it took ${ms(e.duration)} to reach the server, half a round trip.`,
    deep:
      'The SYN segment carries the client’s random initial sequence number and options such as the maximum segment ' +
      'size, window scaling and SACK. DevTools counts the handshake as “Initial connection” (which, for https, also ' +
      'includes the “SSL” part).',
  }),

  'tcp:syn-ack': (e, ctx) => ({
    simple: 'The company picks up: “Yes, I hear you. Do you hear me?”',
    standard:
      `${code(e.data.address)} answers SYN-ACK: it accepts a connection on port ${e.data.port} and acknowledges the SYN. ` +
      `So something is listening there${find(ctx, 'proxy:receive') ? `: ${proxyOf(ctx)}` : ''}.`,
    deep:
      'SYN-ACK carries the server’s own initial sequence number and acknowledges the client’s plus one. The kernel ' +
      `answers from the listen queue before the program even calls ${code('accept()')}; a full backlog under load is ` +
      'one reason SYNs go unanswered.',
  }),

  'tcp:ack': (e, ctx) => ({
    simple: 'You say “Yes, I hear you too.” Now the line is open.',
    standard:
      `The browser’s ACK completes the three-way handshake (SYN, SYN-ACK, ACK), one round trip: ${ms(runMs(ctx, 'tcp'))}. ` +
      `The connection to ${code(`${e.data.address}:${e.data.port}`)} is open for ` +
      `${e.data.port === 443 ? 'the TLS handshake next' : 'the HTTP request'}.`,
    deep:
      'After the ACK both sides know each other’s sequence numbers and receive windows; data may ride in the same ' +
      'packet. Congestion control starts small (an initial window of about 10 segments, some 14 KB), which is why a ' +
      'new connection delivers its first bytes slower than a warm one.',
  }),

  'tcp:refused': (e) => ({
    simple: 'You ring the number, but nobody works at that desk; the line goes dead at once.',
    standard:
      `${code(e.data.address)} answered the SYN with RST: no program listens on port ${e.data.port}. The machine is ` +
      'reachable, but the web server is not running (or listens elsewhere), so the browser gives up at once.',
    deep:
      'A RST in reply to a SYN is the kernel saying “no socket is bound to this port”. A firewall that silently drops ' +
      `the SYN feels different: the browser retries and waits until ${code('ERR_CONNECTION_TIMED_OUT')}.`,
  }),

  'tcp:reuse': (e) => ({
    simple: 'The phone line from before is still open, so you just keep talking.',
    standard:
      `The connection to ${code(e.data.address)} is still open from an earlier request (keep-alive), so there is no ` +
      `new handshake: this is request ${e.data.requestsOnConnection} on it. DNS, TCP and TLS cost nothing this time.`,
    deep:
      'HTTP/1.1 connections persist by default and carry requests one after another; HTTP/2 multiplexes many at once. ' +
      'In DevTools the Timing tab shows no “Initial connection” or “SSL”, and the Connection ID column repeats.',
  }),

  'tcp:keep-alive': (e) => ({
    simple: 'You both stay on the line in case you need to talk again.',
    standard:
      `This response has no ${code('Connection: close')}, so the TCP connection to ${code(e.data.address)} stays open ` +
      '(keep-alive). Once the browser has downloaded the whole body (the next step), the connection goes back into ' +
      'its pool: if the page asks for something else soon, that request skips DNS, TCP and TLS.',
    deep:
      `Persistent connections are HTTP/1.1's default; ${code('Connection: close')} would end this one. nginx closes an ` +
      `idle connection after ${code('keepalive_timeout')} (75 s by default); browsers keep up to 6 connections per host for HTTP/1.1.`,
  }),

  'tcp:close': (e) =>
    e.data.code === null
      ? {
          simple: 'The company says goodbye and hangs up after its reply.',
          standard:
            `The server answered with ${code('Connection: close')}, so the connection to ${code(e.data.address)} is torn ` +
            'down after this response; the next request must handshake again.',
          deep:
            'Each side sends FIN and the other acknowledges it; the side that closed first keeps the socket in TIME_WAIT ' +
            'so late packets cannot confuse a new connection. nginx closes after an error such as 413 so it need not read ' +
            'the rest of an unwanted body.',
        }
      : {
          simple: 'The line is cut before any letter was sent.',
          standard:
            `The browser closes the connection to ${code(e.data.address)} because of ${code(e.data.code)}: ` +
            'the handshake failed, so no HTTP request was ever sent on it.',
          deep:
            'After a fatal TLS alert the TCP connection is closed (FIN, or RST); the browser will not retry on it. ' +
            'Nothing above TLS (the proxy, the app) ever saw a request.',
        },
}

export const TLS: ExplainTable<EventsOf<'tls'>> = {
  'tls:client-hello': (e, ctx) => {
    const d = e.data
    if (overQuic(ctx))
      return {
        simple: d.earlyData
          ? 'You send your greeting, the secret code you used last time and your question, all on the first postcard.'
          : 'You send your greeting and your suggested secret code on the very first postcard: no separate “hello, can we talk?” first.',
        standard:
          `HTTP/3 runs over QUIC, on UDP port 443: there is no TCP handshake at all. The browser’s first QUIC ` +
          `packet (an Initial) carries the TLS 1.3 ClientHello, naming ${code(d.serverName)} (SNI) and asking for ` +
          `${list(d.alpn.map(alpnName), 'or')} (ALPN), so the transport and the encryption are agreed together.` +
          (d.earlyData
            ? ' It resumes a session from an earlier visit with its ticket, so this GET travels in the same flight as 0-RTT data.'
            : d.resumption
              ? ' It offers a ticket from an earlier visit (resumption).'
              : ''),
        deep:
          `QUIC names a connection by connection IDs that each side chooses, not by the IP address and port, so it ` +
          `survives a change of network. Initial packets are protected with keys derived from the Destination ` +
          `Connection ID (anyone can read them); the ClientHello inside holds the ${code('key_share')}, ALPN ` +
          `${list(d.alpn.map(code))} and QUIC’s transport parameters, padded to at least 1200 bytes. 0-RTT exists ` +
          'only when resuming with a ticket from an earlier connection, and early data can be replayed, so browsers ' +
          'send only safe requests such as GET that way.',
      }
    return {
      simple:
        'Before saying anything private, you suggest a secret code: “Here are the codes I know, let’s pick one only we understand.”',
      standard:
        `The browser opens the TLS handshake: it offers TLS ${list(d.offeredVersions, 'or')}, names the host ` +
        `${code(d.serverName)} (SNI, so the server picks the right certificate) and offers ` +
        `${list(d.alpn.map(alpnName), 'or')} through ALPN.${d.resumption ? ' It also offers a session ticket from an earlier visit.' : ''}`,
      deep:
        `ClientHello carries a random nonce, the cipher suites and, for TLS 1.3, a ${code('key_share')}: an ephemeral ` +
        `ECDHE public key (usually X25519) so the server can derive keys in its first reply. ${code('server_name')} is ` +
        `sent in clear text; ${code('application_layer_protocol_negotiation')} lists ${list(d.alpn.map(code))}.` +
        `${d.earlyData ? ' It also sends early data (0-RTT), which an attacker could replay.' : ''} DevTools counts TLS as “SSL”.`,
    }
  },

  'tls:server-hello': (e, ctx) => {
    const d = e.data
    if (overQuic(ctx))
      return {
        simple:
          'The company answers on one postcard: its ID card, the agreed code and “ready”. One exchange, and you can talk.',
        standard:
          `The server answers in one flight: a QUIC Initial packet with the ServerHello (TLS ${d.version}, ` +
          `${code(d.cipher)}, ${alpnName(d.alpn)}) and Handshake packets with ` +
          `${d.resumed ? 'Finished (the ticket was accepted, so no certificate is needed)' : 'its certificate and Finished'}. ` +
          'After this one round trip the connection is ready; TCP with TLS 1.3 needs two (SYN, SYN-ACK first).',
        deep:
          'QUIC carries the TLS handshake in CRYPTO frames at three levels of keys: Initial, Handshake, then 1-RTT for ' +
          'the application data. The server also sends the connection IDs the client should use from now on. Every ' +
          'packet, acknowledgements included, is encrypted and numbered by QUIC itself, which resends what is lost.',
      }
    const rounds =
      d.version === '1.3'
        ? 'In TLS 1.3 this reply already holds the server’s key share, so both sides can compute the keys now: one round trip in all.'
        : 'TLS 1.2 needs a second round trip to exchange keys before any HTTP can flow.'
    return {
      simple:
        'The company agrees on a code: “Let’s use this one.” From now on, nobody in between can read your letters.',
      standard:
        `The server picks TLS ${d.version}, the cipher ${code(d.cipher)} and ${alpnName(d.alpn)} (via ALPN) ` +
        `for the conversation. ${d.resumed ? 'It accepts the session ticket: a resumed handshake. ' : ''}${rounds}`,
      deep:
        d.version === '1.3'
          ? `ServerHello returns the server’s ${code('key_share')}; from the two ECDHE shares both sides derive the ` +
            `handshake secrets with HKDF. Everything after it is already encrypted: EncryptedExtensions (carrying the ALPN ` +
            `choice ${code(d.alpn)}), Certificate, CertificateVerify and Finished. ${code(d.cipher)} names only the AEAD ` +
            'cipher and hash; TLS 1.3 negotiates the key exchange separately.'
          : `In TLS 1.2 the suite name spells out every part: ${code(d.cipher)}` +
            `${d.cipher === 'ECDHE-RSA-AES128-GCM-SHA256' ? ' is ECDHE key exchange, RSA signature, AES-128-GCM encryption and SHA-256' : ' names the key exchange, signature, cipher and hash'}. ` +
            'The certificate and ServerKeyExchange follow in clear; the client answers with ClientKeyExchange, ' +
            'ChangeCipherSpec and Finished, then waits for the server’s Finished: the second round trip.',
    }
  },

  'tls:certificate': (e) => {
    const d = e.data
    const host = e.request.host
    const days = daysBetween(d.validFrom, d.validUntil)
    const verdict =
      d.problem === 'expired'
        ? ` It expired on ${d.validUntil}: the check fails.`
        : d.problem === 'wrong-host'
          ? ` ${code(host)} is not among its names: the check fails.`
          : ' All three checks pass.'
    return {
      simple:
        d.problem === null
          ? `The company shows an ID card signed by someone you trust, proving it really is ${host}.`
          : d.problem === 'expired'
            ? 'The company shows its ID card, but the card has expired.'
            : 'The company shows an ID card, but it belongs to someone else.',
      standard:
        `The server presents a certificate for ${code(d.subject)}, issued by ${d.issuer}, valid from ${d.validFrom} ` +
        `to ${d.validUntil}, covering ${list(d.names.map(code))}. The browser checks that it chains to a trusted root, ` +
        `that today falls inside those dates and that ${code(host)} is one of the names.${verdict}`,
      deep:
        'The Certificate message carries the leaf and its intermediates; CertificateVerify proves the server holds ' +
        'the private key by signing the handshake so far. Browsers match the host against the Subject Alternative ' +
        `Names only, never the old Common Name${days !== null ? `; this one is valid for ${days} days, so it must be renewed automatically` : ''}.`,
    }
  },

  'tls:alert': (e) => ({
    simple: 'The ID card does not check out, so you hang up before saying anything private.',
    standard:
      `The browser refuses the certificate and aborts the handshake with a ${code(e.data.alert)} alert. No HTTP request ` +
      `is sent; the user sees a warning page with ${code(e.data.code)}. The fix is on the server: ` +
      `${e.data.alert === 'certificate_expired' ? 'renew the certificate' : 'install a certificate that lists this host name'}.`,
    deep:
      `TLS alerts are tiny records with a level and a code (${code('bad_certificate')} is 42, ${code('certificate_expired')} ` +
      'is 45). If the site uses HSTS the warning cannot even be clicked through. Automated renewal (ACME, e.g. certbot) ' +
      'exists because expired certificates are a classic outage.',
  }),

  'tls:finished': (e, ctx) => {
    const d = e.data
    if (overQuic(ctx))
      return {
        simple: d.earlyData
          ? 'The old secret code still works: your question was already on its way.'
          : 'Both sides confirm the code works. The private conversation can begin, one exchange after the first hello.',
        standard: d.earlyData
          ? 'The browser resumed with its ticket and sent the request as 0-RTT data, without waiting for the handshake: no round trip before the request.'
          : `QUIC and TLS ${d.version} are ready after ${plural(d.roundTrips, 'round trip')}${d.resumed ? ' (resumed)' : ''}, ` +
            `${ms(runMs(ctx, 'tls'))} in all: the transport and the keys at once, with no TCP handshake before it.`,
        deep:
          'The client’s Finished confirms the handshake; the server then sends HANDSHAKE_DONE. From here streams open ' +
          'without any round trip, each one delivered on its own: a lost packet holds back only the streams whose data ' +
          'it carried, not the whole connection as in TCP. DevTools shows this handshake as “SSL”, with no “Initial connection”.',
      }
    return {
      simple: 'Both sides confirm the secret code works. The private conversation can begin.',
      standard:
        `Both sides send Finished, a checksum over everything exchanged: the keys match and nobody tampered with the ` +
        `handshake. TLS ${d.version} took ${plural(d.roundTrips, 'round trip')}${d.resumed ? ' (resumed)' : ''}, ` +
        `${ms(runMs(ctx, 'tls'))} in all; expect 1 for TLS 1.3 and 2 for TLS 1.2.`,
      deep:
        'Finished is a MAC over the whole handshake transcript, keyed from the secret both sides derived, so checking it ' +
        `authenticates the whole exchange. Application keys come next and HTTP flows as encrypted records.` +
        `${d.resumed ? ' A resumed session (a pre-shared key) skipped the certificate.' : ''}` +
        `${d.earlyData ? ' Early data went out before this point.' : ''} DevTools ends the “SSL” bar here.`,
    }
  },

  'tls:reuse': (e, ctx) =>
    overQuic(ctx) || e.data.alpn === 'h3'
      ? {
          simple: 'The line is already open: you just start a new conversation on it.',
          standard:
            'The QUIC connection is open, so the request goes on a new stream of it: no handshake. Each stream is ' +
            'delivered on its own, so a packet lost for another stream does not hold this one back.',
          deep:
            'Client-opened bidirectional streams are numbered 0, 4, 8…; opening one costs nothing but a frame. The ' +
            'connection stays open until it has been idle for its idle timeout (30 s in browsers).',
        }
      : tlsReuse(e),
  'tls:decrypt': (e, ctx) =>
    overQuic(ctx) || e.request.httpVersion === 'HTTP/3'
      ? {
          simple: 'You unscramble the reply with the secret code.',
          standard:
            `The response arrived in QUIC packets, each encrypted and authenticated on its own; the browser decrypts ` +
            `the ${byteSize(e.data.bytes)} body. People in between saw only UDP packets, the IP addresses and the connection IDs.`,
          deep:
            'QUIC encrypts every packet with an AEAD cipher and even hides the packet numbers (header protection), so ' +
            'the network cannot read or rewrite its transport state the way it can with TCP.',
        }
      : tlsDecrypt(e),
}

const tlsReuse = (e: EventOf<'tls:reuse'>) => TLS_BASE['tls:reuse'](e)
const tlsDecrypt = (e: EventOf<'tls:decrypt'>) => TLS_BASE['tls:decrypt'](e)

/** TLS over TCP's own words for a kept-alive connection and a decrypted response. */
const TLS_BASE = {
  'tls:reuse': (e: EventOf<'tls:reuse'>) => ({
    simple: 'The secret code from before still works, so there is no need to agree on a new one.',
    standard:
      `The connection already holds TLS ${e.data.version} keys from the earlier request, so there is no handshake; ` +
      `${alpnName(e.data.alpn)} carries on.`,
    deep:
      'TLS state belongs to the connection, so keep-alive reuses it at no cost. A new connection could save work with ' +
      'session resumption (a pre-shared key ticket), but this is cheaper still: DevTools shows no “SSL” phase at all.',
  }),

  'tls:decrypt': (e: EventOf<'tls:decrypt'>) => ({
    simple: 'You unscramble the reply with the secret code.',
    standard:
      `The response arrived as encrypted TLS records; the browser decrypts the ${byteSize(e.data.bytes)} body and checks ` +
      'that nothing was altered on the way. People in between saw only scrambled bytes, the IP address and the host name.',
    deep:
      'Each record is sealed with an AEAD cipher such as AES-GCM: decrypting also verifies an authentication tag, so ' +
      'a modified record fails and the connection is dropped. A record holds at most 16 KB of plaintext.',
  }),
}
