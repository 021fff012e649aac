import type { ESLint } from 'eslint'

export declare const MAY_IMPORT: Readonly<Record<string, readonly string[]>>
declare const plugin: ESLint.Plugin
export default plugin
