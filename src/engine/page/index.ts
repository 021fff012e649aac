export { simulatePage, MAX_H1_CONNECTIONS, FRAME_BYTES, LOSS_RATE } from './simulatePage'
export {
  DEFAULT_PAGE,
  pageApp,
  pageWithImages,
  altSvcKnown,
  SITE,
  CDN,
  PAGE_SCENARIOS,
  findPageScenario,
  pageInputOf,
} from './defaultPage'
export { quicStage } from './quic'
export { cdnStage, CDN_MAX_AGE, CDN_HIT_AGE } from './cdn'
export { encodedHeaderBytes } from './hpack'
export { PAGE_PROTOCOLS } from './types'
export type { PageScenario } from './defaultPage'
export type {
  PageTrace,
  PageAltSvc,
  PageRequest,
  PageConnection,
  PageFrame,
  PageLoss,
  PageMark,
  PageMarkId,
  PagePhases,
  PageProtocol,
  PageResource,
  PageSpec,
  PageNetwork,
  ResourceKind,
  SimulatePageInput,
} from './types'
