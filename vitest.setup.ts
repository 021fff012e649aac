import '@testing-library/jest-dom/vitest'
import { cleanup, configure, getConfig } from '@testing-library/react'
import * as React from 'react'
import { afterAll, afterEach, vi } from 'vitest'
import { loadCatalogue } from './src/store/catalogue'
import { loadLinkSync } from './src/ui/share/linkSync'
import {
  installFastLabelControl,
  installLazyComputedStyle,
  installRuleFilter,
} from './tests/component/computedStyle'

// Test files share a worker's jsdom (isolate: false in vitest.config.ts): each file starts from
// what a fresh page has, with no storage, title, root attributes or nodes left by the last one.
localStorage.clear()
sessionStorage.clear()
document.title = ''
for (const { name } of [...document.documentElement.attributes])
  document.documentElement.removeAttribute(name)
document.head.replaceChildren()
document.body.replaceChildren()
window.history.replaceState(null, '', '/')

// jsdom's style lookups, the better part of a role query or a click, at a fraction of the cost
// and with the same answers (tests/component/computedStyle.ts).
installLazyComputedStyle()
installRuleFilter()
installFastLabelControl()

// React's development build captures a stack trace (an Error) for every element it creates, up to
// 10,000 a second, to name the owner in its warnings: a tenth of a step's time in the journey. Its
// own cap is reached at once, so elements share one stack; warnings still print, with the
// component stack but no owner lines. Nothing a test asserts depends on it. An internal: if a
// React release renames it, the tests only run slower.
const reactInternals = (React as unknown as Record<string, object | undefined>)
  .__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE
if (
  reactInternals &&
  'recentlyCreatedOwnerStacks' in reactInternals &&
  !Object.getOwnPropertyDescriptor(reactInternals, 'recentlyCreatedOwnerStacks')?.get
)
  Object.defineProperty(reactInternals, 'recentlyCreatedOwnerStacks', {
    configurable: true,
    get: () => 1e4,
    set: () => {},
  })

// The page loads the address bar's module before first paint when it has a hash (main.tsx);
// components rendered here may start with one, so it is loaded as main.tsx would.
await loadLinkSync()
// main.tsx loads every curated scenario and lesson as the first screen renders (src/store/catalogue.ts).
await loadCatalogue()

afterEach(() => {
  cleanup()
})

// A lazily loaded panel may still be importing when a file's last test ends (it starts after a
// frame: afterFirstPaint). Modules are shared between files, and an import the file's teardown
// cut off would stay failed for every later file of the worker: let it finish first.
afterAll(async () => {
  await new Promise((resolve) => setTimeout(resolve, 20))
  await vi.dynamicImportSettled()
})

// findBy… and waitFor give up after 1 s by default; on a 2-core machine other work is loading,
// the first look at a lazy panel (its module transformed on demand) can take longer than that.
// Something that never appears still fails, a few seconds later.
configure({ asyncUtilTimeout: 5000 })

// A query that finds nothing throws an error with the whole page printed in it; findBy… and
// waitFor retry every 50 ms, and each miss printed the App (a tenth of some files' time). While
// they retry (Testing Library marks that stretch as one for cheap diagnostics) the error carries
// the message alone; the one that ends a wait still prints the page, when the wait gives up.
// (This file runs again for each test file of a worker: the printing one is kept on the other.)
type ElementError = ReturnType<typeof getConfig>['getElementError'] & { printing?: ElementError }
const printingElementError: ElementError =
  (getConfig().getElementError as ElementError).printing ?? getConfig().getElementError
const elementError: ElementError = (message, container) => {
  if (
    !(getConfig() as { _disableExpensiveErrorDiagnostics?: boolean })
      ._disableExpensiveErrorDiagnostics
  )
    return printingElementError(message, container)
  const error = new Error(message ?? '')
  error.name = 'TestingLibraryElementError'
  return error
}
elementError.printing = printingElementError
configure({ getElementError: elementError })

/**
 * jsdom has <dialog> but not showModal()/close() nor Escape's `cancel`: a stand-in with what the
 * components rely on. showModal() sets `open` and close() removes it (firing `close`); an Escape
 * keydown nobody prevented fires a cancelable `cancel` at the last modal dialog opened, and
 * closes it unless that is prevented, as browsers do. Not modelled: the inert page behind (so no
 * Tab containment); the end-to-end tests check that in Chromium.
 */
if (typeof HTMLDialogElement !== 'undefined' && !HTMLDialogElement.prototype.showModal) {
  const modals: HTMLDialogElement[] = []
  HTMLDialogElement.prototype.show = function show(this: HTMLDialogElement) {
    this.open = true
  }
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    if (this.open) throw new DOMException('The dialog is already open.', 'InvalidStateError')
    this.open = true
    modals.push(this)
  }
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    const index = modals.indexOf(this)
    if (index >= 0) modals.splice(index, 1)
    if (!this.open) return
    this.open = false
    this.dispatchEvent(new Event('close'))
  }
  // After the keydown has gone everywhere (a handler may prevent it or stop it bubbling).
  window.addEventListener(
    'keydown',
    (e) => {
      if (e.key !== 'Escape') return
      queueMicrotask(() => {
        const dialog = modals.at(-1)
        if (e.defaultPrevented || !dialog?.isConnected) return
        if (dialog.dispatchEvent(new Event('cancel', { cancelable: true }))) dialog.close()
      })
    },
    true,
  )
}
