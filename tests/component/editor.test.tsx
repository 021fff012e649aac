import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { findScenario, parseScenario } from '../../src/engine'
import { resetStore, useStore } from '../../src/store'
import { exportJson } from '../../src/ui/editor/exchange'
import { STORAGE_KEY, keepAppSaved, restoreSavedApp } from '../../src/ui/editor/persistence'
import type { Driver } from './driver'
import { fakeTransport, renderApp, selectedText } from './driver'
import { useCleanApp } from './setup'

let unsubscribe: (() => void) | null = null
beforeEach(() => localStorage.clear())
afterEach(() => {
  unsubscribe?.()
  unsubscribe = null
  localStorage.clear()
})

const openAppTab = async (ui: Driver) => {
  await ui.user.click(screen.getByRole('tab', { name: 'App' }))
  await screen.findByRole('radiogroup', { name: 'Framework and server' }, { timeout: 5000 })
}

const middlewareKinds = () => useStore.getState().working.scenario.middleware.map((m) => m.kind)

const rowOf = (name: string): HTMLElement => {
  const list = screen.getByRole('list', { name: 'Middleware, outermost first' })
  const row = within(list)
    .getAllByRole('listitem')
    .find((li) => li.querySelector('.ed-mw-name')?.textContent === name)
  if (!row) throw new Error(`no middleware row named ${name}`)
  return row
}

/** Lets the re-run the editor started come back from the fake transport. */
const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)))

describe('the App tab: middleware order', { timeout: 20_000 }, () => {
  useCleanApp()

  it('moves logging inside auth with the keyboard buttons, says where it went and re-runs', async () => {
    const transport = fakeTransport()
    const ui = renderApp({ hash: '#scenario=unauthorized', transport })
    await ui.send()
    await openAppTab(ui)
    expect(middlewareKinds()).toEqual(['logging', 'auth'])
    expect(screen.getByRole('button', { name: 'Move Logging up' })).toBeDisabled()

    screen.getByRole('button', { name: 'Move Logging down' }).focus()
    await ui.user.keyboard('{Enter}')
    await settle()

    expect(middlewareKinds()).toEqual(['auth', 'logging'])
    expect(
      screen.getByText('Logging is now 2 of 2, innermost, inside Authentication.'),
    ).toHaveAttribute('aria-live', 'polite')
    // "down" is now disabled, so focus moved to the same row's "up" button rather than being lost.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move Logging up' }))
    // The request ran again, from a cold browser, through the new order: logging never ran.
    expect(transport.calls).toHaveLength(2)
    expect(transport.calls[1]!.connection).toBeUndefined()
    expect(transport.calls[1]!.scenario.middleware.map((m) => m.kind)).toEqual(['auth', 'logging'])
    const stages = useStore.getState().trace!.events.map((e) => e.stage)
    expect(stages).toContain('middleware:auth')
    expect(stages).not.toContain('middleware:logging')

    // And back up again with the keyboard.
    await ui.user.keyboard('{Enter}')
    expect(middlewareKinds()).toEqual(['logging', 'auth'])
    expect(screen.getByText(/Logging is now 1 of 2, outermost\./)).toBeInTheDocument()
  })

  it('moves a middleware by dragging its row onto another', async () => {
    const ui = renderApp({ hash: '#scenario=cors-on-errors' })
    await ui.send()
    await openAppTab(ui)
    expect(middlewareKinds()).toEqual(['logging', 'cors', 'errors'])

    const logging = rowOf('Logging')
    const errors = rowOf('Error handling')
    fireEvent.dragStart(logging)
    fireEvent.dragEnter(errors)
    fireEvent.dragOver(errors)
    expect(errors).toHaveAttribute('data-over', 'after')
    fireEvent.drop(errors)
    fireEvent.dragEnd(logging)

    expect(middlewareKinds()).toEqual(['cors', 'errors', 'logging'])
    expect(
      screen.getByText(/Logging is now 3 of 3, innermost, inside Error handling\./),
    ).toBeInTheDocument()
    expect(rowOf('Logging')).not.toHaveAttribute('data-dragging')

    // Dragging upward places the row before the one it is dropped on.
    fireEvent.dragStart(rowOf('Logging'))
    fireEvent.dragOver(rowOf('CORS'))
    fireEvent.drop(rowOf('CORS'))
    expect(middlewareKinds()).toEqual(['logging', 'cors', 'errors'])
  })

  it('adds and removes middleware', async () => {
    const ui = renderApp({ hash: '#scenario=get-user' })
    await openAppTab(ui)
    await ui.user.selectOptions(screen.getByLabelText('Add middleware'), 'compression')
    await ui.user.click(screen.getByRole('button', { name: 'Add' }))
    expect(middlewareKinds()).toEqual(['logging', 'compression'])
    await ui.user.click(screen.getByRole('button', { name: 'Remove Logging' }))
    expect(middlewareKinds()).toEqual(['compression'])
    expect(document.activeElement).toBe(screen.getByLabelText('Add middleware'))
  })
})

describe('the App tab: routes', { timeout: 20_000 }, () => {
  useCleanApp()

  it('re-runs the request when a route’s behaviour changes, and the journey ends differently', async () => {
    const transport = fakeTransport()
    const ui = renderApp({ hash: '#scenario=get-user', transport })
    await ui.send()
    expect(useStore.getState().trace?.response?.status).toBe(200)
    await openAppTab(ui)

    const behaviour = screen.getByRole('combobox', { name: 'Behaviour get_user' })
    await ui.user.selectOptions(behaviour, 'raises')
    await settle()

    expect(transport.calls).toHaveLength(2)
    expect(transport.calls[1]!.scenario.routes[0]!.handler.fault).toEqual({ kind: 'exception' })
    expect(useStore.getState().trace?.response?.status).toBe(500)
    // The keys belong to the page, not to the select that has focus.
    ;(document.activeElement as HTMLElement).blur()
    ui.tap('End')
    await waitFor(() => expect(ui.finalStatus()).toMatch(/^500/))

    await ui.user.selectOptions(behaviour, 'empty')
    await settle()
    expect(useStore.getState().trace?.response?.status).toBe(204)
  })

  it('moves the app to another framework, rewriting patterns in its router’s syntax', async () => {
    const ui = renderApp({ hash: '#scenario=get-user' })
    await ui.send()
    await openAppTab(ui)
    await ui.user.click(screen.getByRole('radio', { name: /FastAPI/ }))
    await settle()
    const route = () => useStore.getState().working.scenario.routes[0]!
    expect(useStore.getState().working.scenario.framework).toBe('fastapi')
    expect(route().pattern).toBe('/users/{id}')
    expect(route().params).toEqual({ id: 'int' })
    expect(useStore.getState().trace?.response?.status).toBe(200)
    const serverTitles = () =>
      useStore
        .getState()
        .trace!.events.filter((e) => e.layer === 'server')
        .map((e) => e.title)
        .join(' ')
    expect(serverTitles()).toMatch(/uvicorn|ASGI/)

    await ui.user.click(screen.getByRole('radio', { name: /Django/ }))
    await settle()
    expect(route().pattern).toBe('/users/<int:id>')
    expect(route().params).toBeUndefined()
    expect(serverTitles()).toMatch(/gunicorn|WSGI/)
    expect(serverTitles()).not.toMatch(/uvicorn|ASGI/)
  })

  it('explains a bad pattern where it was typed and keeps the route as it was', async () => {
    const ui = renderApp({ hash: '#scenario=get-user' })
    await openAppTab(ui)
    const pattern = screen.getByRole('textbox', { name: 'Pattern get_user' })
    await ui.user.clear(pattern)
    await ui.user.type(pattern, 'users/{{id}')
    expect(pattern).toHaveAttribute('aria-invalid', 'true')
    const message = document.getElementById(
      pattern.getAttribute('aria-describedby')!.split(' ')[0]!,
    )
    expect(message).toHaveTextContent('A pattern starts with "/"')
    await ui.user.type(pattern, '{Home}/')
    expect(pattern).toHaveValue('/users/{id}')
    expect(
      document.getElementById(pattern.getAttribute('aria-describedby')!.split(' ')[0]!),
    ).toHaveTextContent('Flask writes parameters as <int:name>')
    await ui.user.tab()
    // Nothing invalid reached the app.
    expect(useStore.getState().working.scenario.routes[0]!.pattern).toBe('/users/<int:id>')
  })
})

describe('the App tab: a slow upstream', { timeout: 20_000 }, () => {
  useCleanApp()

  const queued = () => useStore.getState().trace!.events.filter((e) => e.type === 'server:queued')

  it('choosing "Slow" re-runs with the request queued for a worker, and the wait can be changed', async () => {
    const transport = fakeTransport()
    const ui = renderApp({ hash: '#scenario=get-user', transport })
    await ui.send()
    await openAppTab(ui)
    expect(screen.queryByRole('textbox', { name: 'Wait for a free worker (ms)' })).toBeNull()

    await ui.user.selectOptions(screen.getByRole('combobox', { name: 'App server' }), 'slow')
    await settle()

    expect(transport.calls).toHaveLength(2)
    expect(transport.calls[1]!.scenario.proxy.upstream).toBe('slow')
    expect(queued()).toHaveLength(1)
    expect(queued()[0]!.duration).toBe(2000)
    expect(useStore.getState().trace?.response?.status).toBe(200)

    // A wait out of range is explained where it was typed and never reaches the app.
    const delay = screen.getByRole('textbox', { name: 'Wait for a free worker (ms)' })
    await ui.user.clear(delay)
    await ui.user.type(delay, '0{Enter}')
    expect(delay).toHaveAttribute('aria-invalid', 'true')
    expect(
      document.getElementById(delay.getAttribute('aria-describedby')!.split(' ')[0]!),
    ).toHaveTextContent('Enter a number from 1 to 120,000 ms.')
    expect(transport.calls).toHaveLength(2)

    // Longer than the proxy waits: nginx gives up with a 504.
    const timeout = screen.getByRole('textbox', { name: 'Waits for the app (ms)' })
    await ui.user.clear(delay)
    await ui.user.type(delay, '4000{Enter}')
    await settle()
    expect(delay).not.toHaveAttribute('aria-invalid')
    expect(queued()[0]!.duration).toBe(4000)
    await ui.user.clear(timeout)
    await ui.user.type(timeout, '3000{Enter}')
    await settle()
    expect(useStore.getState().trace?.response?.status).toBe(504)

    // Back to a running app: the wait is gone from the app and from the form.
    await ui.user.selectOptions(screen.getByRole('combobox', { name: 'App server' }), 'up')
    await settle()
    expect(useStore.getState().working.scenario.proxy).not.toHaveProperty('upstreamDelayMs')
    expect(queued()).toHaveLength(0)
    expect(screen.queryByRole('textbox', { name: 'Wait for a free worker (ms)' })).toBeNull()
  })
})

describe('the App tab: import', { timeout: 20_000 }, () => {
  useCleanApp()

  const pasteAndImport = async (ui: Driver, text: string) => {
    const area = screen.getByRole('textbox', { name: 'Import scenario' })
    fireEvent.change(area, { target: { value: text } })
    await ui.user.click(screen.getByRole('button', { name: 'Import' }))
    return area
  }

  it('names the bad field of a malformed scenario and keeps the app that is open', async () => {
    const ui = renderApp({ hash: '#scenario=unauthorized' })
    await openAppTab(ui)
    const before = useStore.getState().working
    const curated = findScenario('unauthorized')!
    const broken = JSON.parse(exportJson(curated.scenario, curated.request))
    broken.scenario.routes[1].pattern = 'health'

    const area = await pasteAndImport(ui, JSON.stringify(broken))

    expect(area).toHaveAttribute('aria-invalid', 'true')
    const error = document.getElementById(area.getAttribute('aria-describedby')!.split(' ')[0]!)
    expect(error).toHaveTextContent('scenario.routes[1].pattern must start with "/"')
    expect(useStore.getState().working).toBe(before)

    // Not JSON at all: said so, app kept, the text left to fix.
    await pasteAndImport(ui, '{"scenario": ')
    expect(screen.getByRole('alert')).toHaveTextContent(/not valid JSON/)
    expect(area).toHaveValue('{"scenario": ')
    expect(useStore.getState().working).toBe(before)

    // A bad request part is named too.
    broken.scenario.routes[1].pattern = '/health'
    broken.request.method = 'FETCH'
    await pasteAndImport(ui, JSON.stringify(broken))
    expect(screen.getByRole('alert')).toHaveTextContent('request.method must be one of')
    expect(useStore.getState().working).toBe(before)
  })

  it('with no clipboard, Copy JSON leaves the JSON selected in the box to copy by hand', async () => {
    const ui = renderApp({ hash: '#scenario=get-user' })
    await openAppTab(ui)
    vi.spyOn(navigator, 'clipboard', 'get').mockReturnValue(undefined as never)
    await ui.user.click(screen.getByRole('button', { name: 'Copy JSON' }))
    const area = screen.getByRole('textbox', { name: 'Import scenario' })
    const { working } = useStore.getState()
    expect(area).toHaveValue(exportJson(working.scenario, working.request))
    expect(area).toHaveFocus()
    expect(selectedText(area)).toBe((area as HTMLTextAreaElement).value)
    expect(screen.getByText(/the JSON is selected in the box below/)).toBeInTheDocument()
    vi.restoreAllMocks()
  })

  it('imports what it exported and runs it', async () => {
    const transport = fakeTransport()
    const ui = renderApp({ hash: '#scenario=get-user', transport })
    await openAppTab(ui)
    const curated = findScenario('logging-inside-auth')!
    const text = exportJson(curated.scenario, curated.request)

    const area = await pasteAndImport(ui, text)
    await settle()

    expect(area).not.toHaveAttribute('aria-invalid')
    expect(useStore.getState().working.scenario).toEqual(parseScenario(curated.scenario))
    expect(useStore.getState().working.request).toEqual(curated.request)
    expect(useStore.getState().customized).toBe(true)
    expect(useStore.getState().trace?.response?.status).toBe(curated.expectedStatus)
    expect(middlewareKinds()).toEqual(['auth', 'logging'])
  })
})

describe('the edited app in localStorage', { timeout: 20_000 }, () => {
  useCleanApp()

  it('reports corrupt data in one notice, removes it and opens the default scenario', async () => {
    localStorage.setItem(STORAGE_KEY, '{"version":1,"scenario":')
    restoreSavedApp('')
    const ui = renderApp()
    await openAppTab(ui)
    const notices = document.querySelectorAll('.notice')
    expect(notices).toHaveLength(1)
    expect(notices[0]).toHaveTextContent(
      'Your saved app could not be read (it is not valid JSON); the default scenario is open.',
    )
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull()
    expect(useStore.getState().customized).toBe(false)
    expect(useStore.getState().working.scenario).toBe(findScenario('get-user')!.scenario)
  })

  it('names the field of saved data that no longer validates, and an old version', () => {
    const curated = findScenario('get-user')!
    localStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({
        version: 1,
        scenario: { ...curated.scenario, tls: { version: '1.1' } },
        request: curated.request,
        baseId: 'get-user',
      }),
    )
    restoreSavedApp('')
    expect(useStore.getState().scenarioNotice).toMatch(
      /^Your saved app could not be read \(scenario\.tls\.version must be one of "1\.2", "1\.3"\); the default scenario is open\.$/,
    )
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull()

    localStorage.setItem(STORAGE_KEY, JSON.stringify({ version: 0, app: {} }))
    restoreSavedApp('')
    expect(useStore.getState().scenarioNotice).toMatch(/another version of Roundtrip/)
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull()
  })

  it('saves edits, restores them on the next start, and Reset brings the curated app back', async () => {
    unsubscribe = keepAppSaved()
    const first = renderApp({ hash: '#scenario=unauthorized' })
    await openAppTab(first)
    await first.user.click(screen.getByRole('button', { name: 'Move Logging down' }))
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY)!)
    expect(saved).toMatchObject({ version: 1, baseId: 'unauthorized' })
    expect(saved.scenario.middleware).toEqual([{ kind: 'auth' }, { kind: 'logging' }])

    // A fresh start with no scenario in the link brings the edited app back.
    cleanup()
    unsubscribe()
    resetStore()
    restoreSavedApp('')
    unsubscribe = keepAppSaved()
    const ui = renderApp()
    await openAppTab(ui)
    expect(middlewareKinds()).toEqual(['auth', 'logging'])
    expect(useStore.getState().scenarioId).toBe('unauthorized')
    expect(within(screen.getByRole('tabpanel')).getByText('Edited')).toBeInTheDocument()
    expect(within(screen.getByRole('banner')).getByText('Edited')).toBeInTheDocument()
    expect(useStore.getState().scenarioNotice).toBeNull()

    await ui.user.click(screen.getByRole('button', { name: 'Reset to No credentials' }))
    expect(middlewareKinds()).toEqual(['logging', 'auth'])
    expect(useStore.getState().customized).toBe(false)
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull()
    expect(screen.getByRole('button', { name: 'Reset to No credentials' })).toBeDisabled()
  })

  it('does not restore over a link that names a scenario, and survives storage that throws', () => {
    const curated = findScenario('unauthorized')!
    localStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({ version: 1, ...curated, baseId: 'unauthorized' }),
    )
    restoreSavedApp('#scenario=not-found')
    expect(useStore.getState().customized).toBe(false)
    expect(localStorage.getItem(STORAGE_KEY)).not.toBeNull()

    const spy = vi.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError')
    })
    expect(() => restoreSavedApp('')).not.toThrow()
    unsubscribe = keepAppSaved()
    expect(() => useStore.getState().setScenario(curated.scenario, { rerun: false })).not.toThrow()
    spy.mockRestore()
  })
})
