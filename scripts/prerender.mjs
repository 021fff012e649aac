// The first screen in the HTML: renders the app at rest (src/ui/shell/prerender.tsx) at build time
// into the built index.html's #root, which main.tsx then hydrates, so the page paints its shell,
// journey and Explain welcome as soon as the HTML and the CSS have arrived instead of after the
// JavaScript has run. Called by vite.config.ts once the site is written (not for the offline
// build, which keeps rendering in the page).
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const EMPTY_ROOT = '<div id="root"></div>'

/**
 * Renders the app at rest into `${outDir}/index.html`, with the boot script that hides it when
 * the page will not hydrate it (src/ui/shell/boot.js). `resolve` is the site build's own
 * resolve options (its aliases), so the server render uses the same modules.
 */
export const prerenderIndex = async (outDir, { resolve, plugins }) => {
  const { build } = await import('vite')
  const ssrDir = join(root, 'node_modules', '.cache', `roundtrip-prerender-${process.pid}`)
  try {
    await build({
      root,
      configFile: false,
      logLevel: 'warn',
      mode: 'production',
      plugins,
      resolve,
      build: {
        ssr: join(root, 'src', 'ui', 'shell', 'prerender.tsx'),
        outDir: ssrDir,
        emptyOutDir: true,
        target: 'node20',
        minify: false,
        rollupOptions: { output: { format: 'esm', entryFileNames: 'entry.mjs' } },
      },
    })
    const { render } = await import(pathToFileURL(join(ssrDir, 'entry.mjs')).href)
    const markup = await render()

    const boot = readFileSync(join(root, 'src', 'ui', 'shell', 'boot.js'))
    const bootFile = `assets/boot-${createHash('sha256').update(boot).digest('base64url').slice(0, 8)}.js`
    mkdirSync(join(outDir, 'assets'), { recursive: true })
    writeFileSync(join(outDir, bootFile), boot)

    const file = join(outDir, 'index.html')
    const html = readFileSync(file, 'utf8')
    if (!html.includes(EMPTY_ROOT)) throw new Error(`prerender: no ${EMPTY_ROOT} in ${file}`)
    writeFileSync(
      file,
      html
        // Before the stylesheets and module scripts: it must run before the body is parsed.
        .replace(/(\s*)<link rel="modulepreload"/, `$1<script src="./${bootFile}"></script>$&`)
        .replace(EMPTY_ROOT, () => `<div id="root" data-prerendered>${markup}</div>`),
    )
  } finally {
    rmSync(ssrDir, { recursive: true, force: true })
  }
}
