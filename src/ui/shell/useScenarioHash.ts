import { useEffect } from 'react'
import { selectLoadScenarioFromHash, useStore } from '../../store'

/** Keeps the open scenario in step with `#scenario=<id>`: on start and when the hash changes. */
export const useScenarioHash = (): void => {
  const loadScenarioFromHash = useStore(selectLoadScenarioFromHash)
  useEffect(() => {
    const apply = () => loadScenarioFromHash(window.location.hash)
    apply()
    window.addEventListener('hashchange', apply)
    return () => window.removeEventListener('hashchange', apply)
  }, [loadScenarioFromHash])
}
