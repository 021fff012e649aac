import type { AliasOptions, PluginOption } from 'vite'

export declare const prerenderIndex: (
  outDir: string,
  options: { resolve: { alias: AliasOptions }; plugins: PluginOption[] },
) => Promise<void>
