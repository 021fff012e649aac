// The real stack runs: a tiny Flask app, FastAPI app and Django project, each behind real nginx
// with TLS on 127.0.0.1, answer `/`, a 404 and a HEAD as the real servers do. Needs the cache of
// scripts/realstack/install.sh; skipped (with the reason) without it.
//   node --test tests/conformance/
import assert from 'node:assert/strict'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { header, notInstalled, request, startStack, versions } from './stack.mjs'

const skip = notInstalled()
const HOST = 'api.example.com'

/** Writes `files` ({ relative path: text }) into a new temp folder. */
const project = async (files) => {
  const dir = await mkdtemp(join(tmpdir(), 'roundtrip-project-'))
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true })
    await writeFile(join(dir, name), text)
  }
  return dir
}

const FLASK = {
  'app.py': `from flask import Flask

app = Flask(__name__)


@app.get('/')
def index():
    return {'ok': True}
`,
}

const FASTAPI = {
  'main.py': `from fastapi import FastAPI

app = FastAPI()


@app.get('/')
def index():
    return {'ok': True}
`,
}

const DJANGO = {
  'mysite/__init__.py': '',
  'mysite/settings.py': `SECRET_KEY = 'conformance-smoke-test-only'
DEBUG = False
ALLOWED_HOSTS = ['${HOST}']
ROOT_URLCONF = 'mysite.urls'
INSTALLED_APPS = []
MIDDLEWARE = ['django.middleware.common.CommonMiddleware']
DATABASES = {}
USE_TZ = True
`,
  'mysite/urls.py': `from django.http import JsonResponse
from django.urls import path


def index(request):
    return JsonResponse({'ok': True})


urlpatterns = [path('', index)]
`,
  'mysite/wsgi.py': `import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')
application = get_wsgi_application()
`,
}

/** Starts `files` on the real stack around a describe block's tests; `env.stack` once started. */
const useStack = (framework, files) => {
  const env = /** @type {any} */ ({ stack: null, dir: null })
  before(async () => {
    env.dir = await project(files)
    env.stack = await startStack({ dir: env.dir, framework, host: HOST })
  })
  after(async () => {
    await env.stack?.stop()
    if (env.dir) await rm(env.dir, { recursive: true, force: true })
  })
  return env
}

const get = (env, options) =>
  request({ port: env.stack.httpsPort, host: HOST, ca: env.stack.ca, ...options })

/** What every answer through nginx has: HTTP/1.1, nginx's own Server header, TLS 1.3. */
const throughNginx = (res) => {
  assert.equal(res.httpVersion, '1.1')
  assert.equal(header(res.headers, 'Server'), `nginx/${versions().nginx}`)
  assert.match(header(res.headers, 'Server'), /^nginx\/1\.26\.\d+$/)
  assert.equal(res.tlsProtocol, 'TLSv1.3')
}

describe('real stack: Flask on gunicorn behind nginx', { skip: skip ?? false }, () => {
  const env = useStack('flask', FLASK)

  test('GET / answers 200 OK with the JSON body', async () => {
    const res = await get(env, { path: '/' })
    throughNginx(res)
    assert.equal(res.status, 200)
    assert.equal(res.statusText, 'OK')
    assert.equal(header(res.headers, 'Content-Type'), 'application/json')
    assert.deepEqual(JSON.parse(res.body), { ok: true })
  })

  test("a 404 keeps Werkzeug's upper-case reason phrase through nginx", async () => {
    const res = await get(env, { path: '/missing' })
    throughNginx(res)
    assert.equal(res.status, 404)
    assert.equal(res.statusText, 'NOT FOUND')
    assert.equal(header(res.headers, 'Content-Type'), 'text/html; charset=utf-8')
    assert.match(res.body, /<title>404 Not Found<\/title>/)
  })

  test('HEAD / answers like GET, without a body', async () => {
    const res = await get(env, { method: 'HEAD', path: '/' })
    throughNginx(res)
    assert.equal(res.status, 200)
    assert.equal(header(res.headers, 'Content-Length'), '12')
    assert.equal(res.body, '')
  })

  test('plain http is redirected by nginx itself', async () => {
    const res = await request({ port: env.stack.httpPort, host: HOST, tls: false, path: '/x?y=1' })
    assert.equal(res.status, 301)
    assert.equal(res.statusText, 'Moved Permanently')
    assert.equal(header(res.headers, 'Location'), `https://${HOST}/x?y=1`)
    assert.equal(header(res.headers, 'Server'), `nginx/${versions().nginx}`)
  })
})

describe('real stack: FastAPI on uvicorn behind nginx', { skip: skip ?? false }, () => {
  const env = useStack('fastapi', FASTAPI)

  test('GET / answers 200 OK with the compact JSON body', async () => {
    const res = await get(env, { path: '/' })
    throughNginx(res)
    assert.equal(res.status, 200)
    assert.equal(res.statusText, 'OK')
    assert.equal(res.body, '{"ok":true}')
  })

  test("a 404 is Starlette's JSON with uvicorn's title-case reason phrase", async () => {
    const res = await get(env, { path: '/missing' })
    throughNginx(res)
    assert.equal(res.status, 404)
    assert.equal(res.statusText, 'Not Found')
    assert.equal(header(res.headers, 'Content-Type'), 'application/json')
    assert.equal(res.body, '{"detail":"Not Found"}')
  })

  test('HEAD on a GET route is 405: FastAPI adds no HEAD', async () => {
    const res = await get(env, { method: 'HEAD', path: '/' })
    throughNginx(res)
    assert.equal(res.status, 405)
    assert.equal(res.statusText, 'Method Not Allowed')
    assert.equal(header(res.headers, 'Allow'), 'GET')
    assert.equal(res.body, '')
  })
})

describe('real stack: Django on gunicorn behind nginx', { skip: skip ?? false }, () => {
  const env = useStack('django', DJANGO)

  test('GET / answers 200 OK with the JSON body', async () => {
    const res = await get(env, { path: '/' })
    throughNginx(res)
    assert.equal(res.status, 200)
    assert.equal(res.statusText, 'OK')
    assert.equal(header(res.headers, 'Content-Type'), 'application/json')
    assert.deepEqual(JSON.parse(res.body), { ok: true })
  })

  test("a 404 is Django's page with the title-case reason phrase", async () => {
    const res = await get(env, { path: '/missing/' })
    throughNginx(res)
    assert.equal(res.status, 404)
    assert.equal(res.statusText, 'Not Found')
    assert.equal(header(res.headers, 'Content-Type'), 'text/html; charset=utf-8')
    assert.match(res.body, /<h1>Not Found<\/h1>/)
  })

  test('HEAD / answers like GET, without a body', async () => {
    const res = await get(env, { method: 'HEAD', path: '/' })
    throughNginx(res)
    assert.equal(res.status, 200)
    assert.equal(res.body, '')
  })

  test('a Host outside ALLOWED_HOSTS is 400 from Django', async () => {
    const res = await get(env, { path: '/', host: 'other.example.com', servername: HOST })
    assert.equal(res.status, 400)
    assert.equal(res.statusText, 'Bad Request')
  })
})

// node:test counts no test in a skipped suite: one skipped test says why in the summary too.
if (skip) test('real stack installed', { skip }, () => {})
