/** Where the edited app is kept between visits. The version is part of the key and the value. */
export const STORAGE_KEY = 'roundtrip.app.v1'

/**
 * Whether an app from an earlier visit may be waiting, without loading the code that reads it
 * (persistence.ts, with the schemas): main.tsx restores it before first paint only then.
 */
export const hasSavedApp = (): boolean => {
  try {
    return window.localStorage.getItem(STORAGE_KEY) !== null
  } catch {
    return false
  }
}
