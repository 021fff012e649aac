import type { ChangeEvent } from 'react'
import { useId, useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import type { RequestSpec, Scenario } from '../../engine'
import { copyText, selectToCopy } from '../common/clipboard'
import {
  MAX_IMPORT_BYTES,
  exportFileName,
  exportJson,
  importProblem,
  parseExchange,
} from './exchange'

interface Props {
  readonly scenario: Scenario
  readonly request: RequestSpec
  /** Opens an imported app (with its request, or the one already open) and runs it. */
  readonly onImport: (scenario: Scenario, request: RequestSpec | undefined) => void
}

interface Problem {
  readonly field: string | null
  readonly message: string
}

const download = (text: string, name: string): boolean => {
  try {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
    const a = document.createElement('a')
    a.href = url
    a.download = name
    document.body.append(a)
    a.click()
    a.remove()
    // Give the browser a moment to start the download before the URL is revoked.
    window.setTimeout(() => URL.revokeObjectURL(url), 1000)
    return true
  } catch {
    return false
  }
}

/** "Export scenario" (a file, or the clipboard) and "Import scenario" (a file, or pasted JSON). */
export function ExchangeEditor({ scenario, request, onImport }: Props) {
  const [text, setText] = useState('')
  const [problem, setProblem] = useState<Problem | null>(null)
  const [note, setNote] = useState('')
  const fileInput = useRef<HTMLInputElement>(null)
  const area = useRef<HTMLTextAreaElement>(null)
  const areaId = useId()
  const errorId = useId()
  const hintId = useId()

  const json = () => exportJson(scenario, request)

  const exportFile = () =>
    setNote(
      download(json(), exportFileName(scenario))
        ? `Saved ${exportFileName(scenario)} to your downloads.`
        : 'This page may not download files here; use "Copy JSON" instead.',
    )

  const copy = async () => {
    if (await copyText(json())) {
      setNote('Scenario JSON copied to the clipboard.')
      return
    }
    // No clipboard (an insecure page, a sandboxed frame): the JSON selected where it can be copied.
    flushSync(() => {
      setText(json())
      setProblem(null)
      setNote('The clipboard is not available here; the JSON is selected in the box below to copy.')
    })
    selectToCopy(area.current)
  }

  /** `from` names the text in a message when it is not a scenario at all. */
  const importText = (source: string, from = 'The pasted text') => {
    if (source.trim() === '') {
      setProblem({ field: null, message: 'Paste scenario JSON or choose a file first.' })
      return
    }
    try {
      const { scenario: next, request: nextRequest } = parseExchange(source, from)
      setProblem(null)
      onImport(next, nextRequest)
      setNote(
        `Imported a ${next.framework} app with ${next.routes.length} route${next.routes.length === 1 ? '' : 's'} and ${next.middleware.length} middleware${nextRequest ? ', and its request' : ''}.`,
      )
    } catch (error) {
      // The app already open stays as it was; the message says which field to fix.
      setProblem(importProblem(error))
      setNote('')
    }
  }

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0]
    e.target.value = ''
    if (!file) return
    if (file.size > MAX_IMPORT_BYTES) {
      setProblem({
        field: null,
        message: `${file.name} is ${Math.round(file.size / 1000)} kB; a scenario file is at most ${MAX_IMPORT_BYTES / 1_000_000} MB.`,
      })
      return
    }
    let source: string
    try {
      source = await file.text()
    } catch {
      setProblem({ field: null, message: `${file.name} could not be read.` })
      return
    }
    // The file's text goes in the box, so an error can be fixed right there.
    setText(source)
    importText(source, `The file ${file.name}`)
  }

  return (
    <div className="ed-exchange">
      <div className="ed-actions">
        <button type="button" className="button" onClick={exportFile}>
          <svg className="icon" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M12 4v11M7 10l5 5 5-5M5 20h14" />
          </svg>
          Export scenario
        </button>
        <button type="button" className="button" onClick={() => void copy()}>
          Copy JSON
        </button>
      </div>
      <div className="ed-field">
        <label htmlFor={areaId} className="ed-label">
          Import scenario
        </label>
        <p id={hintId} className="ed-hint">
          Paste exported JSON, or choose a file. The app open now stays until an import is valid.
        </p>
        <textarea
          ref={area}
          id={areaId}
          className="ed-input ed-mono ed-area"
          rows={5}
          spellCheck={false}
          value={text}
          placeholder='{ "scenario": { "version": 1, … }, "request": { … } }'
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${errorId} ${hintId}` : hintId}
          onChange={(e) => {
            setText(e.target.value)
            if (problem) setProblem(null)
          }}
        />
        {problem ? (
          <p id={errorId} className="ed-error" role="alert">
            <span className="ed-error-icon" aria-hidden="true">
              !
            </span>
            <span>
              {problem.field ? (
                <>
                  <code className="ed-field-path">{problem.field}</code>{' '}
                </>
              ) : null}
              {problem.message}
            </span>
          </p>
        ) : null}
      </div>
      <div className="ed-actions">
        <button type="button" className="button button-primary" onClick={() => importText(text)}>
          Import
        </button>
        <button type="button" className="button" onClick={() => fileInput.current?.click()}>
          Choose file…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          className="sr-only"
          tabIndex={-1}
          aria-label="Scenario file"
          onChange={(e) => void onFile(e)}
        />
      </div>
      <p className="ed-announce" aria-live="polite">
        {note}
      </p>
    </div>
  )
}
