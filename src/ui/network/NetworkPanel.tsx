import './network.css'
import { useEffect, useMemo, useRef } from 'react'
import type { Trace, TraceEvent } from '../../engine'
import {
  selectCurrentEvent,
  selectShown,
  selectPlayhead,
  selectSeek,
  selectRevealedTrace,
  useStore,
} from '../../store'
import { usePanelState } from '../playback/panelState'
import { groupInfo, groupOf } from '../model/groups'
import { useMotionReduced } from '../playback/useMotionReduced'
import type { Actor, Hop, Message, NetworkView, SectionId } from './model'
import { DNS_ACTORS, LINK_ACTORS, SECTION_TITLES, actorName, hopAt, networkView } from './model'
import type { Lifelines } from './SequenceDiagram'
import { SequenceDiagram } from './SequenceDiagram'
import { scrollerOf } from './scroll'

const SECTIONS: readonly SectionId[] = ['dns', 'tcp', 'tls']

const lifelinesFor = (tld: string, software: string) => {
  const name = (actor: Actor) => actorName(actor, tld, software)
  const names = (actors: readonly Actor[]) =>
    Object.fromEntries(actors.map((actor) => [actor, name(actor)]))
  const dns: Lifelines = {
    actors: DNS_ACTORS,
    x: Object.fromEntries(
      DNS_ACTORS.map((actor, i) => [actor, ((i + 0.5) / DNS_ACTORS.length) * 100]),
    ),
    names: names(DNS_ACTORS),
    labelWidth: 60,
    sideLabels: true,
    stagger: true,
  }
  const link: Lifelines = {
    actors: LINK_ACTORS,
    x: { browser: 14, server: 86 },
    names: names(LINK_ACTORS),
    labelWidth: 100,
    sideLabels: false,
    stagger: false,
  }
  return { dns, tcp: link, tls: link }
}

/** Where the playhead stands, one line above the diagrams (the message itself is explained in place). */
interface Now {
  readonly lead: string
  readonly name: string
  /** Only for a step that is not a message of the diagrams: what the network side is doing. */
  readonly text: string | null
  readonly tone: Message['tone'] | 'idle'
}

const nowOf = (
  trace: Trace,
  view: NetworkView,
  hop: Hop,
  event: TraceEvent,
  playhead: number,
  message: Message | undefined,
): Now => {
  if (message) {
    const messages = hop.sections[message.section].messages
    const n = messages.indexOf(message) + 1
    return {
      lead: 'Now',
      name: `${SECTION_TITLES[message.section]}, message ${n} of ${messages.length}`,
      text: null,
      tone: message.tone,
    }
  }
  const lead = `Now in ${groupInfo(groupOf(event.layer)).label}`
  const name = event.title
  // The banner under it says why nothing goes over the network.
  if (hop.fromCache) return { lead, name, text: null, tone: 'idle' }
  if (trace.error && view.failure && playhead > view.failure.index)
    return { lead, name, text: trace.error.message, tone: 'error' }
  const first = Math.min(...SECTIONS.flatMap((id) => hop.sections[id].messages.map((m) => m.index)))
  if (playhead < first)
    return {
      lead,
      name,
      text: hop.via
        ? 'A new request for the redirect’s URL: the browser needs an address and a connection for it again, unless it can reuse what it has.'
        : 'Nothing has left the browser yet. Before it can connect it needs the server’s address: DNS comes first.',
      tone: 'idle',
    }
  return {
    lead,
    name,
    text:
      event.direction === 'request'
        ? 'Not a network message. The handshakes below are done; the request now travels inside the connection they opened.'
        : 'Not a network message. The response comes back over the same connection the handshakes below opened.',
    tone: 'idle',
  }
}

/** Placeholder for a section the request never reached (or has not reached yet). */
const missingText = (id: SectionId, view: NetworkView, hop: Hop, playhead: number): string => {
  const failure = view.failure
  const failedHere = failure && failure.index >= hop.start && failure.index <= hop.end
  if (failedHere && playhead >= failure.index) {
    if (failure.section === 'dns')
      return id === 'tcp'
        ? 'Never reached: DNS found no address, so no connection was opened.'
        : 'Never reached: with no connection there is nothing to encrypt.'
    if (failure.section === 'tcp')
      return 'Never reached: the connection was refused, so there was nothing to encrypt.'
  }
  if (hop.transport === 'quic')
    return id === 'tcp'
      ? 'None: HTTP/3 runs over QUIC, on UDP. Its one handshake, transport and TLS together, is below.'
      : 'Comes after DNS, inside QUIC.'
  return id === 'tcp' ? 'Comes after DNS.' : 'Comes after the TCP handshake.'
}

const defaultPort = (hop: Hop) => hop.port === (hop.scheme === 'https' ? 443 : 80)

function HopNav(props: { hops: readonly Hop[]; current: Hop; onSeek: (i: number) => void }) {
  const { hops, current, onSeek } = props
  return (
    <nav className="net-hops" aria-label="Round trips in this trace">
      <ol>
        {hops.map((hop) => (
          <li key={hop.start}>
            <button
              type="button"
              className="net-hop"
              aria-current={hop === current ? 'true' : undefined}
              onClick={() => onSeek(hop.start)}
            >
              <span className="net-hop-url">
                Request {hop.hop + 1} · {hop.scheme}
                {defaultPort(hop) ? '' : ` :${hop.port}`}
                {hop.via ? `, after ${hop.via.status}` : ''}
              </span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  )
}

const safeHost = (url: string): string => {
  try {
    return new URL(url).hostname
  } catch {
    return 'the server'
  }
}

/**
 * Network close-up panel: DNS, the TCP handshake and the TLS handshake as sequence diagrams,
 * stepped message by message with the playhead. Loaded lazily: it is not part of the first paint.
 */
export default function NetworkPanel() {
  // While a lesson question waits, only the steps so far (the rest would give the answer away).
  const trace = usePanelState(selectRevealedTrace)
  const playhead = usePanelState(selectPlayhead)
  const event = usePanelState(selectCurrentEvent)
  const seek = useStore(selectSeek)
  const { scenario, request } = usePanelState(selectShown)
  const reduced = useMotionReduced()

  const view = useMemo(() => (trace ? networkView(trace) : null), [trace])
  const hop = view ? hopAt(view, playhead) : undefined
  const host = hop?.host ?? safeHost(request.url)
  const tld = host.slice(host.lastIndexOf('.') + 1)
  const software = scenario.proxy.software
  const lifelines = useMemo(() => lifelinesFor(tld, software), [tld, software])
  const byIndex = useMemo(
    () =>
      new Map(
        (view?.hops ?? []).flatMap((h) =>
          SECTIONS.flatMap((id) => h.sections[id].messages.map((m) => [m.index, m] as const)),
        ),
      ),
    [view],
  )

  // A followed redirect starts new diagrams: show them from the top, with the redirect's banner.
  const panel = useRef<HTMLElement>(null)
  const shownHop = useRef(hop?.start)
  useEffect(() => {
    const element = panel.current
    if (shownHop.current === hop?.start || !element) return
    shownHop.current = hop?.start
    const scroller = scrollerOf(element)
    if (!scroller || typeof scroller.scrollBy !== 'function') return
    const above = element.getBoundingClientRect().top - scroller.getBoundingClientRect().top
    if (above < 0) scroller.scrollBy({ top: above, behavior: reduced ? 'auto' : 'smooth' })
  }, [hop?.start, reduced])

  const now =
    trace && view && hop && event
      ? nowOf(trace, view, hop, event, playhead, byIndex.get(playhead))
      : null

  const sectionView = (id: SectionId) => {
    if (!view || !hop) return null
    const section = hop.sections[id]
    if (section.absent)
      return (
        <div key={id} className="seq seq-absent" data-section={id}>
          <h3 className="seq-title">{SECTION_TITLES[id]}</h3>
          <p className="seq-missing" data-tone="error">
            <span className="net-icon" aria-hidden="true">
              !
            </span>
            {section.absent}
          </p>
        </div>
      )
    if (section.messages.length === 0)
      return (
        <div key={id} className="seq seq-absent" data-section={id}>
          <h3 className="seq-title">{SECTION_TITLES[id]}</h3>
          <p className="seq-missing">{missingText(id, view, hop, playhead)}</p>
        </div>
      )
    return (
      <SequenceDiagram
        key={`${hop.start}-${id}`}
        section={section}
        title={SECTION_TITLES[id]}
        lifelines={lifelines[id]}
        playhead={playhead}
        onSeek={seek}
        reduced={reduced}
      />
    )
  }

  return (
    <section
      ref={panel}
      className="panel net"
      aria-label="Network close-up"
      data-reduced={reduced || undefined}
    >
      <header className="net-head">
        <h2>Network close-up</h2>
        {view && hop && view.hops.length > 1 ? (
          <HopNav hops={view.hops} current={hop} onSeek={seek} />
        ) : null}
      </header>

      {!trace || !view || !hop || !now ? (
        <p className="net-empty">
          How the browser finds {host} and connects to it: DNS, the TCP handshake and, for https,
          the TLS handshake, drawn one message at a time. Press “Send request”, then step with →.
        </p>
      ) : (
        <div className="net-cols" data-layout={hop.fromCache ? 'single' : 'split'}>
          <div className="net-col">
            <div className="net-now" data-tone={now.tone} data-kind={now.text ? 'step' : 'message'}>
              <p className="net-now-name">
                <span className="net-now-lead">{now.lead}:</span> <strong>{now.name}</strong>
              </p>
              {now.text ? <p className="net-now-text">{now.text}</p> : null}
            </div>

            {hop.via ? (
              <p className="net-banner">
                <span className="net-icon" aria-hidden="true">
                  ↪
                </span>
                Request {hop.hop + 1}: the browser follows the {hop.via.status} redirect to{' '}
                {hop.url}
                {hop.reused ? ' on the connection that is already open.' : '.'}
              </p>
            ) : null}

            {hop.fromCache ? (
              <p className="net-banner" data-tone="ok">
                <span className="net-icon" aria-hidden="true">
                  i
                </span>
                No network at all: the browser’s cached copy is {hop.fromCache.ageSeconds} s old and
                good for {hop.fromCache.maxAgeSeconds} s, so it answers at once — no DNS, no TCP, no
                TLS.
              </p>
            ) : null}

            {hop.reused ? (
              <p className="net-banner" data-tone="ok">
                <span className="net-icon" aria-hidden="true">
                  ↻
                </span>
                Reused connection — no DNS, TCP or TLS handshake this time.
              </p>
            ) : null}

            {hop.fromCache ? null : sectionView('dns')}
          </div>
          {hop.fromCache ? null : (
            <div className="net-col">
              {sectionView('tcp')}
              {sectionView('tls')}
            </div>
          )}
        </div>
      )}
    </section>
  )
}
