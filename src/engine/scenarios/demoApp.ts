import type { Scenario } from '../model/scenario'

/** A small Flask API on gunicorn behind nginx: the app most scenarios start from. */
export const demoApp: Scenario = {
  version: 1,
  framework: 'flask',
  network: { preset: 'fibre' },
  dns: { 'api.example.com': '93.184.216.34' },
  tls: { version: '1.3' },
  proxy: { software: 'nginx', workers: 4 },
  middleware: [{ kind: 'logging' }],
  routes: [
    {
      methods: ['GET'],
      pattern: '/users/<int:id>',
      endpoint: 'get_user',
      handler: {
        kind: 'json',
        status: 200,
        body: { id: '{id}', name: 'Ada Lovelace', email: 'ada@example.com' },
        queries: [{ sql: 'SELECT * FROM users WHERE id = %s', ms: 8, rows: 1 }],
        computeMs: 2,
      },
    },
    {
      methods: ['GET'],
      pattern: '/health',
      endpoint: 'health',
      handler: { kind: 'json', status: 200, body: { ok: true }, queries: [], computeMs: 0.2 },
    },
  ],
}
