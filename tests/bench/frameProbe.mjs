// What the frame benchmarks (frames.mjs, pageFrames.mjs) share: the built site and Chromium,
// CPU throttling, the animation-frame clock and the long-animation-frame entries of one page, the
// figures computed from them and a readable cause for each long frame (scripts by their original
// function and file, read from the build's source maps, with any layout they forced; style and
// layout).
//
// TRACE=1 also records a devtools-style trace (CDP Tracing) while the page plays and reports its
// longest main-thread tasks by the thread's own CPU time, split into script, style, layout and
// paint, and every forced layout with the script that asked for it. On a shared, loaded machine
// the wall-clock frames include other processes' time; the thread's CPU time does not. Chromium
// throttles by making the thread spin, so under 4× throttling a task's CPU time is about what it
// would take on an idle machine at 4×: a task over 50 ms of CPU is a long frame anywhere.
import { existsSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { SUB_PATH, distDir, launchBrowser } from '../e2e/browser.mjs'
import { serveStatic } from '../e2e/server.mjs'

export const THROTTLE = Number(process.env.CPU_THROTTLE ?? 4)
export const TRACE = process.env.TRACE === '1'
export const LONG_MS = 50
/**
 * Frames come at 60 Hz, so an interval is a whole number of 16.7 ms vsyncs; the compositor's
 * timestamps jitter by a tenth of a millisecond around them. A frame counts as over 50 ms when it
 * took four intervals or more (66.7 ms): three intervals measured as 50.1 ms took 50 ms.
 */
export const JITTER_MS = 1
const VSYNC_MS = 1000 / 60
/** PROFILE=1: a sampled CPU profile of the play, its self time summed by original source file. */
export const PROFILE = process.env.PROFILE === '1'

export const round = (n) => Math.round(n * 10) / 10

/** The built site, served under its sub-path, and a browser. Close both with `close()`. */
export const openBench = async () => {
  const site = await serveStatic({ root: distDir, base: SUB_PATH })
  const browser = await launchBrowser()
  return {
    site,
    browser,
    close: async () => {
      await browser.close()
      await site.close()
    },
  }
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** One source map's segments by generated line: [column, source, line, column, name?]. */
const decodeMappings = (mappings) => {
  const lines = []
  const state = [0, 0, 0, 0, 0]
  for (const text of mappings.split(';')) {
    const segments = []
    state[0] = 0
    for (const segment of text.split(',')) {
      if (!segment) continue
      const values = []
      let value = 0
      let shift = 0
      for (const char of segment) {
        const digit = BASE64.indexOf(char)
        value += (digit & 31) << shift
        if (digit & 32) shift += 5
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1)
          value = 0
          shift = 0
        }
      }
      values.forEach((delta, i) => (state[i] += delta))
      segments.push(state.slice(0, values.length))
    }
    lines.push(segments)
  }
  return lines
}

const sourceMaps = new Map()

/** A built file's source map, its code and decoded segments (null without a map). */
const mapOf = (url) => {
  let file
  try {
    file = join(distDir, 'assets', basename(new URL(url).pathname))
  } catch {
    return null
  }
  if (!sourceMaps.has(file)) {
    const map = existsSync(`${file}.map`) ? JSON.parse(readFileSync(`${file}.map`, 'utf8')) : null
    const code = map ? readFileSync(file, 'utf8') : ''
    sourceMaps.set(file, map && { map, code, lines: decodeMappings(map.mappings) })
  }
  return sourceMaps.get(file)
}

/** The original function and file:line of a generated line and column (both from 0). */
const originalAt = (entry, line, column) => {
  const segment = (entry.lines[line] ?? []).filter((s) => s[0] <= column && s.length >= 4).at(-1)
  if (!segment) return null
  const source = entry.map.sources[segment[1]]?.split('/').pop()
  const name = segment.length >= 5 ? entry.map.names[segment[4]] : null
  return `${name ?? '?'} (${source}:${segment[2] + 1})`
}

/**
 * Where a script position of the built site comes from, from its source map: the original
 * function's name and file:line (the minified names, `a` or `h`, say nothing).
 */
export const originalOf = (url, charPosition) => {
  if (!url || !(charPosition >= 0)) return null
  const entry = mapOf(url)
  if (!entry) return null
  const before = entry.code.slice(0, charPosition)
  const line = before.split('\n').length - 1
  const column = before.length - before.lastIndexOf('\n') - 1
  return originalAt(entry, line, column)
}

/** What a long animation frame spent its time on, in a line a person can read. */
export const causeOf = (entry) => {
  const scripts = entry.scripts
    .filter((s) => s.duration >= 5)
    .sort((a, b) => b.duration - a.duration)
    .slice(0, 3)
    .map((s) => {
      const original = originalOf(s.sourceURL, s.sourceCharPosition)
      const where = original ?? (s.sourceFunctionName || s.invoker || s.invokerType)
      const file = original ? '' : (s.sourceURL ?? '').split('/').pop()
      const forced = s.forcedStyleAndLayoutDuration
        ? `, forced layout ${round(s.forcedStyleAndLayoutDuration)} ms`
        : ''
      return `${where}${file ? ` (${file})` : ''} ${round(s.duration)} ms${forced}`
    })
  return {
    durationMs: round(entry.duration),
    styleAndLayoutMs: round(entry.styleAndLayoutMs),
    scripts,
  }
}

/** Installed in the page: every animation frame's time and every long-animation-frame entry. */
const collect = () => {
  const w = /** @type {any} */ (window)
  w.__frames = []
  w.__loaf = []
  w.__stop = false
  const tick = (t) => {
    w.__frames.push(t)
    if (!w.__stop) requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      w.__loaf.push({
        startTime: e.startTime,
        duration: e.duration,
        styleAndLayoutMs: e.styleAndLayoutStart
          ? e.startTime + e.duration - e.styleAndLayoutStart
          : 0,
        scripts: e.scripts.map((s) => ({
          invoker: s.invoker,
          invokerType: s.invokerType,
          sourceURL: s.sourceURL,
          sourceFunctionName: s.sourceFunctionName,
          sourceCharPosition: s.sourceCharPosition,
          duration: s.duration,
          forcedStyleAndLayoutDuration: s.forcedStyleAndLayoutDuration,
        })),
      })
  }).observe({ type: 'long-animation-frame' })
}

const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.stack',
  'toplevel',
  'v8.execute',
].join(',')

/**
 * Throttles the page's CPU and starts collecting its frames (and, with TRACE=1, a trace).
 * Returns `stop()`, which ends both, restores the CPU and gives the figures.
 */
export const startProbe = async (context, page) => {
  const cdp = await context.newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE })
  const events = []
  if (TRACE) {
    cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value))
    await cdp.send('Tracing.start', {
      transferMode: 'ReportEvents',
      traceConfig: { includedCategories: TRACE_CATEGORIES.split(',') },
    })
  }
  if (PROFILE) {
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
    await cdp.send('Profiler.start')
  }
  await page.evaluate(collect)
  const stop = async () => {
    const profile = PROFILE ? (await cdp.send('Profiler.stop')).profile : null
    const { stamps, loaf } = await page.evaluate(() => {
      const w = /** @type {any} */ (window)
      w.__stop = true
      return { stamps: w.__frames, loaf: w.__loaf }
    })
    let trace = null
    if (TRACE) {
      const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve))
      await cdp.send('Tracing.end')
      await done
      trace = traceSummary(events)
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 })
    await cdp.detach().catch(() => {})
    return {
      ...frameFigures(stamps, loaf),
      ...(trace ? { trace } : {}),
      ...(profile ? { profile: profileSummary(profile, trace?.windows) } : {}),
    }
  }
  return stop
}

/**
 * Median, p95 and worst frame interval, frames over 50 ms (four intervals or more) and at 50 ms
 * (three), and the longest frames' causes.
 */
export const frameFigures = (stamps, loaf) => {
  const intervals = stamps
    .slice(1)
    .map((t, i) => t - stamps[i])
    .sort((a, b) => a - b)
  const pick = (q) => intervals[Math.min(intervals.length - 1, Math.floor(q * intervals.length))]
  const long = loaf.filter((e) => e.duration > LONG_MS).sort((a, b) => b.duration - a.duration)
  return {
    frames: stamps.length,
    medianMs: round(pick(0.5) ?? 0),
    p95Ms: round(pick(0.95) ?? 0),
    worstMs: round(intervals.at(-1) ?? 0),
    over50ms: intervals.filter((d) => d > LONG_MS + JITTER_MS).length,
    threeIntervals: intervals.filter(
      (d) => d > 2 * VSYNC_MS + JITTER_MS && d <= LONG_MS + JITTER_MS,
    ).length,
    longFrames: long.slice(0, 3).map(causeOf),
  }
}

/** The original function at a built file's line and column (both from 0). */
const originalOf2 = (url, line, column) => {
  const entry = /\/assets\//.test(url) ? mapOf(url) : null
  return entry ? originalAt(entry, line, column) : null
}

/** The JS frames on top of a trace event's stack, by their original names where a map has them. */
const stackTop = (stack, depth = Number(process.env.TRACE_DEPTH ?? 1)) => {
  const names = []
  for (const f of stack ?? []) {
    const entry = f.url && /\/assets\//.test(f.url) ? mapOf(f.url) : null
    const original = entry && originalAt(entry, f.lineNumber - 1, f.columnNumber - 1)
    if (original && /react-dom|scheduler/.test(original) && names.length === 0) continue
    names.push(
      original ??
        `${f.functionName || '?'} (${(f.url ?? '').split('/').pop()}:${f.lineNumber + 1})`,
    )
    if (names.length >= depth) break
  }
  return names.length > 0 ? names.join(' < ') : null
}

const KINDS = {
  FunctionCall: 'script',
  EvaluateScript: 'script',
  TimerFire: 'script',
  FireAnimationFrame: 'script',
  EventDispatch: 'script',
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  Layerize: 'paint',
}

/**
 * The renderer main thread's longest tasks by its own CPU time (the trace's thread duration,
 * which other processes' load does not inflate), each split into script, style, layout and
 * paint, and the forced layouts: style or layout run inside a script, with its stack's top.
 */
export const traceSummary = (events) => {
  const main = events.find(
    (e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.ph === 'M',
  )
  // Several renderers may be traced; the busiest main thread is the page's.
  const threads = events.filter(
    (e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  )
  const busy = new Map()
  for (const e of events)
    if (e.name === 'RunTask' && e.dur)
      busy.set(`${e.pid}:${e.tid}`, (busy.get(`${e.pid}:${e.tid}`) ?? 0) + e.dur)
  const key =
    [...threads.map((t) => `${t.pid}:${t.tid}`)].sort(
      (a, b) => (busy.get(b) ?? 0) - (busy.get(a) ?? 0),
    )[0] ??
    (main && `${main.pid}:${main.tid}`)
  const onMain = events.filter((e) => `${e.pid}:${e.tid}` === key && e.ph === 'X')
  const tasks = onMain.filter((e) => e.name === 'RunTask' && e.dur)
  const inner = onMain.filter((e) => KINDS[e.name]).sort((a, b) => a.ts - b.ts)
  const describe = (task) => {
    const end = task.ts + task.dur
    const parts = { script: 0, style: 0, layout: 0, paint: 0 }
    let coveredTo = 0
    let longest = null
    const calls = []
    let elements = 0
    let objects = 0
    for (const e of inner) {
      if (e.ts < task.ts || e.ts >= end) continue
      if (e.name === 'FunctionCall' && (!longest || e.dur > longest.dur)) longest = e
      if (e.name === 'FunctionCall' || e.name === 'UpdateLayoutTree' || e.name === 'Layout')
        calls.push(e)
      if (e.name === 'UpdateLayoutTree') elements += e.args?.elementCount ?? 0
      if (e.name === 'Layout') objects += e.args?.beginData?.dirtyObjects ?? 0
      if (e.ts < coveredTo) continue
      // Outermost events only: style inside a script counts as the script's (a forced layout).
      parts[KINDS[e.name]] += (e.tdur ?? e.dur) / 1000
      coveredTo = e.ts + (e.dur ?? 0)
    }
    const data = longest?.args?.data
    const top = data?.url
      ? (originalOf2(data.url, data.lineNumber - 1, data.columnNumber - 1) ??
        `${data.functionName || '?'} (${data.url.split('/').pop()})`)
      : null
    return {
      wallMs: round(task.dur / 1000),
      cpuMs: round((task.tdur ?? task.dur) / 1000),
      scriptMs: round(parts.script),
      styleMs: round(parts.style),
      layoutMs: round(parts.layout),
      paintMs: round(parts.paint),
      restyled: elements,
      relaidOut: objects,
      ...(top ? { first: top } : {}),
      // The task's longest script calls, style recalcs and layouts, in CPU ms.
      parts: calls
        .sort((a, b) => (b.tdur ?? b.dur) - (a.tdur ?? a.dur))
        .slice(0, 4)
        .map((e) => {
          const d = e.args?.data
          const name =
            e.name === 'FunctionCall'
              ? ((d?.url && originalOf2(d.url, d.lineNumber - 1, d.columnNumber - 1)) ??
                d?.functionName ??
                'script')
              : e.name
          return `${name} ${round((e.tdur ?? e.dur) / 1000)}`
        }),
    }
  }
  const longest = [...tasks].sort((a, b) => (b.tdur ?? b.dur) - (a.tdur ?? a.dur)).slice(0, 5)
  const forced = new Map()
  for (const e of inner) {
    if (e.name !== 'Layout' && e.name !== 'UpdateLayoutTree') continue
    const stack = e.args?.beginData?.stackTrace ?? e.args?.data?.stackTrace
    if (!stack?.length) continue
    const where = stackTop(stack) ?? '?'
    const was = forced.get(where) ?? { count: 0, cpuMs: 0 }
    forced.set(where, { count: was.count + 1, cpuMs: was.cpuMs + (e.tdur ?? e.dur) / 1000 })
  }
  const cpu = tasks.map((t) => (t.tdur ?? t.dur) / 1000).sort((a, b) => b - a)
  // The whole play's CPU by kind (outermost events: a forced layout counts as script).
  const totals = { script: 0, style: 0, layout: 0, paint: 0 }
  let coveredTo = 0
  for (const e of inner) {
    if (e.ts < coveredTo) continue
    totals[KINDS[e.name]] += (e.tdur ?? e.dur) / 1000
    coveredTo = e.ts + (e.dur ?? 0)
  }
  return {
    windows: tasks
      .filter((task) => (task.tdur ?? task.dur) / 1000 > LONG_MS * 0.8)
      .map((task) => [task.ts, task.ts + task.dur]),
    tasks: tasks.length,
    tasksOver50msCpu: cpu.filter((ms) => ms > LONG_MS).length,
    longestCpuMs: round(cpu[0] ?? 0),
    totalCpuMs: Object.fromEntries(Object.entries(totals).map(([k, ms]) => [k, Math.round(ms)])),
    longestTasks: longest.map(describe),
    forcedLayouts: [...forced.entries()]
      .sort((a, b) => b[1].cpuMs - a[1].cpuMs)
      .slice(0, 6)
      .map(([where, { count, cpuMs }]) => `${where}: ${count}×, ${round(cpuMs)} ms cpu`),
  }
}

/** A CPU profile's self time by original source file (and by function, the top ones). */
export const profileSummary = (profile, windows = null) => {
  const self = new Map()
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const counts = new Map()
  // Only the samples inside the trace's long tasks, when there is a trace.
  let t = profile.startTime
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0
    if (windows && !windows.some(([from, to]) => t >= from && t <= to)) return
    counts.set(id, (counts.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
  })
  const byFile = new Map()
  const byFunction = new Map()
  // Inclusive time: a component's whole subtree of work (its render, its children's, the DOM).
  const withCallees = new Map()
  const parent = new Map()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const nameOf = (f) => {
    const entry = f.url && /\/assets\//.test(f.url) ? mapOf(f.url) : null
    const original = entry && originalAt(entry, f.lineNumber, f.columnNumber)
    return original ?? `${f.functionName || f.url.split('/').pop() || '(native)'}`
  }
  for (const [id, us] of counts) {
    const f = byId.get(id)?.callFrame
    if (!f) continue
    const where = nameOf(f)
    const file = /\(([^:]+):/.exec(where)?.[1] ?? where
    byFile.set(file, (byFile.get(file) ?? 0) + us / 1000)
    byFunction.set(where, (byFunction.get(where) ?? 0) + us / 1000)
    const seen = new Set()
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame
      if (!frame || !/\/assets\//.test(frame.url ?? '')) continue
      const name = nameOf(frame)
      if (/react-dom|scheduler|jsx-runtime/.test(name) || seen.has(name)) continue
      seen.add(name)
      withCallees.set(name, (withCallees.get(name) ?? 0) + us / 1000)
    }
  }
  self.clear()
  const top = (map, n) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, ms]) => `${k} ${round(ms)}`)
  return {
    byFile: top(byFile, 15),
    byFunction: top(byFunction, 15),
    withCallees: top(withCallees, Number(process.env.PROFILE_TOP ?? 25)),
  }
}

/** One result's line for the terminal, and its long frames' causes under it. */
export const report = (label, result) => {
  console.error(
    `${label.padEnd(28)} median ${String(result.medianMs).padStart(5)} ms  p95 ${String(result.p95Ms).padStart(5)} ms  worst ${String(result.worstMs).padStart(6)} ms  >50 ms: ${result.over50ms}  at 50 ms: ${result.threeIntervals}`,
  )
  for (const cause of result.longFrames) console.error(`    long frame: ${JSON.stringify(cause)}`)
  if (result.trace) {
    const t = result.trace
    console.error(
      `    trace: ${t.tasks} tasks, ${t.tasksOver50msCpu} over ${LONG_MS} ms of cpu, longest ${t.longestCpuMs} ms cpu; in all ${JSON.stringify(t.totalCpuMs)}`,
    )
    for (const task of t.longestTasks) console.error(`    task: ${JSON.stringify(task)}`)
    for (const line of t.forcedLayouts) console.error(`    forced: ${line}`)
  }
  if (result.profile) {
    console.error(`    profile, self ms by file: ${result.profile.byFile.join(', ')}`)
    console.error(`    profile, self ms by function: ${result.profile.byFunction.join(', ')}`)
  }
}

/** Prints the verdict and sets the exit code: 0 within target. */
export const verdict = (name, ok, target) => {
  console.log(`${name}: ${ok ? 'within' : 'OUTSIDE'} target (${target})`)
  process.exitCode = ok ? 0 : 1
}
