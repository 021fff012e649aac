import './editor.css'
import { useId } from 'react'
import type { Framework, RequestSpec, Scenario } from '../../engine'
import {
  selectCurrentScenario,
  selectCustomized,
  selectLoadScenario,
  selectSetScenario,
  selectWorking,
  useStore,
} from '../../store'
import { ExchangeEditor } from './ExchangeEditor'
import { MiddlewareEditor } from './MiddlewareEditor'
import { NetworkEditor } from './NetworkEditor'
import { RoutesEditor } from './RoutesEditor'
import { Section } from './fields'
import { PROFILES, withFramework } from './model'

function FrameworkPicker({
  value,
  onChange,
}: {
  readonly value: Framework
  readonly onChange: (framework: Framework) => void
}) {
  const name = useId()
  return (
    <div className="ed-profiles" role="radiogroup" aria-label="Framework and server">
      {PROFILES.map((p) => (
        <label key={p.framework} className="ed-profile">
          <input
            type="radio"
            name={name}
            value={p.framework}
            checked={value === p.framework}
            onChange={() => onChange(p.framework)}
          />
          <span className="ed-profile-name">{p.label}</span>
          <span className="ed-profile-server">{p.server}</span>
        </label>
      ))}
    </div>
  )
}

/**
 * The App tab: the working app's framework, middleware, routes, proxy, TLS, network and faults.
 * Every change goes through `setScenario`, which re-runs the request from a cold browser.
 */
export default function EditorPanel() {
  const { scenario, request } = useStore(selectWorking)
  const customized = useStore(selectCustomized)
  const curated = useStore(selectCurrentScenario)
  const setScenario = useStore(selectSetScenario)
  const loadScenario = useStore(selectLoadScenario)
  const change = (next: Scenario) => setScenario(next)

  const onImport = (next: Scenario, nextRequest: RequestSpec | undefined) => {
    const store = useStore.getState()
    store.loadSetup({ scenario: next, request: nextRequest ?? store.working.request })
    void store.sendRequest({ cold: true })
  }

  return (
    <div className="ed">
      <div className="ed-top">
        <p className="ed-base">
          <span className="ed-badge" data-edited={customized ? 'true' : undefined}>
            {customized ? 'Edited' : 'As published'}
          </span>
          <span>
            {customized ? 'Changed from ' : ''}
            <strong>{curated.title}</strong>
          </span>
        </p>
        <button
          type="button"
          className="button"
          disabled={!customized}
          onClick={() => loadScenario(curated.id)}
        >
          <svg className="icon" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M4 12a8 8 0 1 0 2.3-5.7M4 4v4h4" />
          </svg>
          Reset to {curated.title}
        </button>
      </div>
      <p className="ed-lede">
        Each change sends the same request again, from a browser with nothing cached, so the journey
        shows what the change did. Your app is kept in this browser.
      </p>

      <Section title="Framework">
        <FrameworkPicker
          value={scenario.framework}
          onChange={(framework) => change(withFramework(scenario, framework))}
        />
      </Section>

      <Section
        title="Middleware"
        lede="Outermost first: the request passes down this list, the response back up it. Drag a row, or use its arrows."
      >
        <MiddlewareEditor
          framework={scenario.framework}
          middleware={scenario.middleware}
          onChange={(middleware) => change({ ...scenario, middleware })}
        />
      </Section>

      <Section title="Routes" lede="The router tries them top to bottom; the first match runs.">
        <RoutesEditor
          framework={scenario.framework}
          routes={scenario.routes}
          onChange={(routes) => change({ ...scenario, routes })}
        />
      </Section>

      <NetworkEditor scenario={scenario} request={request} onChange={change} />

      <Section title="Export and import">
        <ExchangeEditor scenario={scenario} request={request} onImport={onImport} />
      </Section>
    </div>
  )
}
