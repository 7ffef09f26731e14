import { describe, expect, it } from 'vitest'
import { MAX_DEFINITIONS_FILE_BYTES, definitionsFileProblem, definitionsLabel } from './definitionsFile'

describe('indicator definition file', () => {
  it('accepts a .toml file of sensible size', () => {
    expect(definitionsFileProblem({ name: '本院指标.toml', size: 9000 })).toBe('')
    expect(definitionsFileProblem({ name: 'INDICATORS.TOML', size: 1 })).toBe('')
  })

  it('refuses other files before reading them', () => {
    expect(definitionsFileProblem({ name: 'indicators.json', size: 10 })).toBe('notToml')
    expect(definitionsFileProblem({ name: 'indicators.toml', size: 0 })).toBe('empty')
    expect(definitionsFileProblem({ name: 'indicators.toml', size: MAX_DEFINITIONS_FILE_BYTES + 1 })).toBe('tooLarge')
  })

  it('labels the definitions with name and version', () => {
    expect(definitionsLabel({ custom: false, name: '案牍默认指标口径', version: 'andu-default-2025.1' })).toBe(
      '案牍默认指标口径（andu-default-2025.1）',
    )
  })
})
