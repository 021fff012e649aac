import { act, render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { Stagger } from '../../src/ui/journey/useStaggered'
import { useStaggered } from '../../src/ui/journey/useStaggered'
import { useCleanApp, useFakeClock } from './setup'

interface Part {
  readonly text: string
  /** Takes its change first after the render (as the band a step enters does). */
  readonly lead?: boolean
}

const same = (a: Part, b: Part) => a.text === b.text
const order = (_: Part, next: Part): Stagger => (next.lead ? 'lead' : 'wave')

function Parts({ parts, stagger }: { parts: readonly Part[]; stagger: boolean }) {
  const shown = useStaggered(parts, same, order, stagger)
  return (
    <ol>
      {shown.map((part, i) => (
        <li key={i}>{part.text}</li>
      ))}
    </ol>
  )
}

const drawn = () => screen.getAllByRole('listitem').map((li) => li.textContent)

const before: Part[] = [{ text: 'a0' }, { text: 'b0' }, { text: 'c0' }]
const after: Part[] = [{ text: 'a1', lead: true }, { text: 'b1' }, { text: 'c1' }]

describe('useStaggered', () => {
  useCleanApp()

  it('not staggering, every part takes its change in the same render', () => {
    const { rerender } = render(<Parts parts={before} stagger={false} />)
    rerender(<Parts parts={after} stagger={false} />)
    expect(drawn()).toEqual(['a1', 'b1', 'c1'])
  })

  it('staggering, the lead parts follow a frame later and the rest a frame apart each', () => {
    useFakeClock()
    const { rerender } = render(<Parts parts={before} stagger />)
    rerender(<Parts parts={after} stagger />)
    expect(drawn()).toEqual(['a0', 'b0', 'c0'])
    act(() => vi.advanceTimersByTime(20))
    expect(drawn()).toEqual(['a1', 'b0', 'c0'])
    act(() => vi.advanceTimersByTime(20))
    expect(drawn()).toEqual(['a1', 'b1', 'c0'])
    act(() => vi.advanceTimersByTime(20))
    expect(drawn()).toEqual(['a1', 'b1', 'c1'])
  })
})
