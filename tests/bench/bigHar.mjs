// A large, realistic HAR for benchmarks: `entries` requests of a busy page (h2, a few
// connections, Server-Timing on the API calls), padded with response bodies to about `bytes`.
export const bigHar = (entries = 2000, bytes = 10_000_000) => {
  const start = Date.parse('2024-11-05T09:30:00.000Z')
  const body = 'x'.repeat(Math.max(0, Math.floor(bytes / entries) - 1180))
  const list = []
  for (let i = 0; i < entries; i++) {
    const api = i % 10 === 0
    const timings = {
      blocked: (i % 7) * 0.3,
      dns: i < 6 ? 12.5 : -1,
      connect: i < 6 ? 40.2 : -1,
      ssl: i < 6 ? 25.1 : -1,
      send: 0.2,
      wait: 20 + (i % 13),
      receive: 1 + (i % 5),
    }
    const time = ['blocked', 'dns', 'connect', 'send', 'wait', 'receive']
      .map((k) => timings[k])
      .filter((x) => x >= 0)
      .reduce((a, b) => a + b, 0)
    list.push({
      startedDateTime: new Date(start + i * 3).toISOString(),
      time,
      request: {
        method: 'GET',
        url: `https://shop.example.test/${api ? 'api/items' : 'static/img'}/${i}?v=${i % 17}`,
        httpVersion: 'h2',
        headers: [
          { name: ':authority', value: 'shop.example.test' },
          { name: ':method', value: 'GET' },
          { name: ':path', value: `/static/img/${i}` },
          { name: 'accept', value: api ? 'application/json' : 'image/avif,image/webp,*/*' },
          { name: 'user-agent', value: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0' },
          { name: 'cookie', value: `session=${i.toString(16).padStart(32, '0')}; theme=dark` },
        ],
        queryString: [{ name: 'v', value: String(i % 17) }],
        cookies: [{ name: 'session', value: i.toString(16) }],
        headersSize: -1,
        bodySize: 0,
      },
      response: {
        status: 200,
        statusText: '',
        httpVersion: 'h2',
        headers: [
          { name: 'content-type', value: api ? 'application/json' : 'image/webp' },
          { name: 'cache-control', value: 'max-age=3600' },
          ...(api ? [{ name: 'server-timing', value: 'proxy;dur=18, app;dur=15, db;dur=6' }] : []),
        ],
        cookies: [],
        content: {
          size: body.length,
          mimeType: api ? 'application/json' : 'text/plain',
          text: body,
        },
        redirectURL: '',
        headersSize: -1,
        bodySize: body.length,
        _transferSize: body.length + 200,
      },
      cache: {},
      timings,
      serverIPAddress: '203.0.113.10',
      connection: String(1000 + (i % 6)),
      _initiator: { type: 'parser', url: 'https://shop.example.test/' },
      _priority: 'Low',
      _resourceType: api ? 'fetch' : 'image',
    })
  }
  return JSON.stringify({
    log: {
      version: '1.2',
      creator: { name: 'WebInspector', version: '537.36' },
      pages: [
        {
          startedDateTime: new Date(start).toISOString(),
          id: 'page_1',
          title: 'https://shop.example.test/',
          pageTimings: { onContentLoad: 900, onLoad: 6200 },
        },
      ],
      entries: list,
    },
  })
}
