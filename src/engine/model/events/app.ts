/** Payloads of the server-side events: app server, middleware, router, validation, handler. */
export interface AppEventPayloads {
  'server:parse': {
    interface: 'WSGI' | 'ASGI'
    software: string
    /** `environ` (WSGI) or `scope` (ASGI) as the framework receives it. */
    data: Record<string, string | number | string[][]>
  }
  'server:request-object': { framework: string; object: string; context: boolean }
  'server:write': { interface: 'WSGI' | 'ASGI'; software: string; bytes: number }
  'middleware:enter': { name: string; note: string }
  'middleware:exit': { name: string; headersAdded: string[] }
  'router:match': {
    tried: { pattern: string; methods: string[]; pathMatched: boolean }[]
    pattern: string
    params: Record<string, string | number>
    endpoint: string
  }
  'router:not-found': { tried: { pattern: string; methods: string[]; pathMatched: boolean }[] }
  'validation:ok': { checked: string[] }
  'handler:call': { endpoint: string; args: Record<string, string | number> }
  'handler:db-query': { sql: string; rows: number }
  'handler:return': { kind: 'json'; status: number }
}
