import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useStore } from '../../src/store'
import { HarImport } from '../../src/ui/har/HarImport'

const chrome = readFileSync(join(process.cwd(), 'tests/fixtures/har/chrome.har'), 'utf8')

/** The Chrome fixture with one change made to its parsed JSON. */
/** Parsed JSON, edited freely: the point is to break it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any shape, on purpose
type Json = Record<string, any>
const edit = (change: (har: { log: Json }) => void): string => {
  const har = JSON.parse(chrome) as { log: Json }
  change(har)
  return JSON.stringify(har)
}

/** Twenty malformed files, and what the message must name. */
const MALFORMED: readonly [string, string, RegExp][] = [
  ['empty', '', /The file is empty/],
  ['not JSON', 'hello', /This is not JSON/],
  ['HTML', '<!doctype html><p>login</p>', /not JSON.*looks like HTML/],
  ['truncated', chrome.slice(0, 900), /This is not JSON \(line \d+, column \d+\)/],
  ['an array', '[]', /not a HAR file: it is an array/],
  ['no log', '{"entries": []}', /no "log" object/],
  ['log a number', '{"log": 3}', /"log" is number 3, not an object/],
  ['no version', edit((h) => delete h.log.version), /log\.version is missing/],
  [
    'version 2.0',
    edit((h) => (h.log.version = '2.0')),
    /log\.version is the text "2\.0"; Roundtrip reads HAR 1\.1 and 1\.2/,
  ],
  ['version a number', edit((h) => (h.log.version = 1.2)), /log\.version is number 1\.2/],
  ['no entries field', edit((h) => delete h.log.entries), /log\.entries is missing/],
  ['no entries', edit((h) => (h.log.entries = [])), /has no entries/],
  [
    'entries an object',
    edit((h) => (h.log.entries = {})),
    /log\.entries is an object; HAR needs an array/,
  ],
  [
    'no startedDateTime',
    edit((h) => delete h.log.entries[4].startedDateTime),
    /log\.entries\[4\]\.startedDateTime is missing/,
  ],
  [
    'a bad date',
    edit((h) => (h.log.entries[1].startedDateTime = 'soon')),
    /log\.entries\[1\]\.startedDateTime is the text "soon": not a date/,
  ],
  ['no time', edit((h) => delete h.log.entries[0].time), /log\.entries\[0\]\.time is missing/],
  [
    'no request',
    edit((h) => delete h.log.entries[2].request),
    /log\.entries\[2\]\.request is missing/,
  ],
  [
    'no URL',
    edit((h) => delete h.log.entries[6].request.url),
    /log\.entries\[6\]\.request\.url is missing/,
  ],
  [
    'status as text',
    edit((h) => (h.log.entries[5].response.status = 'OK')),
    /log\.entries\[5\]\.response\.status is the text "OK"; HAR needs a number/,
  ],
  [
    'no wait',
    edit((h) => delete h.log.entries[3].timings.wait),
    /log\.entries\[3\]\.timings\.wait is missing: HAR needs a number of ms \(-1 means not applicable\)/,
  ],
  [
    'receive null',
    edit((h) => (h.log.entries[7].timings.receive = null)),
    /log\.entries\[7\]\.timings\.receive is null/,
  ],
  [
    'headers an object',
    edit((h) => (h.log.entries[0].request.headers = {})),
    /log\.entries\[0\]\.request\.headers is an object; HAR needs an array/,
  ],
]

const upload = async (text: string, name = 'bad.har') =>
  userEvent.upload(
    screen.getByLabelText('Import HAR'),
    new File([text], name, { type: 'application/json' }),
  )

describe('Import HAR', () => {
  it(`names what is wrong in each of ${MALFORMED.length} malformed files and keeps the open recording`, async () => {
    const traceBefore = useStore.getState().trace
    render(<HarImport />)
    await upload(chrome, 'chrome.har')
    const dialog = await screen.findByRole(
      'dialog',
      { name: 'Measured page load' },
      { timeout: 5000 },
    )
    const rows = () => dialog.querySelectorAll('.har-waterfall > tbody > tr')
    expect(rows()).toHaveLength(9)
    // Choose an entry, so "untouched" includes what is selected.
    await userEvent.click(within(dialog).getByRole('button', { name: 'app.css' }))
    const status = within(dialog).getByRole('status')
    expect(status).toHaveTextContent(/^Entry 3 of 9: GET app\.css/)

    for (const [what, text, message] of MALFORMED) {
      await upload(text, `${what}.har`)
      const alert = await within(dialog).findByRole('alert')
      await waitFor(() => expect(alert).toHaveTextContent(new RegExp(`^${what}\\.har: `)))
      expect(alert.textContent, what).toMatch(message)
      expect(rows(), what).toHaveLength(9)
      expect(status).toHaveTextContent(/^Entry 3 of 9: GET app\.css/)
    }
    // The single-request trace on the main view was never touched.
    expect(useStore.getState().trace).toBe(traceBefore)
  }, 40_000)

  it('says what is wrong beside the picker when nothing is open yet, then opens a good file', async () => {
    render(<HarImport />)
    await upload('{"log": {"version": "1.2", "entries": [{}]}}')
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'bad.har: log.entries[0].startedDateTime is missing',
    )
    expect(screen.queryByRole('dialog')).toBeNull()
    await upload(chrome, 'chrome.har')
    const dialog = await screen.findByRole(
      'dialog',
      { name: 'Measured page load' },
      { timeout: 5000 },
    )
    expect(within(dialog).getByRole('note', { name: 'Measured' })).toHaveTextContent(
      /nothing was sent anywhere/,
    )
    // Every masked secret can be shown again, and hidden again.
    await userEvent.keyboard('{ArrowRight}')
    await userEvent.click(within(dialog).getByRole('tab', { name: 'Inspector' }))
    const inspector = within(dialog).getByRole('region', { name: 'Inspector' })
    expect(inspector).toHaveTextContent('session=••••••; theme=••••••')
    await userEvent.click(within(dialog).getByRole('checkbox', { name: /Mask cookies/ }))
    expect(inspector).toHaveTextContent('session=8f14e45fceea167a5a36dedd4bea2543')
  })

  it("steps a real entry through the main view's panels, each marked Measured", async () => {
    render(<HarImport />)
    await upload(chrome, 'chrome.har')
    const dialog = await screen.findByRole(
      'dialog',
      { name: 'Measured page load' },
      { timeout: 5000 },
    )
    await userEvent.keyboard('{ArrowRight}')
    const status = within(dialog).getByRole('status')
    expect(status).toHaveTextContent(/^Entry 2 of 9: GET shop\.example\.test, 200.*\(measured\)$/)
    const tablist = within(dialog).getByRole('tablist', { name: 'Details' })
    expect(
      within(tablist)
        .getAllByRole('tab')
        .map((t) => t.textContent),
    ).toEqual(['Explain', 'Inspector', 'Timeline', 'Network'])
    // The tabs move with the arrow keys as the main view's do, without stepping the entry.
    within(tablist).getByRole('tab', { name: 'Explain' }).focus()
    for (const [name, heading] of [
      ['Inspector', /^Inspector Measured/],
      ['Timeline', /^Timeline Measured/],
      ['Network', /^Network Measured/],
    ] as const) {
      await userEvent.keyboard('{ArrowRight}')
      expect(within(tablist).getByRole('tab', { name, selected: true })).toHaveFocus()
      const region = within(dialog).getByRole('region', { name })
      expect(within(region).getAllByRole('heading', { level: 3 })[0]).toHaveTextContent(heading)
    }
    expect(status).toHaveTextContent(/^Entry 2 of 9/)
    // Network: the connection this request opened and the ones that reused it after.
    const network = within(dialog).getByRole('region', { name: 'Network' })
    expect(network).toHaveTextContent(/Connection\s*18240, opened by this request/)
    expect(
      within(network).getByRole('list', { name: /^Requests on connection 18240/ }),
    ).toBeTruthy()
    // Inspector: the main view's Structured and Raw views, on the file's own messages.
    await userEvent.click(within(tablist).getByRole('tab', { name: 'Inspector' }))
    const inspector = within(dialog).getByRole('region', { name: 'Inspector' })
    expect(within(inspector).getByTestId('start-line')).toHaveTextContent('GET / HTTP/2')
    await userEvent.click(within(inspector).getByRole('button', { name: 'Response' }))
    expect(within(inspector).getByTestId('start-line')).toHaveTextContent(/^HTTP\/2 200/)
    expect(inspector).toHaveTextContent(/Server-Timing.*proxy;dur=91\.2/)
    expect(inspector).toHaveTextContent('Sent by the server')
    // A step to another entry starts again on its request.
    await userEvent.click(within(dialog).getByRole('button', { name: 'app.css' }))
    expect(within(inspector).getByTestId('start-line')).toHaveTextContent('GET /static/app.css')
    // Explain at each depth, the priority at every one of them.
    await userEvent.click(within(tablist).getByRole('tab', { name: 'Explain' }))
    const explain = within(dialog).getByRole('region', { name: 'Explain' })
    for (const [depth, words] of [
      ['Simple', /marked it highest priority/],
      ['Standard', /Priority Highest \(the file writes VeryHigh\)/],
      ['Deep', /Priority Highest.*HTTP\/2/],
    ] as const) {
      await userEvent.click(within(explain).getByRole('radio', { name: depth }))
      expect(explain, depth).toHaveTextContent(words)
      for (const item of within(explain).getAllByRole('listitem'))
        expect(item.textContent, depth).toMatch(/^(Measured|Reported by the server|Model) /)
    }
  }, 20_000)

  it('imports HAR text pasted outside a field, and leaves other pastes alone', async () => {
    render(<HarImport />)
    const paste = (text: string) => {
      const event = new Event('paste', { bubbles: true, cancelable: true })
      Object.assign(event, { clipboardData: { getData: () => text } })
      document.body.dispatchEvent(event)
      return event
    }
    expect(paste('https://example.com/users/42').defaultPrevented).toBe(false)
    expect(paste('{"name": "Ada"}').defaultPrevented).toBe(false)
    expect(paste(chrome).defaultPrevented).toBe(true)
    const dialog = await screen.findByRole(
      'dialog',
      { name: 'Measured page load' },
      { timeout: 5000 },
    )
    expect(dialog).toHaveTextContent(/Pasted text: 9 requests/)
    cleanup()
    render(<HarImport />)
    // One entry copied out of a HAR file: read as a file of that one entry.
    const entry = JSON.stringify((JSON.parse(chrome) as Json).log.entries[6])
    expect(paste(entry).defaultPrevented).toBe(true)
    const one = await screen.findByRole('dialog', { name: 'Measured page load' }, { timeout: 5000 })
    expect(one).toHaveTextContent(/Pasted entry: 1 request recorded by a pasted entry/)
  })

  it('walks a real entry in the model: measured beside inferred, secrets still masked', async () => {
    render(<HarImport />)
    await upload(chrome, 'chrome.har')
    const dialog = await screen.findByRole(
      'dialog',
      { name: 'Measured page load' },
      { timeout: 5000 },
    )
    await userEvent.click(within(dialog).getByRole('button', { name: /^cart\?/ }))
    const model = within(dialog).getByRole('region', { name: 'In the model' })
    expect(model).toHaveTextContent(/Model \(inferred\)/)
    const table = within(model).getByRole('table', { name: 'Measured beside the model' })
    expect(within(table).getByRole('row', { name: /Waiting \(TTFB\) 41\.7 ms/ })).toBeTruthy()
    await userEvent.click(
      within(model).getByRole('button', { name: 'Walk it step by step in the model' }),
    )
    const { trace, traced, working } = useStore.getState()
    expect(trace?.events.length).toBeGreaterThan(0)
    expect(new URL(traced!.request.url).origin).toBe(new URL(working.request.url).origin)
    // The model's app has no /api/cart: the nearest scenario's own path, said in the notice.
    expect(traced!.request.url).not.toContain('/api/cart')
    expect(useStore.getState().scenarioNotice).toMatch(
      /Your path \/api\/cart\?session_token=masked&currency=EUR is no route of that app/,
    )
    expect(traced!.request.headers?.authorization).toBe('Bearer masked')
    expect(JSON.stringify(traced)).not.toContain('eyJhbGciOiJIUzI1NiJ9')
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('explains a curl command pasted on the page: yours, nothing measured, the rest inferred', async () => {
    const before = useStore.getState().working
    render(<HarImport />)
    const event = new Event('paste', { bubbles: true, cancelable: true })
    Object.assign(event, {
      clipboardData: {
        getData: () => "curl https://example.org/users/42 -H 'Accept: application/json'",
      },
    })
    document.body.dispatchEvent(event)
    expect(event.defaultPrevented).toBe(true)
    const dialog = await screen.findByRole('dialog', { name: 'Explain my request' })
    const field = within(dialog).getByRole('textbox', { name: /A curl command/ })
    expect(field).toHaveValue("curl https://example.org/users/42 -H 'Accept: application/json'")
    const result = within(dialog).getByRole('region', { name: 'Your request in the model' })
    expect(result).toHaveTextContent(/From your command GET \/users\/42, 1 header, no body\./)
    expect(result).toHaveTextContent(/Measured Nothing: a curl command records no times/)
    expect(result).toHaveTextContent(/Model \(inferred\) Nearest scenario: “/)
    const table = within(result).getByRole('table', { name: 'What the model infers' })
    expect(within(table).getByRole('row', { name: /^Status 200$/ })).toBeTruthy()

    // Not curl: the message names it, where it was typed, and the text stays.
    await userEvent.clear(field)
    await userEvent.type(field, 'wget https://example.org/users/42')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Explain' }))
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      /cannot be read as a curl command: expected the command to start with "curl", not "wget"/,
    )
    expect(field).toHaveValue('wget https://example.org/users/42')
    expect(field).toHaveAttribute('aria-invalid', 'true')
    expect(within(dialog).queryByRole('region', { name: 'Your request in the model' })).toBeNull()

    await userEvent.clear(field)
    await userEvent.type(field, "curl https://example.org/users/42 -H 'Accept: application/json'")
    await userEvent.click(within(dialog).getByRole('button', { name: 'Explain' }))
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Walk it step by step in the model' }),
    )
    const { trace, traced, working, scenarioNotice } = useStore.getState()
    expect(trace?.response?.status).toBe(200)
    // What the user was editing stays theirs: only the trace on screen and what made it change.
    expect(working).toBe(before)
    expect(traced?.request.url).toMatch(/\/users\/42$/)
    expect(traced?.request.headers?.accept).toBe('application/json')
    expect(scenarioNotice).toMatch(/the model's \(inferred\), not measured/)
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('opens "Explain my request" with the command the Request tab sends', async () => {
    render(<HarImport />)
    window.dispatchEvent(
      new CustomEvent('roundtrip:explain-request', {
        detail: `curl -X POST https://example.org/users --json '{"name":"Ada","email":"ada@example.com"}'`,
      }),
    )
    const dialog = await screen.findByRole('dialog', { name: 'Explain my request' })
    expect(
      within(dialog).getByRole('region', { name: 'Your request in the model' }),
    ).toHaveTextContent(/From your command POST \/users, \d+ headers, a body\./)
  })

  it('reads a HAR entry pasted into "Explain my request" as a one-entry recording', async () => {
    render(<HarImport />)
    window.dispatchEvent(new CustomEvent('roundtrip:explain-request', { detail: '' }))
    const dialog = await screen.findByRole('dialog', { name: 'Explain my request' })
    const entry = JSON.stringify((JSON.parse(chrome) as Json).log.entries[6])
    const field = within(dialog).getByRole('textbox', { name: /A curl command/ })
    await userEvent.click(field)
    await userEvent.paste(entry)
    await userEvent.click(within(dialog).getByRole('button', { name: 'Explain' }))
    const one = await screen.findByRole('dialog', { name: 'Measured page load' }, { timeout: 5000 })
    expect(one).toHaveTextContent(/Pasted entry: 1 request/)
  })
})
