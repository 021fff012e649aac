import { useMemo } from 'react'
import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import { pageChoiceOf, pageView } from '../../../link/pageView'
import { ChosenRequest } from '../../page/ChosenRequest'
import { Waterfall } from '../../page/Waterfall'
import { stepsOf, titleOf, traceOf } from '../../page/model'
import '../../page/page.css'

/**
 * The projected window's page-load view, for the presenter: the step in words, the next one, the
 * chosen request and the waterfall at that moment. The page trace is simulated again here from
 * the choice the projected window sent (the same choice gives the same trace); this window only
 * shows it, and its buttons and keys step the projected one.
 */
export function PresenterPage() {
  const view = useStore(
    pageView,
    useShallow((s) => ({ ...pageChoiceOf(s), step: s.step, request: s.request })),
  )
  const { scenarioId, protocol, network, cdn, altSvc, size } = view
  const page = useMemo(
    () => traceOf({ scenarioId, protocol, network, cdn, altSvc, size }),
    [scenarioId, protocol, network, cdn, altSvc, size],
  )
  const steps = useMemo(() => stepsOf(page), [page])
  const at = Math.min(view.step, steps.length - 1)
  const step = steps[at]!
  const next = steps[at + 1]
  const chosen = page.requests.find((r) => r.id === view.request)
  return (
    <section className="presenter-now presenter-page" aria-label="Page load">
      <h2 className="presenter-next-heading">Page load: {titleOf(view)}</h2>
      <p className="presenter-step" role="status" aria-live="polite" aria-atomic="true">
        Step {at + 1} of {steps.length}: {step.text}
      </p>
      <p className="presenter-next-line">
        {next ? `Next: ${next.text}` : 'Next: nothing, this is the last step.'}
      </p>
      {chosen ? (
        <ChosenRequest page={page} request={chosen} onOpen={undefined} />
      ) : (
        <p className="presenter-note">No request chosen on the projected window.</p>
      )}
      <div className="presenter-page-waterfall">
        <Waterfall page={page} time={step.at + 1e-6} span={page.end * 1.02} chosen={view.request} />
      </div>
    </section>
  )
}
