import './harImport.css'
import { Suspense, lazy, useCallback, useEffect, useRef, useState } from 'react'
import type { MeasuredPage } from '../../har'
import { EXPLAIN_REQUEST_EVENT, asHar, looksLikeCurl, looksLikeEntry, looksLikeHar } from './paste'
import type { HarStage } from './protocol'

// Everything that reads HAR (the parser, the worker, the measured view) is its own chunk,
// fetched when a file arrives: none of it is in the first paint.
const MeasuredDialog = lazy(() => import('./MeasuredDialog'))
const ExplainRequestDialog = lazy(() => import('./ExplainRequestDialog'))
const loader = () => import('./loadHar')
const stageText = () => import('./protocol').then((m) => m.STAGE_TEXT)

function ImportIcon() {
  return (
    <svg className="icon" viewBox="0 0 20 20" aria-hidden="true">
      <path d="M10 3v9M6 8l4 4 4-4M4 15h12" />
    </svg>
  )
}

const isField = (target: EventTarget | null) =>
  target instanceof HTMLInputElement ||
  target instanceof HTMLTextAreaElement ||
  (target instanceof HTMLElement && target.isContentEditable)

type Loading = { readonly stage: string; readonly fraction: number } | null

/**
 * "Import HAR": a file picker in the header, a HAR file dropped anywhere on the page, or HAR text
 * pasted outside a field. A file that cannot be read gets its reason here, and whatever was open
 * stays as it was.
 */
export function HarImport() {
  const [opened, setOpened] = useState<{ page: MeasuredPage; from: string } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState<Loading>(null)
  const [dragging, setDragging] = useState(false)
  // "Explain my request": the text it opens with ('' for an empty box), or null when closed.
  const [asking, setAsking] = useState<string | null>(null)
  const input = useRef<HTMLInputElement>(null)

  const importFrom = useCallback(async (source: Blob | string, from: string) => {
    setLoading({ stage: 'Reading the file', fraction: 0 })
    try {
      const [{ loadHar }, text] = await Promise.all([loader(), stageText()])
      const result = await loadHar(source, (stage: HarStage, fraction: number) =>
        setLoading({ stage: text[stage], fraction }),
      )
      if (result.ok) {
        setOpened({ page: result.value, from })
        setError(null)
      } else setError(`${from}: ${result.error.message}`)
    } catch (e) {
      setError(`${from}: could not be read (${e instanceof Error ? e.message : String(e)}).`)
    } finally {
      setLoading(null)
    }
  }, [])

  useEffect(() => {
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return
      e.preventDefault()
      setDragging(true)
    }
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDragging(false)
    }
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return
      e.preventDefault()
      setDragging(false)
      const file = e.dataTransfer?.files[0]
      if (file) void importFrom(file, file.name)
    }
    const paste = (e: ClipboardEvent) => {
      if (isField(e.target)) return
      const text = e.clipboardData?.getData('text/plain') ?? ''
      if (looksLikeHar(text)) {
        e.preventDefault()
        void importFrom(text, 'Pasted text')
      } else if (looksLikeEntry(text)) {
        e.preventDefault()
        void importFrom(asHar(text), 'Pasted entry')
      } else if (looksLikeCurl(text)) {
        // "Explain my request": a curl command pasted on the page is walked in the model.
        e.preventDefault()
        setAsking(text.trim())
      }
    }
    // The Request tab's "Paste curl" asks for the same, with the command typed there.
    const asked = (e: Event) => {
      const text = (e as CustomEvent<unknown>).detail
      setAsking(typeof text === 'string' ? text : '')
    }
    window.addEventListener(EXPLAIN_REQUEST_EVENT, asked)
    window.addEventListener('dragover', over)
    window.addEventListener('dragleave', leave)
    window.addEventListener('drop', drop)
    document.addEventListener('paste', paste)
    return () => {
      window.removeEventListener('dragover', over)
      window.removeEventListener('dragleave', leave)
      window.removeEventListener('drop', drop)
      document.removeEventListener('paste', paste)
      window.removeEventListener(EXPLAIN_REQUEST_EVENT, asked)
    }
  }, [importFrom])

  return (
    <>
      <label
        className="button tool-button har-import"
        title="Import HAR: a recording from your browser's DevTools (Network → Export HAR), Firefox, Safari or Playwright. Or drop the file on the page, or paste its text. Paste a curl command on the page to have it explained."
      >
        <ImportIcon />
        <span className="tool-text">Import HAR</span>
        <input
          ref={input}
          type="file"
          className="sr-only"
          aria-label="Import HAR"
          accept=".har,.json,application/json"
          onChange={(e) => {
            const file = e.target.files?.[0]
            e.target.value = ''
            if (file) void importFrom(file, file.name)
          }}
        />
      </label>
      {asking !== null ? (
        <Suspense fallback={null}>
          <ExplainRequestDialog
            initialText={asking}
            onClose={() => setAsking(null)}
            onEntry={(text) => {
              setAsking(null)
              void importFrom(asHar(text), 'Pasted entry')
            }}
          />
        </Suspense>
      ) : null}
      {loading ? (
        <span className="har-progress" role="status">
          {loading.stage}
          <progress
            max={1}
            value={loading.stage === 'Reading the file' ? loading.fraction : undefined}
            aria-label={loading.stage}
          />
        </span>
      ) : null}
      {error && !opened ? (
        <p className="har-import-error" role="alert">
          {error}{' '}
          <button type="button" className="button" onClick={() => setError(null)}>
            Dismiss
          </button>
        </p>
      ) : null}
      {dragging ? (
        <div className="har-drop" aria-hidden="true">
          Drop a HAR file to import it
        </div>
      ) : null}
      {opened ? (
        <Suspense fallback={null}>
          <MeasuredDialog
            page={opened.page}
            from={opened.from}
            error={error}
            onClose={() => {
              setOpened(null)
              setError(null)
            }}
          />
        </Suspense>
      ) : null}
    </>
  )
}
