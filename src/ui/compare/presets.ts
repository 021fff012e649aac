/** The ready-made comparisons: pairs of runs that differ in one thing worth seeing. */
import { findScenario } from '../../engine'
import type { CompareSpec, Setup } from '../../store'

export type PresetId = 'keep-alive' | 'login' | 'validation' | 'edit'

interface Preset {
  readonly id: PresetId
  readonly title: string
  /** One line: what the pair shows. */
  readonly about: string
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'keep-alive',
    title: 'First visit vs kept-alive repeat',
    about: 'The shown request twice: the repeat reuses the open connection and the cached address.',
  },
  {
    id: 'login',
    title: 'Before vs after logging in',
    about: 'The same page without and with a session cookie: who answers, and how far it gets.',
  },
  {
    id: 'validation',
    title: 'Flask vs FastAPI validation',
    about: 'The same body, missing its email, sent to a Flask app and to a FastAPI app.',
  },
  {
    id: 'edit',
    title: 'Original vs your edit',
    about:
      'The scenario as it came against the app and request as you have edited them: a reordered middleware stack, another header, a new body.',
  },
]

const curated = (id: string): Setup => {
  const found = findScenario(id)
  if (!found) throw new Error(`The scenario "${id}" is missing.`)
  return { scenario: found.scenario, request: found.request }
}

/**
 * The two runs of a preset. `shown` is the trace's app and request, `working` the edited copy,
 * `original` the curated scenario the edits started from.
 */
export const specFor = (
  id: PresetId,
  shown: Setup,
  working: Setup,
  original: Setup = shown,
): CompareSpec => {
  const title = PRESETS.find((p) => p.id === id)!.title
  switch (id) {
    case 'keep-alive':
      return {
        id,
        title,
        left: { label: 'First visit', name: 'the first visit', setup: shown },
        right: {
          label: 'Kept-alive repeat',
          name: 'the repeat',
          setup: shown,
          afterLeft: true,
        },
      }
    case 'login': {
      const after = curated('session-auth')
      // Before logging in the browser holds no session cookie.
      const before: Setup = {
        scenario: { ...after.scenario, browser: { ...after.scenario.browser, cookies: [] } },
        request: after.request,
      }
      return {
        id,
        title,
        left: { label: 'Before logging in', name: 'before logging in', setup: before },
        right: { label: 'After logging in', name: 'after logging in', setup: after },
      }
    }
    case 'validation': {
      const fastapi = curated('validation-error')
      const flask = curated('create-user')
      return {
        id,
        title,
        left: {
          label: 'Flask (marshmallow)',
          name: 'Flask',
          setup: { scenario: flask.scenario, request: fastapi.request },
        },
        right: { label: 'FastAPI (pydantic)', name: 'FastAPI', setup: fastapi },
      }
    }
    case 'edit':
      return {
        id,
        title,
        left: { label: 'Original', name: 'the original', setup: original },
        right: { label: 'Your edit', name: 'your edit', setup: working },
      }
  }
}
