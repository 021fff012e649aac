import { useMemo } from 'react'
import type { PageNetwork, PageSpec, PageTrace, Scenario } from '../../engine'
import { PAGE_PROTOCOLS, altSvcKnown, simulatePage } from '../../engine'
import { formatMs } from '../format'
import { PROTOCOL_NAMES, pct } from './model'

interface Props {
  readonly scenario: Scenario
  readonly page: PageSpec
  readonly seed: number
}

const NETWORKS: readonly [PageNetwork, string][] = [
  ['good', 'Good network'],
  ['lossy', 'Lossy network (4% of packets lost)'],
]

const markAt = (page: PageTrace, id: string) => page.marks.find((m) => m.id === id)?.at

/**
 * The same page over HTTP/1.1, HTTP/2 and HTTP/3 on one time axis, on a good network and a lossy
 * one. HTTP/3 runs as for a browser that already learned the site offers it (Alt-Svc).
 */
export function ProtocolCompare({ scenario, page, seed }: Props) {
  const runs = useMemo(
    () =>
      NETWORKS.map(([network, label]) => ({
        network,
        label,
        rows: PAGE_PROTOCOLS.map((protocol) => ({
          protocol,
          trace: simulatePage({
            scenario,
            page,
            protocol,
            network,
            seed,
            ...(protocol === 'h3' ? { connection: altSvcKnown(page) } : {}),
          }),
        })),
      })),
    [scenario, page, seed],
  )
  const span = Math.max(...runs.flatMap((g) => g.rows.map((r) => r.trace.end))) * 1.02
  return (
    <div className="pl-compare">
      <p className="pl-note">
        Simulated times. HTTP/3 assumes the browser already knows the site offers it (an{' '}
        <code>Alt-Svc</code> header from an earlier visit).
      </p>
      {runs.map((group) => {
        const fastest = [...group.rows].sort((a, b) => a.trace.end - b.trace.end)[0]!
        return (
          <table key={group.network} className="pl-cmp-table">
            <caption>
              {group.label}: {PROTOCOL_NAMES[fastest.protocol]} finishes first
            </caption>
            <thead>
              <tr>
                <th scope="col">Protocol</th>
                <th scope="col">Connections</th>
                <th scope="col">First paint</th>
                <th scope="col">LCP</th>
                <th scope="col">Page loaded</th>
                <th scope="col" className="pl-bar-col">
                  Timeline
                </th>
              </tr>
            </thead>
            <tbody>
              {group.rows.map(({ protocol, trace }) => {
                const paint = markAt(trace, 'first-paint')
                const lcp = markAt(trace, 'lcp')
                return (
                  <tr key={protocol}>
                    <th scope="row">{PROTOCOL_NAMES[protocol]}</th>
                    <td>{trace.connections.length}</td>
                    <td>{paint === undefined ? 'none' : formatMs(paint)}</td>
                    <td>{lcp === undefined ? 'none' : formatMs(lcp)}</td>
                    <td>{formatMs(trace.end)}</td>
                    <td className="pl-bar-cell">
                      <span className="pl-track" aria-hidden="true">
                        <span
                          className="pl-seg"
                          data-tone="download"
                          style={{ left: 0, width: `${pct(trace.end, span)}%` }}
                        />
                        {paint === undefined ? null : (
                          <span
                            className="pl-mark"
                            data-mark="paint"
                            style={{ left: `${pct(paint, span)}%` }}
                          />
                        )}
                        {lcp === undefined ? null : (
                          <span
                            className="pl-mark"
                            data-mark="lcp"
                            style={{ left: `${pct(lcp, span)}%` }}
                          />
                        )}
                      </span>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        )
      })}
    </div>
  )
}
