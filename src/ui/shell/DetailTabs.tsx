import type { ComponentType, ReactNode } from 'react'
import { Component, Suspense, lazy, useEffect, useId, useRef, useState } from 'react'
import type { DetailTab } from '../../store'
import { selectDetailTab, selectOpenDetailTab, useStore } from '../../store'
import type { TabItem } from '../common/TabList'
import { Tabs, panelIdOf } from '../common/TabList'
import { DepthSwitch } from '../controls/DepthSwitch'
import { ExplainFallback } from '../narration/ExplainFallback'
import { withMotionScope } from '../playback/withMotionScope'
import { afterFirstPaint } from './afterFirstPaint'

type TabId = DetailTab

interface Tab extends TabItem<TabId> {
  readonly Panel: ComponentType
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
    // The first tab of the "change it" group (Request, App): set apart from the reading tabs.
    className: 'tab-group-start',
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
  const base = useId()
  // A tab chosen with the mouse hands the keys back to the page: its panel takes focus, so →
  // steps the journey again instead of moving between tabs. From the keyboard, focus stays on
  // the tab, as the ARIA tabs pattern has it.
  const focusPanel = useRef<TabId | null>(null)
  useEffect(() => {
    if (focusPanel.current !== selected) return
    focusPanel.current = null
    document.getElementById(panelIdOf(base, selected))?.focus({ preventScroll: true })
  }, [selected, base])

  // A tab opened from elsewhere (the client band's "Edit request") loads its panel too.
  useEffect(() => {
    setOpened((before) => (before.has(selected) ? before : new Set([...before, selected])))
  }, [selected])

  return (
    <div className="detail">
      <Tabs
        tabs={TABS}
        selected={selected}
        base={base}
        label="Details"
        onTabClick={(id, e) => {
          // detail 0: Enter or Space on the tab, not a pointer.
          const panel = document.getElementById(panelIdOf(base, id))
          if (id === selected) return e.detail > 0 && panel?.focus({ preventScroll: true })
          if (e.detail > 0) focusPanel.current = id
          openTab(id)
        }}
        onSelect={openTab}
        panelClassName="tabpanel"
        dataTabs
        panel={(id) => {
          const { label, Panel } = TABS.find((t) => t.id === id)!
          return (
            <>
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
            </>
          )
        }}
      />
    </div>
  )
}
