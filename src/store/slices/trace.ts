import type { Transport } from '../transport'
import type { RoundtripState, SliceCreator, TraceSlice } from '../types'

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

  sendRequest: async (options = {}) => {
    const { working, seed, trace: previous } = get()
    const generation = get().sendGeneration + 1
    set({ sending: true, sendError: null, playing: false, sendGeneration: generation })
    // A newer send or a scenario change makes this answer stale: drop it.
    const current = () => get().sendGeneration === generation
    try {
      const transport = await transportReady(get, api.subscribe)
      const trace = await transport.send({
        scenario: working.scenario,
        request: working.request,
        seed,
        // Like a browser, sending again keeps the warm DNS cache and the kept-alive connection;
        // a scenario change clears the trace and an app change asks for a cold start.
        ...(options.cold || !previous ? {} : { connection: previous.connection }),
      })
      if (!current()) return
      // The playhead waits on the first event: stepping or Play is the student's choice.
      set({ trace, traced: working, playhead: 0, playing: false, sending: false })
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
