import './compare.css'
import type { CSSProperties } from 'react'
import { useEffect, useMemo, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { CompareResult } from '../../store'
import { selectCompare, selectCurrentScenario, selectCustomized, useStore } from '../../store'
import { ModalDialog } from '../controls/ModalDialog'
import { formatMs } from '../format'
import { axisTicks } from '../timeline/phases'
import type { Difference } from './differences'
import { differences } from './differences'
import type { Cell, Comparison } from './model'
import { compare } from './model'
import type { PresetId } from './presets'
import { PRESETS, specFor } from './presets'

interface Props {
  readonly onClose: () => void
}

/** Percent of the shared axis, rounded so styles stay stable between renders. */
const pct = (ms: number, span: number) => (span > 0 ? Math.round((ms / span) * 100_000) / 1000 : 0)

function Bars({ cell, span }: { cell: Cell; span: number }) {
  return (
    <span className="cmp-track" aria-hidden="true">
      {cell.segments.map(([from, to]) => (
        <span
          key={from}
          className="cmp-bar"
          data-ms={to - from}
          style={{ left: `${pct(from, span)}%`, width: `${pct(to - from, span)}%` }}
        />
      ))}
    </span>
  )
}

function CellView({ cell, span }: { cell: Cell | null; span: number }) {
  if (!cell)
    return (
      <td className="cmp-cell" data-empty="true">
        <span className="cmp-track" aria-hidden="true" />
        <span className="cmp-time">
          <span aria-hidden="true">none</span>
          <span className="sr-only">not in this run</span>
        </span>
      </td>
    )
  return (
    <td className="cmp-cell">
      <Bars cell={cell} span={span} />
      <span className="cmp-time">
        {formatMs(cell.duration)}
        {cell.note ? (
          <>
            <span className="sr-only">, </span>
            <span className="cmp-note">{cell.note}</span>
          </>
        ) : null}
      </span>
    </td>
  )
}

function Axis({ span, label }: { span: number; label: string }) {
  const ticks = axisTicks(span, 5)
  return (
    <th scope="col" className="cmp-axis-cell">
      <span className="sr-only">{label}</span>
      <span className="cmp-axis" aria-hidden="true" data-span={span} data-testid="compare-axis">
        {ticks.map((t) => (
          <span
            key={t}
            className="cmp-tick"
            data-edge={t === 0 ? 'start' : pct(t, span) > 90 ? 'end' : undefined}
            style={{ left: `${pct(t, span)}%` }}
          >
            {t === 0 ? '0 ms' : t}
          </span>
        ))}
      </span>
    </th>
  )
}

/** "What differs": the request, app, answering layer and response, side by side. */
function Differences({ result, diffs }: { result: CompareResult; diffs: readonly Difference[] }) {
  const { spec } = result
  return (
    <table className="cmp-diffs" data-testid="compare-differences">
      <caption>What differs besides the time</caption>
      <thead>
        <tr>
          <th scope="col">What</th>
          <th scope="col">{spec.left.label}</th>
          <th scope="col">{spec.right.label}</th>
        </tr>
      </thead>
      <tbody>
        {diffs.map((d) => (
          <tr key={d.label}>
            <th scope="row">{d.label}</th>
            <td>{d.values[0]}</td>
            <td>{d.values[1]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function Result({ result, comparison }: { result: CompareResult; comparison: Comparison }) {
  const { spec } = result
  const sides = [spec.left, spec.right] as const
  const diffs = differences(
    { trace: result.left, setup: spec.left.setup },
    { trace: result.right, setup: spec.right.setup },
  )
  // The timing rows alone can look identical while the reasons differ: then say so first.
  const sameOutcome = comparison.runs[0].outcome === comparison.runs[1].outcome
  const reasons = diffs.filter((d) => d.label !== 'Steps')
  return (
    <>
      <p className="cmp-summary" data-testid="compare-summary">
        {comparison.summary}
        {sameOutcome && reasons.length > 0
          ? ` Same status, but not the same run: ${reasons.length === 1 ? 'one thing differs' : `${reasons.length} things differ`} (below).`
          : ''}
        {diffs.length === 0 && spec.id === 'edit' ? ' Your edit changes nothing in this run.' : ''}
      </p>
      {diffs.length > 0 ? <Differences result={result} diffs={diffs} /> : null}
      <div className="cmp-scroll">
        <table className="cmp-table" style={{ '--span': comparison.span } as CSSProperties}>
          <caption className="sr-only">
            {spec.title}: each phase of both runs on one time axis of {formatMs(comparison.span)}
          </caption>
          <thead>
            <tr>
              <th scope="col" className="cmp-phase-head">
                Phase
              </th>
              {sides.map((side, i) => {
                const run = comparison.runs[i]!
                return (
                  <th key={side.label} scope="col" className="cmp-run" data-side={i}>
                    <span className="cmp-run-label">{side.label}</span>
                    <span className="cmp-run-facts">
                      <span className="cmp-outcome" data-tone={toneOf(run.status)}>
                        {run.outcome}
                      </span>
                      <span className="cmp-total">{formatMs(run.total)} in total</span>
                    </span>
                  </th>
                )
              })}
            </tr>
            <tr className="cmp-axis-row">
              <td />
              <Axis span={comparison.span} label="Time axis, left run" />
              <Axis span={comparison.span} label="Time axis, right run" />
            </tr>
          </thead>
          <tbody>
            {comparison.rows.map((row) => (
              <tr
                key={row.key}
                className="cmp-row"
                data-row={row.key}
                data-tone={row.tone}
                style={{ '--depth': Math.min(row.depth, 6) } as CSSProperties}
              >
                <th scope="row" className="cmp-label">
                  {row.label}
                </th>
                <CellView cell={row.cells[0]} span={comparison.span} />
                <CellView cell={row.cells[1]} span={comparison.span} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}

const toneOf = (status: number | null) =>
  status === null ? 'server' : status >= 500 ? 'server' : status >= 400 ? 'client' : 'ok'

/**
 * Compare: one request run twice, side by side, every phase on one shared time axis. A modal
 * dialog (focus kept inside, Escape closes, focus goes back to the "Compare" button).
 */
export default function CompareDialog({ onClose }: Props) {
  const { status, result, error, runCompare } = useStore(useShallow(selectCompare))
  const edited = useStore(selectCustomized)
  const presets = PRESETS.filter((p) => p.id !== 'edit' || edited)
  const [preset, setPreset] = useState<PresetId>('keep-alive')

  // Run the chosen pair; the shown run and working copy are read when it starts.
  useEffect(() => {
    const state = useStore.getState()
    const curated = selectCurrentScenario(state)
    const original = { scenario: curated.scenario, request: curated.request }
    void runCompare(specFor(preset, state.traced ?? state.working, state.working, original))
  }, [preset, runCompare])

  const comparison = useMemo(
    () =>
      result && result.spec.id === preset
        ? compare(result.left, result.right, [result.spec.left.name, result.spec.right.name])
        : null,
    [result, preset],
  )

  const about = PRESETS.find((p) => p.id === preset)!.about
  return (
    // The page's step and play keys stay with the page: this dialog has its own focus.
    <ModalDialog title="Compare two runs" className="dialog cmp-dialog" onClose={onClose} ownsKeys>
      <fieldset className="cmp-presets">
        <legend className="sr-only">Which pair</legend>
        {presets.map((p) => (
          <label key={p.id} className="cmp-preset">
            <input
              type="radio"
              name="compare-preset"
              value={p.id}
              checked={preset === p.id}
              onChange={() => setPreset(p.id)}
            />
            <span>{p.title}</span>
          </label>
        ))}
      </fieldset>
      <p className="cmp-about">{about}</p>
      <div className="cmp-body" aria-busy={status === 'running'}>
        {status === 'error' ? (
          <p className="cmp-message" role="alert">
            {error}
          </p>
        ) : result && comparison ? (
          <Result result={result} comparison={comparison} />
        ) : (
          <p className="cmp-message">Running both requests…</p>
        )}
      </div>
    </ModalDialog>
  )
}
