/**
 * The scenario's app as a runnable project, file by file: what the Code tab shows and what
 * "Download project" zips are the same list, from `generateProject`.
 */
import type { Framework, Scenario } from '../../engine'
import { needsDatabase, schemaFile } from './database'
import { proxyFile, serverCommand, serverFile } from './deploy'
import { djangoFiles } from './django'
import { fastapiFiles } from './fastapi'
import { flaskFiles } from './flask'
import type { CodeFile } from './model'
import { textFile } from './model'
import { inlineCode, markdownText } from '../common/escape'
import { VERSIONS } from './versions'

const TITLES: Readonly<Record<Framework, string>> = {
  flask: 'Flask on gunicorn',
  django: 'Django on gunicorn',
  fastapi: 'FastAPI on uvicorn',
}

/** requirements.txt, pinned to the versions Roundtrip models. */
const requirementsFile = (scenario: Scenario): CodeFile => {
  const { routes, middleware } = scenario
  const pins: [string, string][] = []
  switch (scenario.framework) {
    case 'flask':
      pins.push(['Flask', VERSIONS.flask], ['Werkzeug', VERSIONS.werkzeug])
      if (routes.some((r) => Object.keys(r.body ?? {}).length))
        pins.push(['marshmallow', VERSIONS.marshmallow])
      pins.push(['gunicorn', VERSIONS.gunicorn])
      break
    case 'django':
      pins.push(['Django', VERSIONS.django])
      if (middleware.some((m) => m.kind === 'cors' && m.position !== 'after-router'))
        pins.push(['django-cors-headers', VERSIONS.djangoCorsHeaders])
      pins.push(['gunicorn', VERSIONS.gunicorn])
      break
    case 'fastapi':
      pins.push(
        ['fastapi', VERSIONS.fastapi],
        ['starlette', VERSIONS.starlette],
        ['pydantic', VERSIONS.pydantic],
      )
      if (routes.some((r) => Object.values(r.body ?? {}).some((f) => f.type === 'email')))
        pins.push(['email-validator', VERSIONS.emailValidator])
      if (routes.some((r) => r.handler.kind === 'html')) pins.push(['Jinja2', VERSIONS.jinja2])
      if (middleware.some((m) => m.kind === 'session'))
        pins.push(['itsdangerous', VERSIONS.itsdangerous])
      pins.push(['uvicorn', VERSIONS.uvicorn])
      break
  }
  return textFile(
    'requirements',
    'requirements.txt',
    'The Python packages, pinned to the versions Roundtrip models.',
    'text',
    [
      `# Python ${VERSIONS.python}; the versions Roundtrip models (Debian 13's).`,
      ...pins.map(([name, version]) => `${name}==${version}`),
    ].join('\n'),
  )
}

/** The files under the proxy's static prefix, as nginx serves them from the project folder. */
const staticFiles = (scenario: Scenario): CodeFile[] => {
  const served = scenario.proxy.static
  if (!served) return []
  const folder = served.prefix.replace(/^\/+/, '')
  return Object.entries(served.files).map(([name, file]) => ({
    ...textFile(
      `static-${name}`,
      `${folder}${name}`,
      `A file nginx serves itself (${file.contentType}): the app never sees the request.`,
      'text',
      file.body,
    ),
    // nginx's ETag and Last-Modified come from the file's modification time.
    modified: file.lastModified ?? 'Mon, 26 May 2025 08:00:00 GMT',
  }))
}

const readme = (scenario: Scenario, files: readonly CodeFile[]): CodeFile => {
  const command = serverCommand(scenario)
  const proxy = scenario.proxy.software === 'nginx' ? 'nginx' : 'Caddy'
  const host = Object.keys(scenario.dns)[0] ?? 'api.example.com'
  const lines = [
    `# ${TITLES[scenario.framework]}, behind ${proxy}`,
    '',
    'The app Roundtrip simulates, as a project that runs. Two commands, in this folder, with',
    `Python ${VERSIONS.python} (in a virtual environment):`,
    '',
    '```sh',
    'pip install -r requirements.txt',
    'sh run.sh',
    '```',
    '',
    `\`run.sh\` starts ${command.program} on 127.0.0.1:8000 (${command.line.replace(/^\S+ /, '')}).`,
    '',
    scenario.proxy.software === 'nginx'
      ? `In front of it, \`nginx.conf\` is a whole \`/etc/nginx/nginx.conf\` for Debian's nginx ${VERSIONS.nginx}: it answers for ${inlineCode(host)}, with the certificate in \`/etc/ssl/api.example.com.pem\` and its key in \`/etc/ssl/api.example.com.key\`${scenario.proxy.static ? ', and serves static files from this folder as `/srv/app`' : ''}. Check it with \`sudo nginx -t\`.`
      : `In front of it, the \`Caddyfile\` answers for ${inlineCode(host)}.`,
    ...(needsDatabase(scenario)
      ? [
          '',
          'The database is SQLite, in `app.db`: the app creates it from `schema.sql` when it starts.',
        ]
      : []),
    ...(scenario.routes.some((r) => r.handler.calls?.length)
      ? [
          '',
          'The other services the views call answer as the scenario models them, without the network, unless `LIVE_SERVICES=1` is set.',
        ]
      : []),
    '',
    '## Files',
    '',
    // Paths and notes can carry the app's own strings (static file names, content types).
    ...files.map((f) => `- ${inlineCode(f.path)}: ${markdownText(f.about)}`),
    '- `README.md`: this file.',
  ]
  return textFile(
    'readme',
    'README.md',
    'What the project is and how to run it.',
    'text',
    lines.join('\n'),
  )
}

/** Each file's tab label: its name, or its path where two files share a name. */
const labelled = (files: readonly CodeFile[]): CodeFile[] => {
  const base = (f: CodeFile) => f.path.slice(f.path.lastIndexOf('/') + 1)
  const count = new Map<string, number>()
  for (const f of files) count.set(base(f), (count.get(base(f)) ?? 0) + 1)
  return files.map((f) => ({ ...f, name: count.get(base(f))! > 1 ? f.path : base(f) }))
}

/**
 * Every file of the runnable project: the app's Python (its main file first), the database's
 * schema, static files, requirements.txt, run.sh, the proxy's config and a README.
 */
export const generateProject = (scenario: Scenario): CodeFile[] => {
  const app =
    scenario.framework === 'django'
      ? djangoFiles(scenario)
      : scenario.framework === 'fastapi'
        ? fastapiFiles(scenario)
        : flaskFiles(scenario)
  const files = [
    ...app,
    ...(needsDatabase(scenario) ? [schemaFile(scenario)] : []),
    ...staticFiles(scenario),
    requirementsFile(scenario),
    serverFile(scenario),
    proxyFile(scenario),
  ]
  return labelled([...files, readme(scenario, files)])
}

/** The Code tab's files: the project's, exactly. */
export const generateCode = generateProject
