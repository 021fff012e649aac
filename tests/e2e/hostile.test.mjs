// End-to-end hostile pass (issue 16): seeded hostile postMessage commands to a framed widget from
// its host and from a third origin, hostile links, corrupted storage, and XSS payloads in every
// user string of an app through every view. Bounded: a few hundred messages, well under 90 s.
//
// Asserts everywhere: no alert/confirm/prompt, no element or handler a payload injected (payloads
// set `window.__pwned` or add `[data-pwned]`), no uncaught error, the Send/Start button still
// works, and commands from a third origin change nothing. Prints
// `hostile: N messages, M links, K storage values, P views`. FUZZ_SEED changes the messages.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { deflateRawSync } from 'node:zlib'
import { runnerImport } from 'vite'
import { SUB_PATH, distDir, launchBrowser } from './browser.mjs'
import { serveStatic } from './server.mjs'

const SEED = Number(process.env.FUZZ_SEED ?? 162024)
const HOST_MESSAGES = 240
const THIRD_MESSAGES = 100
const counts = { messages: 0, links: 0, storage: 0, views: 0 }

/** A small seeded PRNG (mulberry32): the same seed sends the same messages. */
const rng = (seed) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// ─── payloads ──────────────────────────────────────────────────────────────────────────────────

/** Each payload, if it ever runs or becomes markup, sets `window.__pwned` or adds `[data-pwned]`. */
const PAYLOADS = [
  `<img src=x onerror="window.__pwned='img';document.documentElement.setAttribute('data-pwned','img')">`,
  `"><svg onload="window.__pwned='svg'"><b data-pwned="svg">`,
  `javascript:window.__pwned='js'//`,
  `</script><script>window.__pwned='script'</script><i data-pwned="script">`,
  `'><img src=x onerror=alert('xss') data-pwned=alert>`,
  `</textarea></title></style><img src=x onerror="window.__pwned='close'" data-pwned=close>`,
]

/** Runs in every frame before its scripts: records errors the page does not catch. */
const TRAP = () => {
  window.__errors = []
  addEventListener('error', (e) => window.__errors.push(String(e.message)))
  addEventListener('unhandledrejection', (e) =>
    window.__errors.push(`unhandled rejection: ${String(e.reason?.message ?? e.reason)}`),
  )
}

/** What a payload did to a document: its flag, its elements, inline handlers, script URLs. */
const SCAN = () => {
  const found = []
  if (window.__pwned !== undefined) found.push(`window.__pwned = ${String(window.__pwned)}`)
  for (const el of document.querySelectorAll('[data-pwned]'))
    found.push(`injected ${el.outerHTML.slice(0, 120)}`)
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) found.push(`<${el.localName} ${a.name}="${a.value.slice(0, 60)}">`)
      if (
        /^(href|src|action|formaction|xlink:href)$/i.test(a.name) &&
        /^\s*javascript:/i.test(a.value)
      )
        found.push(`<${el.localName} ${a.name}="${a.value.slice(0, 60)}">`)
    }
  }
  return { found, errors: window.__errors ?? [] }
}

// ─── servers, browser, pages ───────────────────────────────────────────────────────────────────

/** @type {Awaited<ReturnType<typeof serveStatic>>} */ let site
/** @type {Awaited<ReturnType<typeof serveStatic>>} */ let host
/** @type {Awaited<ReturnType<typeof serveStatic>>} */ let third
/** @type {import('playwright-core').Browser} */ let browser
let hash // { encodeState, ... } from src/link/hash.ts
let engine // src/engine

/** Reads `JSON` text made by `wire()`: NaN, ±Infinity, absent values and huge strings come back. */
const REVIVER = `(k, v) => v === '@@NaN' ? NaN : v === '@@Inf' ? Infinity : v === '@@-Inf' ? -Infinity
  : v === '@@undefined' ? undefined : typeof v === 'string' && v.startsWith('@@huge:') ? 'x'.repeat(+v.slice(7)) : v`

const page = (body) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course page</title></head>
  <body style="margin:0;padding:8px;font-family:sans-serif">${body}</body></html>`

before(async () => {
  const load = async (path) =>
    (
      await runnerImport(fileURLToPath(new URL(path, import.meta.url)), {
        configFile: false,
        logLevel: 'silent',
      })
    ).module
  ;[hash, engine] = await Promise.all([
    load('../../src/link/hash.ts'),
    load('../../src/engine/index.ts'),
  ])
  site = await serveStatic({ root: distDir, base: SUB_PATH })
  third = await serveStatic({
    root: distDir,
    base: '/nothing/',
    pages: {
      // A sibling frame of the widget, on a third origin: it tries to drive the widget, and
      // records anything the widget sends it.
      '/intruder.html': page(`<script>
        window.received = 0
        addEventListener('message', () => window.received++)
        const reviver = ${REVIVER}
        window.fire = (texts) => {
          for (const text of texts) parent.frames[0].postMessage(JSON.parse(text, reviver), '*')
          return texts.length
        }
      </script>`),
    },
  })
  // The host page names its own origin in parent=, known once it is served: pages are read per request.
  const pages = {}
  host = await serveStatic({ root: distDir, base: '/nothing/', pages })
  pages['/host.html'] = page(`
    <iframe id="w" title="Roundtrip" style="width:760px;height:520px;border:0"
      src="${site.url}embed.html#scenario=unauthorized&parent=${encodeURIComponent(host.origin)}"></iframe>
    <iframe id="x" title="Other content" style="width:200px;height:40px" src="${third.origin}/intruder.html"></iframe>
    <script>
      window.events = []
      const frame = () => document.getElementById('w')
      addEventListener('message', (e) => {
        if (e.source === frame().contentWindow) window.events.push({ origin: e.origin, data: e.data })
      })
      const reviver = ${REVIVER}
      window.post = (texts) => {
        for (const text of texts) frame().contentWindow.postMessage(JSON.parse(text, reviver), ${JSON.stringify(site.origin)})
        return texts.length
      }
    </script>`)
  browser = await launchBrowser()
})

after(async () => {
  console.log(
    `hostile: ${counts.messages} messages, ${counts.links} links, ${counts.storage} storage values, ${counts.views} views`,
  )
  await browser?.close()
  await Promise.all([site?.close(), host?.close(), third?.close()])
})

/** A context whose every frame records its uncaught errors; dialogs are recorded and dismissed. */
const openContext = async (viewport = { width: 1280, height: 800 }) => {
  const context = await browser.newContext({ viewport, acceptDownloads: true })
  await context.addInitScript(TRAP)
  const problems = { errors: [], dialogs: [] }
  context.on('page', (p) => watch(p, problems))
  return { context, problems }
}

const watch = (p, problems) => {
  p.on('pageerror', (error) => problems.errors.push(`pageerror: ${error.message}`))
  p.on('dialog', (dialog) => {
    problems.dialogs.push(`${dialog.type()}: ${dialog.message()}`)
    void dialog.dismiss().catch(() => {})
  })
}

/**
 * Scans every frame of `p`; fails with what was found, naming `where`. A frame sandboxed without
 * scripts (the inspector's preview of an HTML body) shows markup on purpose: there the check is
 * that it stays sandboxed, scripts off and origin opaque.
 */
const expectClean = async (p, problems, where) => {
  counts.views += 1
  const found = []
  for (const frame of p.frames()) {
    try {
      const element = frame === p.mainFrame() ? null : await frame.frameElement()
      const sandbox = element && (await element.getAttribute('sandbox'))
      if (sandbox !== null && sandbox !== undefined) {
        if (/allow-scripts|allow-same-origin|allow-top-navigation|allow-popups/.test(sandbox))
          found.push(`${frame.url().slice(0, 60)}: a preview frame with sandbox="${sandbox}"`)
        continue
      }
      const { found: f, errors } = await frame.evaluate(SCAN)
      found.push(...f.map((x) => `${frame.url().slice(0, 60)}: ${x}`))
      found.push(...errors.map((x) => `${frame.url().slice(0, 60)}: error: ${x}`))
    } catch (error) {
      // A child frame replaced while being read (a preview re-rendered): nothing to scan.
      if (frame === p.mainFrame() || !/detached|destroyed|navigat|closed/i.test(String(error)))
        throw error
    }
  }
  assert.deepEqual(found, [], `${where}: a payload took effect or an error escaped`)
  assert.deepEqual(problems.dialogs, [], `${where}: a dialog opened`)
  assert.deepEqual(problems.errors, [], `${where}: an uncaught error`)
}

const statusLine = (scope) => scope.getByRole('status').filter({ hasText: /^Step \d+ of \d+/ })

/** The full app answers: Send request starts a journey at step 1. */
const expectSendWorks = async (p, where) => {
  await p.getByRole('button', { name: 'Send request' }).first().click({ timeout: 15_000 })
  await statusLine(p)
    .filter({ hasText: /^Step 1 of/ })
    .first()
    .waitFor({ timeout: 15_000 })
  assert.ok(true, where)
}

/** The widget answers: Start starts a journey. */
const expectStartWorks = async (scope) => {
  await scope.getByRole('button', { name: /^Start: / }).click({ timeout: 15_000 })
  await statusLine(scope).first().waitFor({ timeout: 15_000 })
}

// ─── the app whose every user string carries a payload ─────────────────────────────────────────

/** How a journey ends: its status or network error, and how many steps it takes. */
const outcome = (scenario, request) => {
  const trace = engine.simulate({ scenario, request, seed: 1 })
  return `${trace.response?.status ?? trace.error?.code} in ${trace.events.length}`
}

/**
 * `base` with a payload in every string that can carry one without changing where the journey
 * goes (tried leaf by leaf: the schema must read it and the request must end as before), so the
 * payloads travel the whole way, through the handler, into step titles, bodies and exports.
 */
const xssApp = (base, request) => {
  const app = structuredClone(base)
  const ends = outcome(base, request)
  let k = 0
  let carried = 0
  const keeps = () => {
    try {
      return outcome(engine.parseScenario(JSON.parse(JSON.stringify(app))), request) === ends
    } catch {
      return false
    }
  }
  const walk = (node) => {
    for (const key of Object.keys(node)) {
      const value = node[key]
      if (value && typeof value === 'object') walk(value)
      else if (typeof value === 'string') {
        const payload = PAYLOADS[k++ % PAYLOADS.length]
        for (const candidate of [`${value} ${payload}`, payload, `${value}${payload}`]) {
          node[key] = candidate
          if (keeps()) {
            carried++
            break
          }
          node[key] = value
        }
      }
    }
  }
  walk(app)
  return { app: engine.parseScenario(app), carried }
}

/** `base` with payloads in its URL's query, two headers and (where it has one) its body. */
const xssRequest = (scenario, base) => {
  let request = engine.parseRequestSpec(base)
  const ends = outcome(scenario, request)
  const query = PAYLOADS.map((p, i) => `p${i}=${encodeURIComponent(p)}`).join('&')
  const edits = [
    (r) => ({ ...r, url: `${r.url}${r.url.includes('?') ? '&' : '?'}${query}` }),
    (r) => ({ ...r, headers: { ...r.headers, 'x-note': PAYLOADS[3], 'x-other': PAYLOADS[4] } }),
    (r) => (['POST', 'PUT', 'PATCH'].includes(r.method) ? { ...r, body: PAYLOADS.join('\n') } : r),
  ]
  for (const edit of edits) {
    try {
      const next = engine.parseRequestSpec(edit(request))
      if (outcome(scenario, next) === ends) request = next
    } catch {
      // refused by the schema: that part stays as it was
    }
  }
  return request
}

/**
 * Two apps with payloads everywhere, from the curated scenarios that answer 2xx: those whose
 * payloads reach the most step titles (what the narration, timeline and exports print).
 */
const xssStates = () =>
  engine.scenarios
    .filter((c) => {
      const trace = engine.simulate({ scenario: c.scenario, request: c.request, seed: 1 })
      return (trace.response?.status ?? 0) < 300
    })
    .sort((a, b) => JSON.stringify(b.scenario).length - JSON.stringify(a.scenario).length)
    .slice(0, 5)
    .map((curated) => {
      const request = xssRequest(curated.scenario, curated.request)
      const { app, carried } = xssApp(curated.scenario, request)
      const trace = engine.simulate({ scenario: app, request, seed: 1 })
      const titles = trace.events.filter((e) => e.title.includes('pwned')).length
      return { scenarioId: curated.id, scenario: app, request, carried, titles }
    })
    .sort((a, b) => b.titles - a.titles)
    .slice(0, 2)

/** The link state of an XSS app (without its count). */
const linkOf = ({ carried: _carried, titles: _titles, ...state }) => state

// ─── hostile messages ──────────────────────────────────────────────────────────────────────────

/** JSON text that `REVIVER` reads back with NaN, Infinity, absent values and huge strings. */
const wire = (value) =>
  JSON.stringify(value, (_k, v) =>
    typeof v === 'number' && !Number.isFinite(v)
      ? Number.isNaN(v)
        ? '@@NaN'
        : v > 0
          ? '@@Inf'
          : '@@-Inf'
      : v === undefined
        ? '@@undefined'
        : v,
  )

/** Splices own `__proto__` / `constructor.prototype` keys into JSON text (JSON.parse keeps them). */
const POLLUTE = [
  '"__proto__":{"polluted":true,"isAdmin":true}',
  '"constructor":{"prototype":{"polluted":true}}',
]
const polluted = (text, pick) =>
  text.startsWith('{') && text.length > 2 ? `{${POLLUTE[pick % 2]},${text.slice(1)}` : text

const hostileMessages = (random, count, { xss, idPrefix }) => {
  const int = (n) => Math.floor(random() * n)
  const pick = (list) => list[int(list.length)]
  const numbers = [
    NaN,
    -1,
    0,
    1,
    2,
    3,
    1.5,
    -0,
    1e308,
    -1e308,
    Infinity,
    -Infinity,
    2 ** 53,
    2 ** 53 + 2,
    99999999,
    '3',
    null,
    [],
    {},
  ]
  const curated = engine.scenarios.map((s) => s.id)
  const hostileApps = () =>
    pick([
      { version: 2 },
      { version: 1 },
      { version: 1, framework: 'flask', routes: 'x' },
      'not json {',
      '{"version":1',
      JSON.stringify(xss[0].scenario),
      xss[int(xss.length)].scenario,
      { ...xss[0].scenario, routes: [{ pattern: PAYLOADS[0] }] },
      { ...xss[0].scenario, middleware: [{ kind: PAYLOADS[1] }] },
      '@@huge:300000',
      null,
      [],
      PAYLOADS[int(PAYLOADS.length)],
    ])
  const payloadFor = (name) => {
    switch (name) {
      case 'goTo':
        return pick([
          { step: pick(numbers) },
          { step: pick(numbers), extra: PAYLOADS[0] },
          undefined,
          'x',
          [4],
        ])
      case 'step':
        return pick([{ by: pick(numbers) }, {}, undefined, { by: '@@huge:1000' }])
      case 'load':
        return pick([
          {
            scenario: pick([
              ...curated,
              PAYLOADS[int(PAYLOADS.length)],
              '__proto__',
              'constructor',
              '',
              42,
            ]),
          },
          { app: hostileApps() },
          {
            app: hostileApps(),
            request: pick([
              xss[0].request,
              { method: 'GET', url: 'javascript:alert(1)' },
              { method: PAYLOADS[0], url: 'https://a.example/' },
              { method: 'GET', url: 'https://api.example.com/', headers: { [PAYLOADS[0]]: 'x' } },
              '@@huge:200000',
            ]),
          },
          { scenario: 'get-user', app: xss[0].scenario },
          { scenario: 'get-user', request: xss[0].request },
          {},
        ])
      default:
        return pick([undefined, {}, { x: PAYLOADS[int(PAYLOADS.length)] }, '@@huge:2000000'])
    }
  }
  const messages = []
  for (let i = 0; i < count; i++) {
    const kind = int(10)
    const name =
      kind < 7
        ? pick(['play', 'pause', 'step', 'goTo', 'load', 'getState'])
        : pick([
            '__proto__',
            'constructor',
            'toString',
            'eval',
            'ready',
            'state',
            'PLAY',
            '',
            PAYLOADS[int(PAYLOADS.length)],
          ])
    const envelope = {
      ns: int(12) === 0 ? pick(['Roundtrip', 'roundtrip-present', '', null]) : 'roundtrip',
      v: int(8) === 0 ? pick([0, 2, '1', NaN, null, 1.5]) : 1,
      kind: int(12) === 0 ? pick(['evt', 'CMD', '', 0]) : 'cmd',
      name,
      ...(int(3) === 0
        ? { id: pick([`${idPrefix}${i}`, i, NaN, Infinity, '@@huge:300', { a: 1 }, PAYLOADS[0]]) }
        : {}),
      payload: payloadFor(name),
    }
    let text = wire(envelope)
    if (int(6) === 0) text = polluted(text, int(2))
    if (int(20) === 0)
      text = wire(
        pick([
          'slide:stop',
          'slide:start',
          '{"namespace":"reveal","eventName":"slidechanged"}',
          PAYLOADS[0],
          42,
          null,
          [1, 2],
          { ns: 'roundtrip' },
          '@@huge:1000000',
        ]),
      )
    messages.push(text)
  }
  return messages
}

// ─── the tests ─────────────────────────────────────────────────────────────────────────────────

describe('hostile input', () => {
  let xss
  before(() => {
    xss = xssStates()
    for (const s of xss) {
      assert.ok(s.carried >= 10, `${s.scenarioId}: payloads in ${s.carried} strings`)
      console.log(
        `hostile: ${s.scenarioId} carries payloads in ${s.carried} strings, ${s.titles} step titles`,
      )
    }
  })

  it('postMessage: hostile commands from the host, then any command from a third origin, change nothing they may not', async () => {
    const { context, problems } = await openContext({ width: 1000, height: 700 })
    const p = await context.newPage()
    await p.goto(`${host.origin}/host.html`)
    const waitEvent = (name, id) =>
      p
        .waitForFunction(
          ([name, id]) =>
            window.events.find(
              (e) =>
                e.data?.ns === 'roundtrip' &&
                e.data.name === name &&
                (id === null || e.data.id === id),
            )?.data,
          [name, id ?? null],
          { timeout: 20_000 },
        )
        .then((h) => h.jsonValue())
    await waitEvent('ready')
    const widget = p.frameLocator('#w')
    const sync = async (id) => {
      await p.evaluate(
        (texts) => window.post(texts),
        [wire({ ns: 'roundtrip', v: 1, kind: 'cmd', name: 'getState', id })],
      )
      return (await waitEvent('state', id)).payload
    }

    // From the allowed host: answered (state or error) or ignored, never a crash or an injection.
    const random = rng(SEED)
    const fromHost = hostileMessages(random, HOST_MESSAGES, { xss, idPrefix: 'host-' })
    for (let i = 0; i < fromHost.length; i += 20) {
      counts.messages += await p.evaluate((texts) => window.post(texts), fromHost.slice(i, i + 20))
      await sync(`sync-${i}`)
    }
    await expectClean(p, problems, 'after hostile commands from the host')
    const answers = await p.evaluate(() =>
      window.events.reduce((n, e) => ({ ...n, [e.data?.name]: (n[e.data?.name] ?? 0) + 1 }), {}),
    )
    assert.ok(answers.error > 0 && answers.state > fromHost.length / 20, JSON.stringify(answers))

    // A known moment, then the third origin's barrage, valid commands included.
    let state = await p.evaluate(
      (texts) => window.post(texts),
      [
        wire({
          ns: 'roundtrip',
          v: 1,
          kind: 'cmd',
          name: 'load',
          id: 'base',
          payload: { scenario: 'not-found' },
        }),
      ],
    )
    assert.equal(state, 1)
    state = (await waitEvent('state', 'base')).payload
    assert.equal(state.scenario, 'not-found')
    await p.evaluate(
      (texts) => window.post(texts),
      [wire({ ns: 'roundtrip', v: 1, kind: 'cmd', name: 'goTo', id: 'at3', payload: { step: 3 } })],
    )
    const before = (await waitEvent('state', 'at3')).payload
    assert.equal(before.step, 3)

    const intruder = p.frames().find((f) => f.url().startsWith(third.origin))
    assert.ok(intruder, 'the third-origin frame loaded')
    const valid = [
      { name: 'play' },
      { name: 'goTo', payload: { step: 6 } },
      { name: 'load', payload: { scenario: 'get-user' } },
      { name: 'load', payload: { app: xss[0].scenario } },
      { name: 'step', payload: { by: 2 } },
    ].map((c, i) => wire({ ns: 'roundtrip', v: 1, kind: 'cmd', id: `evil-v${i}`, ...c }))
    const fromThird = [
      ...valid,
      ...hostileMessages(rng(SEED + 1), THIRD_MESSAGES - valid.length, { xss, idPrefix: 'evil-' }),
    ]
    counts.messages += await intruder.evaluate((texts) => window.fire(texts), fromThird)
    await p.waitForTimeout(800)
    const afterThird = await sync('after-third')
    for (const key of ['scenario', 'step', 'total', 'status', 'playing', 'started'])
      assert.deepEqual(afterThird[key], before[key], `${key} unchanged by the third origin`)
    assert.equal(
      afterThird.ignored.origin - before.ignored.origin,
      fromThird.length,
      'every third-origin message ignored as such',
    )
    assert.equal(
      await intruder.evaluate(() => window.received),
      0,
      'nothing was sent to the third origin',
    )
    const answeredEvil = await p.evaluate(
      () => window.events.filter((e) => String(e.data?.id).startsWith('evil-')).length,
    )
    assert.equal(answeredEvil, 0, 'no answer to the intruder’s ids')
    assert.deepEqual(await p.evaluate(() => [...new Set(window.events.map((e) => e.origin))]), [
      site.origin,
    ])
    await widget
      .getByRole('status')
      .filter({ hasText: /^Step 3 of/ })
      .waitFor()

    // Still obeys its host, and its own buttons still work.
    await p.evaluate(
      (texts) => window.post(texts),
      [wire({ ns: 'roundtrip', v: 1, kind: 'cmd', name: 'step', id: 'fine', payload: { by: 1 } })],
    )
    assert.equal((await waitEvent('state', 'fine')).payload.step, 4)
    await widget.getByRole('button', { name: 'Step forward' }).click()
    await widget
      .getByRole('status')
      .filter({ hasText: /^Step 5 of/ })
      .waitFor()
    await expectClean(p, problems, 'after the third origin')
    await context.close()
  })

  it('hostile links open the default or what could be read, and Send/Start still work', async () => {
    const [app] = xss
    const good = hash.encodeState({
      scenarioId: app.scenarioId,
      scenario: app.scenario,
      request: app.request,
      step: 3,
    })
    const appValue = new URLSearchParams(good).get('app')
    const flipped =
      appValue.slice(0, 40) + String.fromCharCode(appValue.charCodeAt(40) ^ 4) + appValue.slice(41)
    const bomb = `1.${Buffer.from(deflateRawSync(Buffer.alloc(64 << 20), { level: 9 })).toString('base64url')}`
    const everyKey = [...Object.keys(hash.KEYS), 'utm_source', PAYLOADS[2]]
      .map(
        (key, i) =>
          `${encodeURIComponent(key)}=${encodeURIComponent(PAYLOADS[i % PAYLOADS.length])}`,
      )
      .join('&')
    const links = {
      'XSS in every key': everyKey,
      'raw markup in keys': `scenario=${PAYLOADS[1]}&${PAYLOADS[0]}=${PAYLOADS[3]}&lesson=${PAYLOADS[4]}`,
      'huge (390,000 characters, 64 keys read)': `scenario=not-found${'&k'.repeat(195_000)}`,
      'too long (420,000 characters)': `app=${'A'.repeat(420_000)}`,
      'truncated app': `scenario=${app.scenarioId}&app=${appValue.slice(0, Math.floor(appValue.length / 2))}`,
      'bit-flipped app': `scenario=${app.scenarioId}&app=${flipped}`,
      'DEFLATE bomb (64 MB of zeros)': `app=${bomb}&step=2`,
    }
    const EMBED_TOO = new Set([
      'XSS in every key',
      'bit-flipped app',
      'DEFLATE bomb (64 MB of zeros)',
      'huge (390,000 characters, 64 keys read)',
    ])
    const { context, problems } = await openContext()
    for (const [name, link] of Object.entries(links)) {
      for (const pageName of EMBED_TOO.has(name) ? ['index.html', 'embed.html'] : ['index.html']) {
        const p = await context.newPage()
        await p.goto(`${site.url}${pageName}#${link}`)
        counts.links += 1
        if (pageName === 'index.html') await expectSendWorks(p, name)
        else await expectStartWorks(p)
        await expectClean(p, problems, `${pageName}: ${name}`)
        await p.close()
      }
    }
    await context.close()
  })

  it('corrupted storage (saved app, lesson scores, msw cookies) never breaks a reload', async () => {
    const [app] = xss
    const saved = (value) => JSON.stringify(value)
    const valid = {
      version: 1,
      scenario: app.scenario,
      request: app.request,
      baseId: app.scenarioId,
    }
    const values = {
      'roundtrip.app.v1': [
        'not json {',
        'null',
        saved({ version: 2, scenario: {} }),
        `{"__proto__":{"polluted":true},"version":1,"scenario":{"constructor":{"prototype":{"polluted":true}}},"request":{}}`,
        saved(valid).slice(0, 500),
        saved({ ...valid, baseId: PAYLOADS[0] }),
        'x'.repeat(1_000_000),
      ],
      'roundtrip:lesson-scores': [
        'not json',
        saved({ version: 1, scores: [] }),
        `{"version":1,"scores":{"__proto__":{"correct":1,"total":1}}}`,
        saved({ version: 1, scores: { [PAYLOADS[0]]: { correct: PAYLOADS[1], total: -1 } } }),
      ],
      '__msw-cookie-store__': [
        '{}',
        '42',
        'not json',
        '[1]',
        '[["a"]]',
        '"str"',
        saved([[PAYLOADS[0], { value: PAYLOADS[1] }]]),
      ],
    }
    const { context, problems } = await openContext()
    const p = await context.newPage()
    await p.goto(`${site.url}index.html`)
    await expectSendWorks(p, 'before')
    for (const [key, list] of Object.entries(values)) {
      for (const value of list) {
        await p.evaluate(
          ([k, v]) => {
            localStorage.clear()
            localStorage.setItem(k, v)
          },
          [key, value],
        )
        counts.storage += 1
        await p.reload()
        const where = `${key} = ${JSON.stringify(value.slice(0, 60))}`
        await expectSendWorks(p, where)
        await expectClean(p, problems, where)
        assert.equal(await p.evaluate(() => ({}).polluted), undefined, where)
      }
    }
    await context.close()
  })

  it('an app with a payload in every user string, through every view, export and dialog', async () => {
    const { context, problems } = await openContext()
    const p = await context.newPage()
    let shownAsText = 0
    // The detector itself: raw payloads in a page are caught, dialogs included.
    const control = await openContext()
    const raw = await control.context.newPage()
    await raw.route('http://control.test/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: page(PAYLOADS.join('\n')) }),
    )
    await raw.goto('http://control.test/')
    await raw.waitForFunction(() => window.__pwned !== undefined)
    await assert.rejects(expectClean(raw, control.problems, 'control'), /payload took effect/)
    assert.ok(control.problems.dialogs.length > 0, 'the alert payload was seen')
    await control.context.close()
    counts.views -= 1

    for (const [n, state] of xss.entries()) {
      await p.goto(`${site.url}index.html#${hash.encodeState(linkOf(state))}`)
      // Go somewhere else first: a hash-only change would not reload.
      await p.reload()
      await expectSendWorks(p, `${state.scenarioId}: send`)
      await expectClean(p, problems, `${state.scenarioId}: journey`)
      const total = Number(/of (\d+)/.exec((await statusLine(p).first().textContent()) ?? '')?.[1])
      for (const tab of ['Explain', 'Inspector', 'Timeline', 'Network', 'Code', 'Request', 'App']) {
        await p.getByRole('tab', { name: tab }).click()
        await p.getByRole('tab', { name: tab, selected: true }).waitFor()
        await p.waitForFunction(() => !document.querySelector('.panel-loading'))
        // Step through the whole journey on the first tabs, a few steps on the others.
        await p.evaluate(
          () => document.activeElement instanceof HTMLElement && document.activeElement.blur(),
        )
        await p.keyboard.press('Home')
        const steps = n === 0 && (tab === 'Explain' || tab === 'Inspector') ? total : 4
        for (let i = 1; i < steps; i++) await p.keyboard.press('ArrowRight')
        await p.keyboard.press('End')
        await expectClean(p, problems, `${state.scenarioId}: ${tab}`)
        if (await p.evaluate(() => document.body.innerText.includes("__pwned='"))) shownAsText++
      }
    }
    // The payloads are on screen, as text.
    assert.ok(shownAsText >= 2, `payload text was visible in ${shownAsText} views`)

    // Share: the snippets pasted into a page, each export downloaded and opened.
    await p.getByRole('button', { name: 'Share', exact: true }).click()
    const share = p.getByRole('dialog', { name: 'Share or embed' })
    await share.waitFor()
    await expectClean(p, problems, 'Share dialog')
    const snippets = await share
      .locator('textarea, input[type="text"]')
      .evaluateAll((fields) => fields.map((f) => f.value))
    const exports = []
    for (const label of ['Markdown', 'Mermaid', 'SVG', 'PNG']) {
      const [download] = await Promise.all([
        p.waitForEvent('download', { timeout: 15_000 }),
        share.getByRole('button', { name: label, exact: true }).click(),
      ])
      exports.push({
        label,
        text: label === 'PNG' ? '' : await readFile(await download.path(), 'utf8'),
      })
      counts.views += 1
    }
    await expectClean(p, problems, 'Share dialog after exports')
    await p.keyboard.press('Escape')

    const viewer = await context.newPage()
    const show = async (body, contentType) => {
      await viewer.route('http://exports.test/**', (route) => route.fulfill({ contentType, body }))
      await viewer.goto('http://exports.test/view')
      await viewer.waitForTimeout(300)
      await viewer.unroute('http://exports.test/**')
    }
    await show(page(snippets.filter((s) => s.includes('<')).join('\n')), 'text/html')
    await expectClean(viewer, problems, 'the share snippets pasted into a page')
    const svg = exports.find((x) => x.label === 'SVG').text
    for (const x of exports.filter((e) => e.text))
      assert.match(x.text, /pwned/, `${x.label} carries the payloads`)
    await show(svg, 'image/svg+xml')
    await expectClean(viewer, problems, 'the SVG export opened')
    await show(page(svg), 'text/html')
    await expectClean(viewer, problems, 'the SVG export inlined in a page')
    const marked = await import('marked').catch(() => null)
    if (marked) {
      await show(
        page(await marked.marked.parse(exports.find((x) => x.label === 'Markdown').text)),
        'text/html',
      )
      await expectClean(viewer, problems, 'the Markdown export rendered (marked)')
    }
    await viewer.close()

    // Compare and Library, the search box given a payload.
    await p.getByRole('button', { name: 'Compare', exact: true }).click()
    const compare = p.getByRole('dialog', { name: 'Compare two runs' })
    await compare.waitFor()
    await p
      .waitForFunction(() => !document.querySelector('.cmp-message'), null, { timeout: 15_000 })
      .catch(() => {})
    await expectClean(p, problems, 'Compare')
    await p.keyboard.press('Escape')
    await p.getByRole('button', { name: 'Library', exact: true }).click()
    await p.getByRole('dialog', { name: 'Library' }).waitFor()
    await p.getByRole('searchbox', { name: 'Search' }).fill(PAYLOADS[0])
    await expectClean(p, problems, 'Library, searched for a payload')
    await p.keyboard.press('Escape')
    await p.keyboard.press('Escape')
    await expectSendWorks(p, 'after every view')

    // The widget with the same app.
    const w = await context.newPage()
    await w.goto(`${site.url}embed.html#${hash.encodeState(linkOf(xss[0]))}`)
    await expectStartWorks(w)
    await w.keyboard.press('End')
    await expectClean(w, problems, 'embed.html with the app')
    await context.close()
  })
})
