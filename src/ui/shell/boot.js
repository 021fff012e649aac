// Runs before the body is parsed (a classic script in <head>, written into the built index.html
// by scripts/prerender.mjs; not inline, so a strict CSP allows it). The body holds the app at
// rest, prerendered. When main.tsx will not hydrate it (a link in the hash, an app kept from an
// earlier visit, a saved motion choice, the presenter view), boot.css hides it, so the default
// scenario never flashes before the linked one. main.tsx decides the same way.
;(function () {
  try {
    var storage = window.localStorage
    if (
      location.hash.length > 1 ||
      new URLSearchParams(location.search).get('view') === 'presenter' ||
      storage.getItem('roundtrip.app.v1') !== null ||
      storage.getItem('roundtrip:motion') !== null
    )
      document.documentElement.setAttribute('data-boot', 'client')
  } catch {
    // No storage (a sandboxed frame): main.tsx reads none either.
  }
})()
