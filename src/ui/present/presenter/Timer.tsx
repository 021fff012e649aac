import { useEffect, useState } from 'react'

/** 75 s → "1:15"; an hour or more → "1:02:05". */
const formatElapsed = (ms: number): string => {
  const total = Math.max(0, Math.floor(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = String(total % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}

interface Clock {
  readonly start: number
  readonly pausedAt: number | null
}

/**
 * Time since presenting started (when the projected window entered presentation mode, else since
 * this view opened), with Pause and Reset for the presenter alone.
 */
export function Timer({ since }: { since: number | null }) {
  const [clock, setClock] = useState<Clock>(() => ({ start: since ?? Date.now(), pausedAt: null }))
  const [now, setNow] = useState(() => Date.now())
  const [adopted, setAdopted] = useState(since)

  // A new presentation on the projected window starts the clock again (unless it is paused).
  if (since !== adopted) {
    setAdopted(since)
    if (since !== null && clock.pausedAt === null) setClock({ start: since, pausedAt: null })
  }

  useEffect(() => {
    if (clock.pausedAt !== null) return
    const id = window.setInterval(() => setNow(Date.now()), 1000)
    return () => window.clearInterval(id)
  }, [clock.pausedAt])

  const paused = clock.pausedAt !== null
  const elapsed = (clock.pausedAt ?? Math.max(now, clock.start)) - clock.start

  const togglePause = () => {
    const at = Date.now()
    setNow(at)
    setClock((c) =>
      c.pausedAt === null
        ? { ...c, pausedAt: at }
        : { start: c.start + (at - c.pausedAt), pausedAt: null },
    )
  }
  const reset = () => {
    const at = Date.now()
    setNow(at)
    setClock((c) => ({ start: at, pausedAt: c.pausedAt === null ? null : at }))
  }

  return (
    <div className="presenter-timer" role="group" aria-label="Timer">
      <p className="presenter-timer-value" data-paused={paused || undefined}>
        <span className="presenter-timer-label">{paused ? 'Paused' : 'Elapsed'}</span>
        <time role="timer" dateTime={`PT${Math.floor(elapsed / 1000)}S`}>
          {formatElapsed(elapsed)}
        </time>
      </p>
      <button type="button" className="button" onClick={togglePause}>
        {paused ? 'Resume timer' : 'Pause timer'}
      </button>
      <button type="button" className="button" onClick={reset}>
        Reset timer
      </button>
    </div>
  )
}
