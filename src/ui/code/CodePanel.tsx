import './code.css'
import type { KeyboardEvent, RefObject } from 'react'
import { memo, useEffect, useId, useMemo, useRef, useState } from 'react'
import { selectPlayhead, selectRevealedTrace, selectScenarioId, selectShown } from '../../store'
import { usePanelState } from '../playback/panelState'
import { useMotionReduced } from '../playback/useMotionReduced'
import { keepInView } from '../timeline/keepInView'
import { download } from '../export/download'
import { projectName, projectZip } from './download'
import { generateProject } from './generate'
import type { CodeFile, CodeLine, Language } from './model'
import type { Target } from './targets'
import { linesFor, targetsFor } from './targets'
import { tokenize } from './tokens'
import { tabIndexForKey } from '../controls/tabKeys'

const WHAT: Readonly<Record<Target['kind'], string>> = {
  route: 'the route the router tried or matched',
  handler: 'the view',
  middleware: 'this middleware’s place in the stack',
  validation: 'the input check',
  proxy: 'the reverse proxy’s configuration',
  server: 'the app server',
}

/** "line 12" or "lines 12–14", for people: numbered from 1. */
const lineRange = (lines: readonly number[]): string => {
  const first = lines[0]! + 1
  const last = lines.at(-1)! + 1
  return first === last ? `line ${first}` : `lines ${first}–${last}`
}

const Line = memo(function Line({
  line,
  language,
  current,
}: {
  line: CodeLine
  language: Language
  current: boolean
}) {
  return (
    <li className="code-line" aria-current={current ? 'true' : undefined}>
      {current ? <span className="sr-only">Current line: </span> : null}
      <span className="code-mark" aria-hidden="true">
        {current ? '▶' : ''}
      </span>
      <code className="code-text">
        {line.text === ''
          ? '\u200b'
          : tokenize(line.text, language).map((token, i) =>
              token.kind === 'plain' ? (
                token.text
              ) : (
                <span key={i} className={`tok tok-${token.kind}`}>
                  {token.text}
                </span>
              ),
            )}
      </code>
    </li>
  )
})

/**
 * The Code tab: the shown scenario as a runnable project (the Python app, the database schema,
 * requirements, the server command, the proxy config, a README), the line(s) for the current
 * step marked and kept in view as it plays, and "Download project": these files, as a zip.
 */
export default function CodePanel() {
  const shown = usePanelState(selectShown)
  // While a lesson question waits, only the steps so far (the rest would give the answer away).
  const trace = usePanelState(selectRevealedTrace)
  const playhead = usePanelState(selectPlayhead)
  const still = useMotionReduced()
  const base = useId()
  const scenarioId = usePanelState(selectScenarioId)
  // One list for the tabs and the download, so the zip holds exactly the files shown.
  const files = useMemo(() => generateProject(shown.scenario), [shown.scenario])
  const [zipping, setZipping] = useState(false)
  const downloadProject = async () => {
    const name = projectName(scenarioId, shown.scenario.framework)
    setZipping(true)
    try {
      const zip = await projectZip(files, name)
      download(
        new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }),
        `${name}.zip`,
      )
    } finally {
      setZipping(false)
    }
  }
  const targets = useMemo(
    () => (trace ? targetsFor(shown.scenario, trace.events, playhead) : []),
    [shown.scenario, trace, playhead],
  )
  const current = useMemo(() => files.map((file) => linesFor(file, targets)), [files, targets])
  const [chosen, setChosen] = useState<string>(files[0]!.id)
  const index = Math.max(
    0,
    files.findIndex((f) => f.id === chosen),
  )
  const file = files[index]!
  const here = current[index]!
  const tabs = useRef(new Map<string, HTMLButtonElement>())
  const list = useRef<HTMLOListElement>(null)

  // Follow the playhead: when this step's code is in another file, show that file.
  useEffect(() => {
    if (here.length > 0) return
    const other = current.findIndex((lines) => lines.length > 0)
    if (other >= 0) setChosen(files[other]!.id)
    // Only when the step changes: a file picked by hand stays until the next step.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [targets])

  const firstHere = here[0]
  useEffect(() => {
    if (firstHere === undefined) return
    const line = list.current?.children[firstHere]
    if (line instanceof HTMLElement) keepInView(line, { smooth: !still })
  }, [firstHere, file.id, still])

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const next = tabIndexForKey(e, index, files.length)
    if (next === undefined) return
    e.preventDefault()
    // Arrows stay inside the file tabs: the page's step keys do not fire from here.
    e.stopPropagation()
    setChosen(files[next]!.id)
    tabs.current.get(files[next]!.id)?.focus()
  }

  const where = !trace
    ? 'Press “Send request” and step through: the line for each step is marked here.'
    : targets.length === 0
      ? 'None of this code runs in this step: it happens in the browser or in DNS.'
      : here.length > 0
        ? `This step: ${WHAT[targets[0]!.kind]}, ${lineRange(here)} of ${file.name}.`
        : `This step: ${WHAT[targets[0]!.kind]}; it has no line in this code.`

  return (
    <section className="panel code" aria-label="Code">
      <h2 className="sr-only">Code</h2>
      <div className="code-head">
        <p className="code-where" data-testid="code-where">
          {where}
        </p>
        <button
          type="button"
          className="code-download"
          onClick={() => void downloadProject()}
          aria-busy={zipping || undefined}
        >
          Download project
        </button>
      </div>
      <div className="code-files" role="tablist" aria-label="Files" onKeyDown={onKeyDown}>
        {files.map((f, i) => (
          <button
            key={f.id}
            ref={(el) => {
              if (el) tabs.current.set(f.id, el)
              else tabs.current.delete(f.id)
            }}
            type="button"
            role="tab"
            id={`${base}-${f.id}`}
            aria-selected={i === index}
            aria-controls={`${base}-file`}
            tabIndex={i === index ? 0 : -1}
            className="code-file-tab"
            onClick={() => setChosen(f.id)}
          >
            {f.name}
            {current[i]!.length > 0 ? (
              <span className="code-here">
                <span aria-hidden="true"> ●</span>
                <span className="sr-only">, this step</span>
              </span>
            ) : null}
          </button>
        ))}
      </div>
      <div
        id={`${base}-file`}
        role="tabpanel"
        aria-labelledby={`${base}-${file.id}`}
        className="code-file"
      >
        <p className="code-about">
          <code className="code-path">{file.path}</code>: {file.about}
        </p>
        <FileView file={file} here={here} listRef={list} />
      </div>
    </section>
  )
}

function FileView({
  file,
  here,
  listRef,
}: {
  file: CodeFile
  here: readonly number[]
  listRef: RefObject<HTMLOListElement | null>
}) {
  const marked = new Set(here)
  return (
    <div className="code-scroll" role="region" aria-label={`${file.name} source`} tabIndex={0}>
      <ol ref={listRef} className="code-lines" data-language={file.language}>
        {file.lines.map((line, i) => (
          <Line key={i} line={line} language={file.language} current={marked.has(i)} />
        ))}
      </ol>
    </div>
  )
}
