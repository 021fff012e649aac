import './library.css'
import type { KeyboardEvent, MouseEvent } from 'react'
import { useId, useMemo, useRef, useState } from 'react'
import type { CuratedScenario, Lesson, PageScenario } from '../../engine'
import {
  LIBRARY_THEMES,
  MISCONCEPTIONS,
  PAGE_SCENARIOS,
  findScenario,
  lessons,
  scenarios,
  statusText,
  themeOf,
} from '../../engine'
import type { LessonScore } from '../../store'
import { selectLessonScores, selectScenarioId, useStore } from '../../store'
import { choiceOf, pageView } from '../../link/page'
import { ModalDialog } from '../controls/ModalDialog'
import { openLesson, openScenario } from '../lessons/navigate'

const statusLabel = (status: number | null): string =>
  status === null ? 'No response' : `${status} ${statusText(status)}`

const themeLabel = (id: string): string => LIBRARY_THEMES.find((t) => t.id === id)?.label ?? id

/** Every word of the query must appear somewhere in what the entry says about itself. */
const matches = (query: string, haystack: readonly string[]): boolean => {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  const text = haystack.join(' ').toLowerCase()
  return words.every((w) => text.includes(w))
}

const scenarioText = (s: CuratedScenario): string[] => [
  s.id,
  s.title,
  s.goal,
  statusLabel(s.expectedStatus),
  s.expectedStatus === null ? 'network error' : '',
  themeLabel(themeOf(s.id)),
]

const lessonText = (l: Lesson): string[] => [
  l.id,
  l.title,
  l.goal,
  'lesson',
  MISCONCEPTIONS[l.misconception],
  findScenario(l.scenarioId)?.title ?? '',
  statusLabel(findScenario(l.scenarioId)?.expectedStatus ?? null),
]

const PROTOCOL_WORDS = { 'http/1.1': 'HTTP/1.1 h1', h2: 'HTTP/2 h2', h3: 'HTTP/3 h3 QUIC' } as const

const pageText = (p: PageScenario): string[] => [
  p.id,
  p.title,
  p.goal,
  'page load waterfall',
  PROTOCOL_WORDS[p.protocol],
  p.network === 'lossy' ? 'lossy packet loss' : '',
  `CDN ${p.cdnCache}`,
]

const scoreLabel = (score: LessonScore | undefined): string =>
  score ? `Last score: ${score.right} of ${score.total} right` : 'Not tried yet'

const countLabel = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** Plain clicks open here; a modified click (new tab, copy) keeps the link's own behaviour. */
const opensHere = (e: MouseEvent) =>
  !(e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0)

interface Props {
  readonly onClose: () => void
}

/**
 * The library: lessons first, then every curated scenario shelved by theme, each with its goal,
 * its status and its stable link. A modal dialog like the shortcuts one: focus moves in and stays,
 * Escape or "Close" shuts it, and focus returns to the "Library" button.
 */
export default function LibraryDialog({ onClose }: Props) {
  const [query, setQuery] = useState('')
  const scores = useStore(selectLessonScores)
  const currentId = useStore(selectScenarioId)
  const search = useRef<HTMLInputElement>(null)
  const shelfId = useId()
  const countId = useId()

  const q = query.trim()
  const shownLessons = useMemo(() => lessons.filter((l) => matches(q, lessonText(l))), [q])
  const shelves = useMemo(
    () =>
      LIBRARY_THEMES.map((theme) => ({
        ...theme,
        items: scenarios.filter((s) => themeOf(s.id) === theme.id && matches(q, scenarioText(s))),
      })).filter((shelf) => shelf.items.length > 0),
    [q],
  )
  const shownPages = useMemo(() => PAGE_SCENARIOS.filter((p) => matches(q, pageText(p))), [q])
  const scenarioCount = shelves.reduce((n, s) => n + s.items.length, 0)
  const nothing = scenarioCount === 0 && shownLessons.length === 0 && shownPages.length === 0
  const count = nothing
    ? `Nothing matches “${q}”.`
    : `${q ? '' : 'All '}${countLabel(scenarioCount, 'scenario', 'scenarios')}${shownPages.length > 0 ? `, ${countLabel(shownPages.length, 'page load', 'page loads')}` : ''} and ${countLabel(shownLessons.length, 'lesson', 'lessons')}${q ? ' match' : ''}.`

  // Escape in a search box with text clears it first, as search fields do.
  const clearSearch = (e: KeyboardEvent<HTMLElement>) => {
    if (e.target !== search.current || !query) return false
    setQuery('')
    return true
  }

  const chooseScenario = (id: string) => (e: MouseEvent) => {
    if (!opensHere(e)) return
    e.preventDefault()
    onClose()
    openScenario(id)
  }
  const choosePage = (page: PageScenario) => (e: MouseEvent) => {
    if (!opensHere(e)) return
    e.preventDefault()
    onClose()
    pageView.getState().openPage(choiceOf(page))
  }
  const chooseLesson = (id: string) => (e: MouseEvent) => {
    if (!opensHere(e)) return
    e.preventDefault()
    onClose()
    openLesson(id)
  }

  return (
    <ModalDialog
      title="Library"
      className="dialog library"
      describedBy={countId}
      onClose={onClose}
      initialFocus={search}
      onEscape={clearSearch}
      wrapHead={(head) => (
        <div className="library-top">
          {head}
          <label className="library-search">
            <span>Search</span>
            <input
              ref={search}
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              placeholder="Title, goal, status such as 404, or id"
              autoComplete="off"
              spellCheck={false}
            />
          </label>
          <p id={countId} className="library-count" aria-live="polite" aria-atomic="true">
            {count}
          </p>
        </div>
      )}
    >
      <div className="library-body">
        {nothing ? (
          <p className="library-empty">
            Try a status code such as <strong>401</strong>, a layer such as <strong>proxy</strong>,
            or a word such as <strong>cache</strong>.
          </p>
        ) : null}

        {shownLessons.length > 0 ? (
          <section className="library-shelf" aria-labelledby={`${shelfId}-lessons`}>
            <h3 id={`${shelfId}-lessons`}>
              Lessons <span className="library-shelf-count">{shownLessons.length}</span>
            </h3>
            <p className="library-shelf-lead">
              Predict, then watch: playback stops before each answer and asks you first.
            </p>
            <ul className="library-list">
              {shownLessons.map((l) => (
                <li key={l.id} className="library-item library-lesson">
                  <a className="library-link" href={`#lesson=${l.id}`} onClick={chooseLesson(l.id)}>
                    {l.title}
                  </a>
                  <p className="library-goal">{l.goal}</p>
                  <p className="library-meta">
                    <span className="library-myth">Myth: “{MISCONCEPTIONS[l.misconception]}”</span>
                    <span className="library-score" data-tried={Boolean(scores[l.id])}>
                      {scoreLabel(scores[l.id])}
                    </span>
                  </p>
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        {shownPages.length > 0 ? (
          <section className="library-shelf" aria-labelledby={`${shelfId}-pages`}>
            <h3 id={`${shelfId}-pages`}>
              Page loads <span className="library-shelf-count">{shownPages.length}</span>
            </h3>
            <p className="library-shelf-lead">
              A whole page, many requests on one timeline: HTTP/1.1, HTTP/2 and HTTP/3, a CDN, a
              lossy network.
            </p>
            <ul className="library-list">
              {shownPages.map((p) => (
                <li key={p.id} className="library-item library-page">
                  <a className="library-link" href={`#page=${p.id}`} onClick={choosePage(p)}>
                    {p.title}
                  </a>
                  <p className="library-goal">{p.goal}</p>
                  <p className="library-meta">
                    <span className="library-status" data-tone="page">
                      {PROTOCOL_WORDS[p.protocol].split(' ')[0]}
                      {p.network === 'lossy' ? ', lossy' : ''}
                    </span>
                    <code className="library-id">#page={p.id}</code>
                  </p>
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        {shelves.map((shelf) => (
          <section
            key={shelf.id}
            className="library-shelf"
            aria-labelledby={`${shelfId}-${shelf.id}`}
          >
            <h3 id={`${shelfId}-${shelf.id}`}>
              {shelf.label} <span className="library-shelf-count">{shelf.items.length}</span>
            </h3>
            <ul className="library-list">
              {shelf.items.map((s) => (
                <li
                  key={s.id}
                  className="library-item"
                  aria-current={s.id === currentId ? 'true' : undefined}
                >
                  <a
                    className="library-link"
                    href={`#scenario=${s.id}`}
                    onClick={chooseScenario(s.id)}
                  >
                    {s.title}
                  </a>
                  <p className="library-goal">{s.goal}</p>
                  <p className="library-meta">
                    <span
                      className="library-status"
                      data-tone={
                        s.expectedStatus === null
                          ? 'error'
                          : String(Math.floor(s.expectedStatus / 100))
                      }
                    >
                      {statusLabel(s.expectedStatus)}
                    </span>
                    <code className="library-id">#scenario={s.id}</code>
                    {s.id === currentId ? <span className="library-open">Open now</span> : null}
                  </p>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </ModalDialog>
  )
}
