// The embedding guide's examples name curated scenarios and lessons that exist: a page author
// copies them as they are, and an unknown id opens the default scenario instead.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { findLesson, findScenario } from '../../../src/engine'

const GUIDE = readFileSync(new URL('../../../docs/embedding.md', import.meta.url), 'utf8')

/** The guide's code: fenced blocks, then inline code spans in the prose around them. */
const codeOf = (markdown: string): string[] => {
  const fenced = [...markdown.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)].map((m) => m[1]!)
  const prose = markdown.replace(/^```[^\n]*\n[\s\S]*?^```/gm, '')
  const inline = [...prose.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!)
  return [...fenced, ...inline]
}

/**
 * Every id `key` is given in `code`: `key=id` (a hash or an attribute, bare or quoted), and
 * `key: 'id'` (a payload or the state). `{ scenario: id }`, a placeholder, is not a value.
 */
const idsOf = (key: string, code: readonly string[]): string[] => {
  const pattern = new RegExp(
    `\\b${key}(?:=(?:"([^"]*)"|'([^']*)'|([\\w-]+))|:\\s*(?:"([^"]*)"|'([^']*)'))`,
    'g',
  )
  return code.flatMap((text) =>
    [...text.matchAll(pattern)].map((m) => m.slice(1).find((id) => id !== undefined)!),
  )
}

describe('docs/embedding.md', () => {
  const code = codeOf(GUIDE)

  it('names only curated scenarios in its examples', () => {
    const ids = idsOf('scenario', code)
    // The element's load('id') takes a scenario id too.
    ids.push(
      ...code.flatMap((text) => [...text.matchAll(/\bload\('([^']*)'\)/g)].map((m) => m[1]!)),
    )
    expect(ids.length).toBeGreaterThan(5)
    expect(ids.filter((id) => !findScenario(id))).toEqual([])
  })

  it('names only existing lessons', () => {
    expect(idsOf('lesson', code).filter((id) => !findLesson(id))).toEqual([])
  })

  it('would catch a lesson id given as a scenario', () => {
    const wrong = idsOf(
      'scenario',
      codeOf('```html\n<iframe src="embed.html#scenario=router-says-404&x=1">\n```'),
    )
    expect(wrong).toEqual(['router-says-404'])
    expect(findScenario(wrong[0]!)).toBeUndefined()
    expect(
      idsOf('scenario', ['<roundtrip-embed scenario="not-found">', "{ scenario: 'get-user' }"]),
    ).toEqual(['not-found', 'get-user'])
  })
})
