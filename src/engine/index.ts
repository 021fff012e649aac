/**
 * Roundtrip's engine: a pure, deterministic model of an HTTP request's journey.
 * No React, no DOM, no timers: time is virtual and randomness is seeded.
 */
export { simulate, stagesFor } from './simulate'
export type { SimulateInput } from './simulate'
export {
  simulatePage,
  pageApp,
  DEFAULT_PAGE,
  pageWithImages,
  altSvcKnown,
  PAGE_PROTOCOLS,
  MAX_H1_CONNECTIONS,
  PAGE_SCENARIOS,
  findPageScenario,
  pageInputOf,
} from './page'
export type {
  PageTrace,
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
  PageScenario,
} from './page'
export type { Stage, Next } from './context'
export { NetworkFailure } from './context'
export { LAYERS, isLayerId } from './model/layers'
export type { LayerId } from './model/layers'
export { middlewareKindOf, middlewareStageId } from './model/stages'
export type { MiddlewareStageId, StageId } from './model/stages'
export type { TraceEvent, EventType, EventOf, EventPayloads, Direction } from './model/events'
export type { Trace, TraceResponse, TraceError } from './model/trace'
export type { HttpRequest, HttpResponse, HttpMethod, Headers } from './model/http'
export { HTTP_METHODS, target, origin, utf8Length } from './model/http'
export { pyStrBody } from './framework/pyrepr'
export type {
  ConnectionState,
  OpenConnection,
  DnsEntry,
  TlsSession,
  Cookie,
  CacheEntry,
  ProxyMemory,
} from './model/connection'
export { emptyConnection, initialConnection } from './model/connection'
export { NETWORK_PRESETS, networkProfile } from './model/network'
export type { NetworkPresetId, NetworkProfile, NetworkConditions } from './model/network'
export { NETWORK_DEFAULTS, REDIRECT_STATUSES } from './model/schema/network'
export type {
  NetworkSpec,
  TlsSpec,
  ProxySpec,
  StaticFileSpec,
  BrowserSpec,
  CookieSeed,
  CacheSeed,
} from './model/schema/network'
export type { Millis } from './model/time'
export { civilFromDays } from './model/time'
export {
  parseScenario,
  parseRequestSpec,
  parseWith,
  objectWith,
  describeValue,
  isRecord,
  ScenarioSchema,
  RequestSpecSchema,
  ScenarioError,
  SCENARIO_VERSION,
  FRAMEWORKS,
} from './model/scenario'
export type {
  Scenario,
  RequestSpec,
  RouteSpec,
  HandlerSpec,
  MiddlewareSpec,
  Framework,
  JsonValue,
} from './model/scenario'
export {
  MAX_BODY_BYTES,
  MAX_HEADERS,
  bodyProblem,
  describeChar,
  headerCountProblem,
  headerNameProblem,
  headerValueProblem,
  methodProblem,
  urlProblem,
} from './model/schema/request'
export { MIDDLEWARE_KINDS, FIELD_TYPES } from './model/schema/app'
export type {
  AppSpec,
  MiddlewareKind,
  AuthUserSpec,
  AuthorizationRule,
  FieldType,
  FieldSpec,
  FieldMap,
  DependencySpec,
  DbQuerySpec,
  ExternalCallSpec,
  HandlerFault,
  ResponseKind,
} from './model/schema/app'
export type { RouteAttempt, ValidationDetail, AuthFailure } from './model/events/app'
export { AppException } from './context'
export type { AuthenticatedUser, SessionState, ViewInput } from './context'
export { appStages } from './middleware'
export { scenarios, findScenario, DEFAULT_SCENARIO_ID } from './scenarios'
export type { CuratedScenario } from './scenarios'
export { rawRequest, rawResponse, displayHeaderName } from './http/raw'
export { STATUS_TEXT, statusText } from './http/status'
export { toCurl, parseCurl } from './http/curl'
export type { CookieChange, CookieRejection } from './http/cookies'
export { serverTiming } from './timing'
export type { ServerTimingEntry } from './timing'
export { LIBRARY_THEMES, SCENARIO_THEMES, themeOf } from './scenarios/themes'
export type { ThemeId } from './scenarios/themes'
export {
  lessons,
  findLesson,
  isCorrect,
  answerText,
  textOf,
  MISCONCEPTIONS,
  lessonPageTrace,
  pageMomentsOf,
  pageTextOf,
  pageChoicesOf,
} from './scenarios/lessons'
export type {
  Lesson,
  Checkpoint,
  ChoiceCheckpoint,
  NumberCheckpoint,
  MisconceptionId,
  TraceText,
  PageCheckpoint,
  PageLessonPart,
  PageLessonPlan,
  PageMoment,
  PageMomentKind,
  PageText,
} from './scenarios/lessons'
