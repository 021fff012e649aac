import { describe, expect, it } from 'vitest'
import type { RequestSpec } from '../../../../src/engine'
import { parseCurl, toCurl } from '../../../../src/engine'

describe('parseCurl', () => {
  it('reads a DevTools-style command with line continuations and quoted headers', () => {
    const text = `curl 'https://api.example.com/users' \\
  -X 'POST' \\
  -H 'Content-Type: application/json' \\
  -H "Authorization: Bearer abc.def" \\
  --data-raw '{"name":"Ada","quote":"it'\\''s"}'`
    expect(parseCurl(text)).toEqual({
      method: 'POST',
      url: 'https://api.example.com/users',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer abc.def' },
      body: `{"name":"Ada","quote":"it's"}`,
    })
  })

  it('defaults to GET, and to POST with a form Content-Type when there is -d', () => {
    expect(parseCurl('curl https://api.example.com/users/42')).toEqual({
      method: 'GET',
      url: 'https://api.example.com/users/42',
    })
    expect(parseCurl('curl -d name=Ada -d age=36 https://api.example.com/users')).toEqual({
      method: 'POST',
      url: 'https://api.example.com/users',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'name=Ada&age=36',
    })
  })

  it('reads --json as a JSON body with its Content-Type and Accept', () => {
    expect(parseCurl(`curl --json '{"a":1}' https://api.example.com/x`)).toEqual({
      method: 'POST',
      url: 'https://api.example.com/x',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: '{"a":1}',
    })
  })

  it('reads -I as HEAD, -XPUT and --request=DELETE, and -G as query data', () => {
    expect(parseCurl('curl -I https://api.example.com/').method).toBe('HEAD')
    expect(parseCurl('curl -XPUT https://api.example.com/').method).toBe('PUT')
    expect(parseCurl('curl --request=delete https://api.example.com/').method).toBe('DELETE')
    expect(parseCurl('curl -G -d q=ada https://api.example.com/search')).toEqual({
      method: 'GET',
      url: 'https://api.example.com/search?q=ada',
    })
  })

  it('reads double quotes with escapes, $-quotes, -u, -b, -A and ignores output-only flags', () => {
    const spec = parseCurl(
      `curl -sSL --compressed "https://api.example.com/a" -H "X-Note: say \\"hi\\"" -u ada:pw -b 'theme=dark' -A Roundtrip/1 --data-raw $'line1\\nline2'`,
    )
    expect(spec).toEqual({
      method: 'POST',
      url: 'https://api.example.com/a',
      headers: {
        'X-Note': 'say "hi"',
        Authorization: `Basic ${btoa('ada:pw')}`,
        Cookie: 'theme=dark',
        'User-Agent': 'Roundtrip/1',
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'line1\nline2',
    })
  })

  it('takes a URL without a scheme as http://, as curl does', () => {
    expect(parseCurl('curl api.example.com/users/42').url).toBe('http://api.example.com/users/42')
  })

  it.each([
    ['', 'the command is empty: paste a command that starts with "curl"'],
    ['wget https://x.com', 'expected the command to start with "curl", not "wget"'],
    ['curl -X', '-X needs a value after it'],
    ['curl -X FETCH https://x.com', 'cannot parse method "FETCH" in -X'],
    [
      "curl -H 'no colon here' https://x.com",
      '-H "no colon here" is not a header: write it as "Name: value"',
    ],
    ["curl 'https://x.com", `unterminated ' quote starting at "'https://x.com"`],
    ['curl "https://x.com', 'unterminated " quote'],
    ['curl --proxy http://p:8080 https://x.com', 'cannot parse option "--proxy"'],
    ['curl -sZ https://x.com', 'cannot parse option "-Z" in "-sZ"'],
    ['curl -d @body.json https://x.com', 'cannot read the file in -d @body.json'],
    ['curl https://a.com https://b.com', 'found a second URL "https://b.com"'],
    ['curl -H "A: b"', 'found no URL in the command'],
    [
      'curl ftp://x.com/file',
      'the URL uses ftp:, but only http:// and https:// requests can be sent',
    ],
    ['curl https://exa mple.com', 'found a second URL "mple.com"'],
    ['curl http://[::1', 'cannot parse the URL "http://[::1"'],
  ])('explains what it cannot parse: %s', (text, message) => {
    expect(() => parseCurl(text)).toThrow(message)
  })
})

describe('toCurl', () => {
  it('writes one option per line, quoting what the shell would mangle', () => {
    expect(
      toCurl({
        method: 'POST',
        url: 'https://api.example.com/users',
        headers: { 'Content-Type': 'application/json' },
        body: `{"name":"O'Brien"}`,
      }),
    ).toBe(
      `curl -X POST https://api.example.com/users \\\n  -H 'Content-Type: application/json' \\\n  --data-raw '{"name":"O'\\''Brien"}'`,
    )
    expect(toCurl({ method: 'GET', url: 'https://api.example.com/users/42?x=1&y=2' })).toBe(
      `curl 'https://api.example.com/users/42?x=1&y=2'`,
    )
    expect(toCurl({ method: 'HEAD', url: 'https://api.example.com/' })).toBe(
      'curl -I https://api.example.com/',
    )
  })

  it.each<RequestSpec>([
    { method: 'GET', url: 'https://api.example.com/users/42' },
    { method: 'HEAD', url: 'https://api.example.com/' },
    {
      method: 'DELETE',
      url: 'https://api.example.com/users/42',
      headers: { Authorization: 'Bearer t' },
    },
    {
      method: 'POST',
      url: 'https://api.example.com/users',
      headers: { 'Content-Type': 'application/json', 'X-Quote': `it's "quoted" $HOME` },
      body: '{"name":"Ada",\n "note":"a\\\\b"}',
    },
    {
      method: 'PATCH',
      url: 'http://localhost:8000/users/1?x=1',
      headers: { 'Content-Type': 'text/plain' },
      body: 'x',
    },
  ])('round-trips through parseCurl: $method $url', (spec) => {
    expect(parseCurl(toCurl(spec))).toEqual(spec)
  })
})
