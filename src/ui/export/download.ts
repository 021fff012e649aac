/** Saves `data` as a file through a temporary `<a download>`; the object URL is freed after. */
export const download = (data: Blob, filename: string): void => {
  const url = URL.createObjectURL(data)
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  // Some browsers read the URL after click() returns; free it on the next turn.
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

export const downloadText = (text: string, filename: string, type: string): void =>
  download(new Blob([text], { type: `${type};charset=utf-8` }), filename)

/**
 * Renders an SVG document to a PNG at `scale` (2 for sharp slides) and resolves with it. Rejects
 * when the browser cannot draw it (no canvas, an image that fails to load).
 */
export const svgToPng = (svg: string, scale = 2): Promise<Blob> =>
  new Promise((resolve, reject) => {
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }))
    const image = new Image()
    image.onload = () => {
      try {
        const canvas = document.createElement('canvas')
        canvas.width = Math.ceil(image.naturalWidth * scale)
        canvas.height = Math.ceil(image.naturalHeight * scale)
        const context = canvas.getContext('2d')
        if (!context) throw new Error('this browser cannot draw on a canvas')
        context.scale(scale, scale)
        context.drawImage(image, 0, 0)
        canvas.toBlob(
          (blob) => (blob ? resolve(blob) : reject(new Error('the picture could not be encoded'))),
          'image/png',
        )
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)))
      } finally {
        URL.revokeObjectURL(url)
      }
    }
    image.onerror = () => {
      URL.revokeObjectURL(url)
      reject(new Error('the diagram could not be drawn as a picture'))
    }
    image.src = url
  })

/** A file name from a title: "Fetch a user" → "roundtrip-fetch-a-user". */
export const fileStem = (title: string): string =>
  `roundtrip-${
    title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || 'trace'
  }`
