import type { ChangeEvent } from 'react'
import { useId } from 'react'
import { scenarios } from '../../engine'
import {
  hashWithScenario,
  selectActiveLesson,
  selectCurrentScenario,
  selectCustomized,
  selectLoadScenario,
  selectScenarioId,
  useStore,
} from '../../store'

/** Writes the choice into the address bar so the page can be shared or bookmarked as it is. */
const rememberInUrl = (id: string) => {
  try {
    window.history.replaceState(
      window.history.state,
      '',
      hashWithScenario(window.location.hash, id),
    )
  } catch {
    // Some sandboxed frames refuse history changes; the scenario still opens.
  }
}

export function ScenarioPicker() {
  const scenarioId = useStore(selectScenarioId)
  const loadScenario = useStore(selectLoadScenario)
  const customized = useStore(selectCustomized)
  const editedId = useId()
  const onChange = (e: ChangeEvent<HTMLSelectElement>) => {
    loadScenario(e.target.value)
    rememberInUrl(e.target.value)
  }
  return (
    <label className="picker">
      <span className="picker-label">Scenario</span>
      <select
        value={scenarioId}
        onChange={onChange}
        aria-describedby={customized ? editedId : undefined}
      >
        {scenarios.map((s) => (
          <option key={s.id} value={s.id}>
            {s.title}
          </option>
        ))}
      </select>
      {customized ? (
        <span
          id={editedId}
          className="edited-badge"
          title="You changed the request or the app; the App tab can reset it"
        >
          Edited
        </span>
      ) : null}
    </label>
  )
}

/** One line saying what the open scenario shows. */
export function ScenarioGoal() {
  const { goal } = useStore(selectCurrentScenario)
  // A scenario's goal states the outcome; during a lesson that would answer its questions.
  const lessonGoal = useStore((s) => selectActiveLesson(s)?.goal)
  return <p className="scenario-goal">{lessonGoal ?? goal}</p>
}
