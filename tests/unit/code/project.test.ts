// The generated project: complete, the same in the zip as in the Code tab, its Python valid for
// CPython 3.13 and its nginx.conf accepted by `nginx -t` (both with the real stack's binaries
// from scripts/realstack/install.sh; those two checks are skipped, saying why, without them).
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Framework, Scenario } from '../../../src/engine'
import { FRAMEWORKS, scenarios } from '../../../src/engine'
import { projectName, projectZip } from '../../../src/ui/code/download'
import { generateCode, generateProject } from '../../../src/ui/code/generate'
import { fileText } from '../../../src/ui/code/model'
import { VERSIONS } from '../../../src/ui/code/versions'
import { withFramework } from '../../../src/ui/editor/model'
import { CACHE, makeCertificates, notInstalled } from '../../conformance/stack.mjs'

const run = promisify(execFile)

/** Every curated scenario in every framework. */
const projects: { id: string; framework: Framework; scenario: Scenario }[] = scenarios.flatMap(
  (c) =>
    FRAMEWORKS.map((framework) => ({
      id: c.id,
      framework,
      scenario: withFramework(c.scenario, framework),
    })),
)

describe('the project', () => {
  it('is what the Code tab shows: one function', () => {
    expect(generateCode).toBe(generateProject)
  })

  it('has unique paths and tab names, each file ending in a newline, listed in the README', () => {
    for (const { scenario } of projects) {
      const files = generateProject(scenario)
      expect(new Set(files.map((f) => f.path)).size).toBe(files.length)
      expect(new Set(files.map((f) => f.name)).size).toBe(files.length)
      const readme = fileText(files.find((f) => f.path === 'README.md')!)
      for (const f of files) {
        expect(fileText(f).endsWith('\n')).toBe(true)
        expect(readme).toContain(`\`${f.path}\``)
      }
    }
  })

  it('puts the app where its server command imports it from', () => {
    const paths = (framework: Framework) =>
      generateProject(withFramework(scenarios[0]!.scenario, framework)).map((f) => f.path)
    expect(paths('flask')).toEqual(expect.arrayContaining(['app.py', 'run.sh', 'nginx.conf']))
    expect(paths('fastapi')).toEqual(
      expect.arrayContaining(['app/__init__.py', 'app/main.py', 'run.sh']),
    )
    expect(paths('django')).toEqual(
      expect.arrayContaining([
        'manage.py',
        'mysite/settings.py',
        'mysite/wsgi.py',
        'users/views.py',
      ]),
    )
    const run = (framework: Framework) =>
      fileText(
        generateProject(withFramework(scenarios[0]!.scenario, framework)).find(
          (f) => f.path === 'run.sh',
        )!,
      )
    expect(run('fastapi')).toMatch(/^exec uvicorn app\.main:app /m)
    expect(run('flask')).toMatch(/^exec gunicorn .* app:app$/m)
    expect(run('django')).toMatch(/^exec gunicorn .* mysite\.wsgi:application$/m)
  })

  it('pins the modelled versions', () => {
    const pins = (framework: Framework) =>
      fileText(
        generateProject(withFramework(scenarios[0]!.scenario, framework)).find(
          (f) => f.path === 'requirements.txt',
        )!,
      )
    expect(pins('flask')).toContain(`Flask==${VERSIONS.flask}\n`)
    expect(pins('flask')).toContain(`gunicorn==${VERSIONS.gunicorn}\n`)
    expect(pins('django')).toContain(`Django==${VERSIONS.django}\n`)
    expect(pins('fastapi')).toContain(`fastapi==${VERSIONS.fastapi}\n`)
    expect(pins('fastapi')).toContain(`uvicorn==${VERSIONS.uvicorn}\n`)
  })

  it('zips exactly its files, under <scenario>-<framework>/', async () => {
    for (const { id, framework, scenario } of projects.filter((_, i) => i % 5 === 0)) {
      const files = generateProject(scenario)
      const folder = projectName(id, framework)
      const entries = unzipSync(await projectZip(files, folder))
      expect(Object.keys(entries).sort()).toEqual(files.map((f) => `${folder}/${f.path}`).sort())
      for (const f of files) expect(strFromU8(entries[`${folder}/${f.path}`]!)).toBe(fileText(f))
    }
  })
})

const missing = notInstalled()

describe.skipIf(missing !== null)(
  `the project on the real stack${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let work = ''
    beforeAll(async () => {
      work = await mkdtemp(join(tmpdir(), 'roundtrip-project-test-'))
    })
    afterAll(async () => {
      if (work) await rm(work, { recursive: true, force: true })
    })

    it('has Python that CPython 3.13 compiles', async () => {
      const sources: Record<string, string> = {}
      for (const { id, framework, scenario } of projects)
        for (const f of generateProject(scenario))
          if (f.path.endsWith('.py')) sources[`${id}-${framework}/${f.path}`] = fileText(f)
      const input = join(work, 'sources.json')
      await writeFile(input, JSON.stringify(sources))
      const check = `import json, sys
bad = []
for name, text in json.load(open(sys.argv[1])).items():
    try:
        compile(text, name, "exec")
    except SyntaxError as e:
        bad.append(f"{name}:{e.lineno}: {e.msg}")
print("\\n".join(bad))`
      const { stdout } = await run(join(CACHE, 'bin', 'python'), ['-c', check, input], {
        timeout: 60_000,
      })
      expect(stdout.trim()).toBe('')
    })

    it('has an nginx.conf that nginx -t accepts', async () => {
      const certs = await makeCertificates(work, 'api.example.com')
      const confs = new Set(
        projects.map(({ scenario }) =>
          fileText(generateProject(scenario).find((f) => f.path === 'nginx.conf')!),
        ),
      )
      let n = 0
      for (const text of confs) {
        // Only the machine's paths change: the prefix, the certificate, mime.types, the logs.
        const prefix = join(work, `nginx-${n++}`)
        const conf = text
          .replace(/^user www-data;$/m, `user ${process.getuid?.() === 0 ? 'root' : 'nobody'};`)
          .replace('/run/nginx.pid', join(prefix, 'nginx.pid'))
          .replace(/\/var\/log\/nginx\//g, `${prefix}/`)
          .replace('/etc/nginx/mime.types', join(CACHE, 'root', 'etc', 'nginx', 'mime.types'))
          .replace(/\/etc\/ssl\/api\.example\.com\.pem/g, certs.certFile)
          .replace(/\/etc\/ssl\/api\.example\.com\.key/g, certs.keyFile)
          .replace(
            /^http \{$/m,
            `http {\n${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `    ${t}_temp_path ${prefix}/${t};`).join('\n')}`,
          )
        await run('mkdir', ['-p', prefix])
        const file = join(prefix, 'nginx.conf')
        await writeFile(file, conf)
        const result = await run(
          join(CACHE, 'bin', 'nginx'),
          ['-t', '-p', `${prefix}/`, '-c', file, '-e', join(prefix, 'error.log')],
          { timeout: 20_000 },
        ).then(
          () => 'ok',
          (error: { stderr?: string }) => `${error.stderr ?? String(error)}\n${conf}`,
        )
        expect(result).toBe('ok')
      }
      expect(n).toBeGreaterThan(5)
    })
  },
)
