import { appScenarios } from './app'
import type { CuratedScenario } from './types'

const sessionAuth = appScenarios.find((s) => s.id === 'session-auth')

/** Scenarios a lesson needs that no other shelf had: each confronts one misconception. */
export const lessonScenarios: readonly CuratedScenario[] = sessionAuth
  ? [
      {
        id: 'session-not-shared',
        title: 'Another browser, no session',
        goal: 'Ada is logged in on her laptop; this browser has no cookie, so the same app answers 401.',
        expectedStatus: 401,
        // The same app as "Logged in by cookie"; only this browser's cookie jar is empty.
        scenario: { ...sessionAuth.scenario, browser: { cookies: [] } },
        request: sessionAuth.request,
      },
    ]
  : []
