import { act, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { unzipSync, strFromU8 } from 'fflate'
import { describe, expect, it, vi } from 'vitest'
import type { TraceEvent } from '../../src/engine'
import { findScenario, simulate } from '../../src/engine'
import { useStore } from '../../src/store'
import CodePanel from '../../src/ui/code/CodePanel'
import { MotionRoot } from '../../src/ui/shell/MotionRoot'
import { generateProject } from '../../src/ui/code/generate'
import { fileText } from '../../src/ui/code/model'
import { renderApp } from './driver'
import { useCleanApp } from './setup'

/**
 * The files the page saves, caught where the browser would save them: the `<a download>` it
 * clicks and the Blob behind its object URL (jsdom has no object URLs and cannot save files).
 * Not a module mock: with shared modules between test files one would not always take.
 */
const captureDownloads = () => {
  const saved: { blob: Blob; name: string }[] = []
  const blobs = new Map<string, Blob>()
  const url = URL as unknown as Record<string, unknown>
  url.createObjectURL = (blob: Blob) => {
    const href = `blob:http://localhost/${blobs.size}`
    blobs.set(href, blob)
    return href
  }
  url.revokeObjectURL ??= () => {}
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    const blob = blobs.get(this.href)
    if (this.download && blob) saved.push({ blob, name: this.download })
  })
  return saved
}

/** Opens a curated scenario as if it had been sent: the shown app and its trace. */
const show = (id: string) => {
  const curated = findScenario(id)!
  const setup = { scenario: curated.scenario, request: curated.request }
  const trace = simulate({ ...setup, seed: 1 })
  act(() =>
    useStore.setState({ trace, traced: setup, working: setup, playhead: 0, playing: false }),
  )
  render(
    <MotionRoot>
      <CodePanel />
    </MotionRoot>,
  )
  return trace
}

const seekTo = (events: readonly TraceEvent[], find: (e: TraceEvent) => boolean) => {
  const index = events.findIndex(find)
  expect(index).toBeGreaterThanOrEqual(0)
  act(() => useStore.getState().seek(index))
  return events[index]!
}

/** The marked lines' code, without the hidden "Current line:" words. */
const currentLines = () =>
  [...document.querySelectorAll('li[aria-current="true"] .code-text')].map((el) => el.textContent)

describe('code view', () => {
  useCleanApp()

  it('marks the matched route’s decorator at a router event', () => {
    const events = show('get-user').events
    seekTo(events, (e) => e.type === 'router:match')
    expect(currentLines()).toEqual(['@app.route("/users/<int:id>", methods=["GET"])'])
    // Not colour alone: screen readers hear it, and the line is named in words above the code.
    expect(screen.getAllByText('Current line:')).toHaveLength(1)
    expect(screen.getByTestId('code-where').textContent).toMatch(/line \d+ of app\.py/)
  })

  it('marks a middleware’s entry in the stack at its event', () => {
    const events = show('unauthorized').events
    seekTo(events, (e) => e.type === 'middleware:auth-check')
    const marked = currentLines()
    expect(marked).toHaveLength(1)
    expect(marked[0]).toMatch(/^ {4}\(AuthMiddleware, \{\}\),/)
  })

  it('marks the query’s own line at a database event', () => {
    const events2 = show('slow-database').events
    const query = events2.filter((e) => e.type === 'handler:db-query')[1]!
    act(() => useStore.getState().seek(query.seq))
    expect(currentLines().join('\n')).toContain('SELECT * FROM orders WHERE user_id = %s')
    expect(currentLines().join('\n')).not.toContain('SELECT * FROM users')
  })

  it('switches to the file holding the step and lets a file be picked by keyboard', async () => {
    const user = userEvent.setup()
    const events = show('django-get-user').events
    seekTo(events, (e) => e.type === 'router:match')
    const tabs = screen.getByRole('tablist', { name: 'Files' })
    expect(within(tabs).getByRole('tab', { selected: true }).textContent).toMatch(/^urls\.py/)
    expect(currentLines()).toEqual([
      '    path("users/<int:id>/", views.UsersIdView.as_view(), name="get_user"),',
    ])
    seekTo(events, (e) => e.type === 'middleware:session-load')
    expect(within(tabs).getByRole('tab', { selected: true }).textContent).toMatch(/^settings\.py/)
    expect(currentLines()[0]).toContain('django.contrib.sessions.middleware.SessionMiddleware')

    within(tabs).getByRole('tab', { selected: true }).focus()
    await user.keyboard('{ArrowRight}')
    expect(within(tabs).getByRole('tab', { selected: true }).textContent).toMatch(/^urls\.py/)
    expect(document.activeElement?.textContent).toMatch(/^urls\.py/)
  })

  it('is a tab of the detail pane that follows the playhead', async () => {
    const ui = renderApp({ hash: '#scenario=get-user' })
    await ui.send()
    await ui.user.click(screen.getByRole('tab', { name: 'Code' }))
    await screen.findByRole('tablist', { name: 'Files' })
    const events = useStore.getState().trace!.events
    const match = events.findIndex((e) => e.type === 'router:match')
    await ui.step(match)
    expect(currentLines()).toEqual(['@app.route("/users/<int:id>", methods=["GET"])'])
  })

  it('downloads exactly the files its tabs show, as <scenario>-<framework>.zip', async () => {
    const user = userEvent.setup()
    act(() => useStore.setState({ scenarioId: 'django-get-user' }))
    show('django-get-user')
    const saved = captureDownloads()
    await user.click(screen.getByRole('button', { name: 'Download project' }))
    await vi.waitFor(() => expect(saved).toHaveLength(1))
    const { blob, name } = saved[0]!
    expect(name).toBe('django-get-user-django.zip')
    // jsdom's Blob has no arrayBuffer(): read it as the page would, with a FileReader.
    const bytes = await new Promise<ArrayBuffer>((resolve) => {
      const reader = new FileReader()
      reader.onload = () => resolve(reader.result as ArrayBuffer)
      reader.readAsArrayBuffer(blob)
    })
    const entries = unzipSync(new Uint8Array(bytes))
    const files = generateProject(findScenario('django-get-user')!.scenario)
    const tabs = within(screen.getByRole('tablist', { name: 'Files' })).getAllByRole('tab')
    expect(tabs.map((t) => t.textContent)).toEqual(files.map((f) => f.name))
    expect(Object.keys(entries).sort()).toEqual(
      files.map((f) => `django-get-user-django/${f.path}`).sort(),
    )
    for (const f of files)
      expect(strFromU8(entries[`django-get-user-django/${f.path}`]!)).toBe(fileText(f))
  })
})
