import { describe, expect, it } from 'vitest'
import { MIDDLEWARE_KINDS, middlewareStageId } from '../../engine'
import { MIDDLEWARE_INFO, middlewareAt } from './middleware'

describe('the middleware catalogue', () => {
  it('has an entry for every kind, with every field filled in', () => {
    expect(Object.keys(MIDDLEWARE_INFO).sort()).toEqual([...MIDDLEWARE_KINDS].sort())
    for (const kind of MIDDLEWARE_KINDS)
      for (const [field, value] of Object.entries(MIDDLEWARE_INFO[kind]))
        expect(String(value).trim(), `${kind}.${field}`).not.toBe('')
  })

  it('gives each kind its own name', () => {
    const names = MIDDLEWARE_KINDS.map((kind) => MIDDLEWARE_INFO[kind].name)
    expect(new Set(names).size).toBe(names.length)
  })

  it('finds the entry behind a middleware stage, and none behind another stage', () => {
    for (const kind of MIDDLEWARE_KINDS)
      expect(middlewareAt(middlewareStageId(kind))).toBe(MIDDLEWARE_INFO[kind])
    expect(middlewareAt('router')).toBeNull()
    expect(middlewareAt('client')).toBeNull()
  })
})
