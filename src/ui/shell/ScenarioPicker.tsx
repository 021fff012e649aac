import type { ChangeEvent } from 'react'
import { useId } from 'react'
import {
  curatedScenarios,
  selectActiveLesson,
  selectCatalogueReady,
  selectCurrentScenario,
  selectCustomized,
  selectLoadScenario,
  selectScenarioId,
  useStore,
} from '../../store'

export function ScenarioPicker() {
  const scenarioId = useStore(selectScenarioId)
  const loadScenario = useStore(selectLoadScenario)
  const customized = useStore(selectCustomized)
  // The whole list arrives just after first paint (src/store/catalogue.ts).
  useStore(selectCatalogueReady)
  const scenarios = curatedScenarios()
  const editedId = useId()
  // The address follows (src/link/sync.ts), so the page can be shared or bookmarked as it is.
  const onChange = (e: ChangeEvent<HTMLSelectElement>) => loadScenario(e.target.value)
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
