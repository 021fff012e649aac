/**
 * The code view's model: generated files as lines, each line tagged with the parts of the app it
 * stands for, so the line for the current event can be found. Pure: no React, no store.
 */

/** A step inside a view, so a query event can point at its own line. */
export type HandlerStep =
  'call' | 'logic' | 'raise' | 'render' | 'return' | `query:${number}` | `external:${number}`

/** Which part of the proxy's configuration a line belongs to. */
export type ProxyPart =
  'listen' | 'tls' | 'forward' | 'static' | 'rate-limit' | 'redirect' | 'body-size' | 'maintenance'

/** What a line of generated code stands for. `index` is the route's or middleware's position. */
export type Anchor =
  | { readonly kind: 'route'; readonly index: number }
  | { readonly kind: 'handler'; readonly index: number; readonly step?: HandlerStep }
  | {
      readonly kind: 'middleware'
      readonly index: number
      /** Set on a route-level hook (a view decorator): it belongs to that route only. */
      readonly route?: number
    }
  | {
      readonly kind: 'validation'
      readonly index: number
      /** `depends:<name>` for a FastAPI dependency in the signature. */
      readonly step?: string
    }
  | { readonly kind: 'proxy'; readonly part?: ProxyPart }
  | { readonly kind: 'server' }

export type Language = 'python' | 'nginx' | 'caddy' | 'shell' | 'sql' | 'html' | 'text'

export interface CodeLine {
  readonly text: string
  readonly anchors: readonly Anchor[]
}

export interface CodeFile {
  /** Unique within one generation, e.g. `app`, `settings`, `proxy`. */
  readonly id: string
  /** Where the file is in the project, e.g. `app/main.py`, `nginx.conf` (`/`-separated). */
  readonly path: string
  /** The tab's label: the file's name, or its path where two files share a name. */
  readonly name: string
  /** One line about the file's job, shown above it. */
  readonly about: string
  readonly language: Language
  readonly lines: readonly CodeLine[]
  /** Its modification time as an HTTP date, when it matters (nginx derives ETag from it). */
  readonly modified?: string
}

/** A file as it is written to disk: its lines joined, ending with a newline. */
export const fileText = (file: CodeFile): string =>
  file.lines.length === 0 ? '' : `${file.lines.map((l) => l.text).join('\n')}\n`

/** A file from fixed text, every line carrying `anchors`; the label is set by the project. */
export const textFile = (
  id: string,
  path: string,
  about: string,
  language: Language,
  text: string,
  ...anchors: Anchor[]
): CodeFile => ({
  id,
  path,
  name: path,
  about,
  language,
  lines: text
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => ({ text: line, anchors })),
})

/** Collects lines; every line pushed after `tag()` carries the tags until `untag()`. */
export class Lines {
  readonly lines: CodeLine[] = []
  private stack: Anchor[][] = []

  /** Adds one line with the anchors in scope plus `anchors`. */
  add(text: string, ...anchors: Anchor[]): this {
    this.lines.push({ text, anchors: [...this.stack.flat(), ...anchors] })
    return this
  }

  /** Adds several lines with the same extra anchors. */
  addAll(texts: readonly string[], ...anchors: Anchor[]): this {
    for (const text of texts) this.add(text, ...anchors)
    return this
  }

  blank(): this {
    return this.add('')
  }

  /** Runs `body` with `anchors` added to every line it pushes. */
  within(anchors: readonly Anchor[], body: () => void): this {
    this.stack.push([...anchors])
    try {
      body()
    } finally {
      this.stack.pop()
    }
    return this
  }
}
