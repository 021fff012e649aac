import { useId } from 'react'
import type { Framework, HandlerSpec, HttpMethod, RouteSpec } from '../../engine'
import { HTTP_METHODS } from '../../engine'
import { DraftField, SelectField, numberProblem } from './fields'
import type { Behaviour } from './model'
import {
  BEHAVIOURS,
  SLOW_QUERY_MS,
  behaviourOf,
  methodLabel,
  newRoute,
  patternProblem,
  withBehaviour,
  withEndpointFor,
  withPattern,
} from './model'

/** How the route's answer is described beside its name. */
const KIND_WORDS: Partial<Record<string, string>> = { html: ' HTML', text: ', a bare string' }

interface Props {
  readonly framework: Framework
  readonly routes: readonly RouteSpec[]
  readonly onChange: (routes: RouteSpec[]) => void
}

// HEAD and OPTIONS are answered by the frameworks themselves wherever GET is routed.
const METHODS = HTTP_METHODS.filter((m) => m !== 'HEAD' && m !== 'OPTIONS')
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/

function RouteRow({
  route,
  index,
  framework,
  routes,
  onChange,
}: {
  readonly route: RouteSpec
  readonly index: number
  readonly framework: Framework
  readonly routes: readonly RouteSpec[]
  readonly onChange: (routes: RouteSpec[]) => void
}) {
  const nameId = useId()
  const behaviour = behaviourOf(route.handler)
  const replace = (next: RouteSpec) => onChange(routes.map((r, i) => (i === index ? next : r)))
  const setHandler = (handler: HandlerSpec) => replace({ ...route, handler })
  const methodValue = methodLabel(route.methods)
  const methodOptions = [
    ...(route.methods.length > 1 ? [{ value: methodValue, label: methodValue }] : []),
    ...METHODS.map((m) => ({ value: m as string, label: m })),
  ]
  const fault = route.handler.fault
  return (
    <li className="ed-route">
      <div className="ed-route-head">
        <code id={nameId} className="ed-route-name">
          {route.endpoint}
        </code>
        <span className="ed-route-status">
          {behaviour === 'raises'
            ? 'answers 500'
            : behaviour === 'empty'
              ? 'answers 204, no body'
              : behaviour === 'redirect'
                ? `answers ${route.handler.status}, to ${route.handler.location ?? '/'}`
                : `answers ${route.handler.status}${KIND_WORDS[route.handler.kind] ?? ' JSON'}`}
        </span>
        <button
          type="button"
          className="ed-icon-button ed-remove"
          aria-label={`Remove route ${route.endpoint}`}
          title={`Remove route ${route.endpoint}`}
          onClick={() => onChange(routes.filter((_, i) => i !== index))}
        >
          <svg className="icon" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M6 6l12 12M18 6L6 18" />
          </svg>
        </button>
      </div>
      <div className="ed-route-grid">
        <SelectField
          label="Method"
          labelledBy={nameId}
          value={methodValue}
          options={methodOptions}
          onChange={(value) => {
            if (value !== methodValue) replace({ ...route, methods: [value as HttpMethod] })
          }}
        />
        <DraftField
          label="Pattern"
          labelledBy={nameId}
          className="ed-grow"
          mono
          value={route.pattern}
          validate={(text) => {
            const problem = patternProblem(text, framework)
            if (problem) return problem
            const twin = routes.find(
              (r, i) =>
                i !== index &&
                r.pattern === text &&
                r.methods.some((m) => route.methods.includes(m)),
            )
            return twin
              ? `${twin.endpoint} already answers ${methodValue} ${text}; the first route wins.`
              : null
          }}
          onCommit={(text) =>
            replace(withEndpointFor(withPattern(route, text, framework), text, routes))
          }
        />
      </div>
      <div className="ed-route-grid">
        <SelectField<Behaviour>
          label="Behaviour"
          labelledBy={nameId}
          value={behaviour}
          options={BEHAVIOURS.map((b) => ({ value: b.id, label: b.label }))}
          onChange={(value) => setHandler(withBehaviour(route.handler, value))}
        />
        {fault?.kind === 'slow-query' ? (
          <DraftField
            label="Slow query (ms)"
            labelledBy={nameId}
            numeric
            value={String(fault.ms ?? SLOW_QUERY_MS)}
            validate={numberProblem(0, 600_000, ' ms')}
            onCommit={(text) =>
              setHandler({ ...route.handler, fault: { ...fault, ms: Number(text) } })
            }
          />
        ) : null}
        {fault?.kind === 'exception' ? (
          <DraftField
            label="Exception"
            labelledBy={nameId}
            mono
            value={fault.exception ?? 'KeyError'}
            validate={(text) =>
              IDENTIFIER.test(text) ? null : 'Enter a Python class name such as KeyError.'
            }
            onCommit={(text) =>
              setHandler({ ...route.handler, fault: { kind: 'exception', exception: text } })
            }
          />
        ) : null}
      </div>
    </li>
  )
}

/** The routes table: one card per view (method, pattern, behaviour), add and remove. */
export function RoutesEditor({ framework, routes, onChange }: Props) {
  return (
    <div className="ed-routes">
      {routes.length === 0 ? (
        <p className="ed-empty">No routes: every request gets a 404 from the router.</p>
      ) : (
        <ul className="ed-route-list" aria-label="Routes, matched top to bottom">
          {routes.map((route, i) => (
            <RouteRow
              key={`${i}:${route.endpoint}`}
              route={route}
              index={i}
              framework={framework}
              routes={routes}
              onChange={onChange}
            />
          ))}
        </ul>
      )}
      <button
        type="button"
        className="button ed-add-route"
        onClick={() => onChange([...routes, newRoute(framework, routes)])}
      >
        <svg className="icon" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 5v14M5 12h14" />
        </svg>
        Add route
      </button>
    </div>
  )
}
