/** The equivalent Python app of a scenario, file by file, for its framework profile. */
import type { Scenario } from '../../engine'
import { serverFile, proxyFile } from './deploy'
import { djangoFiles } from './django'
import { fastapiApp } from './fastapi'
import { flaskApp } from './flask'
import type { CodeFile } from './model'

/** The app's source files, then the server command and the proxy config. */
export const generateCode = (scenario: Scenario): CodeFile[] => {
  const app =
    scenario.framework === 'django'
      ? djangoFiles(scenario)
      : scenario.framework === 'fastapi'
        ? [fastapiApp(scenario)]
        : [flaskApp(scenario)]
  return [...app, serverFile(scenario), proxyFile(scenario)]
}
