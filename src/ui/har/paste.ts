/** Pasted text that is meant as a HAR file (not a curl command or a URL pasted by mistake). */
export const looksLikeHar = (text: string) => /^\s*\{/.test(text) && text.includes('"log"')

/** One entry copied out of a HAR file ("Explain my request"): read as a file of one entry. */
export const looksLikeEntry = (text: string) =>
  /^\s*\{/.test(text) && text.includes('"request"') && text.includes('"timings"')

/** One pasted entry as a HAR file of that entry alone. */
export const asHar = (entry: string) =>
  `{"log":{"version":"1.2","creator":{"name":"a pasted entry","version":""},"entries":[${entry}]}}`

/** A curl command pasted on the page ("Explain my request"). */
export const looksLikeCurl = (text: string) => /^\s*curl\s+\S/.test(text)

/**
 * The window event that opens "Explain my request" with a curl command (its `detail`): the
 * Request tab's "Paste curl" sends it without loading any HAR code.
 */
export const EXPLAIN_REQUEST_EVENT = 'roundtrip:explain-request'
