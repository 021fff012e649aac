import { useStore } from '../../store'
import type { Walk } from './walk'

/**
 * Shows a walk in the main view as any sent request is shown: the nearest scenario's app becomes
 * the working copy (so "Send request" sends the same again), its trace is on screen from step 1,
 * and a notice says it is the model's, inferred, with only the request itself the user's.
 */
export const openWalk = (walk: Walk, from: string): void => {
  const { loadSetup } = useStore.getState()
  loadSetup(
    { scenario: walk.scenario.scenario, request: walk.request },
    `Explain my request: ${from} walked through the model. Every step and time is the model's (inferred), not measured; only the method, path, headers and body are yours. ${walk.why}`,
    walk.scenario.id,
  )
  useStore.setState({
    trace: walk.trace,
    traced: { scenario: walk.scenario.scenario, request: walk.request },
    warmups: 0,
    previousTrace: null,
    playhead: 0,
    playing: false,
    sendError: null,
  })
}
