import type { PageTrace } from '../../engine'
import { formatMs } from '../format'
import { useMemo } from 'react'
import { Axis, Now } from './Axis'
import { PROTOCOL_NAMES, grown, pct } from './model'

interface Props {
  readonly page: PageTrace
  readonly time: number
  readonly span: number
}

/**
 * The connections, one lane each, grouped by origin: up to six lanes per origin on HTTP/1.1, each
 * carrying one request at a time; on HTTP/2 and HTTP/3 one lane whose body frames from many
 * streams interleave. A lost packet is marked where it happened.
 */
export function Connections({ page, time, span }: Props) {
  const origins = [...new Set(page.connections.map((c) => c.origin))]
  const name = (id: string) => page.requests.find((r) => r.id === id)?.name ?? id
  // Each connection's requests, frames and losses, sorted out once per page trace.
  const by = useMemo(() => {
    const of = <T extends { connection: string }>(list: readonly T[]) => {
      const map = new Map<string, T[]>()
      for (const x of list) {
        const l = map.get(x.connection)
        if (l) l.push(x)
        else map.set(x.connection, [x])
      }
      return map
    }
    return { requests: of(page.requests), frames: of(page.frames), losses: of(page.losses) }
  }, [page])
  return (
    <div className="pl-conns">
      <div className="pl-lane pl-axis-row">
        <span className="pl-note">simulated ms</span>
        <Axis span={span} />
      </div>
      {origins.map((origin) => {
        const lanes = page.connections.filter((c) => c.origin === origin)
        return (
          <section key={origin} className="pl-origin" aria-label={`Connections to ${origin}`}>
            <h4>
              {new URL(origin).host}{' '}
              <span className="pl-note">
                {lanes.length} connection{lanes.length === 1 ? '' : 's'}
              </span>
            </h4>
            <ul className="pl-lanes">
              {lanes.map((c) => {
                const on = by.requests.get(c.id) ?? []
                const frames = (by.frames.get(c.id) ?? []).filter((f) => f.at < time)
                const lost = (by.losses.get(c.id) ?? []).filter((l) => l.at < time)
                const seen = on.filter((r) => r.sentAt <= time)
                const multiplexed = c.protocol !== 'http/1.1'
                return (
                  <li key={c.id} className="pl-lane" data-protocol={c.protocol}>
                    <span className="pl-lane-name">
                      {c.id} · {PROTOCOL_NAMES[c.protocol]} over{' '}
                      {c.transport === 'quic' ? 'QUIC (UDP)' : 'TCP'}
                    </span>
                    <span className="pl-track pl-lane-track" aria-hidden="true">
                      {c.start < time ? (
                        <span
                          className="pl-handshake"
                          style={{
                            left: `${pct(c.start, span)}%`,
                            width: `${pct(c.readyAt - c.start, span)}%`,
                            ...(c.readyAt > time
                              ? { transform: `scaleX(${grown(c.start, c.readyAt, time)})` }
                              : {}),
                          }}
                        />
                      ) : null}
                      {multiplexed
                        ? frames.map((f) => (
                            <span
                              key={`${f.at}-${f.request}`}
                              className="pl-frame"
                              data-stream={((f.stream ?? 0) >> (c.protocol === 'h3' ? 2 : 1)) % 6}
                              data-lost={f.lost || undefined}
                              style={{
                                left: `${pct(f.at, span)}%`,
                                width: `max(2px, ${pct(f.duration, span)}%)`,
                              }}
                            />
                          ))
                        : seen.map((r) => (
                            <span
                              key={r.id}
                              className="pl-req"
                              // Its name is inside, so it grows by width (a lane is not a table:
                              // this lays out only the bar itself).
                              style={{
                                left: `${pct(r.sentAt, span)}%`,
                                width: `${pct(Math.min(r.end, time) - r.sentAt, span)}%`,
                              }}
                            >
                              <span className="pl-req-name">{r.name}</span>
                            </span>
                          ))}
                      {lost.map((l) => (
                        <span
                          key={`${l.at}-${l.request}`}
                          className="pl-loss"
                          style={{
                            left: `${pct(l.at, span)}%`,
                            width: `${pct(Math.min(l.until, time) - l.at, span)}%`,
                          }}
                        />
                      ))}
                      <Now at={time} span={span} />
                    </span>
                    <span className="sr-only">
                      {c.start >= time
                        ? 'not open yet'
                        : `${c.reused ? 'reused from an earlier visit' : `handshake ${formatMs(c.readyAt - c.start)}`}; ${
                            multiplexed
                              ? `streams so far: ${seen.map((r) => `${r.stream} ${r.name}`).join(', ') || 'none'}`
                              : `requests so far, one at a time: ${seen.map((r) => r.name).join(', ') || 'none'}`
                          }${lost.length > 0 ? `; ${lost.length} lost packet${lost.length === 1 ? '' : 's'}, waiting: ${lost.map((l) => l.blocked.map(name).join(' and ')).join('; ')}` : ''}`}
                    </span>
                  </li>
                )
              })}
            </ul>
          </section>
        )
      })}
    </div>
  )
}
