import type { PageTrace } from '../../engine'
import { viewAt } from './model'

interface Props {
  readonly page: PageTrace
  readonly time: number
}

/**
 * The page itself as the browser has built it at the playhead: nothing, then unstyled HTML, then
 * styled (first paint), then the images, the web font and the data the script fetched.
 */
export function PagePreview({ page, time }: Props) {
  const view = viewAt(page, time)
  const images = page.requests.filter((r) => r.kind === 'image')
  const photos = images.filter((r) => !r.url.endsWith('.svg'))
  const hero = photos[0]
  const products = photos.slice(1, 9)
  const status = !view.html
    ? 'Blank: the HTML has not arrived yet'
    : !view.styled
      ? 'HTML arrived, not painted yet: waiting for render-blocking CSS'
      : `Painted: ${view.images.size} of ${images.length} images${view.font ? ', web font in' : ''}; data ${view.data}`
  return (
    <figure
      className="pl-preview"
      data-html={view.html}
      data-styled={view.styled}
      data-font={view.font}
    >
      <figcaption className="pl-preview-caption">
        <strong>The page</strong> <span>{status}</span>
      </figcaption>
      <div className="pl-screen" aria-hidden="true">
        {view.html && view.styled ? (
          <>
            <div className="pl-site-head">
              <span
                className="pl-logo"
                data-loaded={page.requests.some((r) => r.name === 'logo.svg' && r.end <= time)}
              />
              Example Shop
            </div>
            <div className="pl-hero" data-loaded={hero ? view.images.has(hero.url) : false}>
              {view.lcp ? <span className="pl-lcp">LCP</span> : null}
            </div>
            <div className="pl-grid">
              {products.map((r) => (
                <span key={r.id} className="pl-thumb" data-loaded={view.images.has(r.url)} />
              ))}
            </div>
            <div className="pl-data" data-state={view.data}>
              {view.data === 'loading'
                ? 'Loading products…'
                : view.data === 'success'
                  ? 'Teapot £18 · Mug £9 · Kettle £42'
                  : view.data === 'error'
                    ? 'Could not load products. Try again.'
                    : ''}
            </div>
          </>
        ) : view.html ? (
          <div className="pl-unstyled">Example Shop (HTML parsed, not yet painted)</div>
        ) : null}
      </div>
    </figure>
  )
}
