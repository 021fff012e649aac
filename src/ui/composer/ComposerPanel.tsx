import './composer.css'
import type { FormEvent } from 'react'
import { useEffect, useId, useMemo, useRef, useState } from 'react'
import type { HttpMethod, RequestSpec } from '../../engine'
import { HTTP_METHODS, utf8Length } from '../../engine'
import { selectSendRequest, useStore } from '../../store'
import { CookieJar } from './CookieJar'
import { CopyCurl, PasteCurl } from './CurlTools'
import type { AcceptEncoding, BodyMode, Draft, Row } from './draft'
import {
  ACCEPT_ENCODINGS,
  BODY_MODES,
  BODY_MODE_LABELS,
  BROWSER_ACCEPT_ENCODING,
  MODE_CONTENT_TYPE,
  addQueryParam,
  draftBody,
  emptyCookie,
  emptyRow,
  fromRequest,
  hostOf,
  queryParams,
  removeQueryParam,
  setQueryParam,
  toCookies,
  toRequest,
} from './draft'
import { FieldContext, FieldMessages, useField, useFieldId } from './fields'
import { checkJson } from './json'
import { Rows } from './Rows'
import { jarChangedSinceRun, useDraft } from './useDraft'
import { validateDraft } from './validate'

const ENCODING_LABELS: Readonly<Record<AcceptEncoding, string>> = {
  '': 'Browser default',
  'gzip, deflate, br': 'gzip, deflate, br',
  gzip: 'gzip only',
  br: 'br (Brotli) only',
  identity: 'identity (no compression)',
}

const sizeText = (bytes: number): string =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(2)} MB`
    : bytes >= 1024
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${bytes} byte${bytes === 1 ? '' : 's'}`

const editRow = (rows: readonly Row[], index: number, part: 'name' | 'value', text: string) =>
  rows.map((r, i) => (i === index ? { ...r, [part]: text } : r))

function MethodAndUrl({ draft, update }: { draft: Draft; update: (d: Draft) => void }) {
  const method = useField('method')
  const url = useField('url')
  return (
    <div className="composer-line">
      <div className="composer-method">
        <label className="composer-label" htmlFor={method.id}>
          Method
        </label>
        <select
          {...method}
          className="composer-select"
          value={draft.method}
          onChange={(e) => update({ ...draft, method: e.target.value as HttpMethod })}
        >
          {HTTP_METHODS.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </div>
      <div className="composer-url">
        <label className="composer-label" htmlFor={url.id}>
          URL
        </label>
        <input
          {...url}
          className="composer-input composer-mono"
          inputMode="url"
          spellCheck={false}
          autoComplete="off"
          value={draft.url}
          onChange={(e) => update({ ...draft, url: e.target.value })}
        />
      </div>
      <div className="composer-wide">
        <FieldMessages field="method" />
        <FieldMessages field="url" />
      </div>
    </div>
  )
}

function AuthAndEncoding({ draft, update }: { draft: Draft; update: (d: Draft) => void }) {
  const tokenHint = useId()
  const encodingHint = useId()
  const token = useField('token', tokenHint)
  const encoding = useFieldId('accept-encoding')
  return (
    <div className="composer-pair">
      <div className="composer-field">
        <label className="composer-label" htmlFor={token.id}>
          Bearer token
        </label>
        <input
          {...token}
          className="composer-input composer-mono"
          spellCheck={false}
          autoComplete="off"
          placeholder="none"
          value={draft.token}
          onChange={(e) => update({ ...draft, token: e.target.value })}
        />
        <p className="composer-hint" id={tokenHint}>
          Sent as <code>Authorization: Bearer …</code>
        </p>
        <FieldMessages field="token" />
      </div>
      <div className="composer-field">
        <label className="composer-label" htmlFor={encoding}>
          Accept-Encoding
        </label>
        <select
          id={encoding}
          className="composer-select"
          aria-describedby={encodingHint}
          value={draft.acceptEncoding}
          onChange={(e) => update({ ...draft, acceptEncoding: e.target.value as AcceptEncoding })}
        >
          {ACCEPT_ENCODINGS.map((value) => (
            <option key={value} value={value}>
              {ENCODING_LABELS[value]}
            </option>
          ))}
        </select>
        <p className="composer-hint" id={encodingHint}>
          The compressions the browser says it can read; by default{' '}
          <code>{BROWSER_ACCEPT_ENCODING}</code>.
        </p>
      </div>
    </div>
  )
}

function Body({ draft, update }: { draft: Draft; update: (d: Draft) => void }) {
  const group = useId()
  const hint = useId()
  const body = useField('body', draft.bodyMode === 'none' ? undefined : hint)
  const text = draftBody(draft)
  const typeRow = draft.headers.findLastIndex((h) => h.name.trim().toLowerCase() === 'content-type')
  const contentType = MODE_CONTENT_TYPE[draft.bodyMode]
  const tidy = draft.bodyMode === 'json' && text.trim() !== '' && checkJson(text) === null

  return (
    <>
      <div className="composer-segmented" role="radiogroup" aria-label="Body type">
        {BODY_MODES.map((mode) => (
          <label key={mode} className="composer-segment">
            <input
              type="radio"
              name={group}
              value={mode}
              checked={draft.bodyMode === mode}
              onChange={() =>
                update({
                  ...draft,
                  bodyMode: mode as BodyMode,
                  form: mode === 'form' && draft.form.length === 0 ? [emptyRow()] : draft.form,
                })
              }
            />
            <span>{BODY_MODE_LABELS[mode]}</span>
          </label>
        ))}
      </div>
      {draft.bodyMode === 'none' ? (
        <p className="composer-empty">No body is sent.</p>
      ) : (
        <>
          {draft.bodyMode === 'form' ? (
            <Rows
              noun="Field"
              keyPrefix="form"
              rows={draft.form.map((r) => ({ key: r.id, name: r.name, value: r.value }))}
              placeholders={['name', 'value']}
              empty="No form fields yet."
              onEdit={(i, part, value) =>
                update({ ...draft, form: editRow(draft.form, i, part, value) })
              }
              onAdd={() => update({ ...draft, form: [...draft.form, emptyRow()] })}
              onRemove={(i) => update({ ...draft, form: draft.form.filter((_, j) => j !== i) })}
            />
          ) : null}
          <textarea
            {...body}
            className="composer-input composer-mono composer-body"
            aria-label="Body"
            rows={draft.bodyMode === 'form' ? 2 : 6}
            spellCheck={false}
            readOnly={draft.bodyMode === 'form'}
            placeholder={draft.bodyMode === 'json' ? '{"name": "Ada"}' : ''}
            value={text}
            onChange={(e) => update({ ...draft, body: e.target.value })}
          />
          <div className="composer-body-foot">
            <p className="composer-hint" id={hint}>
              {draft.bodyMode === 'form' ? 'Encoded from the fields above. ' : ''}
              {sizeText(utf8Length(text))}
              {' · '}
              {typeRow >= 0 ? (
                <>Content-Type from header {typeRow + 1}</>
              ) : (
                <>
                  Sent with <code>Content-Type: {contentType}</code>
                </>
              )}
            </p>
            {tidy ? (
              <button
                type="button"
                className="button composer-small"
                onClick={() =>
                  update({ ...draft, body: JSON.stringify(JSON.parse(text), null, 2) })
                }
              >
                Tidy JSON
              </button>
            ) : null}
          </div>
          <FieldMessages field="body" />
        </>
      )}
    </>
  )
}

/**
 * The Request tab: compose the request (method, URL, query, headers, auth, Accept-Encoding, body,
 * the browser's cookies), check it, and send it through the simulated network. Invalid input is
 * never sent: "Send request" moves focus to the first field that needs fixing instead.
 */
export default function ComposerPanel() {
  const { draft, update, replaced, restore, dismissReplaced } = useDraft()
  const sendRequest = useStore(selectSendRequest)
  const setDraftErrors = useStore((s) => s.setDraftErrors)
  // A Send pressed elsewhere (the client band's) that the store refused for this draft.
  const refusedElsewhere = useStore((s) => s.sendRefusals)
  const verdict = useMemo(() => validateDraft(draft), [draft])
  const base = useId()
  const form = useRef<HTMLFormElement>(null)
  const [refused, setRefused] = useState(0)
  const [pasteOpen, setPasteOpen] = useState(false)
  const [filled, setFilled] = useState(false)
  const pasteButton = useRef<HTMLButtonElement>(null)

  const errorCount = verdict.errors.length
  // The page's one Send rule: while this draft has fields to fix, no Send anywhere sends.
  useEffect(() => setDraftErrors(errorCount), [errorCount, setDraftErrors])

  // After a refused send, the first field that needs fixing takes focus (its message is read).
  useEffect(() => {
    const first =
      (refused > 0 || refusedElsewhere > 0) &&
      form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')
    if (!first) return
    // Centred in the panel, clear of the sticky Send bar; never scroll the page sideways.
    first.focus({ preventScroll: true })
    first.scrollIntoView?.({ block: 'center', inline: 'nearest' })
  }, [refused, refusedElsewhere])

  const context = useMemo(() => ({ base, verdict }), [base, verdict])
  const params = queryParams(draft.url)

  const send = (e: FormEvent) => {
    e.preventDefault()
    if (errorCount > 0) {
      setRefused((n) => n + 1)
      return
    }
    setRefused(0)
    update(draft)
    // A changed jar only seeds a browser that starts afresh.
    void sendRequest(jarChangedSinceRun(toCookies(draft)) ? { cold: true } : undefined)
  }

  const fillFromCurl = (request: RequestSpec) => {
    update({ ...fromRequest(request), cookies: draft.cookies })
    setPasteOpen(false)
    setFilled(true)
    pasteButton.current?.focus()
  }

  return (
    <FieldContext.Provider value={context}>
      <form className="composer" ref={form} onSubmit={send} noValidate>
        <div className="composer-curl-bar">
          <CopyCurl request={() => toRequest(draft)} />
          <button
            ref={pasteButton}
            type="button"
            className="button composer-tool"
            aria-expanded={pasteOpen}
            onClick={() => {
              setPasteOpen((open) => !open)
              setFilled(false)
            }}
          >
            <svg className="icon" viewBox="0 0 20 20" aria-hidden="true">
              <path d="M7 3.5h6v3H7z" />
              <path d="M13 4.5h1.5a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2h-9a2 2 0 0 1-2-2v-9a2 2 0 0 1 2-2H7" />
            </svg>
            Paste curl
          </button>
          <p className="composer-filled" aria-live="polite">
            {filled ? 'Filled in from the curl command. Check the fields, then send.' : ''}
          </p>
        </div>

        <PasteCurl
          open={pasteOpen}
          onOpenChange={(open) => {
            setPasteOpen(open)
            if (!open) pasteButton.current?.focus()
          }}
          onParsed={fillFromCurl}
        />

        <MethodAndUrl draft={draft} update={update} />

        {replaced ? (
          <div className="composer-replaced" role="group" aria-label="Edits replaced">
            <p>Another scenario's request replaced your edits here.</p>
            <button type="button" className="button composer-small" onClick={restore}>
              Restore my edits
            </button>
            <button
              type="button"
              className="button composer-small composer-quiet"
              onClick={dismissReplaced}
            >
              Dismiss
            </button>
          </div>
        ) : null}

        <fieldset className="composer-section">
          <legend>Query parameters</legend>
          <Rows
            noun="Parameter"
            keyPrefix="param"
            rows={params.map((p, i) => ({ key: i, ...p }))}
            placeholders={['name', 'value']}
            empty="None. They appear here when the URL has a ?query."
            onEdit={(i, part, value) => {
              const param = { ...params[i]!, [part]: value }
              update({ ...draft, url: setQueryParam(draft.url, i, param) })
            }}
            onAdd={() => update({ ...draft, url: addQueryParam(draft.url) })}
            onRemove={(i) => update({ ...draft, url: removeQueryParam(draft.url, i) })}
          />
        </fieldset>

        <fieldset className="composer-section">
          <legend>Headers</legend>
          <Rows
            noun="Header"
            keyPrefix="header"
            multilineValue
            rows={draft.headers.map((r) => ({ key: r.id, name: r.name, value: r.value }))}
            placeholders={['Name', 'value']}
            empty="No headers of your own. The browser adds its usual ones."
            onEdit={(i, part, value) =>
              update({ ...draft, headers: editRow(draft.headers, i, part, value) })
            }
            onAdd={() => update({ ...draft, headers: [...draft.headers, emptyRow()] })}
            onRemove={(i) => update({ ...draft, headers: draft.headers.filter((_, j) => j !== i) })}
          />
          <FieldMessages field="headers" />
        </fieldset>

        <fieldset className="composer-section">
          <legend>Auth and encoding</legend>
          <AuthAndEncoding draft={draft} update={update} />
        </fieldset>

        <fieldset className="composer-section">
          <legend>Body</legend>
          <Body draft={draft} update={update} />
        </fieldset>

        <fieldset className="composer-section">
          <legend>Cookies in the browser</legend>
          <p className="composer-hint">
            The browser sends the ones whose domain and path match the URL, in a Cookie header.
            Changing them starts the next request from a fresh browser.
          </p>
          <CookieJar
            cookies={draft.cookies}
            onChange={(cookies) => update({ ...draft, cookies })}
            onAdd={() =>
              update({
                ...draft,
                cookies: [...draft.cookies, emptyCookie(hostOf(draft.url))],
              })
            }
          />
        </fieldset>

        <div className="composer-send-bar">
          <button type="submit" className="button button-primary composer-send" data-space="play">
            <svg className="icon" viewBox="0 0 20 20" aria-hidden="true">
              <path d="M3 10h11M10 5l5 5-5 5" />
            </svg>
            Send request
          </button>
          <p
            className="composer-summary"
            data-kind={refused > 0 || refusedElsewhere > 0 ? 'refused' : 'pending'}
            aria-live="polite"
          >
            {errorCount === 0
              ? ''
              : refused > 0 || refusedElsewhere > 0
                ? `Not sent: fix the ${errorCount === 1 ? 'marked field' : `${errorCount} marked fields`} first.`
                : `${errorCount === 1 ? 'One field' : `${errorCount} fields`} to fix before this can be sent.`}
          </p>
        </div>
      </form>
    </FieldContext.Provider>
  )
}
