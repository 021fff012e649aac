import { useStore } from '../../store'
import type { Walk } from './walk'

/**
 * Shows a walk in the main view as the page load shows one of its requests: its own trace from
 * step 1, `traced` saying which app and request made it, and a notice that it is the model's,
 * inferred, with only the request itself the user's. The working copy (the app and request the
 * user may have edited) is left as it is: nothing they made is replaced.
 */
export const openWalk = (walk: Walk, from: string): void => {
  useStore.setState({
    trace: walk.trace,
    traced: { scenario: walk.scenario.scenario, request: walk.request },
    warmups: null,
    previousTrace: null,
    playhead: 0,
    playing: false,
    sendError: null,
    scenarioNotice: `Explain my request: ${from} walked through the model. Every step and time is the model's (inferred), not measured; only the method, path, headers and body are yours. ${walk.why}`,
  })
}
