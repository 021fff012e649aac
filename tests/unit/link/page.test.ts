// The page-load view's keys: page, proto, net, cdn, altsvc, size, pstep, preq. Every field is read
// on its own, a bad one says what was wrong, and a link that names a page load that does not exist
// leaves the view as it was.
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PAGE_PROTOCOLS, PAGE_SCENARIOS } from '../../../src/engine'
import {
  PAGE_KEYS,
  pageLinkOf,
  pageValuesOf,
  parseLink,
  serializeLink,
} from '../../../src/link/hash'
import type { PageChoice } from '../../../src/link/page'
import { PAGE_SIZES, choiceOf, curatedOf, pageView, resetPageView } from '../../../src/link/page'
import { applyLink, hashOf } from '../../../src/link/state'
import { resetStore, useStore } from '../../../src/store'

const read = (hash: string) => pageLinkOf(parseLink(hash))

describe('page-load keys: reading', () => {
  it('opens a curated page load at its step with a request chosen', () => {
    const { page, problems } = read('#page=page-load-h2&pstep=12&preq=r5')
    expect(problems).toEqual([])
    expect(page).toEqual({
      choice: choiceOf(PAGE_SCENARIOS.find((s) => s.id === 'page-load-h2')!),
      step: 11,
      request: 'r5',
    })
  })

  it('takes what differs from the curated page load from its own keys', () => {
    const { page } = read('page=page-load&proto=h3&net=lossy&cdn=miss&altsvc=known&size=100')
    expect(page?.choice).toEqual({
      scenarioId: 'page-load',
      protocol: 'h3',
      network: 'lossy',
      cdn: 'miss',
      altSvc: 'known',
      size: '100',
    })
    expect(page?.step).toBe(0)
    expect(page?.request).toBeNull()
  })

  it('names a page load that does not exist, and opens none', () => {
    const { page, problems } = read('page=page-load-h9&pstep=3')
    expect(page).toBeNull()
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(/page load "page-load-h9" that does not exist/)
    expect(problems[0]).toMatch(/page-load-h2/)
  })

  it.each([
    ['proto=h9', /protocol "h9" is not one of h1, h2, h3/, { protocol: 'http/1.1' }],
    ['net=awful', /network "awful" is not one of good, lossy/, { network: 'good' }],
    ['cdn=stale', /CDN cache "stale" is not one of hit, miss/, { cdn: 'hit' }],
    ['altsvc=maybe', /Alt-Svc memory "maybe"/, { altSvc: 'first' }],
    ['size=7', /size "7" is not one of 25, 100/, { size: '25' }],
  ])('a bad %s says so and keeps the page load’s own', (bad, message, kept) => {
    const { page, problems } = read(`page=page-load&${bad}&pstep=4`)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(message)
    expect(page?.choice).toMatchObject(kept)
    expect(page?.step).toBe(3)
  })

  it.each(['0', '-1', 'x', '1.5', '1000001'])('a bad step %s opens at the first', (step) => {
    const { page, problems } = read(`page=page-load&pstep=${step}`)
    expect(page?.step).toBe(0)
    expect(problems[0]).toMatch(/page-load step .* is not a step number/)
  })

  it.each(['5', 'x5', 'r', 'r-1', 'r123456', '<script>'])('a bad request %s chooses none', (id) => {
    const { page, problems } = read(`page=page-load&preq=${encodeURIComponent(id)}`)
    expect(page?.request).toBeNull()
    expect(problems[0]).toMatch(/page-load request .* is not a request id such as r0/)
  })

  it('names page-load keys that come without page=', () => {
    const { page, problems } = read('scenario=get-user&proto=h2&pstep=3')
    expect(page).toBeNull()
    expect(problems).toEqual([
      'The link has proto, pstep without page=, which names the page load they belong to, so they were left out.',
    ])
  })
})

describe('page-load keys: writing', () => {
  it('writes only what differs from the curated page load', () => {
    const h2 = choiceOf(PAGE_SCENARIOS.find((s) => s.id === 'page-load-h2')!)
    expect(serializeLink(pageValuesOf({ ...h2, step: 0, request: null }))).toBe('page=page-load-h2')
    expect(serializeLink(pageValuesOf({ ...h2, network: 'lossy', step: 9, request: 'r3' }))).toBe(
      'page=page-load-h2&net=lossy&pstep=10&preq=r3',
    )
    // Whether HTTP/3 was known only matters on HTTP/3.
    expect(serializeLink(pageValuesOf({ ...h2, altSvc: 'known', step: 0, request: null }))).toBe(
      'page=page-load-h2',
    )
    expect(Object.values(pageValuesOf(null)).every((v) => v === null)).toBe(true)
    expect(Object.keys(pageValuesOf(null)).sort()).toEqual([...PAGE_KEYS].sort())
  })

  it('reads back every choice, step and request it writes', () => {
    const choice = fc.record({
      scenarioId: fc.constantFrom(...PAGE_SCENARIOS.map((s) => s.id)),
      protocol: fc.constantFrom(...PAGE_PROTOCOLS),
      network: fc.constantFrom('good' as const, 'lossy' as const),
      cdn: fc.constantFrom('hit' as const, 'miss' as const),
      altSvc: fc.constantFrom('first' as const, 'known' as const),
      size: fc.constantFrom(...PAGE_SIZES),
    })
    fc.assert(
      fc.property(
        choice,
        fc.nat(5000),
        fc.option(fc.nat(999).map((n) => `r${n}`)),
        (c: PageChoice, step, request) => {
          const hash = serializeLink(pageValuesOf({ ...c, step, request }))
          const { page, problems } = read(hash)
          expect(problems).toEqual([])
          expect(page!.step).toBe(step)
          expect(page!.request).toBe(request)
          const { altSvc, ...rest } = page!.choice
          const { altSvc: wanted, ...expected } = c
          expect(rest).toEqual(expected)
          if (c.protocol === 'h3') expect(altSvc).toBe(wanted)
        },
      ),
    )
  })

  it('a curated choice is recognised as that page load', () => {
    for (const s of PAGE_SCENARIOS) expect(curatedOf(choiceOf(s))?.id).toBe(s.id)
    expect(curatedOf({ ...choiceOf(PAGE_SCENARIOS[0]!), size: '100' })).toBeUndefined()
  })
})

describe('page-load keys: the page follows the link, the link follows the page', () => {
  beforeEach(() => {
    resetStore()
    resetPageView()
  })
  afterEach(() => {
    resetStore()
    resetPageView()
  })

  it('opens the view at the link’s moment, and the address reads it back', () => {
    applyLink(parseLink('#scenario=get-user&page=page-load-lossy&pstep=30&preq=r6'), {
      step: false,
    })
    const view = pageView.getState()
    expect(view).toMatchObject({
      open: true,
      scenarioId: 'page-load-lossy',
      step: 29,
      request: 'r6',
    })
    expect(view.notice).toBeNull()
    const hash = hashOf(useStore.getState(), parseLink(''))
    expect(new URLSearchParams(hash).get('page')).toBe('page-load-lossy')
    expect(new URLSearchParams(hash).get('pstep')).toBe('30')
    expect(new URLSearchParams(hash).get('preq')).toBe('r6')
    view.closePage()
    expect(hashOf(useStore.getState(), parseLink(hash))).not.toMatch(/page=|pstep|preq/)
  })

  it('a bad page load keeps the view that was open, and says why in it', () => {
    applyLink(parseLink('#page=cdn-miss&pstep=5'), { step: false })
    applyLink(parseLink('#page=nope&pstep=9'), { step: false })
    const view = pageView.getState()
    expect(view).toMatchObject({ open: true, scenarioId: 'cdn-miss', step: 4 })
    expect(view.notice).toMatch(/page load "nope" that does not exist/)
  })

  it('a bad page load with no view open says why in the app’s notice', () => {
    applyLink(parseLink('#scenario=get-user&page=nope'), { step: false })
    expect(pageView.getState().open).toBe(false)
    expect(useStore.getState().scenarioNotice).toMatch(/page load "nope" that does not exist/)
  })

  it('a link to the app alone closes the view; one without page keys for a preference does not', () => {
    applyLink(parseLink('#page=page-load'), { step: false })
    applyLink(parseLink('#theme=dark'), { step: false })
    expect(pageView.getState().open).toBe(true)
    applyLink(parseLink('#scenario=not-found'), { step: false })
    expect(pageView.getState().open).toBe(false)
  })

  it('applying the open link again keeps the view as it is', () => {
    applyLink(parseLink('#page=page-load-h3&pstep=3'), { step: false })
    pageView.getState().setTab('connections')
    applyLink(parseLink('#page=page-load-h3&pstep=3'), { step: false })
    expect(pageView.getState().tab).toBe('connections')
  })
})
