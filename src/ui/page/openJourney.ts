import type { PageRequest, Scenario } from '../../engine'
import { useStore } from '../../store'

/**
 * Shows one request of a page load in the main view, exactly as a sent request is shown: its own
 * trace, from its first step. The trace is the page's (same connection state, same seed), not a
 * new simulation; `warmups: null` says no link can rebuild it.
 */
export const openJourney = (request: PageRequest, scenario: Scenario): void => {
  useStore.setState({
    trace: request.trace,
    traced: { scenario, request: { method: request.method, url: request.url } },
    warmups: null,
    previousTrace: null,
    playhead: 0,
    playing: false,
    sendError: null,
  })
}
