// The real stack for conformance tests: a project folder served by real gunicorn or uvicorn behind
// real nginx with TLS, all on 127.0.0.1, from the cache that scripts/realstack/install.sh fills.
//
//   const stack = await startStack({ dir, framework: 'flask', appModule: 'app:app', nginxConf })
//   const res = await request({ port: stack.httpsPort, host: 'api.example.com', path: '/', ca: stack.ca })
//   await stack.stop()
//
// Every process it starts is stopped by stop(), by process group and by PID, also when the start
// fails and when the Node process exits. Traffic goes only to 127.0.0.1.
import { execFile, spawn } from 'node:child_process'
import { closeSync, existsSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import http from 'node:http'
import http2 from 'node:http2'
import https from 'node:https'
import net from 'node:net'
import tls from 'node:tls'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

const LOOPBACK = '127.0.0.1'

/** Where install.sh put the stack. */
export const CACHE = process.env.REALSTACK_CACHE ?? join(homedir(), '.cache', 'roundtrip-realstack')
const bin = (name) => join(CACHE, 'bin', name)

/** `null` when the stack is installed, else why not (for a test's skip message). */
export const notInstalled = () => {
  for (const file of [bin('python'), bin('gunicorn'), bin('uvicorn'), bin('nginx')])
    if (!existsSync(file)) return `${file} is missing: run bash scripts/realstack/install.sh`
  if (!existsSync(join(CACHE, 'versions.json')))
    return `${CACHE}/versions.json is missing: run bash scripts/realstack/install.sh`
  return null
}

/** The versions install.sh found: `{ flask, werkzeug, django, fastapi, …, nginx }`. */
export const versions = () => JSON.parse(readFileSync(join(CACHE, 'versions.json'), 'utf8'))

const run = (file, args, options = {}) =>
  new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 30_000, ...options }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${file} ${args.join(' ')}: ${error.message}\n${stderr}`))
      else resolve(stdout)
    })
  })

/** A port nobody listens on now, on 127.0.0.1. */
export const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, LOOPBACK, () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })

/**
 * A throw-away CA and a server certificate for `host`, made by the system's openssl in `folder`.
 * @returns {Promise<{ ca: string, caFile: string, certFile: string, keyFile: string }>}
 */
export const makeCertificates = async (folder, host) => {
  const at = (name) => join(folder, name)
  const openssl = (...args) => run('openssl', args, { cwd: folder })
  await openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', at('ca.key'))
  await openssl(
    ...['req', '-x509', '-new', '-key', at('ca.key'), '-sha256', '-days', '2'],
    ...['-subj', '/CN=Roundtrip conformance throw-away CA', '-out', at('ca.pem')],
    ...['-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign'],
  )
  await openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', at('server.key'))
  await openssl(
    'req',
    '-new',
    '-key',
    at('server.key'),
    '-subj',
    `/CN=${host}`,
    '-out',
    at('server.csr'),
  )
  await writeFile(
    at('server.ext'),
    `subjectAltName=DNS:${host}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`,
  )
  await openssl(
    ...['x509', '-req', '-in', at('server.csr'), '-CA', at('ca.pem'), '-CAkey', at('ca.key')],
    ...['-CAcreateserial', '-days', '2', '-sha256', '-extfile', at('server.ext')],
    ...['-out', at('server.pem')],
  )
  return {
    ca: await readFile(at('ca.pem'), 'utf8'),
    caFile: at('ca.pem'),
    certFile: at('server.pem'),
    keyFile: at('server.key'),
  }
}

/**
 * nginx's http {} content as Roundtrip generates it (src/ui/code/deploy.ts), made to run here:
 * `listen 443`/`listen 80` become the free 127.0.0.1 ports, every `ssl_certificate(_key)` the
 * throw-away certificate, `proxy_pass`/`server` to 127.0.0.1:8000 (or localhost:8000) the app
 * server's port, and `root /srv/app` the project folder.
 * `httpPort` is null when the text has no `listen 80`.
 */
export const adaptNginxConf = (text, { httpsPort, httpPort, appPort, certFile, keyFile, dir }) => {
  let listens80 = false
  const out = text
    .replace(
      /\blisten\s+(?:(?:\[::\]|[\w.*]+):)?443\b([^;]*);/g,
      `listen ${LOOPBACK}:${httpsPort}$1;`,
    )
    .replace(/\blisten\s+(?:(?:\[::\]|[\w.*]+):)?80\b([^;]*);/g, (_m, rest) => {
      listens80 = true
      return `listen ${LOOPBACK}:${httpPort}${rest};`
    })
    .replace(/\bssl_certificate\s+[^;]+;/g, `ssl_certificate ${certFile};`)
    .replace(/\bssl_certificate_key\s+[^;]+;/g, `ssl_certificate_key ${keyFile};`)
    .replace(
      /\b(proxy_pass\s+https?:\/\/|server\s+)(?:127\.0\.0\.1|localhost):8000\b/g,
      `$1${LOOPBACK}:${appPort}`,
    )
    .replace(/\broot\s+\/srv\/app\b/g, `root ${dir}`)
  return { text: out, listens80 }
}

/** Lines of an http {} block that the harness's own main config sets (paths, mime types). */
const HARNESS_SETS =
  /^\s*(include\s+\S*mime\.types|default_type|access_log|error_log|sendfile|tcp_nopush|types_hash_max_size)\b/

/**
 * The content of the http {} block of a whole nginx.conf (as Roundtrip's nginx.conf is since
 * the project download), without the lines the harness's main config sets itself; text that has
 * no http {} block is returned as it is (it is that content already). Braces inside comments and
 * quoted strings do not count.
 */
export const httpBlock = (text) => {
  const start = /^[ \t]*http\s*\{/m.exec(text)
  if (!start) return text
  const open = start.index + start[0].length - 1
  let depth = 0
  let quote = null
  for (let i = open; i < text.length; i++) {
    const c = text[i]
    if (quote) {
      if (c === '\\') i++
      else if (c === quote) quote = null
    } else if (c === '"' || c === "'") quote = c
    else if (c === '#') {
      const end = text.indexOf('\n', i)
      i = end < 0 ? text.length : end
    } else if (c === '{') depth++
    else if (c === '}' && --depth === 0)
      return text
        .slice(open + 1, i)
        .split('\n')
        .filter((line) => !HARNESS_SETS.test(line))
        .join('\n')
  }
  throw new Error('nginx.conf: the http { block is not closed')
}

/** The default server blocks: what Roundtrip generates for a plain scenario with an https redirect. */
export const defaultNginxConf = (host) => `server {
    listen 80;
    server_name ${host};
    return 301 https://$host$request_uri;
}

server {
    listen 443 ssl;
    server_name ${host};
    ssl_protocols TLSv1.3;
    ssl_certificate     /etc/ssl/${host}.pem;
    ssl_certificate_key /etc/ssl/${host}.key;
    client_max_body_size 1m;

    location / {
        proxy_pass http://127.0.0.1:8000;
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_read_timeout 30s;
    }
}
`

/**
 * The whole nginx.conf: everything nginx would otherwise take from its compiled-in paths under
 * /var/lib/nginx, /var/log/nginx and /run points into `work`, and the http {} block holds what
 * Debian's /etc/nginx/nginx.conf sets that changes no response (mime types, sendfile), then
 * `servers`. Debian's `server_tokens off` and `gzip on` are left out (nginx's defaults stand), so
 * the scenario's text may set them.
 */
const mainNginxConf = ({ work, servers }) => {
  const temp = (name) => join(work, 'nginx', name)
  return `# Written by tests/conformance/stack.mjs
daemon off;
master_process on;
worker_processes 1;
${process.getuid?.() === 0 ? 'user root;\n' : ''}pid ${join(work, 'nginx.pid')};
error_log ${join(work, 'nginx-error.log')} notice;

events {
    worker_connections 256;
}

http {
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    include ${join(CACHE, 'root', 'etc', 'nginx', 'mime.types')};
    default_type application/octet-stream;
    access_log ${join(work, 'nginx-access.log')};
    client_body_temp_path ${temp('body')};
    proxy_temp_path ${temp('proxy')};
    fastcgi_temp_path ${temp('fastcgi')};
    uwsgi_temp_path ${temp('uwsgi')};
    scgi_temp_path ${temp('scgi')};

${servers}
}
`
}

// Every process group started here and not yet stopped, killed if Node exits first: at a normal
// exit, and at SIGINT/SIGTERM/SIGHUP (a test runner's timeout), which would otherwise leave the
// detached groups running.
const live = new Set()
const liveWork = new Set()
const killLive = () => {
  for (const pid of live) killTree(pid, 'SIGKILL')
  live.clear()
  if (!process.env.REALSTACK_KEEP)
    for (const folder of liveWork) rmSync(folder, { recursive: true, force: true })
  liveWork.clear()
}
process.on('exit', killLive)
let signalsHooked = false
const hookSignals = () => {
  if (signalsHooked) return
  signalsHooked = true
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ])
    process.once(signal, () => {
      killLive()
      process.exit(code)
    })
}

/** PIDs of every descendant of `pid`, read from /proc (Linux). */
const descendants = (pid) => {
  const children = new Map()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (!children.has(ppid)) children.set(ppid, [])
      children.get(ppid).push(Number(entry))
    } catch {
      // gone meanwhile
    }
  }
  const found = []
  const queue = [pid]
  while (queue.length && found.length < 10_000) {
    for (const child of children.get(queue.shift()) ?? []) {
      found.push(child)
      queue.push(child)
    }
  }
  return found
}

const alive = (pid) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Signals `pid`'s process group, `pid` itself and every descendant. */
const killTree = (pid, signal) => {
  const targets = [pid, ...descendants(pid)]
  try {
    process.kill(-pid, signal)
  } catch {
    // no such group
  }
  for (const target of targets) {
    try {
      process.kill(target, signal)
    } catch {
      // already gone
    }
  }
  return targets
}

/** TERM, then KILL after `graceMs`; resolves once `pid` and its descendants are gone (bounded). */
const stopProcess = async (child, graceMs = 3000) => {
  const pid = child.pid
  if (pid === undefined) return
  let targets = killTree(pid, 'SIGTERM')
  const deadline = Date.now() + graceMs
  while (Date.now() < deadline && targets.some(alive)) await sleep(50)
  if (targets.some(alive)) {
    targets = [...targets, ...killTree(pid, 'SIGKILL')]
    const hard = Date.now() + 2000
    while (Date.now() < hard && targets.some(alive)) await sleep(50)
  }
  live.delete(pid)
}

/** Starts `file args` in its own process group, its output going to `logFile`. */
const startProcess = async (file, args, { cwd, env, logFile }) => {
  const fd = openSync(logFile, 'a')
  try {
    const child = spawn(file, args, {
      cwd,
      env: { ...process.env, ...env },
      detached: true,
      stdio: ['ignore', fd, fd],
    })
    hookSignals()
    if (child.pid !== undefined) live.add(child.pid)
    child.once('error', () => {})
    child.unref()
    return child
  } finally {
    closeSync(fd)
  }
}

const tail = async (file, lines = 30) => {
  try {
    return (await readFile(file, 'utf8')).trimEnd().split('\n').slice(-lines).join('\n')
  } catch {
    return '(no log)'
  }
}

/**
 * Polls `probe` until it resolves true: every 100 ms, at most `timeoutMs`, failing if `child`
 * exits, or (with `fatal`) as soon as its log matches `fatal` (uvicorn --workers restarts a
 * worker that cannot import the app for ever, so only the traceback says it never will).
 */
const waitUntil = async (what, probe, { child, timeoutMs, logFile, fatal }) => {
  const deadline = Date.now() + timeoutMs
  for (let attempt = 0; attempt < 10_000 && Date.now() < deadline; attempt++) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `${what} exited (${child.exitCode ?? child.signalCode}):\n${await tail(logFile)}`,
      )
    if (await probe().catch(() => false)) return
    if (fatal && attempt % 5 === 4 && fatal.test(await tail(logFile, 400))) {
      await sleep(300) // let the traceback be written out
      throw new Error(`${what} cannot start:\n${await tail(logFile)}`)
    }
    await sleep(100)
  }
  throw new Error(`${what} did not answer within ${timeoutMs} ms:\n${await tail(logFile)}`)
}

/**
 * The app server is ready once a worker answers a malformed request line: gunicorn's and uvicorn's
 * own 400, sent after the worker imported the app and without calling it, so readiness leaves no
 * trace in the app.
 */
const appAnswers = (port) =>
  new Promise((resolve) => {
    const socket = net.connect({ host: LOOPBACK, port })
    let seen = ''
    const done = (ok) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(1000, () => done(false))
    socket.on('error', () => done(false))
    socket.on('connect', () => socket.write('PROBE\r\n\r\n'))
    socket.on('data', (chunk) => {
      seen += chunk.toString('latin1')
      if (seen.length >= 5) done(seen.startsWith('HTTP/'))
    })
    socket.on('end', () => done(seen.startsWith('HTTP/')))
  })

/**
 * nginx is ready once a TLS handshake for `host` completes: no HTTP request, so no rate-limit
 * counter, access log line or app request is spent on readiness.
 */
const tlsAnswers = (port, host, ca) =>
  new Promise((resolve) => {
    const socket = tls.connect({ host: LOOPBACK, port, servername: host, ca })
    const done = (ok) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(1000, () => done(false))
    socket.on('error', () => done(false))
    socket.on('secureConnect', () => done(true))
  })

/**
 * Whether nginx resumes a TLS session: one handshake to be handed a session ticket, then a second
 * one that offers it. Resolves `{ ticket, resumed, protocol }`; no HTTP request is sent.
 *
 * @param {{ port: number, host: string, ca: string, timeoutMs?: number }} options
 */
export const tlsResumes = async ({ port, host, ca, timeoutMs = 5000 }) => {
  const handshake = (session) =>
    new Promise((resolve, reject) => {
      const socket = tls.connect({ host: LOOPBACK, port, servername: host, ca, session })
      let ticket = null
      const timer = setTimeout(() => finish(), timeoutMs)
      const finish = () => {
        clearTimeout(timer)
        const result = {
          ticket,
          resumed: socket.isSessionReused(),
          protocol: socket.getProtocol(),
        }
        socket.destroy()
        resolve(result)
      }
      socket.on('error', (error) => {
        clearTimeout(timer)
        reject(error)
      })
      // TLS 1.3 sends its tickets after the handshake: wait for one, or for the timeout.
      socket.on('session', (data) => {
        ticket = data
        finish()
      })
      socket.on('secureConnect', () => {
        if (socket.getProtocol() !== 'TLSv1.3') {
          ticket = socket.getSession() ?? null
          finish()
        }
      })
    })
  const first = await handshake(undefined)
  if (!first.ticket) return { ticket: false, resumed: false, protocol: first.protocol }
  const second = await handshake(first.ticket)
  return { ticket: true, resumed: second.resumed, protocol: second.protocol }
}

/**
 * Starts the project in `dir` on the real stack: gunicorn (Flask, Django; sync workers) or
 * uvicorn (FastAPI) on a free 127.0.0.1 port, then nginx with TLS on free 127.0.0.1 ports.
 *
 * @param {object} options
 * @param {string} options.dir the project folder (the app server's working directory)
 * @param {'flask'|'django'|'fastapi'} options.framework
 * @param {string} [options.appModule] `module:attribute`; default `app:app`, `mysite.wsgi:application`, `main:app`
 * @param {string} [options.nginxConf] a whole nginx.conf as Roundtrip generates it, or only its http {} content (see httpBlock, adaptNginxConf); default defaultNginxConf(host)
 * @param {string} [options.host] the TLS certificate's name; default `api.example.com`
 * @param {number} [options.workers] app server worker processes; default 1
 * @param {string[]} [options.serverArgs] more arguments for gunicorn or uvicorn
 * @param {Record<string, string>} [options.env] more environment for the app server
 * @param {number} [options.timeoutMs] how long each server may take to answer; default 30 s
 * @returns {Promise<{ httpsPort: number, httpPort: number|null, appPort: number, host: string,
 *   ca: string, work: string, nginxConf: string,
 *   logs: () => Promise<{ app: string, nginx: string, access: string }>,
 *   stopApp: () => Promise<void>, stop: () => Promise<void> }>}
 *   `work` holds the certificates, nginx.conf and the logs (kept after stop() with REALSTACK_KEEP=1).
 */
export const startStack = async ({
  dir,
  framework,
  appModule,
  nginxConf,
  host = 'api.example.com',
  workers = 1,
  serverArgs = [],
  env = {},
  timeoutMs = 30_000,
}) => {
  const why = notInstalled()
  if (why) throw new Error(why)
  if (!['flask', 'django', 'fastapi'].includes(framework))
    throw new Error(`framework must be flask, django or fastapi, not ${framework}`)
  const module =
    appModule ??
    { flask: 'app:app', django: 'mysite.wsgi:application', fastapi: 'main:app' }[framework]

  const work = await mkdtemp(join(tmpdir(), 'roundtrip-stack-'))
  liveWork.add(work)
  const started = []
  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    for (const child of started.reverse()) await stopProcess(child)
    if (!process.env.REALSTACK_KEEP) await rm(work, { recursive: true, force: true })
    liveWork.delete(work)
  }

  try {
    const certs = await makeCertificates(work, host)
    const [appPort, httpsPort, httpPort] = await distinctFreePorts(3)

    // The app server, as Roundtrip's server command starts it (src/ui/code/deploy.ts).
    const appLog = join(work, 'app.log')
    const port = String(appPort)
    const count = String(workers)
    const [file, args] =
      framework === 'fastapi'
        ? [bin('uvicorn'), [module, '--host', LOOPBACK, '--port', port, '--workers', count]]
        : [bin('gunicorn'), ['--workers', count, '--bind', `${LOOPBACK}:${port}`, module]]
    if (framework === 'fastapi') args.push('--proxy-headers')
    args.push(...serverArgs)
    const app = await startProcess(file, args, {
      cwd: dir,
      env: { PYTHONDONTWRITEBYTECODE: '1', PYTHONUNBUFFERED: '1', ...env },
      logFile: appLog,
    })
    started.push(app)
    await waitUntil(`${framework} app server`, () => appAnswers(appPort), {
      child: app,
      timeoutMs,
      logFile: appLog,
      fatal: /^Traceback \(most recent call last\)/m,
    })

    // nginx in front.
    await mkdir(join(work, 'nginx'))
    const adapted = adaptNginxConf(httpBlock(nginxConf ?? defaultNginxConf(host)), {
      httpsPort,
      httpPort,
      appPort,
      certFile: certs.certFile,
      keyFile: certs.keyFile,
      dir,
    })
    const confFile = join(work, 'nginx.conf')
    const fullConf = mainNginxConf({ work, servers: adapted.text })
    await writeFile(confFile, fullConf)
    const nginxLog = join(work, 'nginx-error.log')
    await run(bin('nginx'), ['-p', `${work}/`, '-c', confFile, '-e', nginxLog, '-t']).catch(
      async (error) => {
        throw new Error(`nginx rejects its config:\n${error.message}\n${fullConf}`)
      },
    )
    const proxy = await startProcess(
      bin('nginx'),
      ['-p', `${work}/`, '-c', confFile, '-e', nginxLog],
      {
        cwd: work,
        env: {},
        logFile: join(work, 'nginx.out'),
      },
    )
    started.push(proxy)
    await waitUntil('nginx', () => tlsAnswers(httpsPort, host, certs.ca), {
      child: proxy,
      timeoutMs,
      logFile: nginxLog,
    })

    return {
      httpsPort,
      httpPort: adapted.listens80 ? httpPort : null,
      appPort,
      host,
      ca: certs.ca,
      work,
      nginxConf: fullConf,
      logs: async () => ({
        app: await tail(appLog, 200),
        nginx: await tail(nginxLog, 200),
        access: await tail(join(work, 'nginx-access.log'), 200),
      }),
      // Stops only the app server, leaving nginx with nothing behind it (a 502 scenario).
      stopApp: async () => {
        await stopProcess(app)
        started.splice(started.indexOf(app), 1)
      },
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

const distinctFreePorts = async (count) => {
  const ports = new Set()
  for (let attempt = 0; ports.size < count && attempt < 50; attempt++) ports.add(await freePort())
  if (ports.size < count) throw new Error('could not find free ports on 127.0.0.1')
  return [...ports]
}

/**
 * One request to 127.0.0.1:`port` (always that address: `host` only names the Host header and the
 * TLS server name), not following redirects.
 *
 * @param {object} options
 * @param {number} options.port
 * @param {string} [options.host] Host header and TLS server name; default `api.example.com`
 * @param {string} [options.servername] TLS server name when it differs from `host`
 * @param {string} [options.method] default GET
 * @param {string} [options.path] default /
 * @param {Record<string, string>|[string, string][]} [options.headers] sent as given, after Host
 * @param {string|Buffer} [options.body]
 * @param {boolean} [options.tls] default true
 * @param {string} [options.ca] the CA to trust (startStack's `ca`)
 * @param {number} [options.timeoutMs] default 10 s
 * @returns {Promise<{ status: number, statusText: string, httpVersion: string,
 *   headers: [string, string][], body: string, bodyBytes: Buffer, tlsProtocol: string|null }>}
 *   `statusText` is the reason phrase as sent; `headers` are the raw names and values in order.
 */
export const request = ({
  port,
  host = 'api.example.com',
  servername = host,
  method = 'GET',
  path = '/',
  headers = {},
  body,
  tls = true,
  ca,
  timeoutMs = 10_000,
  alpn = 'http/1.1',
}) =>
  alpn === 'h2'
    ? requestH2({ port, host, servername, method, path, headers, body, ca, timeoutMs })
    : new Promise((resolve, reject) => {
        const raw = [
          ['Host', host],
          ...(Array.isArray(headers) ? headers : Object.entries(headers)),
        ]
        if (
          body !== undefined &&
          !raw.some(([name]) => /^(content-length|transfer-encoding)$/i.test(name))
        )
          raw.push(['Content-Length', String(Buffer.byteLength(body))])
        const options = {
          host: LOOPBACK,
          port,
          method,
          path,
          headers: raw.flat(),
          agent: false,
          setHost: false,
          ...(tls ? { servername, ca, rejectUnauthorized: true } : {}),
        }
        const req = (tls ? https : http).request(options, (res) => {
          const tlsProtocol = tls ? (res.socket.getProtocol?.() ?? null) : null
          const chunks = []
          res.on('data', (chunk) => chunks.push(chunk))
          res.on('error', reject)
          res.on('end', () => {
            const bodyBytes = Buffer.concat(chunks)
            const headerPairs = []
            for (let i = 0; i < res.rawHeaders.length; i += 2)
              headerPairs.push([res.rawHeaders[i], res.rawHeaders[i + 1]])
            resolve({
              status: res.statusCode,
              statusText: res.statusMessage,
              httpVersion: res.httpVersion,
              headers: headerPairs,
              body: bodyBytes.toString('utf8'),
              bodyBytes,
              tlsProtocol,
            })
          })
        })
        req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)))
        req.on('error', reject)
        req.end(body)
      })

/**
 * One request over HTTP/2 (TLS with ALPN h2), answered in the same shape as `request`'s. HTTP/2
 * has no reason phrase (statusText is ''), and Set-Cookie comes back as one pair per cookie.
 */
const requestH2 = ({ port, host, servername, method, path, headers, body, ca, timeoutMs }) =>
  new Promise((resolve, reject) => {
    const session = http2.connect(`https://${LOOPBACK}:${port}`, {
      servername,
      ca,
      rejectUnauthorized: true,
    })
    const fail = (error) => {
      session.destroy()
      reject(error)
    }
    session.on('error', fail)
    const pairs = Array.isArray(headers) ? headers : Object.entries(headers)
    const stream = session.request({
      ':method': method,
      ':path': path,
      ':authority': host,
      ':scheme': 'https',
      // Connection-specific headers are not allowed in HTTP/2 (RFC 9113, section 8.2.2).
      ...Object.fromEntries(
        pairs
          .map(([name, value]) => [name.toLowerCase(), value])
          .filter(
            ([name]) => !/^(connection|keep-alive|transfer-encoding|upgrade|host)$/.test(name),
          ),
      ),
      ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
    })
    stream.setTimeout(timeoutMs, () => fail(new Error(`no answer within ${timeoutMs} ms`)))
    stream.on('error', fail)
    const chunks = []
    let head = {}
    stream.on('response', (received) => {
      head = received
    })
    stream.on('data', (chunk) => chunks.push(chunk))
    stream.on('end', () => {
      const tlsProtocol = session.socket?.getProtocol?.() ?? null
      const headerPairs = []
      for (const [name, value] of Object.entries(head)) {
        if (name.startsWith(':')) continue
        for (const one of Array.isArray(value) ? value : [value])
          headerPairs.push([name, String(one)])
      }
      const bodyBytes = Buffer.concat(chunks)
      session.close()
      resolve({
        status: Number(head[':status']),
        statusText: '',
        httpVersion: '2.0',
        headers: headerPairs,
        body: bodyBytes.toString('utf8'),
        bodyBytes,
        tlsProtocol,
      })
    })
    stream.end(body)
  })

/** The first value of header `name` (any case) in `request`'s `headers`, or undefined. */
export const header = (headers, name) =>
  headers.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1]
