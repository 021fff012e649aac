import { describe, expect, it } from 'vitest'
import { getDomain } from './publicSuffix'

describe('getDomain (the tldts stand-in for msw’s cookie jar)', () => {
  it.each([
    ['example.com', 'example.com'],
    ['api.example.com', 'example.com'],
    ['Course.Uni.EDU.', 'uni.edu'],
    ['127.0.0.1', null],
    ['[::1]', null],
    ['::1', null],
    ['localhost', null],
    ['', null],
    ['a..b', null],
  ])('%j → %j, as tldts answers for the hosts a page can have', (host, domain) => {
    expect(getDomain(host)).toBe(domain)
  })
})
