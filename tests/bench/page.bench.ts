// @vitest-environment node
import { bench, describe } from 'vitest'
import { altSvcKnown, pageApp, pageWithImages, simulatePage } from '../../src/engine'

/** 92 images plus the default page's stylesheets, scripts, font and fetch: 100 sub-resources. */
const page = pageWithImages(92)

describe('simulatePage (a 100-resource page; goal ≤ 5 ms)', () => {
  bench('HTTP/1.1', () => {
    simulatePage({ scenario: pageApp, page, protocol: 'http/1.1' })
  })
  bench('HTTP/2', () => {
    simulatePage({ scenario: pageApp, page, protocol: 'h2' })
  })
  bench('HTTP/3, lossy', () => {
    simulatePage({
      scenario: pageApp,
      page,
      protocol: 'h3',
      network: 'lossy',
      connection: altSvcKnown(page),
    })
  })
})
