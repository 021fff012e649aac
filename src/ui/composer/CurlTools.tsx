import { useEffect, useId, useRef, useState } from 'react'
import type { RequestSpec } from '../../engine'
import { parseCurl, toCurl } from '../../engine'
import { copyText, selectToCopy } from '../common/clipboard'
import { EXPLAIN_REQUEST_EVENT } from '../har/paste'

type CopyState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'copied' }
  | { readonly kind: 'manual'; readonly text: string }

/** How long "Copied" stays before the button reads as before. */
const COPIED_MS = 2500

/** "Copy as curl": to the clipboard with a visible "Copied", or shown selected when it cannot be. */
export function CopyCurl({ request }: { request: () => RequestSpec }) {
  const [state, setState] = useState<CopyState>({ kind: 'idle' })
  const manual = useRef<HTMLTextAreaElement>(null)
  const hintId = useId()

  useEffect(() => {
    if (state.kind === 'copied') {
      const timer = setTimeout(() => setState({ kind: 'idle' }), COPIED_MS)
      return () => clearTimeout(timer)
    }
    if (state.kind === 'manual') selectToCopy(manual.current)
  }, [state])

  const copy = async () => {
    const text = toCurl(request())
    setState((await copyText(text)) ? { kind: 'copied' } : { kind: 'manual', text })
  }

  return (
    <>
      <button type="button" className="button composer-tool" onClick={() => void copy()}>
        <svg className="icon" viewBox="0 0 20 20" aria-hidden="true">
          <rect x="6.5" y="6.5" width="10" height="11" rx="2" />
          <path d="M13.5 6.5V4.5a2 2 0 0 0-2-2h-6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h1" />
        </svg>
        Copy as curl
      </button>
      <span className="composer-copied" aria-live="polite">
        {state.kind === 'copied' ? (
          <>
            <svg className="icon" viewBox="0 0 20 20" aria-hidden="true">
              <path d="M4 10.5l4 4 8-9" />
            </svg>
            Copied
          </>
        ) : null}
      </span>
      {state.kind === 'manual' ? (
        <div className="composer-curl composer-wide">
          <p className="composer-hint" id={hintId}>
            This page may not use the clipboard, so the command is selected here: press Ctrl+C (⌘C
            on a Mac) to copy it.
          </p>
          <textarea
            ref={manual}
            className="composer-input composer-mono composer-code"
            aria-label="curl command to copy"
            aria-describedby={hintId}
            readOnly
            rows={4}
            value={state.text}
          />
          <button
            type="button"
            className="button composer-small"
            onClick={() => setState({ kind: 'idle' })}
          >
            Done
          </button>
        </div>
      ) : null}
    </>
  )
}

/** "Paste curl": a command in, the fields filled; what cannot be read is said under the box. */
export function PasteCurl({
  open,
  onOpenChange,
  onParsed,
}: {
  open: boolean
  onOpenChange: (open: boolean) => void
  onParsed: (request: RequestSpec) => void
}) {
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const box = useRef<HTMLTextAreaElement>(null)
  const id = useId()

  useEffect(() => {
    if (open) box.current?.focus()
  }, [open])

  const fill = () => {
    let request: RequestSpec
    try {
      request = parseCurl(text)
    } catch (e) {
      setError(`Could not read this command: ${e instanceof Error ? e.message : String(e)}.`)
      box.current?.focus()
      return
    }
    setError(null)
    setText('')
    onParsed(request)
  }

  if (!open) return null
  return (
    <div className="composer-curl composer-wide" id={`${id}-region`}>
      <label className="composer-label" htmlFor={`${id}-text`}>
        curl command
      </label>
      <textarea
        ref={box}
        id={`${id}-text`}
        className="composer-input composer-mono composer-code"
        rows={4}
        spellCheck={false}
        placeholder={`curl https://api.example.com/users -H 'Accept: application/json'`}
        value={text}
        onChange={(e) => {
          setText(e.target.value)
          if (error) setError(null)
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault()
            onOpenChange(false)
          }
        }}
        {...(error ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {})}
      />
      {error ? (
        <p className="composer-message" data-kind="error" id={`${id}-error`}>
          <svg className="icon" viewBox="0 0 20 20" aria-hidden="true">
            <circle cx="10" cy="10" r="8" />
            <path d="M10 5.5v5.5M10 14.2v.1" />
          </svg>
          <span>{error}</span>
        </p>
      ) : null}
      <div className="composer-curl-actions">
        <button type="button" className="button" onClick={fill}>
          Fill in the fields
        </button>
        <button
          type="button"
          className="button"
          disabled={text.trim() === ''}
          onClick={() =>
            window.dispatchEvent(new CustomEvent(EXPLAIN_REQUEST_EVENT, { detail: text }))
          }
        >
          Explain my request
        </button>
        <button type="button" className="button composer-quiet" onClick={() => onOpenChange(false)}>
          Cancel
        </button>
      </div>
    </div>
  )
}
