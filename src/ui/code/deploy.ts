/** The files around the app: the app server's command line and the reverse proxy's config. */
import type { Scenario } from '../../engine'
import { NETWORK_DEFAULTS } from '../../engine'
import type { Anchor, CodeFile } from './model'
import { Lines } from './model'
import { commentText } from './python'

/** How the app server starts: the program, the `module:attribute` it loads, the workers. */
export interface ServerCommand {
  readonly program: 'gunicorn' | 'uvicorn'
  /** What the server imports, from the project's folder: `app:app`, `app.main:app`. */
  readonly module: string
  readonly workers: number
  /** The whole command line, as run.sh runs it. */
  readonly line: string
}

export const serverCommand = (scenario: Scenario): ServerCommand => {
  const workers = Math.max(1, Math.round(scenario.proxy.workers))
  if (scenario.framework === 'fastapi') {
    const module = 'app.main:app'
    return {
      program: 'uvicorn',
      module,
      workers,
      line: `uvicorn ${module} --host 127.0.0.1 --port 8000 --workers ${workers} --proxy-headers`,
    }
  }
  const module = scenario.framework === 'django' ? 'mysite.wsgi:application' : 'app:app'
  return {
    program: 'gunicorn',
    module,
    workers,
    line: `gunicorn --workers ${workers} --bind 127.0.0.1:8000 ${module}`,
  }
}

/** run.sh: the command that starts the app server, with the scenario's worker count. */
export const serverFile = (scenario: Scenario): CodeFile => {
  const out = new Lines()
  const command = serverCommand(scenario)
  const { workers } = command
  out.add('#!/bin/sh')
  if (command.program === 'uvicorn') {
    out.add('# uvicorn: an ASGI server; each worker process runs one event loop that')
    out.add('# interleaves many requests while they wait on I/O. --proxy-headers: the client')
    out.add("# is the address nginx puts in X-Forwarded-For, not nginx's own.")
  } else {
    out.add('# gunicorn: a WSGI server; each sync worker process handles one request at a time,')
    out.add(`# so ${workers} worker${workers === 1 ? '' : 's'} serve at most ${workers} at once.`)
  }
  out.add('# Run it in this folder; nginx (nginx.conf) passes requests on to 127.0.0.1:8000.')
  out.add('cd "$(dirname "$0")" || exit 1')
  out.add(`exec ${command.line}`, { kind: 'server' })
  return {
    id: 'server',
    path: 'run.sh',
    name: 'run.sh',
    about: 'How the app server is started, behind the reverse proxy.',
    language: 'shell',
    lines: out.lines,
  }
}

/** A value for an nginx directive: quoted (with `"` and `\` escaped) unless it is one plain word. */
const nginxValue = (text: string): string =>
  /^[A-Za-z0-9_./:@%+=-]+$/.test(text)
    ? text
    : `"${commentText(text).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`

/** A Caddyfile token: quoted when it has spaces or quotes. */
const caddyValue = nginxValue

/** `6s`, `0.5s`: a duration as nginx and the comments write it. */
const formatSeconds = (seconds: number): string =>
  `${Number.isInteger(seconds) ? seconds : Number(seconds.toFixed(2))} s`

export const host = (scenario: Scenario): string =>
  Object.keys(scenario.dns)[0] ?? 'api.example.com'

const nginx = (scenario: Scenario, out: Lines): void => {
  const { proxy, tls } = scenario
  const p = (part: NonNullable<Extract<Anchor, { kind: 'proxy' }>['part']>): Anchor => ({
    kind: 'proxy',
    part,
  })
  const rate = proxy.rateLimit
  if (rate) {
    const perMinute = Math.round((rate.limit / rate.windowSeconds) * 60)
    out.add('# In the http {} block: one counter per client address.', p('rate-limit'))
    out.add(
      `limit_req_zone $binary_remote_addr zone=perclient:10m rate=${perMinute}r/m;`,
      p('rate-limit'),
    )
    out.add(
      `# burst=${rate.limit - 1} nodelay: ${rate.limit} at once, then one more every ${formatSeconds(rate.windowSeconds / rate.limit)}.`,
      p('rate-limit'),
    )
    out.blank()
  }
  if (proxy.httpsRedirect) {
    out.add('server {', p('redirect'))
    out.add('    listen 80;', p('redirect'))
    out.add(`    server_name ${nginxValue(host(scenario))};`, p('redirect'))
    out.add('    return 301 https://$host$request_uri;', p('redirect'))
    out.add('}', p('redirect'))
    out.blank()
  }
  out.add('server {')
  out.add('    listen 443 ssl;', p('listen'))
  if ((tls.alpn ?? NETWORK_DEFAULTS.alpn) === 'h2') out.add('    http2 on;', p('tls'))
  out.add(`    server_name ${nginxValue(host(scenario))};`, p('listen'))
  out.add(`    ssl_protocols TLSv${tls.version};`, p('tls'))
  out.add('    ssl_certificate     /etc/ssl/api.example.com.pem;', p('tls'))
  out.add('    ssl_certificate_key /etc/ssl/api.example.com.key;', p('tls'))
  if (tls.sessionTickets === false) out.add('    ssl_session_tickets off;', p('tls'))
  if (tls.earlyData) out.add('    ssl_early_data on;', p('tls'))
  const max = proxy.maxBodyBytes ?? NETWORK_DEFAULTS.maxBodyBytes
  out.add(
    `    client_max_body_size ${max % 1_048_576 === 0 ? `${max / 1_048_576}m` : max % 1024 === 0 ? `${max / 1024}k` : max};`,
    p('body-size'),
  )
  if (proxy.status === 'maintenance') {
    out.blank()
    out.add(
      '    # Down for maintenance: every request gets 503, and when to try again.',
      p('maintenance'),
    )
    out.add('    add_header Retry-After 300 always;', p('maintenance'))
    out.add('    return 503;', p('maintenance'))
  }
  for (const [path, redirect] of Object.entries(proxy.redirects ?? {})) {
    out.blank()
    out.add(`    location = ${nginxValue(path)} {`, p('redirect'))
    out.add(`        return ${redirect.status} ${nginxValue(redirect.location)};`, p('redirect'))
    out.add('    }', p('redirect'))
  }
  if (proxy.static) {
    out.blank()
    out.add(`    location ${nginxValue(proxy.static.prefix)} {`, p('static'))
    out.add('        root /srv/app;  # nginx answers from disk; the app never sees it', p('static'))
    if (proxy.static.maxAgeSeconds !== undefined)
      out.add(`        expires ${Math.round(proxy.static.maxAgeSeconds)}s;`, p('static'))
    out.add('    }', p('static'))
  }
  out.blank()
  out.add('    location / {', p('forward'))
  if (rate)
    out.add(
      `        limit_req zone=perclient${rate.limit > 1 ? ` burst=${rate.limit - 1}` : ''} nodelay;`,
      p('rate-limit'),
    )
  if (rate) out.add('        limit_req_status 429;', p('rate-limit'))
  out.add('        proxy_pass http://127.0.0.1:8000;', p('forward'))
  out.add('        # HTTP/1.1 to the app (nginx speaks 1.0 upstream by default).', p('forward'))
  out.add('        proxy_http_version 1.1;', p('forward'))
  out.add('        proxy_set_header Connection "";', p('forward'))
  out.add('        proxy_set_header Host $host;', p('forward'))
  out.add('        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;', p('forward'))
  out.add('        proxy_set_header X-Forwarded-Proto $scheme;', p('forward'))
  out.add('        proxy_set_header X-Request-ID $request_id;', p('forward'))
  const timeout = proxy.timeoutMs ?? NETWORK_DEFAULTS.timeoutMs
  out.add(`        proxy_read_timeout ${Math.max(1, Math.round(timeout / 1000))}s;`, p('forward'))
  out.add('    }', p('forward'))
  out.add('}')
}

const caddy = (scenario: Scenario, out: Lines): void => {
  const { proxy, tls } = scenario
  const p = (part: NonNullable<Extract<Anchor, { kind: 'proxy' }>['part']>): Anchor => ({
    kind: 'proxy',
    part,
  })
  if (proxy.rateLimit) {
    // A plugin's directive has no place in Caddy's order until the global options give it one.
    out.add('{', p('rate-limit'))
    out.add('    order rate_limit before reverse_proxy', p('rate-limit'))
    out.add('}', p('rate-limit'))
    out.blank()
  }
  out.add('# Caddy redirects http:// to https:// and gets a certificate by itself.')
  out.add(`${caddyValue(host(scenario))} {`, p('listen'))
  out.add('    tls {', p('tls'))
  out.add(`        protocols tls${tls.version} tls${tls.version}`, p('tls'))
  out.add('    }', p('tls'))
  const max = proxy.maxBodyBytes ?? NETWORK_DEFAULTS.maxBodyBytes
  out.add('    request_body {', p('body-size'))
  out.add(`        max_size ${max}`, p('body-size'))
  out.add('    }', p('body-size'))
  if (proxy.status === 'maintenance') {
    out.add('    header Retry-After 300', p('maintenance'))
    out.add('    respond 503', p('maintenance'))
  }
  if (proxy.rateLimit) {
    const rate = proxy.rateLimit
    out.add(
      '    # Rate limiting needs the caddy-ratelimit plugin (xcaddy build --with',
      p('rate-limit'),
    )
    out.add(
      '    # github.com/mholt/caddy-ratelimit); stock Caddy does not know rate_limit.',
      p('rate-limit'),
    )
    out.add('    rate_limit {', p('rate-limit'))
    out.add('        zone perclient {', p('rate-limit'))
    out.add('            key {remote_host}', p('rate-limit'))
    out.add(`            events ${rate.limit}`, p('rate-limit'))
    out.add(`            window ${rate.windowSeconds}s`, p('rate-limit'))
    out.add('        }', p('rate-limit'))
    out.add('    }', p('rate-limit'))
  }
  for (const [path, redirect] of Object.entries(proxy.redirects ?? {}))
    out.add(
      `    redir ${caddyValue(path)} ${caddyValue(redirect.location)} ${redirect.status}`,
      p('redirect'),
    )
  if (proxy.static) {
    out.add(`    handle ${caddyValue(`${proxy.static.prefix}*`)} {`, p('static'))
    out.add('        root * /srv/app', p('static'))
    out.add('        file_server', p('static'))
    out.add('    }', p('static'))
  }
  const timeout = proxy.timeoutMs ?? NETWORK_DEFAULTS.timeoutMs
  out.add('    reverse_proxy 127.0.0.1:8000 {', p('forward'))
  out.add('        transport http {', p('forward'))
  out.add(`            read_timeout ${Math.max(1, Math.round(timeout / 1000))}s`, p('forward'))
  out.add('        }', p('forward'))
  out.add('    }', p('forward'))
  out.add('}')
}

/** The whole nginx.conf: Debian's main context around the scenario's server blocks. */
const nginxConf = (scenario: Scenario, out: Lines): void => {
  const inner = new Lines()
  nginx(scenario, inner)
  out.add('# The whole nginx.conf: on Debian it replaces /etc/nginx/nginx.conf (then: nginx -t).')
  out.add('user www-data;')
  out.add('worker_processes auto;')
  out.add('pid /run/nginx.pid;')
  out.add('error_log /var/log/nginx/error.log;')
  out.blank()
  out.add('events {')
  out.add('    worker_connections 768;')
  out.add('}')
  out.blank()
  out.add('http {')
  out.add('    include /etc/nginx/mime.types;')
  out.add('    default_type application/octet-stream;')
  out.add('    access_log /var/log/nginx/access.log;')
  out.add('    sendfile on;')
  out.add('    server_tokens off;  # Server: nginx, without its version')
  out.blank()
  for (const line of inner.lines) out.add(line.text ? `    ${line.text}` : '', ...line.anchors)
  out.add('}')
}

/** nginx.conf or the Caddyfile for the scenario's proxy. */
export const proxyFile = (scenario: Scenario): CodeFile => {
  const out = new Lines()
  const isNginx = scenario.proxy.software === 'nginx'
  if (isNginx) nginxConf(scenario, out)
  else caddy(scenario, out)
  const name = isNginx ? 'nginx.conf' : 'Caddyfile'
  return {
    id: 'proxy',
    path: name,
    name,
    about: `The reverse proxy: it ends TLS and passes requests on to the app server.`,
    language: isNginx ? 'nginx' : 'caddy',
    lines: out.lines,
  }
}
