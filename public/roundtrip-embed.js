/* <roundtrip-embed scenario="get-user" step="3" theme="dark" src="https://…/">: a lazy iframe of
   embed.html whose height follows its content; widget events become DOM events (roundtrip:ready…);
   play() pause() step(by) goTo(n) load(x) getState() return promises. See docs/embedding.md. */
;(() => {
  const C = window.customElements
  if (!C || C.get('roundtrip-embed')) return
  const me = document.currentScript
  const here = me && me.src ? me.src : location.href
  const KEYS = ['scenario', 'step', 'lesson', 'theme', 'depth', 'host', 'parent']
  let ids = 0

  class RoundtripEmbed extends HTMLElement {
    static get observedAttributes() {
      return KEYS.concat('src', 'title')
    }

    connectedCallback() {
      if (!this.style.display) this.style.display = 'block'
      if (!this._f) {
        const f = (this._f = document.createElement('iframe'))
        f.loading = 'lazy'
        f.allow = 'fullscreen'
        f.style.cssText =
          'display:block;width:100%;border:0;height:' +
          (this.getAttribute('height') || '480') +
          'px'
        this._queue = []
        this._wait = new Map()
        this._sync()
        this.appendChild(f)
      }
      this._on = (e) => this._message(e)
      addEventListener('message', this._on)
    }

    disconnectedCallback() {
      removeEventListener('message', this._on)
      this._ready = false
    }

    attributeChangedCallback() {
      if (this._f) this._sync()
    }

    _sync() {
      const f = this._f
      let base = this.getAttribute('src') || new URL('.', here).href
      if (!/\.html?([?#]|$)/.test(base)) base = base.replace(/\/?$/, '/') + 'embed.html'
      const url = new URL(base, location.href)
      const hash = new URLSearchParams()
      for (const k of KEYS) if (this.hasAttribute(k)) hash.set(k, this.getAttribute(k))
      // Only this page may command the widget, unless the author says otherwise.
      if (!hash.has('parent') && location.origin !== 'null') hash.set('parent', location.origin)
      url.hash = hash.toString()
      this._origin = url.origin
      f.title =
        this.getAttribute('title') ||
        'Roundtrip: ' + (this.getAttribute('scenario') || 'an HTTP request’s journey')
      if (f.src !== url.href) f.src = url.href
    }

    _message(e) {
      const d = e.data
      if (!this._f || e.source !== this._f.contentWindow || e.origin !== this._origin) return
      if (!d || d.ns !== 'roundtrip' || d.v !== 1 || d.kind !== 'evt' || typeof d.name !== 'string')
        return
      const p = d.payload || {}
      if (d.name === 'ready') {
        this._ready = true
        this._queue.splice(0).forEach((m) => this._post(m))
      }
      if (d.name === 'resize' && p.height > 0 && p.height < 1e5)
        this._f.style.height = Math.ceil(p.height) + 'px'
      const w = d.id !== undefined && this._wait.get(d.id)
      if (w && (d.name === 'state' || d.name === 'error')) {
        this._wait.delete(d.id)
        if (d.name === 'state') w[0](p)
        else w[1](new Error(p.message))
      }
      this.dispatchEvent(new CustomEvent('roundtrip:' + d.name, { detail: p, bubbles: true }))
    }

    _post(m) {
      if (!this._ready) return this._queue.push(m)
      this._f.contentWindow.postMessage(m, this._origin)
    }

    command(name, payload) {
      const id = 're-' + ++ids
      return new Promise((ok, fail) => {
        this._wait.set(id, [ok, fail])
        this._post({ ns: 'roundtrip', v: 1, kind: 'cmd', id, name, payload })
      })
    }

    play() {
      return this.command('play')
    }
    pause() {
      return this.command('pause')
    }
    step(by = 1) {
      return this.command('step', { by })
    }
    goTo(step) {
      return this.command('goTo', { step })
    }
    load(x) {
      return this.command('load', typeof x === 'string' ? { scenario: x } : x)
    }
    getState() {
      return this.command('getState')
    }
  }

  C.define('roundtrip-embed', RoundtripEmbed)
})()
