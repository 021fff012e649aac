import type { ComponentType, KeyboardEvent, ReactNode } from 'react'
import { Component, Suspense, lazy, useId, useRef, useState } from 'react'
import { DepthSwitch } from '../controls/DepthSwitch'

type TabId = 'explain' | 'inspector' | 'timeline' | 'network' | 'request' | 'app' | 'code'

interface Tab {
  readonly id: TabId
  readonly label: string
  readonly Panel: ComponentType
}

// Each panel is its own chunk: none of them is part of the first paint.
const TABS: readonly Tab[] = [
  { id: 'explain', label: 'Explain', Panel: lazy(() => import('../narration/ExplainPanel')) },
  { id: 'inspector', label: 'Inspector', Panel: lazy(() => import('../inspector/InspectorPanel')) },
  { id: 'timeline', label: 'Timeline', Panel: lazy(() => import('../timeline/TimelinePanel')) },
  { id: 'network', label: 'Network', Panel: lazy(() => import('../network/NetworkPanel')) },
  { id: 'request', label: 'Request', Panel: lazy(() => import('../composer/ComposerPanel')) },
  { id: 'app', label: 'App', Panel: lazy(() => import('../editor/EditorPanel')) },
  { id: 'code', label: 'Code', Panel: lazy(() => import('../code/CodePanel')) },
]

/** A panel that fails to load or render says so, and the rest of the page keeps working. */
class PanelBoundary extends Component<{ label: string; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false }
  static getDerivedStateFromError() {
    return { failed: true }
  }
  override render() {
    if (!this.state.failed) return this.props.children
    return (
      <p className="panel-message">
        The {this.props.label} panel could not be shown. Reload the page to try again.
      </p>
    )
  }
}

/**
 * The detail area: Explain, Inspector, Timeline and Network as tabs (the ARIA tabs pattern:
 * arrow keys move between tabs, Home / End jump to the first / last). Explain is open first; a
 * panel is loaded the first time its tab opens and kept while the page lives.
 */
export function DetailTabs() {
  const [selected, setSelected] = useState<TabId>('explain')
  const [opened, setOpened] = useState<ReadonlySet<TabId>>(() => new Set(['explain']))
  const tabs = useRef(new Map<TabId, HTMLButtonElement>())
  const base = useId()

  const select = (id: TabId, focus = false) => {
    setSelected(id)
    setOpened((before) => (before.has(id) ? before : new Set([...before, id])))
    if (focus) tabs.current.get(id)?.focus()
  }

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const index = TABS.findIndex((t) => t.id === selected)
    const to: Record<string, number> = {
      ArrowRight: (index + 1) % TABS.length,
      ArrowLeft: (index - 1 + TABS.length) % TABS.length,
      Home: 0,
      End: TABS.length - 1,
    }
    const next = to[e.key]
    if (next === undefined || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return
    e.preventDefault()
    select(TABS[next]!.id, true)
  }

  return (
    <div className="detail">
      <div className="tabs" role="tablist" aria-label="Details" onKeyDown={onKeyDown}>
        {TABS.map((tab) => (
          <button
            key={tab.id}
            ref={(el) => {
              if (el) tabs.current.set(tab.id, el)
              else tabs.current.delete(tab.id)
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${tab.id}`}
            aria-selected={tab.id === selected}
            aria-controls={`${base}-panel-${tab.id}`}
            tabIndex={tab.id === selected ? 0 : -1}
            className="tab"
            onClick={() => select(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {TABS.map(({ id, label, Panel }) => (
        <div
          key={id}
          role="tabpanel"
          id={`${base}-panel-${id}`}
          aria-labelledby={`${base}-tab-${id}`}
          className="tabpanel"
          data-tab={id}
          hidden={id !== selected}
          tabIndex={0}
        >
          {id === 'explain' ? <DepthSwitch /> : null}
          {opened.has(id) ? (
            <PanelBoundary label={label}>
              <Suspense fallback={<p className="panel-message panel-loading">Loading…</p>}>
                <Panel />
              </Suspense>
            </PanelBoundary>
          ) : null}
        </div>
      ))}
    </div>
  )
}
