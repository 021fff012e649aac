import {
  act,
  fireEvent,
  isInaccessible,
  render,
  screen,
  waitFor,
  within,
} from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { ReactNode } from 'react'
import { expect, vi } from 'vitest'
import type { SimulateInput, Trace } from '../../src/engine'
import { simulate } from '../../src/engine'
import type { Transport } from '../../src/store'
import { useStore } from '../../src/store'
import { JourneyDiagram } from '../../src/ui/journey/JourneyDiagram'
import { Narration } from '../../src/ui/narration/Narration'
import { PlayheadMotion } from '../../src/ui/playback/PlayheadMotion'
import { App } from '../../src/ui/shell/App'
import { MotionRoot } from '../../src/ui/shell/MotionRoot'
import { elementsWithAttribute } from './computedStyle'

/** The text selected in a field (what Ctrl+C would copy). */
export const selectedText = (field: HTMLElement): string => {
  const { value, selectionStart, selectionEnd } = field as HTMLInputElement | HTMLTextAreaElement
  return value.slice(selectionStart ?? 0, selectionEnd ?? 0)
}

/** The layer groups of the diagram, outermost first (a contract with e2e tests and screen readers). */
export const GROUP_NAMES = [
  'Client',
  'Network',
  'Reverse proxy',
  'App server',
  'Middleware',
  'Router',
  'Validation',
  'Handler',
] as const

export interface FakeTransport extends Transport {
  readonly calls: SimulateInput[]
}

/** A transport that answers with the engine directly, as the in-page fallback would. */
export const fakeTransport = (
  options: {
    mode?: Transport['mode']
    notice?: string
    send?: (input: SimulateInput) => Promise<Trace>
  } = {},
): FakeTransport => {
  const calls: SimulateInput[] = []
  return {
    mode: options.mode ?? 'service-worker',
    ...(options.notice ? { notice: options.notice } : {}),
    calls,
    send: (input) => {
      calls.push(input)
      return options.send ? options.send(input) : Promise.resolve(simulate(input))
    },
  }
}

interface Options {
  /** The URL hash the page opens with, e.g. `#scenario=not-found`. */
  readonly hash?: string
  /** `null` renders without a transport, as the page is before main.tsx has started one. */
  readonly transport?: Transport | null
  /** Rendered beside the app (e.g. an input of a page embedding it). */
  readonly extra?: ReactNode
}

/** Lets pending promises (a fake transport's answer) settle, with real or fake timers. */
const settle = async () => {
  if (vi.isFakeTimers()) await act(() => vi.advanceTimersByTimeAsync(0))
  else await act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)))
}

/**
 * The text of the one live region, as `screen.getByRole('status')` finds it, without the role
 * query's walk of the page for every role's selector (the step line is read after most steps):
 * every element whose role is status (a first role token of "status", or an <output> without a
 * role) that assistive technology can reach. Anything but exactly one goes to the role query,
 * which fails with its usual message.
 */
const statusText = (): string => {
  const found = [...document.body.querySelectorAll<HTMLElement>('[role], output')].filter(
    (element) => {
      const role = element.getAttribute('role')
      return (
        (role === null ? element.localName === 'output' : role.split(' ')[0] === 'status') &&
        !isInaccessible(element)
      )
    },
  )
  return (found.length === 1 ? found[0]! : screen.getByRole('status')).textContent ?? ''
}

/**
 * The group named `name`, as `screen.getByRole('group', { name })` finds it, without a role query
 * over the page: when every group assistive technology can reach (role="group" first, or a
 * details, fieldset, optgroup or address without a role) is named by its own aria-label alone,
 * those labels are the names, and the one that matches is checked as a role query would name it.
 * Anything else (a group named another way, none or two matching) goes to the role query.
 */
const groupNamed = (name: string): HTMLElement => {
  const groups = [
    ...document.body.querySelectorAll<HTMLElement>('[role], details, fieldset, optgroup, address'),
  ].filter((element) => {
    const role = element.getAttribute('role')
    return role === null ? true : role.split(' ')[0] === 'group'
  })
  const labelled = groups.every((element) => {
    const label = element.getAttribute('aria-label')
    return label !== null && label.trim() !== '' && !element.hasAttribute('aria-labelledby')
  })
  if (labelled) {
    const named = groups.filter(
      (element) =>
        element.getAttribute('aria-label')!.replace(/\s+/g, ' ').trim() === name &&
        !isInaccessible(element),
    )
    if (named.length === 1) {
      expect(named[0]).toHaveAccessibleName(name)
      return named[0]!
    }
  }
  return screen.getByRole('group', { name })
}

/**
 * Renders the app and returns a driver that reads like a student's actions:
 * `await ui.send()`, `await ui.step(3)`, `ui.currentGroup()`.
 */
export const renderApp = ({ hash = '', transport = fakeTransport(), extra }: Options = {}) => {
  window.history.replaceState(null, '', `/${hash}`)
  if (transport) useStore.getState().setTransport(transport)
  const user = userEvent.setup(vi.isFakeTimers() ? { advanceTimers: vi.advanceTimersByTime } : {})
  render(
    <MotionRoot>
      {extra}
      <App />
    </MotionRoot>,
  )

  // Role queries weigh every element of the page (and even one scoped to the playback bar costs a
  // selector walk per click). A playback button is found in its bar by its text, then checked as
  // a role query would: the one button of the bar with that text, a button to assistive
  // technology, named exactly that, not hidden. Anything else (another bar, a button named
  // otherwise, two candidates) goes to the role queries, which find it or fail as before.
  const button = (name: string): HTMLElement => {
    const bar = document.querySelector<HTMLElement>('[data-testid="playback"]')
    if (bar) {
      const named = [...bar.querySelectorAll<HTMLElement>('button, [role]')].filter(
        (element) => element.textContent?.trim() === name,
      )
      const [only] = named
      if (
        named.length === 1 &&
        only!.localName === 'button' &&
        (only!.getAttribute('role') ?? 'button').split(' ')[0] === 'button' &&
        !isInaccessible(only!)
      ) {
        expect(only).toHaveAccessibleName(name)
        return only!
      }
    }
    return (
      (bar && within(bar).queryByRole('button', { name })) || screen.getByRole('button', { name })
    )
  }

  const ui = {
    user,
    /** The text of the one live region. */
    status: statusText,
    group: groupNamed,
    /** The accessible name of the one group marked aria-current="step", or null. */
    currentGroup: (): string | null => {
      const marked = elementsWithAttribute('aria-current', 'step')
      if (marked.length > 1) throw new Error(`${marked.length} elements carry aria-current="step"`)
      return marked[0]?.getAttribute('aria-label') ?? null
    },
    /** What the client shows as the final status ("—" until the response is back). */
    finalStatus: () => within(ui.group('Client')).getByTestId('final-status').textContent ?? '',
    /** The request line the client shows, e.g. "GET https://api.example.com/users/42". */
    requestLine: () =>
      (
        within(ui.group('Client')).getByRole('button', { name: /^Edit request:/ }).textContent ?? ''
      ).replace(/^Edit request: /, ''),
    packet: () => screen.getByTestId('packet'),

    async send() {
      await user.click(button('Send request'))
      await settle()
      // waitFor polls with timers, which fake timers would freeze: check once after settling.
      if (vi.isFakeTimers()) expectStep(ui.status(), 1)
      else await waitFor(() => expectStep(ui.status(), 1), { timeout: 1000 })
    },
    /** Steps forward `n` times (backward for a negative `n`) with the buttons. */
    async step(n = 1) {
      const name = n >= 0 ? 'Step forward' : 'Step back'
      for (let i = 0; i < Math.abs(n); i++) await user.click(button(name))
    },
    async press(key: string) {
      await user.keyboard(key)
    },
    /** One keydown on the page, without user-event's pacing: for walking long traces quickly. */
    tap(key: string) {
      fireEvent.keyDown(document.activeElement ?? document.body, { key })
    },
    async play() {
      await user.click(button('Play'))
    },
    async pause() {
      await user.click(button('Pause'))
    },
    /** Step number N of "Step N of M: …", or null when the line is not a step. */
    stepNumber: (): number | null => {
      const match = /^Step (\d+) of \d+: /.exec(ui.status())
      return match ? Number(match[1]) : null
    },
    stepCount: (): number | null => {
      const match = /^Step \d+ of (\d+): /.exec(ui.status())
      return match ? Number(match[1]) : null
    },
    settle,
  }
  return ui
}

/**
 * Renders only the step line and the journey, for tests of the journey itself: a fraction of the
 * whole App's work on every step (no header, detail tabs or playback bar). The scenario opens
 * through the store and steps go through it too, as the keys' handlers do.
 */
export const renderJourney = ({
  scenario,
  transport = fakeTransport(),
}: {
  readonly scenario: string
  readonly transport?: Transport
}) => {
  useStore.getState().setTransport(transport)
  useStore.getState().loadScenario(scenario)
  render(
    <MotionRoot>
      <PlayheadMotion>
        <Narration />
        <JourneyDiagram />
      </PlayheadMotion>
    </MotionRoot>,
  )
  const status = statusText
  const group = groupNamed
  const journey = {
    status,
    group,
    currentGroup: (): string | null => {
      const marked = elementsWithAttribute('aria-current', 'step')
      if (marked.length > 1) throw new Error(`${marked.length} elements carry aria-current="step"`)
      return marked[0]?.getAttribute('aria-label') ?? null
    },
    finalStatus: () => within(group('Client')).getByTestId('final-status').textContent ?? '',
    async send() {
      fireEvent.click(within(group('Client')).getByRole('button', { name: 'Send request' }))
      await settle()
      await waitFor(() => expectStep(status(), 1), { timeout: 1000 })
    },
    /** One step forward, as → does. */
    stepForward: () => act(() => useStore.getState().stepForward()),
    stepNumber: (): number | null => {
      const match = /^Step (\d+) of \d+: /.exec(status())
      return match ? Number(match[1]) : null
    },
    stepCount: (): number | null => {
      const match = /^Step \d+ of (\d+): /.exec(status())
      return match ? Number(match[1]) : null
    },
  }
  return journey
}

const expectStep = (status: string, n: number) => {
  if (!status.startsWith(`Step ${n} of `)) throw new Error(`status is "${status}", not step ${n}`)
}

export type Driver = ReturnType<typeof renderApp>
