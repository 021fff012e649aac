/**
 * Two traces on one time axis: the timeline's rows (phases, and the server layers inside
 * Waiting) merged by what they are, so DNS sits beside DNS and the view beside the view, plus a
 * one-line account of what changed. Pure: no React, no store.
 */
import type { Trace } from '../../engine'
import { formatMs, statusLine } from '../format'
import type { Row, Tone } from '../timeline/phases'
import { flatRows, timelineOf } from '../timeline/phases'

export interface Cell {
  /** Stretches of time, in ms from the start of its own run. */
  readonly segments: readonly (readonly [number, number])[]
  readonly duration: number
  /** Set when the row is there but did no real work, e.g. DNS answered from the cache. */
  readonly note: string | null
}

export interface CompareRow {
  readonly key: string
  readonly label: string
  readonly tone: Tone
  readonly depth: number
  /** `null` where that run has no such row (it skipped the phase or never got that far). */
  readonly cells: readonly [Cell | null, Cell | null]
}

export interface RunSummary {
  /** "200 OK", or the network error's code. */
  readonly outcome: string
  readonly status: number | null
  /** From the first event to the end of the last, in ms. */
  readonly total: number
}

export interface Comparison {
  readonly rows: readonly CompareRow[]
  readonly runs: readonly [RunSummary, RunSummary]
  /** The longer run's total: both axes use it, so one ms is the same width on both. */
  readonly span: number
  readonly summary: string
}

const runOf = (trace: Trace): RunSummary => {
  const events = trace.events
  const start = events[0]?.at ?? 0
  const end = Math.max(start, ...events.map((e) => e.at + e.duration))
  return {
    outcome: trace.response
      ? statusLine(trace.response.status, trace.response.statusText)
      : (trace.error?.code ?? 'no answer'),
    status: trace.response?.status ?? null,
    total: end - start,
  }
}

/** The row's key without the round trip's number when there is one trip (the usual case). */
const keyOf = (row: Row): string => row.id

const cellOf = (row: Row, trace: Trace, start: number): Cell => {
  const cached = row.events.every((i) => trace.events[i]?.type === 'dns:cache-hit')
  return {
    segments: cached ? [] : row.segments.map(([a, b]) => [a - start, b - start] as const),
    duration: row.duration,
    note: cached ? 'cached' : null,
  }
}

/** Merges two ordered key lists: left's order, each right-only key after its right neighbour. */
const mergeOrder = (left: readonly string[], right: readonly string[]): string[] => {
  const out = [...left]
  right.forEach((key, i) => {
    if (out.includes(key)) return
    const before = right[i - 1]
    const at = before === undefined ? 0 : out.indexOf(before) + 1
    out.splice(at, 0, key)
  })
  return out
}

/** What a phase is called in the summary. */
const SHORT: Readonly<Record<string, string>> = {
  dns: 'DNS',
  connect: 'TCP',
  ssl: 'TLS',
}

const listOf = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** The deepest server layer a run reached, as words. */
const reached = (trace: Trace): string | null => {
  const layers = new Set(trace.events.map((e) => e.layer))
  if (layers.has('handler')) return 'the view'
  if (layers.has('validation')) return 'validation'
  if (layers.has('router')) return 'the router'
  if (layers.has('middleware')) return 'the middleware'
  if (layers.has('server')) return 'the app server'
  if (layers.has('proxy')) return 'the proxy'
  return null
}

const summarize = (
  names: readonly [string, string],
  traces: readonly [Trace, Trace],
  runs: readonly [RunSummary, RunSummary],
  rows: readonly CompareRow[],
): string => {
  const [a, b] = names
  const diff = runs[0].total - runs[1].total
  const same = Math.abs(diff) < 0.05
  const change = `${formatMs(Math.abs(diff))} ${diff > 0 ? 'faster' : 'slower'}`
  if (runs[0].outcome !== runs[1].outcome) {
    const reachA = reached(traces[0])
    const reachB = reached(traces[1])
    const from = (reach: string | null) => (reach ? ` from ${reach}` : '')
    const time = same ? '' : `, ${formatMs(Math.abs(diff))} ${diff > 0 ? 'sooner' : 'later'}`
    return `${capital(a)}: ${runs[0].outcome}${from(reachA)}. ${capital(b)}: ${runs[1].outcome}${from(reachB)}${time}.`
  }
  const skipped = rows
    .filter((r) => r.depth === 0 && SHORT[r.key.split(':')[1] ?? ''])
    .filter((r) => r.cells[0]?.segments.length && !r.cells[1]?.segments.length)
    .map((r) => SHORT[r.key.split(':')[1]!]!)
  if (skipped.length)
    return `${capital(b)} skipped ${listOf(skipped)}: ${same ? 'no faster' : change}.`
  return same
    ? `Both got ${runs[0].outcome} in ${formatMs(runs[0].total)}.`
    : `Both got ${runs[0].outcome}; ${b} was ${change}.`
}

/** The rows, totals and summary of two runs; `names` are how the summary names each side. */
export const compare = (
  left: Trace,
  right: Trace,
  names: readonly [string, string],
): Comparison => {
  const traces = [left, right] as const
  const flat = traces.map((t) => flatRows(timelineOf(t)))
  const starts = traces.map((t) => t.events[0]?.at ?? 0)
  const byKey = flat.map((rows) => new Map(rows.map((r) => [keyOf(r), r])))
  const order = mergeOrder(flat[0]!.map(keyOf), flat[1]!.map(keyOf))
  const rows = order.map((key): CompareRow => {
    const [l, r] = byKey.map((m) => m.get(key))
    const any = (l ?? r)!
    const labels = [...new Set([l?.label, r?.label].filter((x): x is string => Boolean(x)))]
    return {
      key,
      label: labels.join(' · '),
      tone: any.tone,
      depth: any.depth,
      cells: [l ? cellOf(l, left, starts[0]!) : null, r ? cellOf(r, right, starts[1]!) : null],
    }
  })
  const runs = [runOf(left), runOf(right)] as const
  return {
    rows,
    runs,
    span: Math.max(runs[0].total, runs[1].total),
    summary: summarize(names, traces, runs, rows),
  }
}
