/**
 * "Download project": the Code tab's files, exactly, as a .zip (fflate's zipSync, loaded only
 * when asked for), all under one folder named like the file.
 */
import type { Framework } from '../../engine'
import type { CodeFile } from './model'
import { fileText } from './model'

/** `get-user-flask`: the zip's name without `.zip`, and its one top folder. */
export const projectName = (scenarioId: string, framework: Framework): string =>
  `${scenarioId.replace(/[^A-Za-z0-9._-]+/g, '-') || 'project'}-${framework}`

/** Files a shell runs directly: executable in the zip (Unix mode 755). */
const EXECUTABLE = /(^|\/)(run\.sh|manage\.py)$/

/** The zip of `files` under `folder/`, each with its text, mode and (when it matters) mtime. */
export const projectZip = async (
  files: readonly CodeFile[],
  folder: string,
): Promise<Uint8Array> => {
  const { strToU8, zipSync } = await import('fflate')
  const entries: Record<string, [Uint8Array, { os: number; attrs: number; mtime?: Date }]> = {}
  for (const file of files) {
    const mode = EXECUTABLE.test(file.path) ? 0o100755 : 0o100644
    entries[`${folder}/${file.path}`] = [
      strToU8(fileText(file)),
      {
        os: 3, // Unix, so the mode below is read
        attrs: mode << 16,
        ...(file.modified ? { mtime: new Date(file.modified) } : {}),
      },
    ]
  }
  return zipSync(entries, { level: 6 })
}
