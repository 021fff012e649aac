import { describe, expect, it } from 'vitest'
import { renderApp } from './driver'
import { useCleanApp } from './setup'

describe('a check that runs after the router turns the request back', () => {
  useCleanApp()

  it('shows the Router as passed and only Validation and Handler as not reached (Django CSRF)', async () => {
    const ui = renderApp({ hash: '#scenario=csrf-forged-post' })
    await ui.send()
    await ui.press('{End}')
    expect(ui.finalStatus()).toBe('403 Forbidden')
    expect(ui.group('Router')).not.toHaveTextContent(/Not reached/)
    for (const name of ['Validation', 'Handler'])
      expect(ui.group(name)).toHaveTextContent(
        'Not reached: the response turned back at Middleware.',
      )
  }, 20_000)
})

describe('before the first Send', () => {
  useCleanApp()

  it('the packet waits in the Client band, on the way-in track, and nowhere else', () => {
    const ui = renderApp({ hash: '#scenario=get-user' })
    const packets = document.querySelectorAll('.packet')
    expect(packets).toHaveLength(1)
    expect(ui.group('Client').contains(packets[0]!)).toBe(true)
    expect(packets[0]!.getAttribute('data-rail')).toBe('in')
  })
})
