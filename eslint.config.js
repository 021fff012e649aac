import js from '@eslint/js'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

// Layer boundaries from DESIGN.md, enforced so they cannot erode.
const outsideEngine = ['**/transport/**', '**/store/**', '**/ui/**', '**/embed/**', '**/main']
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
    files: ['src/**/*.tsx', 'tests/component/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // The engine is pure: virtual time, seeded randomness, no UI, no browser.
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: uiLibraries, message: 'The engine is pure: no React, zustand or animation.' },
            { group: mswModules, message: 'The engine knows nothing of transport.' },
            { group: outsideEngine, message: 'The engine imports nothing outside src/engine.' },
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
              group: ['**/ui/**', '**/transport/**'],
              message: 'The store imports only the engine.',
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
          patterns: [
            { group: mswModules, message: 'The UI never calls msw; it asks the store.' },
            {
              group: ['**/transport/**'],
              message: 'The UI reaches the transport only via the store.',
            },
          ],
        },
      ],
    },
  },
)
