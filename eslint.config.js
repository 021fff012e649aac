import js from '@eslint/js'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'
import roundtrip from './eslint/layers.js'

// Layer boundaries from docs/architecture.md, enforced so they cannot erode: folders by the local
// `roundtrip/layers` rule, libraries by no-restricted-imports below.
const uiLibraries = ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'framer-motion']
const mswModules = ['msw', 'msw/*']

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'public/mockServiceWorker.js', 'tests/e2e/__screenshots__'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { roundtrip },
    rules: { 'roundtrip/layers': 'error' },
  },
  {
    // Custom hooks live in .ts files too (useDraft, usePlaybackDriver…): the rules apply there.
    files: ['src/**/*.{ts,tsx}', 'tests/component/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // The engine is pure: virtual time, seeded randomness, no UI, no browser. So is src/har.
    files: ['src/engine/**/*.ts', 'src/har/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: uiLibraries, message: 'The engine is pure: no React, zustand or animation.' },
            { group: mswModules, message: 'The engine knows nothing of transport.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['setTimeout', 'setInterval', 'requestAnimationFrame', 'queueMicrotask'].map((name) => ({
          name,
          message: 'Engine time is virtual: advance the simulation clock instead.',
        })),
        ...['window', 'document', 'navigator', 'localStorage', 'fetch', 'performance'].map(
          (name) => ({ name, message: 'The engine runs without a DOM or network.' }),
        ),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Use the virtual clock.' },
        { object: 'Math', property: 'random', message: 'Use the seeded RNG (ctx.rng).' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date']", message: 'Use the virtual clock.' },
      ],
    },
  },
  {
    files: ['src/store/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: mswModules,
              message: 'The store never calls msw; main.tsx injects the sender.',
            },
            {
              group: ['react', 'react-dom', 'react-dom/*', 'framer-motion'],
              message: 'The store has no UI.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: mswModules, message: 'The UI never calls msw; it asks the store.' }],
        },
      ],
    },
  },
  {
    // The link codec and the embed protocol parse untrusted input; neither calls msw.
    files: ['src/link/**/*.ts', 'src/embed/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: mswModules, message: 'Only src/transport calls msw.' }] },
      ],
    },
  },
)
