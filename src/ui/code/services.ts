/** services.py: the other APIs a view calls, with the standard library, and their modelled answers. */
import type { Framework, Scenario } from '../../engine'
import type { CodeFile } from './model'
import { textFile } from './model'
import { commentText, pyStr } from './python'

const PATHS: Readonly<Record<Framework, string>> = {
  flask: 'services.py',
  django: 'users/services.py',
  fastapi: 'app/services.py',
}

/** The services module, or `null` when no view calls another service. */
export const servicesFile = (scenario: Scenario): CodeFile | null => {
  const calls = scenario.routes.flatMap((r) => r.handler.calls ?? [])
  if (calls.length === 0) return null
  const asyncToo = scenario.framework === 'fastapi'
  const seen = new Set<string>()
  const modelled: string[] = []
  for (const call of calls) {
    const key = `${call.method} ${call.url}`
    if (seen.has(key)) continue
    seen.add(key)
    const seconds = Math.round(call.ms) / 1000
    modelled.push(
      `    (${pyStr(call.method)}, ${pyStr(call.url)}): (${call.status}, ${seconds}),  # ${commentText(call.service)}`,
    )
  }
  const text = `"""The other APIs this app calls, with the standard library's urllib.

Roundtrip's scenario says how each one answers: its status, after about how long. Unless
LIVE_SERVICES=1 is set, call() answers that way itself without using the network, so the
project runs anywhere; with it set, it calls the real URLs.
"""
${asyncToo ? 'import asyncio\n' : ''}import json
import os
import time
import urllib.error
import urllib.request

LIVE = os.environ.get("LIVE_SERVICES") == "1"

# (method, URL) → (status, seconds): how the scenario models each service.
MODELLED = {
${modelled.join('\n')}
}


def call(method, url, payload=None, timeout=5):
    """Sends one request; returns its status and its body as text."""
    if not LIVE:
        status, seconds = MODELLED[(method, url)]
        time.sleep(seconds)
        return status, ""
    data = None if payload is None else json.dumps(payload).encode()
    request = urllib.request.Request(
        url, data=data, method=method, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
${
  asyncToo
    ? `

async def call_async(method, url, payload=None, timeout=5):
    """call() for async views: the wait happens without holding the event loop."""
    if not LIVE:
        status, seconds = MODELLED[(method, url)]
        await asyncio.sleep(seconds)
        return status, ""
    return await asyncio.to_thread(call, method, url, payload, timeout)
`
    : ''
}`
  return textFile(
    'services',
    PATHS[scenario.framework],
    'The other services the views call, and how the scenario models their answers.',
    'python',
    text,
  )
}
