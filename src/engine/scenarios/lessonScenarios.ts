import { pageApp } from '../page/defaultPage'
import type { Scenario } from '../model/scenario'
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

/**
 * The shop behind the page-load lesson on a bad day: the products API's view raises (its database
 * refuses the connection), so Flask answers 500 to the script's `fetch()` while every other file
 * of the page still arrives.
 */
export const pageAppApiDown: Scenario = {
  ...pageApp,
  routes: pageApp.routes.map((route) =>
    route.pattern === '/api/products'
      ? {
          ...route,
          handler: {
            ...route.handler,
            fault: {
              kind: 'exception',
              exception: 'OperationalError',
              message: 'could not connect to server: Connection refused',
              line: 'products = db.execute(PRODUCTS_QUERY).fetchall()',
              afterQueries: 0,
            },
          },
        }
      : route,
  ),
}
