import { describe, expect, it } from 'vitest'
import { stepAtShare } from './PlayheadMotion'

describe('stepAtShare: where a glide between steps stands', () => {
  it('ends exactly on the target even when the last steps weigh nothing', () => {
    expect(stepAtShare([1, 0, 0, 0], 0, 4, 1)).toBe(4)
  })

  it('ends exactly on the target going back across weightless steps', () => {
    expect(stepAtShare([0, 0, 1], 3, 0, 1)).toBe(0)
  })

  it('starts where it was and moves steadily in between', () => {
    const weights = [1, 2, 1]
    expect(stepAtShare(weights, 0, 3, 0)).toBe(0)
    const samples = [0.1, 0.3, 0.5, 0.7, 0.9].map((share) => stepAtShare(weights, 0, 3, share))
    expect(samples).toEqual([...samples].sort((a, b) => a - b))
    expect(samples.every((v) => v > 0 && v < 3)).toBe(true)
  })
})
