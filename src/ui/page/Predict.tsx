import { useMemo, useState } from 'react'
import type { PageSpec, PageTrace } from '../../engine'
import { MAX_H1_CONNECTIONS, altSvcKnown, pageApp, simulatePage } from '../../engine'
import { formatMs } from '../format'

interface Question {
  readonly id: string
  readonly prompt: string
  readonly choices: readonly string[]
  readonly answer: string
  /** Why, with the numbers read from the traces. */
  readonly reveal: string
}

const CDN = 'https://cdn.example.net'

/** The three questions, with their answers taken from simulated page traces, never typed in. */
const questionsFor = (spec: PageSpec): Question[] => {
  const h1: PageTrace = simulatePage({ scenario: pageApp, page: spec, protocol: 'http/1.1' })
  const h2 = simulatePage({ scenario: pageApp, page: spec, protocol: 'h2', network: 'lossy' })
  const h3 = simulatePage({
    scenario: pageApp,
    page: spec,
    protocol: 'h3',
    network: 'lossy',
    connection: altSvcKnown(spec),
  })
  const toCdn = h1.requests.filter((r) => r.url.startsWith(CDN))
  const cdnConns = h1.connections.filter((c) => c.origin === CDN).length
  const queued = toCdn.filter((r) => r.phases.queueing > 0)
  const late = [...toCdn].sort((a, b) => b.phases.queueing - a.phases.queueing)[0]!
  const h3First = h3.end < h2.end
  const blockedH2 = h2.losses.reduce((n, l) => n + l.blocked.length, 0)
  return [
    {
      id: 'connections',
      prompt: `Over HTTP/1.1 the page needs ${toCdn.length} files from ${new URL(CDN).host}. How many connections will the browser open to it?`,
      choices: ['1', '2', String(MAX_H1_CONNECTIONS), String(toCdn.length)],
      answer: String(cdnConns),
      reveal: `${cdnConns}. A browser keeps at most ${MAX_H1_CONNECTIONS} HTTP/1.1 connections per origin, each carrying one request at a time, so ${queued.length} of the ${toCdn.length} requests waited in Queueing for one to free up. Over HTTP/2 one connection carries them all as streams.`,
    },
    {
      id: 'lossy',
      prompt: 'On a network that loses 4% of packets, which finishes loading the page first?',
      choices: ['HTTP/2', 'HTTP/3', 'Both at the same time'],
      answer: h3First ? 'HTTP/3' : 'HTTP/2',
      reveal: `${h3First ? 'HTTP/3' : 'HTTP/2'}: HTTP/2 took ${formatMs(h2.end)}, HTTP/3 ${formatMs(h3.end)} (simulated). Over TCP a lost packet holds back every stream on the connection until it is resent (${blockedH2} stream stalls here); QUIC holds back only the stream it belonged to, and its handshake needs one round trip less.`,
    },
    {
      id: 'wait',
      prompt: `Over HTTP/1.1, ${late.name} is found early but waits ${formatMs(late.phases.queueing)} before it is sent. Why?`,
      choices: [
        'The server is slow to answer it',
        `All ${MAX_H1_CONNECTIONS} connections to the CDN are busy with other files`,
        'Its DNS lookup takes that long',
        'Images are always loaded last',
      ],
      answer: `All ${MAX_H1_CONNECTIONS} connections to the CDN are busy with other files`,
      reveal: `It sat in Queueing: all ${MAX_H1_CONNECTIONS} connections to ${new URL(CDN).host} were carrying other files, one each, and it went out on ${late.connection} when that one finished. Its own server time (Waiting) was only ${formatMs(late.phases.waiting)}.`,
    },
  ]
}

function QuestionView({ q, index }: { q: Question; index: number }) {
  const [choice, setChoice] = useState<string | null>(null)
  const [checked, setChecked] = useState(false)
  const right = choice === q.answer
  return (
    <li className="pl-question">
      <fieldset className="pl-choice" disabled={checked}>
        <legend>
          {index + 1}. {q.prompt}
        </legend>
        {q.choices.map((c) => (
          <label key={c}>
            <input
              type="radio"
              name={`pl-q-${q.id}`}
              value={c}
              checked={choice === c}
              onChange={() => setChoice(c)}
            />
            {c}
          </label>
        ))}
      </fieldset>
      {checked ? null : (
        <button
          type="button"
          className="button"
          disabled={choice === null}
          onClick={() => setChecked(true)}
        >
          Check my answer
        </button>
      )}
      <p className="pl-reveal" aria-live="polite">
        {checked ? (
          <>
            <strong>{right ? 'Right.' : `Not quite: you chose ${choice}.`}</strong> {q.reveal}
          </>
        ) : null}
      </p>
    </li>
  )
}

/** Predict, then reveal: commit to an answer, then see what the simulated page load did. */
export function Predict({ spec }: { spec: PageSpec }) {
  const questions = useMemo(() => questionsFor(spec), [spec])
  return (
    <ol className="pl-predict">
      {questions.map((q, i) => (
        <QuestionView key={q.id} q={q} index={i} />
      ))}
    </ol>
  )
}
