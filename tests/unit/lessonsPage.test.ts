import { describe, expect, it } from 'vitest'
import type { PageCheckpoint, PageLessonPart, PageTrace } from '../../src/engine'
import {
  MAX_H1_CONNECTIONS,
  findLesson,
  findPageScenario,
  findScenario,
  isCorrect,
  lessonPageTrace,
  lessons,
  pageChoicesOf,
  pageInputOf,
  pageMomentsOf,
  pageTextOf,
  simulate,
  simulatePage,
  textOf,
} from '../../src/engine'

const lesson = findLesson('how-a-page-loads')!
const plan = lesson.page!

/** The same page as a part, on another protocol or app: the answers must follow it. */
const variant = (part: PageLessonPart, change: Partial<PageLessonPart['input']>): PageTrace =>
  simulatePage({ ...part.input, ...change })

const byIndex = (i: number): PageCheckpoint => plan.checkpoints[i]!

describe('the page-load lesson', () => {
  it('is a lesson in the list, on a curated request, with the model’s ids and scoring', () => {
    expect(lessons).toContain(lesson)
    expect(findScenario(lesson.scenarioId)).toBeDefined()
    expect(lesson.checkpoints).toHaveLength(plan.checkpoints.length)
    expect(plan.checkpoints.length).toBeGreaterThanOrEqual(4)
    expect(plan.parts.length).toBe(2)
  })

  it('plays page loads whose fetch() succeeds, then fails', () => {
    const [ok, down] = plan.parts.map(lessonPageTrace)
    expect(ok!.data.state).toBe('success')
    expect(down!.data.state).toBe('error')
    const failed = down!.requests.find((r) => r.id === down!.data.request)!
    expect(failed.status).toBe(500)
    // Everything else of the page still arrives.
    expect(down!.requests.filter((r) => r.status === 200)).toHaveLength(down!.requests.length - 1)
    // The same input gives the same trace, computed once.
    expect(lessonPageTrace(plan.parts[0]!)).toBe(ok)
  })

  it('asks each question at a moment of its page, in order, before what gives it away', () => {
    let previous = { part: 0, at: -Infinity }
    for (const c of plan.checkpoints) {
      const page = lessonPageTrace(plan.parts[c.part]!)
      const at = c.at(page)
      expect(at).toBeGreaterThan(0)
      expect(at).toBeLessThanOrEqual(page.end)
      if (c.part === previous.part) expect(at).toBeGreaterThan(previous.at)
      else expect(c.part).toBeGreaterThan(previous.part)
      previous = { part: c.part, at }
    }
  })

  it('has answers computed from the page trace, among unique choices', () => {
    const anyTrace = simulate({ scenario: findScenario('html-page')!.scenario })
    plan.checkpoints.forEach((c, i) => {
      const page = lessonPageTrace(plan.parts[c.part]!)
      const choices = pageChoicesOf(c, page)
      expect(choices).toContain(c.answer(page))
      expect(new Set(choices).size).toBe(choices.length)
      expect(pageTextOf(c.question, page).length).toBeGreaterThan(10)
      expect(pageTextOf(c.explanation, page).length).toBeGreaterThan(10)
      // The lessons' common checkpoint says the same, for scores and the embed events.
      const common = lesson.checkpoints[i]!
      expect(common.kind === 'choice' && common.answer(anyTrace)).toBe(c.answer(page))
      expect(textOf(common.question, anyTrace)).toBe(pageTextOf(c.question, page))
      expect(isCorrect(common, anyTrace, c.answer(page))).toBe(true)
      expect(
        isCorrect(
          common,
          anyTrace,
          choices.find((x) => x !== c.answer(page))!,
        ),
      ).toBe(false)
    })
  })

  it('counts the connections the simulation opened: six over HTTP/1.1, one over HTTP/2', () => {
    const connections = byIndex(2)
    const h1 = lessonPageTrace(plan.parts[0]!)
    expect(connections.answer(h1)).toBe(String(MAX_H1_CONNECTIONS))
    expect(connections.answer(h1)).toBe(
      String(h1.connections.filter((c) => c.origin === 'https://cdn.example.net').length),
    )
    expect(connections.answer(variant(plan.parts[0]!, { protocol: 'h2' }))).toBe('1')
    expect(pageTextOf(connections.explanation, h1)).toMatch(/^6\. /)
  })

  it('reads what the HTML starts from the initiators, and the screen from the marks', () => {
    const page = lessonPageTrace(plan.parts[0]!)
    const started = byIndex(1).answer(page)
    expect(started).toMatch(/stylesheets, scripts and images/)
    // The font and the fetch() are found by a stylesheet and a script, not by the HTML.
    const fetched = page.requests.find((r) => r.kind === 'fetch')!
    expect(page.requests.find((r) => r.id === fetched.initiator)!.kind).toBe('script')
    expect(byIndex(0).answer(page)).toMatch(/^Nothing yet/)
    const paint = page.marks.find((m) => m.id === 'first-paint')!.at
    const css = Math.max(...page.requests.filter((r) => r.renderBlocking).map((r) => r.end))
    expect(paint).toBeGreaterThanOrEqual(css)
    expect(pageTextOf(byIndex(0).explanation, page)).toContain(`${Math.round(paint)} ms`)
  })

  it('tells the fetch() states apart: loading while in flight, then success or error', () => {
    const ok = lessonPageTrace(plan.parts[0]!)
    const down = lessonPageTrace(plan.parts[1]!)
    expect(byIndex(3).answer(ok)).toMatch(/Loading/)
    expect(byIndex(4).answer(down)).toMatch(/only the product list/)
    // On the page whose API works the failure question has no error to show.
    expect(byIndex(4).answer(ok)).not.toBe(byIndex(4).answer(down))
  })

  it('lists the page’s moments in time order, each explained once', () => {
    const page = lessonPageTrace(plan.parts[0]!)
    const moments = pageMomentsOf(page)
    const kinds = moments.map((m) => m.kind)
    expect(kinds).toEqual(
      expect.arrayContaining([
        'html-requested',
        'html-arrives',
        'preload-scanner',
        'html-parsed',
        'first-paint',
        'script-runs',
        'fetch-starts',
        'data',
        'lcp',
        'load',
      ]),
    )
    expect(new Set(kinds).size).toBe(kinds.length)
    for (let i = 1; i < moments.length; i += 1)
      expect(moments[i]!.at).toBeGreaterThanOrEqual(moments[i - 1]!.at)
    const at = (k: string) => moments.find((m) => m.kind === k)!.at
    expect(at('preload-scanner')).toBeGreaterThanOrEqual(at('html-arrives'))
    expect(at('fetch-starts')).toBeGreaterThan(at('script-runs'))
    expect(at('data')).toBeGreaterThan(at('fetch-starts'))
  })

  it('says nothing of a page load it does not play: the input is the curated one', () => {
    const curated = pageInputOf(findPageScenario('page-load')!)
    expect(lessonPageTrace(plan.parts[0]!).end).toBe(simulatePage(curated).end)
  })
})

describe('the page lesson’s playhead', () => {
  it('stops each question on the last step before its moment, and says what phase it is in', async () => {
    const { pageLessonView, stopOf, pageStepsOf } = await import('../../src/ui/lessons/pageLesson')
    const page = lessonPageTrace(plan.parts[0]!)
    const steps = pageStepsOf(page)
    const first = byIndex(1)
    const stop = stopOf(plan, first)
    expect(steps[stop]!.at).toBeLessThan(first.at(page))
    expect(steps[stop + 1]!.at).toBeGreaterThanOrEqual(first.at(page))
    const waiting = { lessonCheckpoint: 1, lessonAnswer: null }
    expect(pageLessonView(plan, waiting, { part: 0, step: 0 }).phase).toBe('watching')
    const asked = pageLessonView(plan, waiting, { part: 0, step: 999 })
    expect(asked.phase).toBe('asking')
    expect(asked.limit).toBe(stop)
    const answered = { lessonCheckpoint: 1, lessonAnswer: { value: 'x', correct: false } }
    expect(pageLessonView(plan, answered, { part: 0, step: stop }).phase).toBe('revealed')
    // Part 1's questions answered: its end offers part 2; part 2's end completes the lesson.
    const last = steps.length - 1
    expect(
      pageLessonView(plan, { lessonCheckpoint: 4, lessonAnswer: null }, { part: 0, step: last })
        .phase,
    ).toBe('part-done')
    const end = pageStepsOf(lessonPageTrace(plan.parts[1]!)).length - 1
    expect(
      pageLessonView(plan, { lessonCheckpoint: 5, lessonAnswer: null }, { part: 1, step: end })
        .phase,
    ).toBe('complete')
  })

  it('shows only what has been discovered, and no connection for a request not yet sent', async () => {
    const { revealedPage, previewCovered } = await import('../../src/ui/lessons/pageLesson')
    const page = lessonPageTrace(plan.parts[0]!)
    const time = (byIndex(2).at(page) + byIndex(1).at(page)) / 2
    const shown = revealedPage(page, time)
    expect(shown.requests.length).toBe(page.requests.filter((r) => r.start <= time).length)
    expect(shown.requests.length).toBeLessThan(page.requests.length)
    for (const r of shown.requests) expect(r.connection === '…').toBe(r.sentAt > time)
    // The preview would tell the first answer once the HTML is in: covered until answered.
    const html = byIndex(0).coversPreviewFrom!(page)
    expect(previewCovered(plan, { lessonCheckpoint: 0, lessonAnswer: null }, 0, html)).toBe(true)
    expect(previewCovered(plan, { lessonCheckpoint: 0, lessonAnswer: null }, 0, html - 1)).toBe(
      false,
    )
    expect(previewCovered(plan, { lessonCheckpoint: 1, lessonAnswer: null }, 0, html)).toBe(false)
  })
})

describe('the Explain texts of a page load', () => {
  it('explain every moment from the trace shown, success and failure told apart', async () => {
    const { explainAll, explainAt } = await import('../../src/ui/lessons/pageExplain')
    const ok = lessonPageTrace(plan.parts[0]!)
    const down = lessonPageTrace(plan.parts[1]!)
    const texts = explainAll(ok)
    expect(texts.map((t) => t.kind)).toEqual(pageMomentsOf(ok).map((m) => m.kind))
    for (const t of texts) expect(t.text.length, t.kind).toBeGreaterThan(80)
    const paint = ok.marks.find((m) => m.id === 'first-paint')!.at
    expect(texts.find((t) => t.kind === 'first-paint')!.text).toContain(`${Math.round(paint)} ms`)
    const data = (page: typeof ok) => explainAll(page).find((t) => t.kind === 'data')!
    expect(data(ok).title).toMatch(/succeeded/)
    expect(data(down).title).toMatch(/failed/)
    expect(data(down).text).toContain(String(down.requests.find((r) => r.kind === 'fetch')!.status))
    // At a step with no moment of its own, Explain keeps the last one reached.
    const fetched = pageMomentsOf(ok).find((m) => m.kind === 'fetch-starts')!
    const shown = explainAt(ok, fetched.at + 0.01, fetched.at + 0.005)
    expect(shown).toHaveLength(1)
    expect(shown[0]!.kind).not.toBe('html-requested')
  })
})
