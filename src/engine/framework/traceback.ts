import type { Framework } from '../model/scenario'

const SITE = '/srv/venv/lib/python3.12/site-packages'

/** The framework frames between the server and the view, most recent last. */
const FRAMES: Readonly<Record<Framework, readonly (readonly [string, number, string, string])[]>> =
  {
    flask: [
      ['flask/app.py', 1511, 'wsgi_app', 'response = self.full_dispatch_request()'],
      ['flask/app.py', 917, 'full_dispatch_request', 'rv = self.dispatch_request()'],
      [
        'flask/app.py',
        902,
        'dispatch_request',
        'return self.ensure_sync(self.view_functions[rule.endpoint])(**view_args)',
      ],
    ],
    django: [
      ['django/core/handlers/exception.py', 55, 'inner', 'response = get_response(request)'],
      [
        'django/core/handlers/base.py',
        197,
        '_get_response',
        'response = wrapped_callback(request, *callback_args, **callback_kwargs)',
      ],
    ],
    fastapi: [
      ['starlette/routing.py', 73, 'app', 'response = await f(request)'],
      ['fastapi/routing.py', 301, 'app', 'raw_response = await run_endpoint_function('],
      [
        'fastapi/routing.py',
        214,
        'run_endpoint_function',
        'return await run_in_threadpool(dependant.call, **values)',
      ],
    ],
  }

/** Plausible `str(e)` and source line for common exceptions, so a fault needs no more than a class. */
const EXCEPTION_DEFAULTS: Readonly<Record<string, { message: string; line: string }>> = {
  KeyError: { message: "'email'", line: 'email = payload["email"]' },
  AttributeError: {
    message: "'NoneType' object has no attribute 'email'",
    line: 'return {"email": user.email}',
  },
  ZeroDivisionError: { message: 'division by zero', line: 'average = total / count' },
  TypeError: {
    message: "unsupported operand type(s) for +: 'int' and 'str'",
    line: 'total = order.amount + fee',
  },
  ValueError: {
    message: "invalid literal for int() with base 10: 'abc'",
    line: 'page = int(page_param)',
  },
  IndexError: { message: 'list index out of range', line: 'first = results[0]' },
}

export interface RaisedException {
  readonly exception: string
  readonly message: string
  readonly line: string
}

/** Fills a fault's exception, message and line from the defaults above. */
export const describeException = (
  exception = 'KeyError',
  message?: string,
  line?: string,
): RaisedException => {
  const known = EXCEPTION_DEFAULTS[exception]
  return {
    exception,
    message: message ?? known?.message ?? 'something went wrong',
    line: line ?? known?.line ?? `raise ${exception}("something went wrong")`,
  }
}

/** A Python traceback, as the framework logs it, ending in the view's own frame. */
export const traceback = (
  framework: Framework,
  endpoint: string,
  raised: RaisedException,
): string[] => {
  const lines = ['Traceback (most recent call last):']
  for (const [file, line, fn, code] of FRAMES[framework])
    lines.push(`  File "${SITE}/${file}", line ${line}, in ${fn}`, `    ${code}`)
  const module = framework === 'fastapi' ? 'main' : framework === 'django' ? 'users/views' : 'app'
  lines.push(`  File "/srv/app/${module}.py", line 42, in ${endpoint}`, `    ${raised.line}`)
  lines.push(raised.message ? `${raised.exception}: ${raised.message}` : raised.exception)
  return lines
}
