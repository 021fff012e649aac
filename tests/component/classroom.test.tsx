import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { lessonEventsOf } from '../../src/embed/lessonEvents'
import { createSession } from '../../src/embed/session'
import { useStore } from '../../src/store'
import { EmbedApp } from '../../src/ui/embed/EmbedApp'
import { MotionRoot } from '../../src/ui/shell/MotionRoot'
import { repeatNote } from '../../src/ui/narration/repeatNote'
import { fakeTransport, renderApp } from './driver'
import { useCleanApp } from './setup'

/** The client band's Send (the Request tab has its own). */
const bandSend = () =>
  within(screen.getByRole('group', { name: 'Client' })).getByRole('button', {
    name: 'Send request',
  })

describe('one Send rule for the page', () => {
  useCleanApp()

  it(
    'the client band’s Send refuses an invalid draft, shows the Request tab and focuses the field',
    { timeout: 20_000 },
    async () => {
      const transport = fakeTransport()
      const ui = renderApp({ hash: '#scenario=create-user', transport })
      await ui.user.click(screen.getByRole('tab', { name: 'Request' }))
      const panel = await screen.findByRole('tabpanel', { name: 'Request' })
      const body = await within(panel).findByRole('textbox', { name: 'Body' })
      await ui.user.clear(body)
      await ui.user.paste('{"name": "Ada",')
      await ui.user.click(screen.getByRole('tab', { name: 'Explain' }))

      await ui.user.click(bandSend())
      await ui.settle()
      expect(transport.calls).toHaveLength(0)
      expect(screen.getByRole('tab', { name: 'Request' })).toHaveAttribute('aria-selected', 'true')
      await waitFor(() => expect(body).toHaveFocus())
      expect(within(panel).getByText(/^Not sent: fix the marked field first\./)).toBeInTheDocument()
      expect(ui.status()).not.toMatch(/^Step/)

      // Fixed, the same button sends the request as typed.
      await ui.user.clear(body)
      await ui.user.paste('{"name": "Ada", "email": "ada@example.com"}')
      await ui.user.click(bandSend())
      await ui.settle()
      expect(transport.calls).toHaveLength(1)
      expect(JSON.parse(transport.calls[0]!.request!.body!)).toEqual({
        name: 'Ada',
        email: 'ada@example.com',
      })
    },
  )

  it('an App change does not re-run the last valid request while the draft is invalid, and says why', async () => {
    const transport = fakeTransport()
    const ui = renderApp({ hash: '#scenario=create-user', transport })
    await ui.user.click(screen.getByRole('tab', { name: 'Request' }))
    const panel = await screen.findByRole('tabpanel', { name: 'Request' })
    await ui.user.clear(await within(panel).findByRole('textbox', { name: 'URL' }))
    await ui.user.click(screen.getByRole('tab', { name: 'App' }))
    act(() => useStore.getState().setScenario(useStore.getState().working.scenario))
    await ui.settle()
    expect(transport.calls).toHaveLength(0)
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Not sent: the request in the Request tab has a field to fix first.',
    )
  })
})

describe('a repeat says what it skipped', () => {
  useCleanApp()

  it('names the cached DNS answer and the kept-alive connection, with both step counts', async () => {
    const ui = renderApp({ hash: '#scenario=get-user' })
    await ui.send()
    const cold = ui.stepCount()!
    const note = screen.getByTestId('repeat-note')
    expect(note).toHaveAttribute('aria-live', 'polite')
    expect(note).toBeEmptyDOMElement()
    await ui.send()
    const warm = ui.stepCount()!
    expect(warm).toBeLessThan(cold)
    expect(note).toHaveTextContent(
      `A repeat: DNS answer cached and kept-alive connection reused (no TCP or TLS handshake), so ${warm} steps instead of ${cold}.`,
    )
    // A different scenario starts cold again: no note.
    act(() => useStore.getState().loadScenario('not-found'))
    await ui.send()
    expect(note).toBeEmptyDOMElement()
  })

  it('is silent for a cold trace and when nothing differs', () => {
    const trace = { events: [{ type: 'client:parse-url' }] } as never
    expect(repeatNote(trace, null)).toBeNull()
    expect(repeatNote(trace, trace)).toBeNull()
  })
})

describe('→ steps after a tab or a depth is chosen with the mouse', () => {
  useCleanApp()

  it('a clicked tab hands focus to its panel, so → steps the journey', async () => {
    const ui = renderApp({ hash: '#scenario=get-user' })
    await ui.send()
    await ui.user.click(screen.getByRole('tab', { name: 'Inspector' }))
    const panel = screen.getByRole('tabpanel', { name: 'Inspector' })
    await waitFor(() => expect(panel).toHaveFocus())
    await ui.press('{ArrowRight}{ArrowRight}')
    expect(ui.stepNumber()).toBe(3)
    expect(screen.getByRole('tab', { name: 'Inspector' })).toHaveAttribute('aria-selected', 'true')
  })

  it('from the keyboard the tabs keep the ARIA pattern: → moves to the next tab', async () => {
    const ui = renderApp({ hash: '#scenario=get-user' })
    await ui.send()
    screen.getByRole('tab', { name: 'Explain' }).focus()
    await ui.press('{ArrowRight}')
    expect(screen.getByRole('tab', { name: 'Inspector' })).toHaveFocus()
    expect(screen.getByRole('tab', { name: 'Inspector' })).toHaveAttribute('aria-selected', 'true')
    expect(ui.stepNumber()).toBe(1)
  })

  it('a depth clicked with the mouse hands focus to the panel; arrows on the radios still change it', async () => {
    const ui = renderApp({ hash: '#scenario=get-user' })
    await ui.send()
    await ui.user.click(screen.getByRole('radio', { name: 'Deep' }))
    expect(useStore.getState().depth).toBe('deep')
    await waitFor(() => expect(screen.getByRole('tabpanel', { name: 'Explain' })).toHaveFocus())
    await ui.press('{ArrowRight}')
    expect(ui.stepNumber()).toBe(2)
    expect(useStore.getState().depth).toBe('deep')
  })
})

describe('Compare: an App edit against the original, and what differs', () => {
  useCleanApp()

  const openCompare = async (ui: ReturnType<typeof renderApp>, preset: string) => {
    await ui.user.click(screen.getByRole('button', { name: 'Compare' }))
    const dialog = await screen.findByRole('dialog', { name: 'Compare two runs' })
    await ui.user.click(within(dialog).getByRole('radio', { name: preset }))
    await within(dialog).findByTestId('compare-differences', {}, { timeout: 3000 })
    return dialog
  }

  it('compares a reordered middleware stack with the original: same 401, the order and the log differ', async () => {
    const ui = renderApp({ hash: '#scenario=unauthorized' })
    await ui.send()
    const { scenario } = useStore.getState().working
    // The App tab's reorder: auth outermost, logging inside it.
    act(() =>
      useStore
        .getState()
        .setScenario({ ...scenario, middleware: [...scenario.middleware].reverse() }),
    )
    await ui.settle()
    const dialog = await openCompare(ui, 'Original vs your edit')
    const summary = within(dialog).getByTestId('compare-summary').textContent ?? ''
    expect(summary).toMatch(/^Both got 401 Unauthorized/i)
    expect(summary).toMatch(
      /Same status, but not the same run: (one thing differs|\d+ things differ) \(below\)\./,
    )
    const diffs = within(dialog).getByTestId('compare-differences')
    const order = within(diffs).getByRole('rowheader', { name: 'Middleware order' }).closest('tr')!
    expect(order.children[1]).toHaveTextContent('Logging → Authentication')
    expect(order.children[2]).toHaveTextContent('Authentication → Logging')
  })

  it('a request edit that also gets 401 shows the header and the response that differ', async () => {
    const ui = renderApp({ hash: '#scenario=unauthorized' })
    await ui.send()
    act(() =>
      useStore.getState().setRequest({
        ...useStore.getState().working.request,
        headers: { authorization: 'Bearer not-a-real-token' },
      }),
    )
    const dialog = await openCompare(ui, 'Original vs your edit')
    const diffs = within(dialog).getByTestId('compare-differences')
    const header = within(diffs)
      .getByRole('rowheader', { name: 'Request header authorization' })
      .closest('tr')!
    expect(header.children[1]).toHaveTextContent('none')
    expect(header.children[2]).toHaveTextContent('Bearer not-a-real-token')
    // The reason: the step where auth turned it back, and the header that says why.
    const turned = within(diffs).getByRole('rowheader', { name: 'Answered by' }).closest('tr')!
    expect(turned.children[1]).toHaveTextContent('missing credentials')
    expect(turned.children[2]).toHaveTextContent('invalid token')
    expect(
      within(diffs).getByRole('rowheader', { name: 'Response header www-authenticate' }),
    ).toBeInTheDocument()
  })

  it('offers no "Original vs your edit" before anything is edited', async () => {
    const ui = renderApp({ hash: '#scenario=unauthorized' })
    await ui.send()
    await ui.user.click(screen.getByRole('button', { name: 'Compare' }))
    const dialog = await screen.findByRole('dialog', { name: 'Compare two runs' })
    expect(within(dialog).queryByRole('radio', { name: 'Original vs your edit' })).toBeNull()
  })
})

describe('the embedded widget runs a lesson and reports its answers', () => {
  useCleanApp()

  it('Start opens the link’s lesson; its question shows in the widget; the events carry the answer', async () => {
    const transport = fakeTransport()
    useStore.getState().setTransport(transport)
    useStore.getState().loadScenario('not-found')
    const session = createSession(useStore)
    const posted: string[] = []
    useStore.subscribe((state, previous) =>
      posted.push(...lessonEventsOf(state, previous).map((e) => e.name)),
    )
    render(
      <MotionRoot>
        <EmbedApp
          onStart={() => session.start(null, 0, 'router-says-404')}
          fullAppHref={() => './index.html#x'}
        />
      </MotionRoot>,
    )
    expect(transport.calls).toHaveLength(0)
    await userEvent.click(screen.getByRole('button', { name: /^Start:/ }))
    const card = await screen.findByRole('region', { name: /Who says “not found”\?/ })
    expect(transport.calls).toHaveLength(1)
    act(() => useStore.getState().seek(Number.MAX_SAFE_INTEGER))
    await userEvent.click(await within(card).findByRole('radio', { name: 'No' }))
    await userEvent.click(within(card).getByRole('button', { name: 'Check answer' }))
    await userEvent.click(await within(card).findByRole('radio', { name: 'Router' }))
    await userEvent.click(within(card).getByRole('button', { name: 'Check answer' }))
    expect(posted).toEqual(['answer', 'answer', 'lessoncomplete'])
  })
})
