// Types of stack.mjs, for the TypeScript conformance runner (run.conformance.ts).

export declare const CACHE: string
export declare const notInstalled: () => string | null
export declare const versions: () => Record<string, string>
export declare const freePort: () => Promise<number>
export declare const httpBlock: (text: string) => string

export interface Stack {
  readonly httpsPort: number
  readonly httpPort: number | null
  readonly appPort: number
  readonly host: string
  readonly ca: string
  readonly work: string
  readonly nginxConf: string
  logs(): Promise<{ app: string; nginx: string; access: string }>
  stopApp(): Promise<void>
  stop(): Promise<void>
}

export declare const startStack: (options: {
  dir: string
  framework: 'flask' | 'django' | 'fastapi'
  appModule?: string
  nginxConf?: string
  host?: string
  workers?: number
  serverArgs?: string[]
  env?: Record<string, string>
  timeoutMs?: number
}) => Promise<Stack>

export interface RealResponse {
  readonly status: number
  readonly statusText: string
  readonly httpVersion: string
  readonly headers: [string, string][]
  readonly body: string
  readonly bodyBytes: Buffer
  readonly tlsProtocol: string | null
}

export declare const request: (options: {
  port: number
  host?: string
  servername?: string
  method?: string
  path?: string
  headers?: Record<string, string> | [string, string][]
  body?: string | Buffer
  tls?: boolean
  ca?: string
  timeoutMs?: number
  /** `h2`: HTTP/2 over TLS (ALPN), as a browser speaks to an `http2 on` server. */
  alpn?: 'http/1.1' | 'h2'
}) => Promise<RealResponse>

export declare const header: (headers: [string, string][], name: string) => string | undefined

export declare const makeCertificates: (
  folder: string,
  host: string,
) => Promise<{ ca: string; caFile: string; certFile: string; keyFile: string }>

export declare const tlsResumes: (options: {
  port: number
  host: string
  ca: string
  timeoutMs?: number
}) => Promise<{ ticket: boolean; resumed: boolean; protocol: string | null }>
