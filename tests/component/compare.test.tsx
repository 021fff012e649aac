import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderApp } from './driver'
import { useCleanApp } from './setup'

/** The compare table's row for a phase, e.g. "DNS Lookup". */
const row = (table: HTMLElement, label: string) =>
  within(table).getByRole('rowheader', { name: label }).closest('tr')!

const bars = (cell: Element) => cell.querySelectorAll('.cmp-bar').length

/** Percent of the axis per millisecond: the same on both sides when they share one scale. */
const scaleOf = (bar: Element) =>
  parseFloat((bar as HTMLElement).style.width) / Number((bar as HTMLElement).dataset.ms)

describe('compare', () => {
  useCleanApp()

  const open = async () => {
    const ui = renderApp({ hash: '#scenario=get-user' })
    await ui.send()
    const button = screen.getByRole('button', { name: 'Compare' })
    await ui.user.click(button)
    const dialog = await screen.findByRole('dialog', { name: 'Compare two runs' })
    const table = await within(dialog).findByRole(
      'table',
      { name: /each phase/ },
      { timeout: 3000 },
    )
    return { ui, button, dialog, table }
  }

  it('shows the kept-alive repeat without DNS, TCP and TLS bars, and a shorter total', async () => {
    const { dialog, table } = await open()
    expect(
      within(dialog).getByRole('radio', { name: 'First visit vs kept-alive repeat' }),
    ).toBeChecked()

    const heads = within(table).getAllByRole('columnheader')
    const first = heads.find((h) => h.textContent?.startsWith('First visit'))!
    const repeat = heads.find((h) => h.textContent?.startsWith('Kept-alive repeat'))!
    expect(first.textContent).toContain('200 OK')
    expect(repeat.textContent).toContain('200 OK')
    const total = (h: Element) => Number(/([\d.]+) ms in total/.exec(h.textContent ?? '')![1])
    expect(total(repeat)).toBeLessThan(total(first))

    for (const phase of ['DNS Lookup', 'Initial connection', 'SSL']) {
      const [, left, right] = row(table, phase).children
      expect(bars(left!)).toBeGreaterThan(0)
      expect(bars(right!)).toBe(0)
    }
    // The repeat's DNS came from the cache: said in words, not drawn.
    expect(row(table, 'DNS Lookup').children[2]!.textContent).toMatch(/cached/)
    expect(screen.getByTestId('compare-summary').textContent).toMatch(
      /^The repeat skipped DNS, TCP and TLS: [\d.]+ ms faster\.$/,
    )

    // One scale: both axes span the same time, and the same phase is as wide on both sides.
    const axes = within(dialog).getAllByTestId('compare-axis', { hidden: true } as never)
    expect(axes).toHaveLength(2)
    expect(axes[0]!.dataset.span).toBe(axes[1]!.dataset.span)
    const [, l, r] = row(table, 'Waiting (TTFB)').children
    const left = scaleOf(l!.querySelector('.cmp-bar')!)
    const right = scaleOf(r!.querySelector('.cmp-bar')!)
    expect(left).toBeGreaterThan(0)
    expect(right / left).toBeCloseTo(1, 2)
  })

  it('compares Flask and FastAPI validation of the same body', async () => {
    const { ui, dialog } = await open()
    await ui.user.click(within(dialog).getByRole('radio', { name: 'Flask vs FastAPI validation' }))
    await waitFor(() =>
      expect(screen.getByTestId('compare-summary').textContent).toMatch(
        /^Flask: 400 BAD REQUEST from validation\. FastAPI: 422 /,
      ),
    )
  })

  it('closes with Escape and gives focus back to the Compare button', async () => {
    const { ui, button } = await open()
    await ui.user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(button)
  })
})
