// A recorded entry in the main Inspector's shape: the file's own messages, nothing simulated.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { MeasuredPage } from '../../../src/har'
import { importHar } from '../../../src/har'
import { measuredInspectorView } from '../../../src/ui/har/inspect'
import { fixture } from './fixtures'

const load = (name: Parameters<typeof fixture>[0]): MeasuredPage => {
  const result = importHar(fixture(name))
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

describe("a recorded entry in the Inspector's shape", () => {
  const chrome = load('chrome')

  it("shows the file's request first, then its response, headers as the file wrote them", () => {
    const doc = chrome.entries[1]!
    const request = measuredInspectorView(doc, null)
    expect(request.shown.kind).toBe('request')
    expect(request.available).toEqual(['request', 'response'])
    expect(request.diff).toBeNull()
    if (request.shown.kind !== 'request') return
    expect(request.shown.message).toMatchObject({
      method: 'GET',
      host: 'shop.example.test',
      path: '/',
      httpVersion: 'HTTP/2',
    })
    // Every header the file has, lower-case, in its order; every one "sent by the browser".
    expect(Object.keys(request.shown.message.headers)).toEqual(
      doc.request.headers.map((h) => h.name.toLowerCase()),
    )
    expect(Object.values(request.origins).map((o) => o.setBy.who)).toEqual(
      doc.request.headers.map(() => 'Sent by the browser'),
    )
    const response = measuredInspectorView(doc, 'response')
    expect(response.shown.kind).toBe('response')
    if (response.shown.kind !== 'response') return
    expect(response.shown.message.status).toBe(200)
    expect(response.shown.message.headers['server-timing']).toMatch(/^proxy;dur=91\.2/)
    expect(response.shown.message.body).toBe(doc.response.content.text ?? '')
  })

  it('a failed request has no response to show; a binary body is not shown as text', () => {
    const failed = chrome.entries.find((e) => e.status === null)!
    const view = measuredInspectorView(failed, 'response')
    expect(view.available).toEqual(['request'])
    expect(view.shown.kind).toBe('request')
    const image = { ...chrome.entries[1]!, response: { ...chrome.entries[1]!.response } }
    image.response = {
      ...image.response,
      content: { size: 4, mimeType: 'image/png', text: 'iVBO', encoding: 'base64' },
    }
    const shown = measuredInspectorView(image, 'response').shown
    expect(shown.kind === 'response' && shown.message.body).toBe('')
  })

  it('joins repeated headers, Set-Cookie line by line', () => {
    const e = chrome.entries[1]!
    const twice = {
      ...e,
      response: {
        ...e.response,
        headers: [
          { name: 'Set-Cookie', value: 'a=1' },
          { name: 'set-cookie', value: 'b=2' },
          { name: 'Vary', value: 'Accept' },
          { name: 'Vary', value: 'Cookie' },
        ],
      },
    }
    const shown = measuredInspectorView(twice, 'response').shown
    expect(shown.message.headers).toEqual({ 'set-cookie': 'a=1\nb=2', vary: 'Accept, Cookie' })
  })

  it("writes HTTP/2's pseudo-headers as HTTP/1.1 text would, for the Raw view", () => {
    const raw = importHar(
      readFileSync(
        fileURLToPath(
          new URL('../../fixtures/har/nginx-gunicorn-h2.recorded.har', import.meta.url),
        ),
        'utf8',
      ),
    )
    if (!raw.ok) throw new Error(raw.error.message)
    const doc = raw.value.entries.find((e) => e.status === 200)!
    const structured = measuredInspectorView(doc, null).shown.message.headers
    expect(structured[':authority']).toBe('roundtrip.test:8443')
    const text = measuredInspectorView(doc, null, true).shown.message.headers
    expect(Object.keys(text).filter((n) => n.startsWith(':'))).toEqual([])
    expect(text.host).toBe('roundtrip.test:8443')
    expect(Object.keys(text)[0]).toBe('host')
  })
})
