import './har.css'
import { useId, useRef, useState } from 'react'
import { parseCurl } from '../../engine'
import { ModalDialog } from '../controls/ModalDialog'
import { formatMs } from '../format'
import { openWalk } from './openWalk'
import { looksLikeEntry } from './paste'
import type { Asked, Walk } from './walk'
import { askedOfCurl, nearestWalk } from './walk'

interface Props {
  /** A command to explain at once (pasted on the page, or sent by the Request tab). */
  readonly initialText?: string
  readonly onClose: () => void
  /** One HAR entry was pasted: it is read as a file of that entry (its times are measured). */
  readonly onEntry: (text: string) => void
}

type Outcome =
  | { readonly kind: 'walk'; readonly walk: Walk; readonly asked: Asked }
  | { readonly kind: 'error'; readonly message: string }
  | null

/** A curl command walked through its nearest scenario, or what is wrong with it. */
const outcomeOf = (command: string): NonNullable<Outcome> => {
  try {
    const asked = askedOfCurl(parseCurl(command))
    const walk = nearestWalk(asked)
    return 'message' in walk
      ? { kind: 'error', message: walk.message }
      : { kind: 'walk', walk, asked }
  } catch (error) {
    return {
      kind: 'error',
      message: `This cannot be read as a curl command: ${error instanceof Error ? error.message : String(error)}.`,
    }
  }
}

const PHASES: readonly [keyof Walk['phases'], string][] = [
  ['blocked', 'Blocked'],
  ['dns', 'DNS Lookup'],
  ['connect', 'Initial connection'],
  ['ssl', 'SSL'],
  ['wait', 'Waiting (TTFB)'],
  ['receive', 'Content Download'],
]

/**
 * "Explain my request": a curl command (or one HAR entry) pasted here becomes the nearest
 * scenario, walked through the model. A curl command holds no times: what it asks is the user's,
 * everything else (the app, its answer, every time) is marked as the model's, inferred.
 */
export default function ExplainRequestDialog({ initialText = '', onClose, onEntry }: Props) {
  const [text, setText] = useState(initialText)
  const [outcome, setOutcome] = useState<Outcome>(() =>
    initialText.trim() && !looksLikeEntry(initialText) ? outcomeOf(initialText.trim()) : null,
  )
  const field = useRef<HTMLTextAreaElement>(null)
  const hint = useId()
  const errorId = useId()

  const explain = () => {
    const pasted = text.trim()
    if (looksLikeEntry(pasted)) {
      onEntry(pasted)
      return
    }
    try {
      const asked = askedOfCurl(parseCurl(pasted))
      const walk = nearestWalk(asked)
      setOutcome(
        'message' in walk
          ? { kind: 'error', message: walk.message }
          : { kind: 'walk', walk, asked },
      )
    } catch (error) {
      setOutcome({
        kind: 'error',
        message: `This cannot be read as a curl command: ${error instanceof Error ? error.message : String(error)}.`,
      })
      field.current?.focus()
    }
  }

  const walk = outcome?.kind === 'walk' ? outcome.walk : null
  const asked = outcome?.kind === 'walk' ? outcome.asked : null
  const status = walk ? walk.status : null
  return (
    <ModalDialog
      title="Explain my request"
      className="dialog har-explain-dialog"
      onClose={onClose}
      initialFocus={field}
    >
      <form
        className="har-ask"
        onSubmit={(e) => {
          e.preventDefault()
          explain()
        }}
      >
        <label htmlFor={`${hint}-field`}>A curl command, or one entry of a HAR file</label>
        <p id={hint} className="har-none">
          From your browser’s DevTools: Network, right-click a request, Copy as cURL (or copy one
          entry out of an exported HAR). It stays on this device.
        </p>
        <textarea
          id={`${hint}-field`}
          ref={field}
          rows={5}
          spellCheck={false}
          value={text}
          aria-describedby={outcome?.kind === 'error' ? `${hint} ${errorId}` : hint}
          aria-invalid={outcome?.kind === 'error' || undefined}
          onChange={(e) => setText(e.target.value)}
          placeholder="curl https://api.example.com/users/42 -H 'Accept: application/json'"
        />
        {outcome?.kind === 'error' ? (
          <p id={errorId} className="har-error" role="alert">
            {outcome.message}
          </p>
        ) : null}
        <button type="submit" className="button" disabled={text.trim() === ''}>
          Explain
        </button>
      </form>
      {walk && asked ? (
        <section className="har-model" aria-label="Your request in the model">
          <h3>Your request in the model</h3>
          <p>
            <span className="har-tag har-tag-given">From your command</span>{' '}
            <code>
              {asked.method} {asked.target}
            </code>
            , {Object.keys(asked.headers).length}{' '}
            {Object.keys(asked.headers).length === 1 ? 'header' : 'headers'}
            {asked.body ? ', a body' : ', no body'}.
          </p>
          <p>
            <span className="har-tag har-tag-measured-none">Measured</span> Nothing: a curl command
            records no times, so no number below was measured.
          </p>
          <p>
            <span className="har-tag har-tag-model">Model (inferred)</span> {walk.why}
          </p>
          <table className="har-headers">
            <caption>What the model infers</caption>
            <thead>
              <tr>
                <th scope="col">Phase</th>
                <th scope="col">Model (inferred)</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Status</th>
                <td>{status}</td>
              </tr>
              {PHASES.map(([phase, label]) => (
                <tr key={phase}>
                  <th scope="row">{label}</th>
                  <td>{formatMs(walk.phases[phase])}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button
            type="button"
            className="button"
            onClick={() => {
              openWalk(walk, 'your curl command')
              onClose()
            }}
          >
            Walk it step by step in the model
          </button>
        </section>
      ) : null}
    </ModalDialog>
  )
}
