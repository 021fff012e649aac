import { useState } from 'react'
import type { CookieSeed, RequestSpec, Scenario } from '../../engine'
import { selectSetRequest, selectSetScenario, selectWorking, useStore } from '../../store'
import type { Draft } from './draft'
import { fromRequest, sameCookies, sameRequest, toCookies, toRequest } from './draft'
import { validateDraft } from './validate'

const NO_COOKIES: readonly CookieSeed[] = []

/** The scenario with its browser's cookie jar replaced (an empty jar leaves no trace in the JSON). */
const withJar = (scenario: Scenario, cookies: readonly CookieSeed[]): Scenario => {
  const { cookies: _old, ...browser } = scenario.browser ?? {}
  const next = cookies.length > 0 ? { ...browser, cookies } : browser
  const { browser: _browser, ...rest } = scenario
  return Object.keys(next).length > 0 ? { ...rest, browser: next } : rest
}

interface State {
  readonly draft: Draft
  /** The working request and jar the draft last matched: a different one came from elsewhere. */
  readonly request: RequestSpec
  readonly jar: readonly CookieSeed[]
  /** `true` once the student changed something since the draft was last (re)loaded. */
  readonly edited: boolean
  /** The student's draft that an outside change replaced, so it can be restored. */
  readonly replaced: Draft | null
}

/**
 * The composer's draft, kept exactly as typed. Whenever the whole draft is valid it is written to
 * the store's working request (and the jar to the working app), so everything else that sends
 * "the current request" sends this one; while it is invalid the store keeps the last valid one.
 * When the working request changes from elsewhere (a scenario opened, an import) the draft follows
 * it, and the edits it replaced are kept for "Restore my edits".
 */
export const useDraft = () => {
  const working = useStore(selectWorking)
  const setRequest = useStore(selectSetRequest)
  const setScenario = useStore(selectSetScenario)
  const jar = working.scenario.browser?.cookies ?? NO_COOKIES
  const [state, setState] = useState<State>(() => ({
    draft: fromRequest(working.request, jar),
    request: working.request,
    jar,
    edited: false,
    replaced: null,
  }))

  // An outside change: follow it during render (React's "adjust state when a prop changes").
  if (state.request !== working.request || state.jar !== jar) {
    const newRequest =
      state.request !== working.request && !sameRequest(toRequest(state.draft), working.request)
    const newJar = state.jar !== jar && !sameCookies(toCookies(state.draft), jar)
    const loaded = fromRequest(working.request, jar)
    setState({
      draft: {
        ...(newRequest ? loaded : state.draft),
        cookies: newJar ? loaded.cookies : state.draft.cookies,
      },
      request: working.request,
      jar,
      edited: newRequest || newJar ? false : state.edited,
      replaced: (newRequest || newJar) && state.edited ? state.draft : state.replaced,
    })
  }

  /** Keeps the typing; writes a valid draft through to the store. */
  const update = (draft: Draft) => {
    let { request, jar: stored } = state
    if (validateDraft(draft).errors.length === 0) {
      const built = toRequest(draft)
      if (!sameRequest(built, working.request)) {
        request = built
        setRequest(built)
      }
      const cookies = toCookies(draft)
      if (!sameCookies(cookies, jar)) {
        const scenario = withJar(working.scenario, cookies)
        stored = scenario.browser?.cookies ?? NO_COOKIES
        setScenario(scenario, { rerun: false })
      }
    }
    setState({ draft, request, jar: stored, edited: true, replaced: null })
  }

  const restore = () => {
    if (state.replaced) update(state.replaced)
  }
  const dismissReplaced = () => setState({ ...state, replaced: null })

  return {
    draft: state.draft,
    update,
    replaced: state.replaced !== null,
    restore,
    dismissReplaced,
  }
}

/**
 * Whether the next send must start from a cold browser: the jar seeds a browser only when it
 * starts, so a changed jar is not seen by a kept-alive one.
 */
export const jarChangedSinceRun = (cookies: readonly CookieSeed[]): boolean => {
  const { traced } = useStore.getState()
  return traced !== null && !sameCookies(traced.scenario.browser?.cookies ?? NO_COOKIES, cookies)
}
