/**
 * The project's database: SQLite from Python's standard library. schema.sql creates the tables the
 * scenario's queries name and fills them so each query finds rows; db.py (Flask, FastAPI) or
 * Django's own sqlite backend runs the views' SQL against it.
 */
import type { Scenario } from '../../engine'
import type { CodeFile } from './model'
import { textFile } from './model'

/** Columns the demo tables have, whatever the queries mention. */
const KNOWN: Readonly<Record<string, readonly string[]>> = {
  users: ['id', 'username', 'name', 'email', 'password_hash', 'active', 'created_at'],
  orders: ['id', 'user_id', 'product_id', 'quantity', 'total', 'status', 'created_at', 'created'],
  products: ['id', 'name', 'price'],
}

const SQL_WORDS = new Set(
  (
    'select from where and or not in is null as on join left right inner outer insert into ' +
    'values update set delete returning order by group having limit offset asc desc count sum ' +
    'avg min max distinct like between case when then else end exists union all date_trunc ' +
    'true false coalesce'
  ).split(' '),
)

const ident = /^[A-Za-z_]\w*$/

/** The tables a query reads or writes. */
export const tablesOf = (sql: string): string[] => [
  ...new Set(
    [...sql.matchAll(/\b(?:from|join|into|update)\s+([A-Za-z_]\w*)/gi)].map((m) =>
      m[1]!.toLowerCase(),
    ),
  ),
]

/**
 * The column each `%s` placeholder stands for, or `null` where the SQL does not say: the
 * column list of `INSERT … (a, b) VALUES (%s, %s)`, or the column before `=`, `<`, `>` or `LIKE`.
 */
export const placeholderColumns = (sql: string): (string | null)[] => {
  const insert = /\(\s*([\w\s,]+)\)\s*values\s*\(([^)]*)\)/i.exec(sql)
  const columns = insert ? insert[1]!.split(',').map((c) => c.trim().toLowerCase()) : []
  const start = insert ? insert.index + insert[0].lastIndexOf(insert[2]!) : -1
  const end = insert ? start + insert[2]!.length : -1
  const out: (string | null)[] = []
  const re = /%s/g
  for (let m = re.exec(sql); m; m = re.exec(sql)) {
    if (m.index >= start && m.index < end) {
      out.push(columns[sql.slice(start, m.index).split(',').length - 1] ?? null)
      continue
    }
    const column = /([A-Za-z_]\w*)\s*(?:=|<=|>=|<|>|like)\s*$/i.exec(sql.slice(0, m.index))?.[1]
    out.push(column ? column.toLowerCase() : null)
  }
  return out
}

const columnType = (name: string): string =>
  name === 'id' || name.endsWith('_id') || /^(quantity|count|year|active)$/.test(name)
    ? 'INTEGER'
    : /^(price|total|revenue|amount)$/.test(name)
      ? 'REAL'
      : 'TEXT'

/** A value for row `i` of a column, as SQL over the recursive counter `i`. */
const columnValue = (name: string, perKey: ReadonlyMap<string, number>): string => {
  if (name === 'id') return 'i'
  const group = perKey.get(name)
  if (group !== undefined) return group === 1 ? 'i' : `(i - 1) / ${group} + 1`
  if (name.endsWith('_id')) return '(i - 1) % 100 + 1'
  switch (name) {
    case 'username':
      return "CASE i WHEN 1 THEN 'ada' WHEN 2 THEN 'grace' ELSE 'user' || i END"
    case 'name':
      return "'User ' || i"
    case 'email':
      return "'user' || i || '@example.com'"
    case 'password_hash':
      return "'not-a-real-hash-' || i"
    case 'active':
      return 'i % 3 != 1'
    case 'status':
      return "CASE i % 3 WHEN 0 THEN 'shipped' WHEN 1 THEN 'paid' ELSE 'delivered' END"
    case 'created_at':
    case 'created':
      return "date('2025-01-01', '+' || (i % 365) || ' days')"
    case 'quantity':
      return '1 + i % 3'
    case 'price':
    case 'total':
    case 'revenue':
    case 'amount':
      return 'round(9.9 + i % 50, 2)'
    default:
      return columnType(name) === 'TEXT' ? `'${name} ' || i` : 'i'
  }
}

interface Table {
  readonly columns: Set<string>
  /** A column a query looks rows up by (`WHERE user_id = %s`) → rows per value. */
  readonly perKey: Map<string, number>
  count: number
}

/** Every table the scenario's queries name, with the columns they use and how many rows. */
const tablesIn = (scenario: Scenario): Map<string, Table> => {
  const tables = new Map<string, Table>()
  for (const route of scenario.routes)
    for (const query of route.handler.queries) {
      const names = tablesOf(query.sql)
      for (const name of names) {
        const table = tables.get(name) ?? {
          columns: new Set<string>(['id', ...(KNOWN[name] ?? [])]),
          perKey: new Map<string, number>(),
          count: 100,
        }
        tables.set(name, table)
        const columns = placeholderColumns(query.sql).filter((c): c is string => c !== null)
        // A single-table query's other words are its columns (SELECT a, b … WHERE c …).
        if (names.length === 1)
          for (const word of query.sql.replace(/'[^']*'/g, '').match(/[A-Za-z_]\w*/g) ?? []) {
            const lower = word.toLowerCase()
            if (!SQL_WORDS.has(lower) && lower !== name && ident.test(word)) columns.push(lower)
          }
        for (const column of columns) table.columns.add(column)
        const key = /\bwhere\s+([A-Za-z_]\w*)\s*=\s*%s/i.exec(query.sql)?.[1]?.toLowerCase()
        const rows = Math.max(1, Math.min(50, Math.round(query.rows)))
        if (key && key !== 'id' && key.endsWith('_id'))
          table.perKey.set(key, Math.max(rows, table.perKey.get(key) ?? 1))
        else if (!key && !/^\s*(insert|update|delete)\b/i.test(query.sql))
          table.count = Math.max(table.count, Math.min(1000, Math.round(query.rows)))
      }
    }
  return tables
}

/** Whether the project needs a database at all: a query, a rate limit's counts, Django's sessions. */
export const needsDatabase = (scenario: Scenario): boolean =>
  scenario.routes.some((r) => r.handler.queries.length > 0) ||
  scenario.middleware.some((m) => m.kind === 'rateLimit') ||
  (scenario.framework === 'django' &&
    scenario.middleware.some((m) => m.kind === 'session' && m.store !== 'cookie'))

/** schema.sql: the tables, their rows, and the bookkeeping tables middleware keeps. */
export const schemaFile = (scenario: Scenario): CodeFile => {
  const out: string[] = [
    '-- The tables the views query and rows for them to find. The app runs this file when it',
    '-- starts: IF NOT EXISTS and OR IGNORE make every later run change nothing.',
  ]
  for (const [name, table] of tablesIn(scenario)) {
    const columns = [...table.columns]
    const rows = table.count * Math.max(1, ...table.perKey.values())
    out.push('', `CREATE TABLE IF NOT EXISTS ${name} (`)
    columns.forEach((c, i) =>
      out.push(
        `    ${c} ${c === 'id' ? 'INTEGER PRIMARY KEY' : columnType(c)}${i < columns.length - 1 ? ',' : ''}`,
      ),
    )
    out.push(');')
    const by = [...table.perKey].map(([k, n]) => `${n} for each ${k}`).join(', ')
    out.push(
      `-- ${rows} rows, ids 1 to ${rows}${by ? ` (${by})` : ''}${name === 'users' ? '; ada and grace are the users auth knows' : ''}.`,
    )
    out.push(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows})`,
      `INSERT OR IGNORE INTO ${name} (${columns.join(', ')})`,
      `SELECT ${columns.map((c) => columnValue(c, table.perKey)).join(',\n       ')}`,
      'FROM n;',
    )
  }
  if (scenario.middleware.some((m) => m.kind === 'rateLimit'))
    out.push(
      '',
      '-- The rate limit: one row per request, so every server worker counts the same requests.',
      'CREATE TABLE IF NOT EXISTS rate_limit_hits (client TEXT NOT NULL, at REAL NOT NULL);',
      'CREATE INDEX IF NOT EXISTS rate_limit_hits_client ON rate_limit_hits (client, at);',
    )
  if (
    scenario.framework === 'django' &&
    scenario.middleware.some((m) => m.kind === 'session' && m.store !== 'cookie')
  )
    out.push(
      '',
      "-- Django's database sessions (what `manage.py migrate` would create).",
      'CREATE TABLE IF NOT EXISTS django_session (',
      '    session_key VARCHAR(40) PRIMARY KEY,',
      '    session_data TEXT NOT NULL,',
      '    expire_date DATETIME NOT NULL',
      ');',
      'CREATE INDEX IF NOT EXISTS django_session_expire_date ON django_session (expire_date);',
    )
  return textFile(
    'schema',
    'schema.sql',
    'The database: the tables the views query, with rows for them to find.',
    'sql',
    out.join('\n'),
  )
}

/** db.py for Flask (`from db import db`) or FastAPI (`app/db.py`). */
export const dbModule = (framework: 'flask' | 'fastapi'): CodeFile => {
  const root =
    framework === 'flask'
      ? 'Path(__file__).resolve().parent'
      : 'Path(__file__).resolve().parents[1]'
  const text = `"""The database: SQLite, from Python's standard library, in the file app.db.

The first connection runs schema.sql, which creates the tables and their rows. The views' SQL
is written for PostgreSQL's driver (psycopg), whose placeholder is %s; sqlite3's is ?, so
execute() swaps them, as Django does for SQLite.${
    framework === 'fastapi'
      ? `

sqlite3 is synchronous: in an async view each query holds the event loop for its few
milliseconds. A production app would use an async driver (asyncpg) and await it.`
      : ''
  }
"""
import sqlite3
from datetime import datetime
from pathlib import Path

ROOT = ${root}
DATABASE = ROOT / "app.db"


def date_trunc(unit, value):
    """PostgreSQL's date_trunc(), which SQLite lacks: the start of the year, month or day."""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return value
    parts = {"year": "%Y-01-01", "month": "%Y-%m-01", "day": "%Y-%m-%d"}
    return moment.strftime(parts.get(str(unit), "%Y-%m-%d"))


class Database:
    def __init__(self, path):
        # isolation_level=None: each statement commits at once (autocommit).
        self.connection = sqlite3.connect(
            path, timeout=10, isolation_level=None, check_same_thread=False
        )
        self.connection.row_factory = sqlite3.Row
        self.connection.create_function("date_trunc", 2, date_trunc)
        self.connection.executescript((ROOT / "schema.sql").read_text())

    def execute(self, sql, params=()):
        return self.connection.execute(sql.replace("%s", "?"), params)


db = Database(DATABASE)
`
  return textFile(
    'db',
    framework === 'flask' ? 'db.py' : 'app/db.py',
    'The database layer: sqlite3 on the file app.db, created from schema.sql.',
    'python',
    text,
  )
}
