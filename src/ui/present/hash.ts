/** The URL hash key that opens the page in presentation mode: `#scenario=get-user&present=1`. */
export const PRESENT_KEY = 'present'

const ON = new Set(['1', 'true', 'yes', 'on', ''])

/**
 * Whether a URL hash asks for presentation mode. Never throws: `present=1` (or `true`, or the bare
 * key) means yes; a missing key or any other value (`0`, garbage) means no.
 */
export const presentFromHash = (hash: string): boolean => {
  try {
    const params = new URLSearchParams(hash.replace(/^#/, ''))
    const value = params.get(PRESENT_KEY)
    return value !== null && ON.has(value.trim().toLowerCase())
  } catch {
    return false
  }
}

/** The hash with `present=1` added or removed, every other key kept as it was. */
export const hashWithPresent = (hash: string, presenting: boolean): string => {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  if (presenting) params.set(PRESENT_KEY, '1')
  else params.delete(PRESENT_KEY)
  const text = params.toString()
  return text ? `#${text}` : ''
}
