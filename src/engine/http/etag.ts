/** nginx's ETag: the file's modification time and its size, both in hex. */
export const nginxEtag = (lastModified: string, bytes: number): string => {
  const mtime = Date.parse(lastModified)
  return `"${(Number.isNaN(mtime) ? 0 : Math.floor(mtime / 1000)).toString(16)}-${bytes.toString(16)}"`
}

/** Caddy's file_server ETag: the modification time and the size in base 36, run together. */
export const caddyEtag = (lastModified: string, bytes: number): string => {
  const mtime = Date.parse(lastModified)
  return `"${(Number.isNaN(mtime) ? 0 : Math.floor(mtime / 1000)).toString(36)}${bytes.toString(36)}"`
}
