import type { HttpMethod } from '../model/http'
import { HTTP_METHODS } from '../model/http'
import type { RequestSpec } from '../model/scenario'
import { ScenarioError, parseRequestSpec } from '../model/scenario'

/** Quotes a word for a POSIX shell: single quotes, with `'` written as `'\''`. */
const quote = (word: string): string =>
  /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`

/**
 * The request as a curl command, one option per line like DevTools' "Copy as cURL".
 * @example toCurl({ method: 'POST', url: 'https://api.example.com/users', body: '{}' })
 * // "curl -X POST https://api.example.com/users \\\n  --data-raw '{}'"
 */
export const toCurl = (spec: RequestSpec): string => {
  const parts = [`curl${spec.method === 'HEAD' ? ' -I' : ''}`]
  if (spec.method !== 'GET' && spec.method !== 'HEAD') parts[0] += ` -X ${quote(spec.method)}`
  parts[0] += ` ${quote(spec.url)}`
  for (const [name, value] of Object.entries(spec.headers ?? {}))
    parts.push(`-H ${quote(`${name}: ${value}`)}`)
  if (spec.body) parts.push(`--data-raw ${quote(spec.body)}`)
  return parts.join(' \\\n  ')
}

/** Splits a shell command line into words: quotes, backslash escapes and `\` line continuations. */
const words = (text: string): string[] => {
  const out: string[] = []
  let word: string | null = null
  const push = (chars: string) => (word = (word ?? '') + chars)
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === '\\') {
      const nextChar = text[i + 1]
      if (nextChar === '\n' || (nextChar === '\r' && text[i + 2] === '\n')) {
        // A line continuation joins the lines: it is not part of any word.
        i += nextChar === '\r' ? 2 : 1
        continue
      }
      if (nextChar === undefined) throw new Error('the command ends with a lone "\\"')
      push(nextChar)
      i++
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1)
      if (end < 0) throw new Error(`unterminated ' quote starting at ${excerpt(text, i)}`)
      push(text.slice(i + 1, end))
      i = end
    } else if (c === '$' && text[i + 1] === "'") {
      const { value, end } = ansiC(text, i + 2)
      push(value)
      i = end
    } else if (c === '"') {
      let j = i + 1
      let value = ''
      for (; j < text.length && text[j] !== '"'; j++) {
        const d = text[j]!
        const after = text[j + 1]
        if (d === '\\' && after !== undefined && '"\\$`\n'.includes(after)) {
          if (after !== '\n') value += after
          j++
        } else value += d
      }
      if (j >= text.length) throw new Error(`unterminated " quote starting at ${excerpt(text, i)}`)
      push(value)
      i = j
    } else if (/\s/.test(c)) {
      if (word !== null) out.push(word)
      word = null
    } else push(c)
  }
  if (word !== null) out.push(word)
  return out
}

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '0': '\0',
}

/** Bash's `$'…'` quoting, which DevTools uses when a body holds newlines or quotes. */
const ansiC = (text: string, start: number): { value: string; end: number } => {
  let value = ''
  for (let i = start; i < text.length; i++) {
    const c = text[i]!
    if (c === "'") return { value, end: i }
    if (c === '\\' && i + 1 < text.length) {
      const e = text[++i]!
      if (e === 'u' && /^[0-9a-fA-F]{4}/.test(text.slice(i + 1, i + 5))) {
        value += String.fromCharCode(parseInt(text.slice(i + 1, i + 5), 16))
        i += 4
      } else if (e === 'x' && /^[0-9a-fA-F]{2}/.test(text.slice(i + 1, i + 3))) {
        value += String.fromCharCode(parseInt(text.slice(i + 1, i + 3), 16))
        i += 2
      } else value += ESCAPES[e] ?? `\\${e}`
    } else value += c
  }
  throw new Error(`unterminated $' quote starting at ${excerpt(text, start - 2)}`)
}

const excerpt = (text: string, at: number): string => {
  const bit = text.slice(at, at + 24)
  return `"${bit}${text.length > at + 24 ? '…' : ''}"`
}

const UNDERSTOOD =
  'Roundtrip understands -X, -H, -d, --data-raw, --data-binary, --data-urlencode, --json, -I, -G, -A, -b, -e, -u and the URL'

/** Options that take a value and are understood. */
const VALUE_OPTIONS: Readonly<Record<string, string>> = {
  '-X': 'method',
  '--request': 'method',
  '-H': 'header',
  '--header': 'header',
  '-d': 'data',
  '--data': 'data',
  '--data-raw': 'data-raw',
  '--data-binary': 'data',
  '--data-ascii': 'data',
  '--data-urlencode': 'data-urlencode',
  '--json': 'json',
  '-A': 'user-agent',
  '--user-agent': 'user-agent',
  '-b': 'cookie',
  '--cookie': 'cookie',
  '-e': 'referer',
  '--referer': 'referer',
  '-u': 'user',
  '--user': 'user',
  '--url': 'url',
  // Accepted and ignored: they change how curl runs, not the request it sends.
  '-o': 'ignore',
  '--output': 'ignore',
  '-m': 'ignore',
  '--max-time': 'ignore',
  '--connect-timeout': 'ignore',
  '--retry': 'ignore',
  '-w': 'ignore',
  '--write-out': 'ignore',
}

/** Flags without a value. `-I` and `-G` change the request; the rest only change curl's output. */
const FLAGS: ReadonlySet<string> = new Set([
  '-I',
  '--head',
  '-G',
  '--get',
  '-s',
  '--silent',
  '-S',
  '--show-error',
  '-L',
  '--location',
  '-k',
  '--insecure',
  '-v',
  '--verbose',
  '-i',
  '--include',
  '-f',
  '--fail',
  '--compressed',
  '--http1.1',
  '--http2',
  '--globoff',
  '-g',
])

const SHORT_WITH_VALUE = new Set(['X', 'H', 'd', 'A', 'b', 'e', 'u', 'o', 'm', 'w'])

const isMethod = (value: string): value is HttpMethod =>
  (HTTP_METHODS as readonly string[]).includes(value)

/**
 * Reads a curl command (as copied from DevTools or a tutorial) into a `RequestSpec`. Understands the
 * URL, `-X`, `-H`, `-d`/`--data`/`--data-raw`/`--data-binary`/`--data-urlencode`, `--json`, `-I`,
 * `-G`, `-A`, `-b`, `-e`, `-u`, quoting with `'`, `"` and `$'…'`, and `\` line continuations.
 * Throws an `Error` naming the first thing it cannot parse.
 * @example parseCurl("curl -X POST https://api.example.com/users -d '{\"name\":\"Ada\"}'")
 */
export const parseCurl = (text: string): RequestSpec => {
  const args = words(text.trim())
  if (args[0] !== 'curl')
    throw new Error(
      args.length === 0
        ? 'the command is empty: paste a command that starts with "curl"'
        : `expected the command to start with "curl", not "${args[0]}"`,
    )
  let method: string | undefined
  let url: string | undefined
  let head = false
  let get = false
  const headers: Record<string, string> = {}
  const data: string[] = []
  let json = false

  const setHeader = (line: string, option: string) => {
    const colon = line.indexOf(':')
    // curl's `-H 'Name;'` sends an empty header.
    if (colon < 0 && line.endsWith(';')) return void (headers[line.slice(0, -1).trim()] = '')
    if (colon <= 0)
      throw new Error(`${option} "${line}" is not a header: write it as "Name: value"`)
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim()
  }
  const setUrl = (value: string) => {
    if (url !== undefined)
      throw new Error(`found a second URL "${value}"; Roundtrip sends one request at a time`)
    url = value
  }

  for (let i = 1; i < args.length; i++) {
    let arg = args[i]!
    let inline: string | undefined
    if (arg.startsWith('--') && arg.includes('=')) {
      inline = arg.slice(arg.indexOf('=') + 1)
      arg = arg.slice(0, arg.indexOf('='))
    } else if (/^-[A-Za-z]/.test(arg) && arg.length > 2) {
      // `-XPOST`, `-H'…'` or a cluster of flags such as `-sSL`.
      const letter = arg[1]!
      if (SHORT_WITH_VALUE.has(letter)) {
        inline = arg.slice(2)
        arg = `-${letter}`
      } else {
        for (const flag of arg.slice(1)) {
          if (!FLAGS.has(`-${flag}`))
            throw new Error(`cannot parse option "-${flag}" in "${arg}": ${UNDERSTOOD}`)
          if (flag === 'I') head = true
          if (flag === 'G') get = true
        }
        continue
      }
    }
    if (FLAGS.has(arg) && inline === undefined) {
      if (arg === '-I' || arg === '--head') head = true
      if (arg === '-G' || arg === '--get') get = true
      continue
    }
    const kind = VALUE_OPTIONS[arg]
    if (kind === undefined) {
      if (arg.startsWith('-') && arg !== '-')
        throw new Error(`cannot parse option "${arg}": ${UNDERSTOOD}`)
      setUrl(arg)
      continue
    }
    const value = inline ?? args[++i]
    if (value === undefined) throw new Error(`${arg} needs a value after it`)
    switch (kind) {
      case 'method': {
        const upper = value.toUpperCase()
        if (!isMethod(upper))
          throw new Error(
            `cannot parse method "${value}" in ${arg}: use one of ${HTTP_METHODS.join(', ')}`,
          )
        method = upper
        break
      }
      case 'header':
        setHeader(value, arg)
        break
      case 'data':
      case 'data-raw':
      case 'json':
        if (kind !== 'data-raw' && value.startsWith('@'))
          throw new Error(`cannot read the file in ${arg} ${value}: paste the body itself instead`)
        data.push(value)
        if (kind === 'json') json = true
        break
      case 'data-urlencode': {
        const eq = value.indexOf('=')
        data.push(
          eq < 0
            ? encodeURIComponent(value)
            : `${value.slice(0, eq + 1)}${encodeURIComponent(value.slice(eq + 1))}`,
        )
        break
      }
      case 'user-agent':
        headers['User-Agent'] = value
        break
      case 'cookie':
        if (!value.includes('='))
          throw new Error(`cannot read the cookie file in ${arg} ${value}: write "name=value"`)
        headers.Cookie = value
        break
      case 'referer':
        headers.Referer = value
        break
      case 'user':
        headers.Authorization = `Basic ${btoa(value.includes(':') ? value : `${value}:`)}`
        break
      case 'url':
        setUrl(value)
        break
    }
  }

  if (url === undefined) throw new Error('found no URL in the command')
  // Like curl, a URL without a scheme is taken as http://.
  const absolute = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`
  let parsed: URL
  try {
    parsed = new URL(absolute)
  } catch {
    throw new Error(`cannot parse the URL "${url}"`)
  }
  let body = data.join('&')
  let sent = absolute
  if (get && body) {
    parsed.search = parsed.search ? `${parsed.search}&${body}` : body
    sent = parsed.href
    body = ''
  }
  const has = (name: string) => Object.keys(headers).some((h) => h.toLowerCase() === name)
  if (json) {
    if (!has('content-type')) headers['Content-Type'] = 'application/json'
    if (!has('accept')) headers.Accept = 'application/json'
  } else if (body && !has('content-type'))
    headers['Content-Type'] = 'application/x-www-form-urlencoded'
  const resolved = (method ?? (head ? 'HEAD' : body ? 'POST' : 'GET')) as HttpMethod
  return checked({
    method: resolved,
    url: sent,
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...(body ? { body } : {}),
  })
}

/** `url` → "the URL", `headers.X-Note` → `the header "X-Note"`: a schema path in words. */
const named = (path: string): string =>
  path === 'url'
    ? 'the URL'
    : path.startsWith('headers.')
      ? `the header "${path.slice('headers.'.length)}"`
      : `the ${path}`

/**
 * The request held to the rules every request is (a link's, an import's, the composer's): a
 * command can carry what no browser sends, such as a line break in a header through `$'…\r\n'`.
 */
const checked = (spec: RequestSpec): RequestSpec => {
  try {
    return parseRequestSpec(spec)
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error
    throw new Error(`${named(error.path)} ${error.problem}`, { cause: error })
  }
}
