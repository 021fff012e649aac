import './client.css'
import type { Trace } from '../../engine'
import {
  selectAtEnd,
  selectOpenDetailTab,
  selectShown,
  selectSendRequest,
  selectRevealedTrace,
  selectSending,
  useStore,
} from '../../store'
import { formatMs, statusLine } from '../format'
import { totalMs } from '../model/groups'

type Outcome = {
  text: string
  hint: string
  tone: 'none' | 'ok' | 'redirect' | 'client' | 'server'
}

const toneOf = (status: number): Outcome['tone'] =>
  status < 300 ? 'ok' : status < 400 ? 'redirect' : status < 500 ? 'client' : 'server'

/** What the client knows: nothing until the response has arrived back at it. */
const outcome = (trace: Trace | null, atEnd: boolean, sending: boolean): Outcome => {
  if (sending) return { text: '—', hint: 'sending…', tone: 'none' }
  if (!trace) return { text: '—', hint: 'not sent yet', tone: 'none' }
  if (!atEnd) return { text: '—', hint: 'on its way…', tone: 'none' }
  if (trace.response)
    return {
      text: statusLine(trace.response.status, trace.response.statusText),
      hint: `after ${formatMs(totalMs(trace.events))}`,
      tone: toneOf(trace.response.status),
    }
  // A network failure has no HTTP status: say what the browser would report.
  if (trace.error) return { text: trace.error.code, hint: trace.error.message, tone: 'server' }
  return { text: '—', hint: 'no response', tone: 'none' }
}

/**
 * The button that starts the journey (in the Client band, beside its name). The page's one Send
 * rule: while the Request tab's draft has fields to fix, it sends nothing and shows that tab,
 * where the first field to fix takes focus.
 */
export function SendButton() {
  const sendRequest = useStore(selectSendRequest)
  const openTab = useStore(selectOpenDetailTab)
  const send = () => {
    if (useStore.getState().draftErrors > 0) openTab('request')
    void sendRequest()
  }
  return (
    <button
      type="button"
      className="button button-primary send-button"
      // Once there is a trace Space plays on it: a second Space never sends again by accident.
      data-space="play"
      onClick={send}
    >
      <svg className="icon" viewBox="0 0 20 20" aria-hidden="true">
        <path d="M3 10h11M10 5l5 5-5 5" />
      </svg>
      Send request
    </button>
  )
}

/** Layer 0, first line: the request the browser sends; choosing it opens the Request tab. */
export function ClientRequest() {
  const { request } = useStore(selectShown)
  const openTab = useStore(selectOpenDetailTab)
  return (
    <button
      type="button"
      className="request-line"
      title="Edit the request (opens the Request tab)"
      onClick={() => openTab('request')}
    >
      <span className="sr-only">Edit request: </span>
      <span className="request-method">{request.method}</span>{' '}
      <span className="request-url">{request.url}</span>
    </button>
  )
}

/** Layer 0, at the end: the status the browser got, once the response is back (not before). */
export function ClientResult() {
  const trace = useStore(selectRevealedTrace)
  const atEnd = useStore(selectAtEnd)
  const sending = useStore(selectSending)
  const result = outcome(trace, atEnd, sending)
  return (
    <p className="client-result" data-tone={result.tone}>
      <span className="client-result-label">Response</span>
      <strong className="client-status" data-testid="final-status">
        {result.text}
      </strong>
      <span className="client-hint">{result.hint}</span>
    </p>
  )
}
