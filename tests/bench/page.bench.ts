// @vitest-environment node
import { bench, describe } from 'vitest'
import { altSvcKnown, pageApp, pageWithImages, simulatePage } from '../../src/engine'

/**
 * 94 images plus the default page's two stylesheets, two scripts, font and fetch: 100
 * sub-resources, 101 requests with the document.
 */
const page = pageWithImages(94)
/**
 * Steady state, as a page that has loaded its code measures it: the first runs (the JIT warming
 * up) are left out, and enough runs are kept that one slow one does not move the mean.
 */
const options = { warmupIterations: 30, warmupTime: 500, iterations: 200, time: 2_000 }

describe('simulatePage (a 100-resource page; goal ≤ 5 ms)', () => {
  bench(
    'HTTP/1.1',
    () => {
      simulatePage({ scenario: pageApp, page, protocol: 'http/1.1' })
    },
    options,
  )
  bench(
    'HTTP/2',
    () => {
      simulatePage({ scenario: pageApp, page, protocol: 'h2' })
    },
    options,
  )
  bench(
    'HTTP/3, lossy',
    () => {
      simulatePage({
        scenario: pageApp,
        page,
        protocol: 'h3',
        network: 'lossy',
        connection: altSvcKnown(page),
      })
    },
    options,
  )
})
