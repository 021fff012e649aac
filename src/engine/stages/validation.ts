import type { Stage } from '../context'
import { compilePattern } from '../routing'

/** Checks the inputs the view declares; the path converters already typed the parameters. */
export const validationStage: Stage = {
  id: 'validation',
  layer: 'validation',
  run(ctx, request, next) {
    const pattern = ctx.match?.route.pattern ?? ''
    const checked = compilePattern(pattern).flatMap((segment) =>
      segment.kind === 'param' ? [`path parameter ${segment.name} is ${segment.type}`] : [],
    )
    ctx.emit(this, {
      type: 'validation:ok',
      direction: 'request',
      title: checked.length ? 'Inputs are valid' : 'Nothing to validate',
      duration: 0.05 + 0.03 * checked.length,
      request,
      data: { checked },
    })
    return next(request)
  },
}
