/** Explanation text with `code` marked by backticks: the marked parts render as <code>. */
export function RichText({ text }: { text: string }) {
  const parts = text.split('`')
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? <code key={i}>{part}</code> : part ? <span key={i}>{part}</span> : null,
      )}
    </>
  )
}
