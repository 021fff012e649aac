/**
 * What each kind of difference between the real servers and the simulation comes from, as far as
 * it is understood: rules over one difference, the first that fits names the cause and the side
 * that has to change (the model, the generated code, or the harness). A difference no rule fits
 * is "not yet explained". Kept apart from the runner so the causes read as a list.
 */
import type { Framework } from '../../src/engine'
import type { Difference } from './compare'

export interface Cause {
  readonly label: string
  readonly side: 'model' | 'generator' | 'harness' | 'unexplained'
}

interface Rule extends Cause {
  readonly fits: (d: Difference, framework: Framework) => boolean
}

const header = (name: string) => (d: Difference) => d.header === name

const RULES: readonly Rule[] = [
  {
    side: 'model',
    label:
      'Werkzeug (Flask) sends its reason phrases in capitals ("NOT FOUND") and nginx passes them on',
    fits: (d, fw) =>
      d.criterion === 'reason' && fw === 'flask' && d.real === d.simulated.toUpperCase(),
  },
  {
    side: 'model',
    label:
      "nginx's own pages and proxied answers carry Server: nginx/1.26.3 (server_tokens is on by default)",
    fits: (d) => d.header === 'server' && /^nginx\/[\d.]+$/.test(d.real) && d.simulated === 'nginx',
  },
  {
    side: 'model',
    label: 'the reason phrase differs from the one the model prints',
    fits: (d) => d.criterion === 'reason',
  },
  {
    side: 'model',
    label: 'Content-Type differs',
    fits: header('content-type'),
  },
  {
    side: 'model',
    label: 'how the body is delimited (Content-Length, chunked, neither) differs',
    fits: header('content-length/transfer-encoding'),
  },
]

/** The cause of one difference in a scenario run on `framework`. */
export const causeOf = (framework: Framework, d: Difference): Cause => {
  const rule = RULES.find((r) => r.fits(d, framework))
  return rule
    ? { label: rule.label, side: rule.side }
    : {
        label: `${d.criterion}${d.header ? ` ${d.header}` : ''}: not yet explained`,
        side: 'unexplained',
      }
}
