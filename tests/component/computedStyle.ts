import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

/**
 * jsdom's getComputedStyle resolves every property it implements (visibility, pointer-events,
 * display and a dozen colours, each inherited one up the whole ancestor chain) and copies them
 * into a new declaration, on every call, whatever the caller reads. Testing Library asks for
 * `display` and `visibility` of every element it weighs for a role query or an accessible name,
 * user-event for `pointer-events` of every element it clicks: on the whole App, about 40 % of a
 * component test's time went there.
 *
 * `installLazyComputedStyle()` makes window.getComputedStyle answer those three properties from
 * jsdom's own resolution of that one property (the same function, `getResolvedValue`, jsdom's
 * getComputedStyle calls for each), and anything else from jsdom's full declaration, built on the
 * first read. The values are jsdom's; what changes is when they are read: at the read, as a
 * browser's live declaration would, not when getComputedStyle was called. `disagreementsWithJsdom()`
 * checks the fast answers against jsdom's on a page (tests/component/computedStyle.test.tsx).
 */

const require = createRequire(import.meta.url)

interface StyleRules {
  getResolvedValue: (element: object, property: string) => string
}
interface Utils {
  implForWrapper: (wrapper: object) => object | null | undefined
}

/** The three properties asked on every query and click, by their CSS and their IDL names. */
const FAST: Record<string, string> = {
  display: 'display',
  visibility: 'visibility',
  'pointer-events': 'pointer-events',
  pointerEvents: 'pointer-events',
}

/** jsdom's own getComputedStyle, kept on the replacement (setup runs again for each file). */
const ORIGINAL = Symbol.for('roundtrip.jsdomGetComputedStyle')
type Replaced = typeof window.getComputedStyle & { [ORIGINAL]?: typeof window.getComputedStyle }

export const installLazyComputedStyle = () => {
  if (typeof window === 'undefined' || (window.getComputedStyle as Replaced)[ORIGINAL]) return
  // The jsdom the environment runs (node_modules/jsdom, loaded once per worker by Node).
  const styleRules = require('jsdom/lib/jsdom/living/helpers/style-rules.js') as StyleRules
  const utils = require('jsdom/lib/jsdom/living/generated/utils.js') as Utils
  const jsdomStyle = window.getComputedStyle.bind(window)
  const resolvedValue = fastResolvedValue()
  // jsdom puts each resolved value through a declaration's setProperty; so does this, once per
  // value, so the text is identical.
  const normalized = new Map<string, string>()
  const fastValue = (impl: object, property: string): string => {
    const resolved = resolvedValue
      ? resolvedValue(impl as CascadeElement, property)
      : styleRules.getResolvedValue(impl, property)
    const key = `${property}:${resolved}`
    let value = normalized.get(key)
    if (value === undefined) {
      const declaration = new window.CSSStyleDeclaration()
      declaration.setProperty(property, resolved)
      value = declaration.getPropertyValue(property)
      normalized.set(key, value)
    }
    return value
  }

  const replacement: Replaced = function getComputedStyle(element, pseudoElement) {
    const impl = element instanceof window.Element ? utils.implForWrapper(element) : null
    if (!impl || (pseudoElement !== undefined && pseudoElement !== null && pseudoElement !== ''))
      return jsdomStyle(element, pseudoElement)
    let full: CSSStyleDeclaration | null = null
    const real = () => (full ??= jsdomStyle(element))
    const getPropertyValue = (property: string) => {
      const fast = FAST[property]
      return fast === property ? fastValue(impl, fast) : real().getPropertyValue(property)
    }
    return new Proxy(Object.create(window.CSSStyleDeclaration.prototype) as CSSStyleDeclaration, {
      get(_target, key) {
        if (key === 'getPropertyValue') return getPropertyValue
        if (typeof key === 'string' && FAST[key] !== undefined) return fastValue(impl, FAST[key])
        const value: unknown = Reflect.get(real(), key)
        return typeof value === 'function' ? (value as () => unknown).bind(real()) : value
      },
      has: (_target, key) => key in real(),
      ownKeys: () => Reflect.ownKeys(real()),
      getOwnPropertyDescriptor(_target, key) {
        const descriptor = Reflect.getOwnPropertyDescriptor(real(), key)
        return descriptor && { ...descriptor, configurable: true }
      },
    })
  }
  replacement[ORIGINAL] = jsdomStyle
  window.getComputedStyle = replacement
}

interface CascadeRule {
  readonly selectorText?: string
  readonly media?: ArrayLike<string> & { readonly length: number }
  readonly constructor: { readonly name: string }
  readonly styleSheet?: { readonly cssRules: ArrayLike<CascadeRule> } | null
  readonly cssRules?: ArrayLike<CascadeRule>
  readonly style: CSSStyleDeclaration
}
interface CascadeElement {
  readonly parentElement: CascadeElement | null
  readonly style: CSSStyleDeclaration
  readonly _ownerDocument: {
    _styleCache: WeakMap<object, CSSStyleDeclaration> | null
    readonly styleSheets: {
      readonly _list: readonly { readonly cssRules: ArrayLike<CascadeRule> }[]
    }
    readonly _domSelector: {
      check: (selector: string, node: object) => { match: boolean; pseudoElement: unknown }
    }
  }
}

/** display, visibility and pointer-events: keyword values, computed as specified. */
const CASCADED = {
  display: { inherited: false, initial: 'inline' },
  visibility: { inherited: true, initial: 'visible' },
  'pointer-events': { inherited: true, initial: 'auto' },
} as const
type Cascaded = keyof typeof CASCADED

/**
 * jsdom's getResolvedValue for display, visibility and pointer-events, step for step
 * (style-rules.js: the cascade, defaulting, CSS-wide keywords), but with a cheaper cascade: jsdom
 * builds an element's whole declaration, every property of every rule it matches put through a
 * parsing setProperty, to read one property of it; this puts through only the three read here.
 * The rules are the same (jsdom's default sheet, then the page's, @media screen and @import as
 * jsdom takes them), matched by the same engine, in the same order, and the answers are kept
 * exactly as long as jsdom keeps its own (until the page next changes). Null when jsdom is not
 * laid out as this expects (it then answers as before). computedStyle.test.tsx compares the
 * answers with jsdom's own on a whole App.
 */
const fastResolvedValue = () => {
  let styleRules: { propertiesWithResolvedValueImplemented: Record<string, unknown> }
  let cssom: { parse: (text: string) => { cssRules: ArrayLike<CascadeRule> } }
  let Declaration: new () => CSSStyleDeclaration
  let defaultSheet: { cssRules: ArrayLike<CascadeRule> }
  try {
    const stylePath = require.resolve('jsdom/lib/jsdom/living/helpers/style-rules.js')
    const jsdomRequire = createRequire(stylePath)
    styleRules = jsdomRequire(stylePath) as typeof styleRules
    cssom = jsdomRequire('@acemir/cssom') as typeof cssom
    Declaration = (jsdomRequire('cssstyle') as { CSSStyleDeclaration: typeof Declaration })
      .CSSStyleDeclaration
    const sheetPath = require.resolve('jsdom/lib/jsdom/browser/default-stylesheet.css')
    defaultSheet = cssom.parse(readFileSync(sheetPath, 'utf-8'))
  } catch {
    return null
  }
  for (const [property, { inherited, initial }] of Object.entries(CASCADED)) {
    const jsdomOwn = styleRules.propertiesWithResolvedValueImplemented[property] as
      { inherited: boolean; initial: string; computedValue: string } | undefined
    if (
      jsdomOwn?.inherited !== inherited ||
      jsdomOwn.initial !== initial ||
      jsdomOwn.computedValue !== 'as-specified'
    )
      return null
  }

  const { forEach, indexOf } = Array.prototype
  const matches = (rule: CascadeRule, element: CascadeElement): boolean => {
    try {
      if (rule.selectorText) {
        const selector = rule.selectorText.split(';').pop()!.trim()
        const { match, pseudoElement } = element._ownerDocument._domSelector.check(
          selector,
          element,
        )
        return pseudoElement ? false : match
      }
    } catch {
      // as jsdom: a selector the engine cannot read matches nothing
    }
    return false
  }
  const forEachMatchingRule = (element: CascadeElement, handle: (rule: CascadeRule) => void) => {
    const handleSheet = (sheet: { cssRules: ArrayLike<CascadeRule> }) => {
      forEach.call(sheet.cssRules, (rule: CascadeRule) => {
        if (rule.media) {
          if (rule.constructor.name === 'CSSImportRule') {
            if (
              rule.styleSheet !== null &&
              rule.styleSheet !== undefined &&
              (rule.media.length === 0 || indexOf.call(rule.media, 'screen') !== -1)
            )
              forEach.call(rule.styleSheet.cssRules, (inner: CascadeRule) => {
                if (matches(inner, element)) handle(inner)
              })
          } else if (indexOf.call(rule.media, 'screen') !== -1)
            forEach.call(rule.cssRules ?? [], (inner: CascadeRule) => {
              if (matches(inner, element)) handle(inner)
            })
        } else if (matches(rule, element)) handle(rule)
      })
    }
    handleSheet(defaultSheet)
    forEach.call(element._ownerDocument.styleSheets._list, handleSheet)
  }

  // Per jsdom's style cache: a new one (after any change to the page) starts these anew too.
  const kept = new WeakMap<object, WeakMap<object, Record<Cascaded, string>>>()
  const cascaded = (element: CascadeElement, property: Cascaded): string => {
    const document = element._ownerDocument
    const full = document._styleCache?.get(element)
    if (full) return full.getPropertyValue(property)
    document._styleCache ??= new WeakMap()
    let forCache = kept.get(document._styleCache)
    if (!forCache) kept.set(document._styleCache, (forCache = new WeakMap()))
    let values = forCache.get(element)
    if (!values) {
      // Only the three properties, each as jsdom's handleProperty would set it.
      const declaration = new Declaration()
      const apply = (style: CSSStyleDeclaration) => {
        for (const name of Object.keys(CASCADED)) {
          if (indexOf.call(style, name) === -1) continue
          const value = style.getPropertyValue(name)
          if (value === 'unset') declaration.removeProperty(name)
          else declaration.setProperty(name, value, style.getPropertyPriority(name))
        }
      }
      forEachMatchingRule(element, (rule) => apply(rule.style))
      apply(element.style)
      values = {
        display: declaration.getPropertyValue('display'),
        visibility: declaration.getPropertyValue('visibility'),
        'pointer-events': declaration.getPropertyValue('pointer-events'),
      }
      forCache.set(element, values)
    }
    return values[property]
  }
  const computed = (element: CascadeElement, property: Cascaded): string => {
    const { inherited, initial } = CASCADED[property]
    const parent = element.parentElement
    const cascade = cascaded(element, property)
    let specified: string =
      cascade !== '' ? cascade : inherited && parent !== null ? computed(parent, property) : initial
    if (specified === 'initial') specified = initial
    else if (specified === 'inherit')
      specified = parent !== null ? computed(parent, property) : initial
    else if (specified === 'unset')
      specified = inherited && parent !== null ? computed(parent, property) : initial
    return specified
  }
  return (element: CascadeElement, property: string): string => {
    if (!(property in CASCADED)) throw new Error(`not a fast property: ${property}`)
    return computed(element, property as Cascaded)
  }
}

/** The properties the fast path answers on which some element of `root` gets a different value. */
export const disagreementsWithJsdom = (root: Element): string[] => {
  const original = (window.getComputedStyle as Replaced)[ORIGINAL]
  if (!original) throw new Error('installLazyComputedStyle() has not run')
  const found: string[] = []
  for (const element of [root, ...root.querySelectorAll('*')]) {
    const lazy = window.getComputedStyle(element)
    const full = original(element)
    for (const property of ['display', 'visibility', 'pointer-events']) {
      if (lazy.getPropertyValue(property) !== full.getPropertyValue(property))
        found.push(`${element.tagName} ${property}`)
    }
    if (lazy.display !== full.display || lazy.visibility !== full.visibility)
      found.push(`${element.tagName} display/visibility`)
    if (lazy.pointerEvents !== full.pointerEvents) found.push(`${element.tagName} pointerEvents`)
  }
  return found
}

/**
 * The top-level pieces of `text` cut at `isCut` (outside quotes, brackets and parentheses), or
 * null when the text is beyond this little reader (escapes, unbalanced brackets).
 */
const topLevelPieces = (text: string, isCut: (c: string) => boolean): string[] | null => {
  if (text.includes('\\')) return null
  const pieces: string[] = []
  let depth = 0
  let quote = ''
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quote) {
      if (c === quote) quote = ''
    } else if (c === '"' || c === "'") quote = c
    else if (c === '(' || c === '[') depth++
    else if (c === ')' || c === ']') depth--
    else if (depth === 0 && isCut(c)) {
      pieces.push(text.slice(start, i))
      start = i + 1
    }
  }
  if (quote || depth !== 0) return null
  pieces.push(text.slice(start))
  return pieces
}

/** What an element needs to match one complex selector of a list, as far as this reader tells. */
export type Need =
  /** Nothing more than being an element of this name: the whole compound is the name. */
  | { readonly only: string }
  /** At least this name (`input[type=hidden i]`). */
  | { readonly name: string }
  /** At least this attribute (`[hidden]:not(…)`, `:link` needs an href). */
  | { readonly attribute: string }

/**
 * What each subject of a selector list needs (`td, th` → only td, only th;
 * `details > summary:first-of-type` → the name summary), or null when one of them needs nothing
 * this reader can tell (`*`, `:is(…)`, `:focus-visible`) or the text is beyond it (escapes,
 * namespaces).
 */
export const subjectNeeds = (selector: string): readonly Need[] | null => {
  const complexes = topLevelPieces(selector, (c) => c === ',')
  if (!complexes) return null
  const needs: Need[] = []
  for (const complex of complexes) {
    const compounds = topLevelPieces(complex.trim(), (c) => /[\s>+~]/.test(c))
    const subject = compounds?.at(-1)?.trim() ?? ''
    if (subject.includes('|')) return null
    const name = /^([a-zA-Z][a-zA-Z0-9-]*)(?=$|[.#[:])/.exec(subject)?.[1]?.toLowerCase()
    const attribute = /^\[\s*([a-zA-Z][a-zA-Z0-9-]*)/.exec(subject)?.[1]?.toLowerCase()
    if (name && name.length === subject.length && compounds!.length === 1)
      needs.push({ only: name })
    else if (name) needs.push({ name })
    else if (attribute) needs.push({ attribute })
    else if (/^:(link|visited)(?=$|[.#[:])/.test(subject)) needs.push({ attribute: 'href' })
    else return null
  }
  return needs
}

const HTML = 'http://www.w3.org/1999/xhtml'

interface ElementImpl {
  readonly nodeType: number
  readonly localName: string
  readonly _namespaceURI: string | null
  readonly _attributeList: readonly { readonly _localName: string }[]
}
type Check = (selector: string, node: ElementImpl, opt?: object) => unknown
interface DomSelector {
  check: Check
}
const UNFILTERED = Symbol.for('roundtrip.unfilteredCheck')
type Filtered = Check & { [UNFILTERED]?: Check }

const NO_MATCH = Object.freeze({ match: false, ast: null, pseudoElement: null })

/**
 * Whether `element` can match a selector whose subjects need `needs`: false when it surely does
 * not, true when it surely does (an HTML element named in a plain list of names), else null.
 */
export const decide = (needs: readonly Need[], element: ElementImpl): boolean | null => {
  const name = element.localName.toLowerCase()
  let possible = false
  for (const need of needs) {
    if ('only' in need) {
      if (need.only === name) {
        if (element._namespaceURI === HTML) return true
        possible = true
      }
    } else if ('name' in need) possible ||= need.name === name
    else
      possible ||= element._attributeList.some((a) => a._localName.toLowerCase() === need.attribute)
  }
  return possible ? null : false
}

/**
 * jsdom finds an element's style by testing it against every rule of its default style sheet
 * (112 rules, most of them lists of element names: `address, blockquote, center, div, …`), anew
 * after each change to the page, through its selector engine. This answers at once where a rule's
 * selector settles it: an element named in a plain list of names matches, an element without the
 * name or attribute each of the selector's subjects needs does not; the rest goes to the engine.
 * Only jsdom's style lookup calls `check` (element.matches() and querySelector do not), and only
 * its match and pseudo-element are read. computedStyle.test.tsx holds the answers to the engine's.
 */
export const installRuleFilter = () => {
  if (typeof document === 'undefined') return
  const utils = require('jsdom/lib/jsdom/living/generated/utils.js') as Utils
  const documentImpl = utils.implForWrapper(document) as { _domSelector?: DomSelector } | null
  const domSelector = documentImpl?._domSelector
  if (!domSelector || (domSelector.check as Filtered)[UNFILTERED]) return
  const check = domSelector.check
  const needsOf = new Map<string, readonly Need[] | null>()
  const filtered: Filtered = (selector, node, opt) => {
    let needs = needsOf.get(selector)
    if (needs === undefined) {
      needs = typeof selector === 'string' ? subjectNeeds(selector) : null
      needsOf.set(selector, needs)
    }
    const decided = needs && node?.nodeType === 1 ? decide(needs, node) : null
    if (decided === false) return NO_MATCH
    if (decided === true) return { match: true, ast: null, pseudoElement: null }
    return check(selector, node, opt)
  }
  filtered[UNFILTERED] = check
  domSelector.check = filtered
}

/** The selector engine's own answer, without the filter (for computedStyle.test.tsx). */
export const unfilteredCheck = (selector: string, element: Element) => {
  const utils = require('jsdom/lib/jsdom/living/generated/utils.js') as Utils
  const documentImpl = utils.implForWrapper(document) as { _domSelector: DomSelector }
  const impl = utils.implForWrapper(element) as ElementImpl
  const filtered = documentImpl._domSelector.check as Filtered
  const answer = (check: Check) => {
    const { match, pseudoElement } = check(selector, impl) as {
      match: boolean
      pseudoElement: unknown
    }
    return match && !pseudoElement
  }
  return { filtered: answer(filtered), engine: answer(filtered[UNFILTERED] ?? filtered) }
}

interface NodeImpl {
  readonly nodeType: number
  getRootNode(options: object): NodeImpl
  hasAttributeNS(namespace: null, name: string): boolean
  getAttributeNS(namespace: null, name: string): string | null
  readonly _ids?: Record<string, NodeImpl[] | undefined>
}
const FAST_CONTROL = Symbol.for('roundtrip.fastLabelControl')

/**
 * A `<label for>`'s control is, in jsdom, found by walking the whole page for the id, and an
 * input's `labels` (read for every accessible name of a form field, and of a button) asks that of
 * every label on the page: on the App tab's forms, a tenth of a test's time. The page keeps its
 * ids in a table (for getElementById); where exactly one element of the page has the id, that is
 * the one the walk would find. Otherwise (none, or duplicates) jsdom walks as before.
 */
export const installFastLabelControl = () => {
  const labelImpl = require('jsdom/lib/jsdom/living/nodes/HTMLLabelElement-impl.js') as {
    implementation: { prototype: object }
  }
  const { isLabelable } = require('jsdom/lib/jsdom/living/helpers/form-controls.js') as {
    isLabelable: (node: NodeImpl) => boolean
  }
  const proto = labelImpl.implementation.prototype
  const descriptor = Object.getOwnPropertyDescriptor(proto, 'control')
  const walk = descriptor?.get as ((this: NodeImpl) => NodeImpl | null) & {
    [FAST_CONTROL]?: true
  }
  if (!descriptor || !walk || walk[FAST_CONTROL]) return
  const control = function control(this: NodeImpl): NodeImpl | null {
    const id = this.hasAttributeNS(null, 'for') ? this.getAttributeNS(null, 'for') : null
    if (id) {
      const root = this.getRootNode({})
      const inPage =
        root.nodeType === 9 ? root._ids?.[id]?.filter((e) => e.getRootNode({}) === root) : undefined
      if (inPage?.length === 1) return isLabelable(inPage[0]!) ? inPage[0]! : null
    }
    return walk.call(this)
  }
  Object.assign(control, { [FAST_CONTROL]: true, walk })
  Object.defineProperty(proto, 'control', { ...descriptor, get: control })
}

/** A label's control by jsdom's own walk and by the shortcut (for computedStyle.test.tsx). */
export const labelControls = (label: HTMLLabelElement) => {
  const utils = require('jsdom/lib/jsdom/living/generated/utils.js') as Utils & {
    wrapperForImpl: (impl: object | null) => object | null
  }
  const impl = utils.implForWrapper(label) as NodeImpl
  const getter = Object.getOwnPropertyDescriptor(findProto(impl), 'control')!
    .get as (() => NodeImpl | null) & {
    walk?: () => NodeImpl | null
  }
  return {
    fast: label.control,
    walked: utils.wrapperForImpl((getter.walk ?? getter).call(impl)),
  }
}

const findProto = (impl: object): object => {
  let proto: object | null = impl
  while (proto && !Object.getOwnPropertyDescriptor(proto, 'control'))
    proto = Object.getPrototypeOf(proto) as object | null
  return proto ?? impl
}

interface TreeImpl {
  readonly nodeType: number
  getAttributeNS(namespace: null, name: string): string | null
}

/**
 * `document.querySelectorAll('[name="value"]')` for an attribute of HTML elements, by a walk of
 * jsdom's own tree (no shadow roots, as the selector): the selector engine walks it through the
 * DOM's wrappers and takes seven times as long, and the driver asks after every step.
 */
export const elementsWithAttribute = (name: string, value: string): Element[] => {
  const utils = require('jsdom/lib/jsdom/living/generated/utils.js') as Utils & {
    wrapperForImpl: (impl: object) => Element
  }
  const { domSymbolTree } = require('jsdom/lib/jsdom/living/helpers/internal-constants.js') as {
    domSymbolTree: { treeIterator: (root: object) => Iterable<TreeImpl> }
  }
  const found: Element[] = []
  const root = utils.implForWrapper(document)
  if (!root) return [...document.querySelectorAll(`[${name}="${value}"]`)]
  for (const node of domSymbolTree.treeIterator(root))
    if (node.nodeType === 1 && node.getAttributeNS(null, name) === value)
      found.push(utils.wrapperForImpl(node))
  return found
}
