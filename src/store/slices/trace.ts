import type { Trace } from '../../engine'
import type { Transport } from '../transport'
import type { RoundtripState, Setup, SliceCreator, TraceSlice } from '../types'

type Subscribe = (listener: (state: RoundtripState) => void) => () => void

/** Resolves with the transport as soon as main.tsx provides it (it starts lazily after paint). */
export const transportReady = (
  get: () => RoundtripState,
  subscribe: Subscribe,
): Promise<Transport> =>
  new Promise((resolve, reject) => {
    const check = (state: RoundtripState): boolean => {
      if (state.transport) resolve(state.transport)
      else if (state.transportError) reject(new Error(state.transportError))
      else return false
      return true
    }
    if (check(get())) return
    const unsubscribe = subscribe((state) => {
      if (check(state)) unsubscribe()
    })
  })

const reasonOf = (error: unknown): string =>
  error instanceof Error && error.message ? error.message : String(error)

/** Structural equality of JSON-like values (setups), ignoring key order. */
const sameValue = (a: unknown, b: unknown): boolean => {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined)
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined)
  return (
    ka.length === kb.length &&
    ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  )
}

const sameSetup = (a: Setup | null, b: Setup): boolean => a !== null && sameValue(a, b)

/** Sends past this many in a row are not rebuilt for a link (the connection has long settled). */
export const MAX_WARMUPS = 50

const traceInitial = {
  trace: null,
  traced: null,
  sending: false,
  sendError: null,
  transport: null,
  transportMode: null,
  transportNotice: null,
  transportError: null,
  sendGeneration: 0,
  warmups: 0,
  previousTrace: null,
  draftErrors: 0,
  sendRefusals: 0,
} satisfies Partial<TraceSlice>

export const createTraceSlice: SliceCreator<TraceSlice> = (set, get, api) => ({
  ...traceInitial,

  setTransport: (transport) => {
    set({
      transport,
      transportMode: transport.mode,
      transportNotice: transport.notice ?? null,
      transportError: null,
    })
    // A transport that changes its way round later (a CSP refusing a fetch) says so here.
    transport.subscribe?.(() => {
      if (get().transport !== transport) return
      set({ transportMode: transport.mode, transportNotice: transport.notice ?? null })
    })
  },

  failTransport: (reason) =>
    set({
      transportError: `The simulated network could not start (${reason.replace(/[.\s]+$/, '')}), so requests cannot be sent from this page.`,
    }),

  setDraftErrors: (count) =>
    set(count > 0 ? { draftErrors: count } : { draftErrors: 0, sendRefusals: 0 }),

  sendRequest: async (options = {}) => {
    const { working, seed, trace: previous, traced, warmups: before, draftErrors } = get()
    // One rule for every Send on the page: a request with fields to fix is never sent, and the
    // last valid one is not sent in its place. The Request tab points at what to fix.
    if (draftErrors > 0) return set((s) => ({ sendRefusals: s.sendRefusals + 1 }))
    const generation = get().sendGeneration + 1
    set({ sending: true, sendError: null, playing: false, sendGeneration: generation })
    // A newer send or a scenario change makes this answer stale: drop it.
    const current = () => get().sendGeneration === generation
    const rebuild =
      options.warmups === undefined
        ? null
        : Math.min(MAX_WARMUPS, Math.max(0, Math.trunc(options.warmups)))
    // Like a browser, sending again keeps the warm DNS cache and the kept-alive connection;
    // a scenario change clears the trace and an app change asks for a cold start.
    const warm = rebuild === null && !options.cold && previous !== null
    try {
      const transport = await transportReady(get, api.subscribe)
      const send = (connection?: Trace['connection']) =>
        transport.send({
          scenario: working.scenario,
          request: working.request,
          seed,
          ...(connection ? { connection } : {}),
        })
      // A link's repeat: the same request sent `rebuild` times from a cold browser first.
      let last: Trace | null = warm ? previous : null
      for (let i = 0; i < (rebuild ?? 0); i++) {
        last = await send(last?.connection)
        if (!current()) return
      }
      const trace = await send(last?.connection)
      if (!current()) return
      const warmups =
        rebuild ?? (!warm ? 0 : before !== null && sameSetup(traced, working) ? before + 1 : null)
      // The playhead waits on the first event: stepping or Play is the student's choice.
      set({
        trace,
        traced: working,
        warmups,
        previousTrace: last,
        playhead: 0,
        playing: false,
        sending: false,
      })
    } catch (error) {
      if (!current()) return
      // No transport at all: its own notice already says why; one message is enough.
      if (get().transportError) return set({ sending: false })
      set({
        sending: false,
        sendError: `The request could not be sent (${reasonOf(error)}). Press "Send request" to try again.`,
      })
    }
  },
})
