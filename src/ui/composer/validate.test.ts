import { describe, expect, it } from 'vitest'
import type { Draft } from './draft'
import {
  addQueryParam,
  fromRequest,
  queryParams,
  removeQueryParam,
  setQueryParam,
  toRequest,
} from './draft'
import { checkJson } from './json'
import { MAX_BODY_BYTES } from '../../engine'
import { urlProblem, validateDraft } from './validate'

const draft = (over: Partial<Draft> = {}): Draft => ({
  ...fromRequest({ method: 'GET', url: 'https://api.example.com/users/42' }),
  ...over,
})
const header = (name: string, value: string) => ({ id: 7, name, value })

describe('urlProblem', () => {
  it.each([
    ['https://api.example.com/users?page=2', null],
    ['http://localhost:8080/', null],
    ['', /URL is empty; enter the address/],
    ['api.example.com/users', /no scheme/],
    ['localhost:8080/x', /no scheme/],
    ['ftp://files.example.com/', /uses ftp:, but only http:\/\/ and https:\/\//],
    ['https:/api.example.com', /needs "\/\/" after https:/],
    ['https://', /no host name/],
    ['https://api.example.com/users 42', /a space at character 30/],
    ['https://api.example.com:99999/', /port 99999, out of range/],
    ['https://api.example.com:http/', /port "http" after ":" that is not a number/],
    ['https://api_example.com/', /contains "_"/],
  ])('%j → %s', (url, expected) => {
    const problem = urlProblem(url)
    if (expected === null) expect(problem).toBeNull()
    else expect(problem).toMatch(expected)
  })
})

describe('validateDraft', () => {
  it('accepts the curated request as it is', () => {
    expect(validateDraft(draft())).toEqual({ errors: [], warnings: [] })
  })

  it('refuses a header name with a space and suggests a hyphen', () => {
    const { errors } = validateDraft(draft({ headers: [header('X Trace', '1')] }))
    expect(errors).toEqual([
      { field: 'header-name:7', message: expect.stringMatching(/a space.*X-Trace/) },
    ])
  })

  it('refuses a header name with a separator, naming the character', () => {
    const { errors } = validateDraft(draft({ headers: [header('X:Trace', '1')] }))
    expect(errors[0]?.message).toMatch(/contains ":"/)
  })

  it('refuses CR/LF in a header value as header injection', () => {
    const { errors } = validateDraft(draft({ headers: [header('X-A', 'ok\r\nX-Admin: yes')] }))
    expect(errors[0]).toMatchObject({ field: 'header-value:7' })
    expect(errors[0]?.message).toMatch(/line break \(CR\/LF\).*header injection/)
  })

  it('gives the line and column of a JSON error', () => {
    const body = '{\n  "name": "Ada",\n  "age": 36,\n}'
    const { errors } = validateDraft(draft({ method: 'POST', bodyMode: 'json', body }))
    expect(errors).toHaveLength(1)
    expect(errors[0]?.message).toMatch(/line 4, column 1 .*trailing comma/)
  })

  it('warns about a body on a GET but does not refuse it', () => {
    const verdict = validateDraft(draft({ bodyMode: 'json', body: '{"q": 1}' }))
    expect(verdict.errors).toEqual([])
    expect(verdict.warnings.map((w) => w.message).join()).toMatch(/GET request usually has no body/)
  })

  it('refuses a body over 1 MB, stating the limit and the size', () => {
    const body = 'x'.repeat(MAX_BODY_BYTES + 1)
    const { errors } = validateDraft(draft({ method: 'POST', bodyMode: 'text', body }))
    expect(errors[0]?.message).toMatch(/1,048,577 bytes.*1 MB limit \(1,048,576 bytes\)/)
    expect(
      validateDraft(draft({ method: 'POST', bodyMode: 'text', body: body.slice(1) })).errors,
    ).toEqual([])
  })

  it('counts the body in UTF-8 bytes, not characters', () => {
    const body = 'é'.repeat(MAX_BODY_BYTES / 2 + 1)
    expect(validateDraft(draft({ method: 'POST', bodyMode: 'text', body })).errors).toHaveLength(1)
  })

  it('checks the cookie jar rows', () => {
    const cookie = {
      id: 3,
      name: 'session id',
      value: 'a b',
      domain: 'API.example',
      path: 'x',
      httpOnly: false,
      secure: false,
    }
    const fields = validateDraft(draft({ cookies: [cookie] })).errors.map((e) => e.field)
    expect(fields).toEqual(['cookie-name:3', 'cookie-value:3', 'cookie-domain:3', 'cookie-path:3'])
  })

  it('ignores blank rows', () => {
    expect(validateDraft(draft({ headers: [header('', '')] })).errors).toEqual([])
  })
})

describe('checkJson', () => {
  it.each(['{}', '[1, 2.5e3, -0]', '"a\\u00e9"', ' {"a": [true, false, null]} '])(
    'accepts %j',
    (text) => {
      expect(checkJson(text)).toBeNull()
      expect(() => JSON.parse(text)).not.toThrow()
    },
  )
  it.each([
    ["{'a': 1}", 1, 2, /double quotes/],
    ['{"a" 1}', 1, 6, /expected ":"/],
    ['[1, 2', 1, 6, /expected "," or "]"/],
    ['{"a": 01}', 1, 8, /leading zeros/],
    ['{"a": 1} x', 1, 10, /after the end/],
    ['{"a": "b\nc"}', 1, 9, /cannot span lines/],
    ['{"a": True}', 1, 7, /lower case/],
  ])('%j fails at line %i column %i', (text, line, column, message) => {
    expect(() => JSON.parse(text)).toThrow()
    expect(checkJson(text)).toMatchObject({ line, column, message: expect.stringMatching(message) })
  })
})

describe('draft ⇄ request', () => {
  it('keeps query rows and the URL in step both ways', () => {
    const url = 'https://api.example.com/search?q=hello%20world&page=2#top'
    expect(queryParams(url)).toEqual([
      { name: 'q', value: 'hello world' },
      { name: 'page', value: '2' },
    ])
    const edited = setQueryParam(url, 1, { name: 'page', value: 'a&b' })
    expect(edited).toBe('https://api.example.com/search?q=hello%20world&page=a%26b#top')
    expect(removeQueryParam(removeQueryParam(edited, 0), 0)).toBe(
      'https://api.example.com/search#top',
    )
    expect(queryParams(addQueryParam('https://a.example/'))).toEqual([{ name: '', value: '' }])
  })

  it('turns bearer auth, Accept-Encoding and a default Content-Type into their own fields and back', () => {
    const request = {
      method: 'POST' as const,
      url: 'https://api.example.com/users',
      headers: {
        'Content-Type': 'application/json',
        Authorization: 'Bearer abc.def',
        'Accept-Encoding': 'br',
        'X-Trace': '1',
      },
      body: '{"name":"Ada"}',
    }
    const d = fromRequest(request)
    expect(d).toMatchObject({ bodyMode: 'json', token: 'abc.def', acceptEncoding: 'br' })
    expect(d.headers.map((h) => h.name)).toEqual(['X-Trace'])
    expect(toRequest(d)).toEqual({
      ...request,
      headers: {
        'X-Trace': '1',
        'Content-Type': 'application/json',
        'Accept-Encoding': 'br',
        Authorization: 'Bearer abc.def',
      },
    })
  })

  it('reads a form body into rows and encodes it again', () => {
    const d = fromRequest({
      method: 'POST',
      url: 'https://a.example/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'user=ada&note=hi+there',
    })
    expect(d.form.map(({ name, value }) => [name, value])).toEqual([
      ['user', 'ada'],
      ['note', 'hi there'],
    ])
    expect(toRequest(d).body).toBe('user=ada&note=hi%20there')
  })
})
