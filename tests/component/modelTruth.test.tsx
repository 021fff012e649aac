import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { ModelTruth } from '../../src/ui/code/ModelTruth'
import summary from '../../src/ui/code/conformance.json'
import { VERSIONS } from '../../src/ui/code/versions'

describe('How true it is', () => {
  it('names the versions modelled and the last conformance run, and links the report', () => {
    render(<ModelTruth />)
    const section = screen.getByRole('region', { name: 'How true it is' })
    expect(section).toHaveTextContent(`nginx ${VERSIONS.nginx}`)
    expect(section).toHaveTextContent(`Flask ${VERSIONS.flask}`)
    expect(section).toHaveTextContent(`Django ${VERSIONS.django}`)
    expect(section).toHaveTextContent(`FastAPI ${VERSIONS.fastapi}`)
    expect(section).toHaveTextContent(
      `${summary.own.matched} of ${summary.own.ran} behave as on real servers`,
    )
    expect(section.querySelector('time')?.getAttribute('datetime')).toBe(summary.date)
    expect(screen.getByRole('link', { name: /full report/ })).toHaveAttribute(
      'href',
      'conformance.md',
    )
  })
})
