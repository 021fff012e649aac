import type { KeyboardEvent, MouseEvent, ReactNode } from 'react'
import { useId, useRef } from 'react'
import { tabIndexForKey } from '../controls/tabKeys'

/** One tab: its id (the panel's too) and its label. */
export interface TabItem<Id extends string> {
  readonly id: Id
  readonly label: string
  /** Classes besides `tab`, e.g. the first tab of a group. */
  readonly className?: string
}

/** The ids that tie a tab and its panel together, under one `useId()` base. */
export const tabIdOf = (base: string, id: string): string => `${base}-tab-${id}`
export const panelIdOf = (base: string, id: string): string => `${base}-panel-${id}`

interface TabListProps<Id extends string> {
  readonly tabs: readonly TabItem<Id>[]
  readonly selected: Id
  /** A `useId()` of the owner, shared with its TabPanels. */
  readonly base: string
  readonly label: string
  /** A tab chosen by its keys (→ ←, Home, End): the tab also takes focus, as the pattern has it. */
  readonly onSelect: (id: Id) => void
  /** A click or Enter / Space on a tab; the default chooses it. */
  readonly onTabClick?: (id: Id, e: MouseEvent<HTMLButtonElement>) => void
  /** The keys it handles go no further (a dialog's tabs over a page that has its own keys). */
  readonly stopKeys?: boolean
}

/**
 * The ARIA tabs pattern's tablist: only the chosen tab is in the Tab order (roving tabindex),
 * → / ← move between tabs (wrapping), Home / End jump to the first / last, and each tab says
 * which panel it controls.
 */
export function TabList<Id extends string>({
  tabs,
  selected,
  base,
  label,
  onSelect,
  onTabClick,
  stopKeys = false,
}: TabListProps<Id>) {
  const buttons = useRef(new Map<Id, HTMLButtonElement>())
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((t) => t.id === selected)
    const next = tabIndexForKey(e, index, tabs.length)
    if (next === undefined) return
    e.preventDefault()
    if (stopKeys) e.stopPropagation()
    const id = tabs[next]!.id
    onSelect(id)
    buttons.current.get(id)?.focus()
  }
  return (
    <div className="tabs" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          ref={(el) => {
            if (el) buttons.current.set(tab.id, el)
            else buttons.current.delete(tab.id)
          }}
          type="button"
          role="tab"
          id={tabIdOf(base, tab.id)}
          aria-selected={tab.id === selected}
          aria-controls={panelIdOf(base, tab.id)}
          tabIndex={tab.id === selected ? 0 : -1}
          className={tab.className ? `tab ${tab.className}` : 'tab'}
          onClick={(e) => (onTabClick ? onTabClick(tab.id, e) : onSelect(tab.id))}
        >
          {tab.label}
        </button>
      ))}
    </div>
  )
}

interface TabPanelProps {
  readonly base: string
  readonly id: string
  readonly selected: boolean
  readonly className: string
  /** `data-tab`, for styles and tests that find a panel by its tab. */
  readonly dataTab?: string
  readonly children?: ReactNode
}

/** A tab's panel: hidden unless chosen, labelled by its tab, and focusable as the pattern has it. */
export function TabPanel({ base, id, selected, className, dataTab, children }: TabPanelProps) {
  return (
    <div
      role="tabpanel"
      id={panelIdOf(base, id)}
      aria-labelledby={tabIdOf(base, id)}
      className={className}
      data-tab={dataTab}
      hidden={!selected}
      tabIndex={0}
    >
      {children}
    </div>
  )
}

interface TabsProps<Id extends string> extends Omit<TabListProps<Id>, 'base'> {
  /** A `useId()` of the owner when it needs the ids too (to focus a panel); else its own. */
  readonly base?: string
  readonly panelClassName: string
  /** Each panel carries `data-tab` with its tab's id. */
  readonly dataTabs?: boolean
  /** What a tab's panel holds; its panel is there, hidden, for every tab. */
  readonly panel: (id: Id) => ReactNode
}

/** A tablist and its panels, the ARIA tabs pattern (see TabList). */
export function Tabs<Id extends string>({
  base: given,
  panelClassName,
  dataTabs = false,
  panel,
  ...list
}: TabsProps<Id>) {
  const own = useId()
  const base = given ?? own
  return (
    <>
      <TabList base={base} {...list} />
      {list.tabs.map(({ id }) => (
        <TabPanel
          key={id}
          base={base}
          id={id}
          selected={id === list.selected}
          className={panelClassName}
          dataTab={dataTabs ? id : undefined}
        >
          {panel(id)}
        </TabPanel>
      ))}
    </>
  )
}
