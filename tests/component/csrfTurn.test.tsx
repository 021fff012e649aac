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
