import type { ComponentType, KeyboardEvent, ReactNode } from 'react'
import { Component, Suspense, lazy, useEffect, useId, useRef, useState } from 'react'
import type { DetailTab } from '../../store'
import { selectDetailTab, selectOpenDetailTab, useStore } from '../../store'
import { DepthSwitch } from '../controls/DepthSwitch'
import { tabIndexForKey } from '../controls/tabKeys'
import { ExplainFallback } from '../narration/ExplainFallback'
import { withMotionScope } from '../playback/withMotionScope'
import { afterFirstPaint } from './afterFirstPaint'

type TabId = DetailTab

interface Tab {
  readonly id: TabId
  readonly label: string
  readonly Panel: ComponentType
  /** The first tab of the "change it" group (Request, App): set apart from the reading tabs. */
  readonly groupStart?: boolean
}

// Each panel is its own chunk: none of them is part of the first paint. The order is the store's
// DETAIL_TABS: five ways to read the step, then the two editors.
const TABS: readonly Tab[] = [
  {
    id: 'explain',
    label: 'Explain',
    // Open from the start, but its welcome (the fallback) is what the first screen shows.
    Panel: lazy(() => afterFirstPaint().then(() => import('../narration/ExplainPanel'))),
  },
  { id: 'inspector', label: 'Inspector', Panel: lazy(() => import('../inspector/InspectorPanel')) },
  { id: 'timeline', label: 'Timeline', Panel: lazy(() => import('../timeline/TimelinePanel')) },
  {
    id: 'network',
    label: 'Network',
    Panel: lazy(withMotionScope(() => import('../network/NetworkPanel'))),
  },
  { id: 'code', label: 'Code', Panel: lazy(() => import('../code/CodePanel')) },
  {
    id: 'request',
    label: 'Request',
    Panel: lazy(() => import('../composer/ComposerPanel')),
    groupStart: true,
  },
  { id: 'app', label: 'App', Panel: lazy(() => import('../editor/EditorPanel')) },
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
 * The detail area as tabs (the ARIA tabs pattern: arrow keys move between tabs, Home / End jump
 * to the first / last): Explain, Inspector, Timeline, Network and Code read the step; Request and
 * App change what is sent and who answers. The open tab is in the store, so other parts can open
 * one. A panel is loaded the first time its tab opens and kept while the page lives.
 */
export function DetailTabs() {
  const selected = useStore(selectDetailTab)
  const openTab = useStore(selectOpenDetailTab)
  const [opened, setOpened] = useState<ReadonlySet<TabId>>(() => new Set([selected]))
  const tabs = useRef(new Map<TabId, HTMLButtonElement>())
  const base = useId()
  // A tab chosen with the mouse hands the keys back to the page: its panel takes focus, so →
  // steps the journey again instead of moving between tabs. From the keyboard, focus stays on
  // the tab, as the ARIA tabs pattern has it.
  const focusPanel = useRef<TabId | null>(null)
  useEffect(() => {
    if (focusPanel.current !== selected) return
    focusPanel.current = null
    document.getElementById(`${base}-panel-${selected}`)?.focus({ preventScroll: true })
  }, [selected, base])

  // A tab opened from elsewhere (the client band's "Edit request") loads its panel too.
  useEffect(() => {
    setOpened((before) => (before.has(selected) ? before : new Set([...before, selected])))
  }, [selected])

  const select = (id: TabId, focus = false) => {
    openTab(id)
    if (focus) tabs.current.get(id)?.focus()
  }

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const index = TABS.findIndex((t) => t.id === selected)
    const next = tabIndexForKey(e, index, TABS.length)
    if (next === undefined) return
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
            className={tab.groupStart ? 'tab tab-group-start' : 'tab'}
            onClick={(e) => {
              // detail 0: Enter or Space on the tab, not a pointer.
              const panel = document.getElementById(`${base}-panel-${tab.id}`)
              if (tab.id === selected) return e.detail > 0 && panel?.focus({ preventScroll: true })
              if (e.detail > 0) focusPanel.current = tab.id
              select(tab.id)
            }}
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
              <Suspense
                fallback={
                  id === 'explain' ? (
                    <ExplainFallback />
                  ) : (
                    <p className="panel-message panel-loading">Loading…</p>
                  )
                }
              >
                <Panel />
              </Suspense>
            </PanelBoundary>
          ) : null}
        </div>
      ))}
    </div>
  )
}
