import { describe, expect, it } from 'vitest'
import { ruleFileProblem, sortedAreas, MAX_RULE_FILE_BYTES } from './ruleFiles'
import type { RuleArea } from './api'

describe('ruleFileProblem', () => {
  it('takes a non-empty .toml of sensible size', () => {
    expect(ruleFileProblem({ name: 'civil.toml', size: 1200 })).toBe('')
    expect(ruleFileProblem({ name: 'CIVIL.TOML', size: 1 })).toBe('')
  })
  it('names why a file is refused', () => {
    expect(ruleFileProblem({ name: 'civil.json', size: 10 })).toBe('notToml')
    expect(ruleFileProblem({ name: 'civil.toml', size: 0 })).toBe('empty')
    expect(ruleFileProblem({ name: 'civil.toml', size: MAX_RULE_FILE_BYTES + 1 })).toBe('tooLarge')
  })
})

describe('sortedAreas', () => {
  const area = (a: string): RuleArea => ({ area: a, version: '1', source: 'builtin' })
  it('orders 民事, 刑事, 行政, 执行, then anything unknown', () => {
    const got = sortedAreas([area('enforcement'), area('zzz'), area('admin'), area('civil'), area('criminal')])
    expect(got.map((a) => a.area)).toEqual(['civil', 'criminal', 'admin', 'enforcement', 'zzz'])
  })
})
