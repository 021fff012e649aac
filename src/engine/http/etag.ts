/** `Date.parse` of a Last-Modified value: the same few, parsed for every file served. */
const mtimes = new Map<string, number>()
const mtimeOf = (lastModified: string): number => {
  let mtime = mtimes.get(lastModified)
  if (mtime === undefined) {
    if (mtimes.size >= 256) mtimes.clear()
    mtime = Date.parse(lastModified)
    mtimes.set(lastModified, mtime)
  }
  return mtime
}

/** nginx's ETag: the file's modification time and its size, both in hex. */
export const nginxEtag = (lastModified: string, bytes: number): string => {
  const mtime = mtimeOf(lastModified)
  return `"${(Number.isNaN(mtime) ? 0 : Math.floor(mtime / 1000)).toString(16)}-${bytes.toString(16)}"`
}

/** Caddy's file_server ETag: the modification time and the size in base 36, run together. */
export const caddyEtag = (lastModified: string, bytes: number): string => {
  const mtime = mtimeOf(lastModified)
  return `"${(Number.isNaN(mtime) ? 0 : Math.floor(mtime / 1000)).toString(36)}${bytes.toString(36)}"`
}
