import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// Chromium downloads the page's icon again after every address write (`history.replaceState`,
// link/sync.ts). An SVG icon is an SVG document each time, built and torn down on the main
// thread: 2 to 4 ms at 4× CPU throttling per write, measured in a trace. A PNG is decoded off
// it. The icon is a data URL because a file's request would pass through the mock service
// worker, which asks the page's main thread about every request.
const html = readFileSync(new URL('../../../index.html', import.meta.url), 'utf8')

describe("index.html's icon", () => {
  const icon = /<link\s+rel="icon"\s+type="([^"]+)"\s+href="([^"]+)"/.exec(html)

  it('is a PNG in a data URL', () => {
    expect(icon?.[1]).toBe('image/png')
    const href = icon?.[2] ?? ''
    expect(href.startsWith('data:image/png;base64,')).toBe(true)
    const bytes = Buffer.from(href.slice(href.indexOf(',') + 1), 'base64')
    // The PNG signature, then the header chunk with the image's size: 32 by 32.
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR')
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([32, 32])
  })

  it('is the only icon the page names', () => {
    expect(html.match(/rel="(?:shortcut )?icon"/g)).toHaveLength(1)
  })
})
