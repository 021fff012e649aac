import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { createSession } from '../../src/embed/session'
import { useStore } from '../../src/store'
import { EmbedApp } from '../../src/ui/embed/EmbedApp'
import { MotionRoot } from '../../src/ui/shell/MotionRoot'
import { fakeTransport } from './driver'
import { useCleanApp } from './setup'

const renderEmbed = (
  scenario: string,
  step: number | null = null,
  parentNotice: string | null = null,
) => {
  const transport = fakeTransport()
  useStore.getState().setTransport(transport)
  useStore.getState().loadScenario(scenario)
  const session = createSession(useStore)
  render(
    <MotionRoot>
      <EmbedApp
        onStart={() => session.start(step)}
        fullAppHref={() => './index.html#x'}
        parentNotice={parentNotice}
      />
    </MotionRoot>,
  )
  return { transport, user: userEvent.setup() }
}

describe('the embedded widget', () => {
  useCleanApp()

  it('sends nothing and plays nothing until Start is pressed', async () => {
    const { transport, user } = renderEmbed('not-found')
    const start = screen.getByRole('button', { name: 'Start: A path no route matches' })
    expect(screen.getByRole('button', { name: 'Play' })).toBeDisabled()
    // Nothing behind the Start screen can be reached by the keyboard.
    await user.keyboard(' ')
    await user.keyboard('{ArrowRight}')
    expect(transport.calls).toHaveLength(0)
    expect(useStore.getState().trace).toBeNull()

    await user.click(start)
    await waitFor(() => expect(useStore.getState().playing).toBe(true))
    expect(transport.calls).toHaveLength(1)
    expect(screen.queryByRole('button', { name: /^Start:/ })).toBeNull()
    // The keyboard's focus moves on to the control that now matters.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Pause' })).toHaveFocus())
  })

  it("opens at the link's step, paused, after Start", async () => {
    const { user } = renderEmbed('unauthorized', 4)
    await user.click(screen.getByRole('button', { name: /^Start:/ }))
    const status = await screen.findByText(/^Step 4 of \d+:/)
    expect(status).toHaveAttribute('role', 'status')
    expect(useStore.getState().playing).toBe(false)
  })

  it('steps with the compact controls and names them as the full app does', async () => {
    const { user } = renderEmbed('get-user', 2)
    await user.click(screen.getByRole('button', { name: /^Start:/ }))
    await screen.findByText(/^Step 2 of/)
    const bar = screen.getByRole('group', { name: 'Playback' })
    await user.click(within(bar).getByRole('button', { name: 'Step forward' }))
    expect(screen.getByRole('status')).toHaveTextContent(/^Step 3 of/)
    await user.click(within(bar).getByRole('button', { name: 'Step back' }))
    await user.click(within(bar).getByRole('button', { name: 'Step back' }))
    expect(screen.getByRole('status')).toHaveTextContent(/^Step 1 of/)
    expect(screen.getByRole('link', { name: /Open in Roundtrip/ })).toHaveAttribute(
      'href',
      './index.html#x',
    )
  })

  it("shows the parent list's line for the host page's author, and keeps it after Start", async () => {
    const line = "The embed's parent list has no valid origin (*), so no page may command it."
    const { user } = renderEmbed('not-found', null, line)
    expect(screen.getByText(line)).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: /^Start:/ }))
    await screen.findByText(/^Step \d+ of/)
    expect(screen.getByText(line)).toBeInTheDocument()
  })
})
