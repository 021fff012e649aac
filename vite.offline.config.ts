import { defineConfig, mergeConfig } from 'vite'
import { fileURLToPath } from 'node:url'
import base from './vite.config.ts'

// A second build that opens straight from disk (file://): browsers refuse ES module scripts
// there, so everything goes into one classic script. Written to dist/offline/.
export default mergeConfig(
  base,
  defineConfig({
    // The service worker script is useless from disk: the app runs its handler in the page.
    publicDir: false,
    build: {
      outDir: 'dist/offline',
      emptyOutDir: true,
      sourcemap: false,
      // One file by design, so its size is expected.
      chunkSizeWarningLimit: 1600,
      rollupOptions: {
        // Only the app: a classic script cannot be split between two pages (embed.html needs a server).
        input: fileURLToPath(new URL('./index.html', import.meta.url)),
        output: { format: 'iife' },
        onwarn(warning, warn) {
          // A classic script has no import.meta; the empty object it gets is what this build wants.
          if (warning.code !== 'EMPTY_IMPORT_META') warn(warning)
        },
      },
    },
    plugins: [
      {
        name: 'roundtrip:classic-script',
        enforce: 'post',
        transformIndexHtml: (html) =>
          html.replace(/<script type="module" crossorigin/g, '<script defer'),
      },
    ],
  }),
)
