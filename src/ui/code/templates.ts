/** The HTML templates the views render: the page Roundtrip's model draws, as a template. */
import type { Framework, Scenario } from '../../engine'
import type { Anchor, CodeFile } from './model'
import { textFile } from './model'

const FOLDERS: Readonly<Record<Framework, string>> = {
  flask: 'templates',
  django: 'users/templates',
  fastapi: 'app/templates',
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;')

const IDENTIFIER = /^[A-Za-z_]\w*$/

/** One template per distinct template name an HTML view renders. */
export const templateFiles = (scenario: Scenario): CodeFile[] => {
  const out: CodeFile[] = []
  const seen = new Set<string>()
  scenario.routes.forEach((route, index) => {
    const { handler } = route
    if (handler.kind !== 'html') return
    const name = handler.template ?? `${route.endpoint}.html`
    if (seen.has(name)) return
    seen.add(name)
    const body = handler.body
    const record = typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}
    const keys = Object.keys(record).filter((k) => IDENTIFIER.test(k))
    const title = keys.includes('name')
      ? '{{ name }}'
      : keys.includes('title')
        ? '{{ title }}'
        : escapeHtml(name.replace(/\.html$/, ''))
    const rows = keys.map((k) => `    <dt>${k}</dt><dd>{{ ${k} }}</dd>`)
    const render: Anchor = { kind: 'handler', index, step: 'render' }
    out.push(
      textFile(
        `template-${name}`,
        `${FOLDERS[scenario.framework]}/${name}`,
        `The template ${route.endpoint}() renders; the template engine escapes every {{ value }}.`,
        'html',
        [
          '<!doctype html>',
          '<html lang="en">',
          `<head><title>${title}</title></head>`,
          '<body>',
          `  <h1>${title}</h1>`,
          '  <dl>',
          ...rows,
          '  </dl>',
          '</body>',
          '</html>',
        ].join('\n'),
        render,
      ),
    )
  })
  return out
}
