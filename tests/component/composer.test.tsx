import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { parseCurl } from '../../src/engine'
import { useStore } from '../../src/store'
import type { Driver, FakeTransport } from './driver'
import { fakeTransport, renderApp, selectedText } from './driver'
import { useCleanApp } from './setup'

// Typing a whole request key by key takes a while on a busy machine.
vi.setConfig({ testTimeout: 20_000 })

/** Opens the Request tab and returns queries scoped to it, plus the transport it sends through. */
const openComposer = async (options: { hash?: string } = {}) => {
  const transport = fakeTransport()
  const ui = renderApp({ transport, ...options })
  await ui.user.click(screen.getByRole('tab', { name: 'Request' }))
  const panel = await screen.findByRole('tabpanel', { name: 'Request' })
  await within(panel).findByRole('textbox', { name: 'URL' }, { timeout: 3000 })
  return { ui, transport, panel: within(panel) }
}

type Panel = Awaited<ReturnType<typeof openComposer>>['panel']

const sendButton = (panel: Panel) => panel.getByRole('button', { name: 'Send request' })

/** The text of the messages an element's aria-describedby points at. */
const description = (element: HTMLElement): string =>
  (element.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ')

const replaceText = async (ui: Driver, element: HTMLElement, text: string) => {
  await ui.user.clear(element)
  if (text) await ui.user.type(element, text)
}

/** Sets a field's value in one change, for text user-event would type slowly or treat as keys. */
const setValue = (element: HTMLElement, text: string) =>
  act(() => {
    fireEvent.change(element, { target: { value: text } })
  })

const expectRefused = async (
  panel: Panel,
  transport: FakeTransport,
  ui: Driver,
  field: HTMLElement,
  message: RegExp,
) => {
  await ui.user.click(sendButton(panel))
  await ui.settle()
  expect(transport.calls).toHaveLength(0)
  expect(field).toHaveAttribute('aria-invalid', 'true')
  expect(description(field)).toMatch(message)
  // Focus goes to the first field that needs fixing, whose message is then read out.
  expect(field).toHaveFocus()
  expect(panel.getByText(/Not sent: fix the marked field first/)).toBeInTheDocument()
}

const addHeader = async (ui: Driver, panel: Panel, name: string, value: string) => {
  await ui.user.click(panel.getByRole('button', { name: 'Add header' }))
  const names = panel.getAllByRole('textbox', { name: /^Header \d+ name$/ })
  const n = names.length
  await ui.user.type(names[n - 1]!, name)
  const valueField = panel.getByRole('textbox', { name: `Header ${n} value` })
  if (value) await ui.user.type(valueField, value)
  return { name: names[n - 1]!, value: valueField, n }
}

describe('the request composer refuses bad input where it was typed', () => {
  useCleanApp()

  it('a URL without a scheme', async () => {
    const { ui, transport, panel } = await openComposer()
    const url = panel.getByRole('textbox', { name: 'URL' })
    await replaceText(ui, url, 'api.example.com/users/42')
    await expectRefused(panel, transport, ui, url, /no scheme.*https:\/\//)
  })

  it('a URL that is not http or https', async () => {
    const { ui, transport, panel } = await openComposer()
    const url = panel.getByRole('textbox', { name: 'URL' })
    await replaceText(ui, url, 'ftp://files.example.com/a.txt')
    await expectRefused(panel, transport, ui, url, /only http:\/\/ and https:\/\//)
  })

  it('a header name with a space', async () => {
    const { ui, transport, panel } = await openComposer()
    const header = await addHeader(ui, panel, 'X Trace', '1')
    await expectRefused(panel, transport, ui, header.name, /cannot have spaces.*X-Trace/)
  })

  it('a header name with a character a token cannot have', async () => {
    const { ui, transport, panel } = await openComposer()
    const header = await addHeader(ui, panel, 'X(Trace)', '1')
    await expectRefused(panel, transport, ui, header.name, /contains "\("/)
  })

  it('a CR/LF in a header value, called header injection', async () => {
    const { ui, transport, panel } = await openComposer()
    const header = await addHeader(ui, panel, 'X-Note', 'hello{Enter}X-Admin: yes')
    expect((header.value as HTMLTextAreaElement).value).toBe('hello\nX-Admin: yes')
    await expectRefused(
      panel,
      transport,
      ui,
      header.value,
      /line break \(CR\/LF\).*header injection/,
    )
  })

  it('invalid JSON, with the line and column of the mistake', async () => {
    const { ui, transport, panel } = await openComposer()
    await ui.user.selectOptions(panel.getByRole('combobox', { name: 'Method' }), 'POST')
    await ui.user.click(panel.getByRole('radio', { name: 'JSON' }))
    const body = panel.getByRole('textbox', { name: 'Body' })
    setValue(body, '{\n  "name": "Ada",\n}')
    await expectRefused(
      panel,
      transport,
      ui,
      body,
      /Invalid JSON at line 3, column 1\b.*trailing comma/,
    )
  })

  it('a body over 1 MB, stating the limit and the size', async () => {
    const { ui, transport, panel } = await openComposer()
    await ui.user.selectOptions(panel.getByRole('combobox', { name: 'Method' }), 'POST')
    await ui.user.click(panel.getByRole('radio', { name: 'Text' }))
    const body = panel.getByRole('textbox', { name: 'Body' })
    setValue(body, 'a'.repeat(1_048_576 + 10))
    await expectRefused(panel, transport, ui, body, /1,048,586 bytes.*over the 1 MB limit/)
  })

  it('the first of several bad fields takes focus, and each is marked', async () => {
    const { ui, transport, panel } = await openComposer()
    const url = panel.getByRole('textbox', { name: 'URL' })
    await replaceText(ui, url, 'https://api example.com/')
    const header = await addHeader(ui, panel, 'Bad Name', 'x')
    await ui.user.click(sendButton(panel))
    expect(transport.calls).toHaveLength(0)
    expect(url).toHaveFocus()
    expect(url).toHaveAttribute('aria-invalid', 'true')
    expect(header.name).toHaveAttribute('aria-invalid', 'true')
    expect(panel.getByText(/Not sent: fix the 2 marked fields first/)).toBeInTheDocument()
    // Fixing both clears the marks and lets the request go.
    await replaceText(ui, url, 'https://api.example.com/users/42')
    await replaceText(ui, header.name, 'X-Name')
    expect(url).not.toHaveAttribute('aria-invalid')
    await ui.user.click(sendButton(panel))
    await waitFor(() => expect(transport.calls).toHaveLength(1))
    expect(transport.calls[0]!.request?.headers).toEqual({ 'X-Name': 'x' })
  })

  it('keeps what was typed when the tab is left and opened again', async () => {
    const { ui, panel } = await openComposer()
    const url = panel.getByRole('textbox', { name: 'URL' })
    await replaceText(ui, url, 'https://api.example.com/us ers')
    await ui.user.click(screen.getByRole('tab', { name: 'Explain' }))
    await ui.user.click(screen.getByRole('tab', { name: 'Request' }))
    expect(panel.getByRole('textbox', { name: 'URL' })).toHaveValue(
      'https://api.example.com/us ers',
    )
    // The store holds the last valid version typed on the way; the invalid one never reaches it.
    expect(useStore.getState().working.request.url).toBe('https://api.example.com/us')
  })
  it('an outside change (another scenario) replaces the draft, and the edits can be restored', async () => {
    const { ui, panel } = await openComposer()
    await addHeader(ui, panel, 'X-Mine', 'kept')
    act(() => useStore.getState().loadScenario('not-found'))
    expect(panel.queryByRole('textbox', { name: 'Header 1 name' })).toBeNull()
    expect(panel.getByRole('textbox', { name: 'URL' })).toHaveValue(
      useStore.getState().working.request.url,
    )
    await ui.user.click(panel.getByRole('button', { name: 'Restore my edits' }))
    expect(panel.getByRole('textbox', { name: 'Header 1 value' })).toHaveValue('kept')
    expect(useStore.getState().working.request.headers).toEqual({ 'X-Mine': 'kept' })
  })
})

describe('the request composer sends what was composed', () => {
  useCleanApp()

  it('warns about a body on a GET and still sends it', async () => {
    const { ui, transport, panel } = await openComposer()
    await ui.user.click(panel.getByRole('radio', { name: 'JSON' }))
    const body = panel.getByRole('textbox', { name: 'Body' })
    setValue(body, '{"q": "ada"}')
    expect(body).not.toHaveAttribute('aria-invalid')
    expect(description(body)).toMatch(/GET request usually has no body.*sent anyway/)
    await ui.user.click(sendButton(panel))
    await waitFor(() => expect(transport.calls).toHaveLength(1))
    expect(transport.calls[0]!.request).toMatchObject({ method: 'GET', body: '{"q": "ada"}' })
  })

  it('an edited method, URL, headers and body reach the transport', async () => {
    const { ui, transport, panel } = await openComposer()
    await ui.user.selectOptions(panel.getByRole('combobox', { name: 'Method' }), 'PATCH')
    await replaceText(
      ui,
      panel.getByRole('textbox', { name: 'URL' }),
      'https://api.example.com/users/7',
    )
    await addHeader(ui, panel, 'X-Request-Id', 'abc-123')
    await ui.user.type(panel.getByRole('textbox', { name: 'Bearer token' }), 'tok3n')
    await ui.user.selectOptions(panel.getByRole('combobox', { name: 'Accept-Encoding' }), 'br')
    await ui.user.click(panel.getByRole('radio', { name: 'JSON' }))
    setValue(panel.getByRole('textbox', { name: 'Body' }), '{"name": "Grace"}')
    await ui.user.click(sendButton(panel))
    await waitFor(() => expect(transport.calls).toHaveLength(1))
    expect(transport.calls[0]!.request).toEqual({
      method: 'PATCH',
      url: 'https://api.example.com/users/7',
      headers: {
        'X-Request-Id': 'abc-123',
        'Content-Type': 'application/json',
        'Accept-Encoding': 'br',
        Authorization: 'Bearer tok3n',
      },
      body: '{"name": "Grace"}',
    })
    // The journey now shows the composed request.
    await waitFor(() => expect(ui.requestLine()).toBe('PATCH https://api.example.com/users/7'))
  })

  it('removing a header row takes it out of the request', async () => {
    const { ui, transport, panel } = await openComposer()
    await addHeader(ui, panel, 'X-One', '1')
    await addHeader(ui, panel, 'X-Two', '2')
    await ui.user.click(panel.getByRole('button', { name: 'Remove header 1' }))
    expect(panel.getByRole('textbox', { name: 'Header 1 name' })).toHaveValue('X-Two')
    expect(panel.queryByRole('textbox', { name: 'Header 2 name' })).toBeNull()
    await ui.user.click(sendButton(panel))
    await waitFor(() => expect(transport.calls).toHaveLength(1))
    expect(transport.calls[0]!.request?.headers).toEqual({ 'X-Two': '2' })
  })

  it('query parameter rows and the URL follow each other', async () => {
    const { ui, panel } = await openComposer()
    const url = panel.getByRole('textbox', { name: 'URL' })
    await replaceText(ui, url, 'https://api.example.com/users?page=2&q=ada')
    expect(panel.getByRole('textbox', { name: 'Parameter 2 value' })).toHaveValue('ada')
    await replaceText(ui, panel.getByRole('textbox', { name: 'Parameter 2 value' }), 'ada lovelace')
    expect(url).toHaveValue('https://api.example.com/users?page=2&q=ada%20lovelace')
    await ui.user.click(panel.getByRole('button', { name: 'Remove parameter 1' }))
    expect(url).toHaveValue('https://api.example.com/users?q=ada%20lovelace')
  })

  it('a form body is encoded from its rows', async () => {
    const { ui, transport, panel } = await openComposer()
    await ui.user.selectOptions(panel.getByRole('combobox', { name: 'Method' }), 'POST')
    await ui.user.click(panel.getByRole('radio', { name: 'Form' }))
    await ui.user.type(panel.getByRole('textbox', { name: 'Field 1 name' }), 'user')
    await ui.user.type(panel.getByRole('textbox', { name: 'Field 1 value' }), 'ada & co')
    expect(panel.getByRole('textbox', { name: 'Body' })).toHaveValue('user=ada%20%26%20co')
    await ui.user.click(sendButton(panel))
    await waitFor(() => expect(transport.calls).toHaveLength(1))
    expect(transport.calls[0]!.request?.headers).toEqual({
      'Content-Type': 'application/x-www-form-urlencoded',
    })
  })

  it('a cookie added to the jar is in the app the request goes to, from a fresh browser', async () => {
    const { ui, transport, panel } = await openComposer()
    await ui.user.click(sendButton(panel))
    await waitFor(() => expect(transport.calls).toHaveLength(1))
    await ui.user.click(panel.getByRole('button', { name: 'Add cookie' }))
    expect(panel.getByRole('textbox', { name: 'Cookie 1 domain' })).toHaveValue('api.example.com')
    await ui.user.type(panel.getByRole('textbox', { name: 'Cookie 1 name' }), 'theme')
    await ui.user.type(panel.getByRole('textbox', { name: 'Cookie 1 value' }), 'dark')
    await ui.user.click(sendButton(panel))
    await waitFor(() => expect(transport.calls).toHaveLength(2))
    expect(transport.calls[1]!.scenario.browser?.cookies).toEqual([
      { name: 'theme', value: 'dark', domain: 'api.example.com' },
    ])
    expect(transport.calls[1]!.connection).toBeUndefined()
    const cookieHeaders = useStore
      .getState()
      .trace!.events.map((e) => ('request' in e ? e.request?.headers.cookie : undefined))
    expect(cookieHeaders).toContain('theme=dark')
  })

  it('a bad cookie is refused at its field', async () => {
    const { ui, transport, panel } = await openComposer()
    await ui.user.click(panel.getByRole('button', { name: 'Add cookie' }))
    await ui.user.type(panel.getByRole('textbox', { name: 'Cookie 1 name' }), 'theme')
    const value = panel.getByRole('textbox', { name: 'Cookie 1 value' })
    await ui.user.type(value, 'a;b')
    await expectRefused(panel, transport, ui, value, /contains ";"/)
  })
})

describe('curl', () => {
  useCleanApp()

  it('copies the request as curl, and pasting it back fills the fields', async () => {
    const { ui, transport, panel } = await openComposer()
    await ui.user.selectOptions(panel.getByRole('combobox', { name: 'Method' }), 'POST')
    await replaceText(
      ui,
      panel.getByRole('textbox', { name: 'URL' }),
      'https://api.example.com/users',
    )
    await addHeader(ui, panel, 'X-Trace', 'on')
    await ui.user.click(panel.getByRole('radio', { name: 'JSON' }))
    setValue(panel.getByRole('textbox', { name: 'Body' }), `{"name": "Ada O'Neil"}`)

    await ui.user.click(panel.getByRole('button', { name: 'Copy as curl' }))
    expect(await panel.findByText('Copied')).toBeVisible()
    const copied = await navigator.clipboard.readText()
    expect(parseCurl(copied)).toMatchObject({ method: 'POST', body: `{"name": "Ada O'Neil"}` })

    // Change everything, then paste the command back.
    await ui.user.selectOptions(panel.getByRole('combobox', { name: 'Method' }), 'GET')
    await replaceText(ui, panel.getByRole('textbox', { name: 'URL' }), 'https://api.example.com/')
    await ui.user.click(panel.getByRole('button', { name: 'Remove header 1' }))
    await ui.user.click(panel.getByRole('radio', { name: 'None' }))

    await ui.user.click(panel.getByRole('button', { name: 'Paste curl' }))
    const box = panel.getByRole('textbox', { name: 'curl command' })
    expect(box).toHaveFocus()
    setValue(box, copied)
    await ui.user.click(panel.getByRole('button', { name: 'Fill in the fields' }))
    expect(panel.getByRole('combobox', { name: 'Method' })).toHaveValue('POST')
    expect(panel.getByRole('textbox', { name: 'URL' })).toHaveValue('https://api.example.com/users')
    expect(panel.getByRole('textbox', { name: 'Header 1 name' })).toHaveValue('X-Trace')
    expect(panel.getByRole('radio', { name: 'JSON' })).toBeChecked()
    expect(panel.getByRole('textbox', { name: 'Body' })).toHaveValue(`{"name": "Ada O'Neil"}`)
    expect(panel.getByText(/Filled in from the curl command/)).toBeInTheDocument()

    await ui.user.click(sendButton(panel))
    await waitFor(() => expect(transport.calls).toHaveLength(1))
    expect(transport.calls[0]!.request).toEqual(parseCurl(copied))
  })

  it('shows the command to copy by hand when the clipboard refuses', async () => {
    const { ui, panel } = await openComposer()
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'))
    await ui.user.click(panel.getByRole('button', { name: 'Copy as curl' }))
    const manual = await panel.findByRole('textbox', { name: 'curl command to copy' })
    expect(manual).toHaveValue('curl https://api.example.com/users/42')
    expect(manual).toHaveFocus()
    expect(selectedText(manual)).toBe('curl https://api.example.com/users/42')
    expect(description(manual)).toMatch(/press Ctrl\+C/)
    expect(panel.queryByText('Copied')).toBeNull()
  })

  it('says inline what it cannot read in a pasted command, and keeps the fields', async () => {
    const { ui, panel } = await openComposer()
    await ui.user.click(panel.getByRole('button', { name: 'Paste curl' }))
    const box = panel.getByRole('textbox', { name: 'curl command' })
    setValue(box, 'curl -X POST --frobnicate https://api.example.com/')
    await ui.user.click(panel.getByRole('button', { name: 'Fill in the fields' }))
    expect(box).toHaveAttribute('aria-invalid', 'true')
    expect(description(box)).toMatch(
      /Could not read this command: cannot parse option "--frobnicate"/,
    )
    expect(box).toHaveValue('curl -X POST --frobnicate https://api.example.com/')
    expect(panel.getByRole('combobox', { name: 'Method' })).toHaveValue('GET')
  })
})
