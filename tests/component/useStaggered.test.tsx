import type { ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Stagger } from '../../src/ui/journey/useStaggered'
import { useFakeClock } from './setup'

interface Part {
  readonly text: string
  /** Takes its change first after the render (as the band a step enters does). */
  readonly lead?: boolean
}

const same = (a: Part, b: Part) => a.text === b.text
const order = (_: Part, next: Part): Stagger => (next.lead ? 'lead' : 'wave')

const before: Part[] = [{ text: 'a0' }, { text: 'b0' }, { text: 'c0' }]
const after: Part[] = [{ text: 'a1', lead: true }, { text: 'b1' }, { text: 'c1' }]

/**
 * The hook, React and Testing Library from a fresh module registry: the turns' queue is a
 * module's own (frameTurns.ts), and test files share modules (isolate: false), so a file before
 * this one may have left frames asked of a clock that is gone.
 */
const fresh = async () => {
  vi.resetModules()
  const { useStaggered } = await import('../../src/ui/journey/useStaggered')
  const rtl = await import('@testing-library/react')
  function Parts({ parts, stagger }: { parts: readonly Part[]; stagger: boolean }): ReactNode {
    const shown = useStaggered(parts, same, order, stagger)
    return (
      <ol>
        {shown.map((part, i) => (
          <li key={i}>{part.text}</li>
        ))}
      </ol>
    )
  }
  const drawn = () => rtl.screen.getAllByRole('listitem').map((li) => li.textContent)
  return { rtl, Parts, drawn }
}

describe('useStaggered', () => {
  let cleanup: (() => void) | undefined
  beforeEach(() => {
    cleanup = undefined
  })
  afterEach(() => {
    cleanup?.()
    vi.useRealTimers()
  })

  it('not staggering, every part takes its change in the same render', async () => {
    const { rtl, Parts, drawn } = await fresh()
    cleanup = rtl.cleanup
    const { rerender } = rtl.render(<Parts parts={before} stagger={false} />)
    rerender(<Parts parts={after} stagger={false} />)
    expect(drawn()).toEqual(['a1', 'b1', 'c1'])
  })

  it('staggering, the lead parts follow a frame later and the rest a frame apart each', async () => {
    const { rtl, Parts, drawn } = await fresh()
    cleanup = rtl.cleanup
    await useFakeClock()
    const { rerender } = rtl.render(<Parts parts={before} stagger />)
    rerender(<Parts parts={after} stagger />)
    expect(drawn()).toEqual(['a0', 'b0', 'c0'])
    rtl.act(() => vi.advanceTimersByTime(20))
    expect(drawn()).toEqual(['a1', 'b0', 'c0'])
    rtl.act(() => vi.advanceTimersByTime(20))
    expect(drawn()).toEqual(['a1', 'b1', 'c0'])
    rtl.act(() => vi.advanceTimersByTime(20))
    expect(drawn()).toEqual(['a1', 'b1', 'c1'])
  })
})
