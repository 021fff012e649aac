// The journey's bands as data, apart from the layer → band mapping in groups.ts, so embed.html's
// poster can draw them without the engine.

/** The bands of the diagram. Several engine layers may share one (DNS, TCP and TLS are "Network"). */
export type GroupId =
  'client' | 'network' | 'proxy' | 'server' | 'middleware' | 'router' | 'validation' | 'handler'

export interface GroupInfo {
  readonly id: GroupId
  /** The accessible name (a contract with tests and screen readers: do not reword). */
  readonly label: string
  /** The layer's number in the course texts (0 Client … 6 Your code). */
  readonly number: number
  /** What the layer does, shown until the trace says what it actually did. */
  readonly about: string
}

export const GROUPS: readonly GroupInfo[] = [
  {
    id: 'client',
    label: 'Client',
    number: 0,
    about: 'Builds the request and, at the end, reads the response.',
  },
  {
    id: 'network',
    label: 'Network',
    number: 1,
    about: 'Finds the server’s address, opens a connection and agrees on encryption.',
  },
  {
    id: 'proxy',
    label: 'Reverse proxy',
    number: 1,
    about: 'Ends TLS, adds X-Forwarded-* headers and hands the request to a worker.',
  },
  {
    id: 'server',
    label: 'App server',
    number: 2,
    about: 'Turns bytes into the framework’s request object, later writes the answer back.',
  },
  {
    id: 'middleware',
    label: 'Middleware',
    number: 3,
    about: 'Each middleware runs on the way in and again, in reverse order, on the way out.',
  },
  {
    id: 'router',
    label: 'Router',
    number: 4,
    about: 'Matches the method and path to one view function, or answers 404 / 405.',
  },
  {
    id: 'validation',
    label: 'Validation',
    number: 5,
    about: 'Checks path, query and body and resolves dependencies, or answers 400 / 422.',
  },
  {
    id: 'handler',
    label: 'Handler',
    number: 6,
    about: 'Your view function: reads the data, queries the database, builds the response.',
  },
]
