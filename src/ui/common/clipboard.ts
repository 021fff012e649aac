/**
 * Puts `text` on the clipboard; false when the page may not (no Clipboard API on an insecure page,
 * a frame without clipboard-write, a denied permission). The caller then shows the text with
 * {@link selectToCopy}, so Ctrl+C (⌘C) finishes the job by hand.
 */
export const copyText = async (text: string): Promise<boolean> => {
  try {
    if (!navigator.clipboard?.writeText) return false
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    return false
  }
}

/** The focus on the field holding the text, all of it selected, ready for Ctrl+C. */
export const selectToCopy = (field: HTMLInputElement | HTMLTextAreaElement | null): void => {
  field?.focus()
  field?.select()
}
