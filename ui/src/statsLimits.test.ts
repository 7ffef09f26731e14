import { describe, expect, it } from 'vitest'
import type { OpenLimit } from './api/stats'
import { groupLimits, LIMIT_TIERS, limitTier, limitTierColor, UNKNOWN_COLOR } from './statsLimits'

let n = 0
function limit(over: Partial<OpenLimit> = {}): OpenLimit {
  n++
  return {
    case_no: `（2026）粤0309民初${n}号`,
    cause: '民间借贷纠纷',
    judge: '陈静',
    division: '民一庭',
    procedure: 'civil-simple',
    filed: '2026-09-01',
    due: '2026-11-30',
    days_left: 4,
    fraction_elapsed: 0.96,
    tier: 'urgent',
    tier_name: '紧急',
    error: null,
    provisional: null,
    ...over,
  }
}
const unknown = (over: Partial<OpenLimit> = {}) =>
  limit({ due: null, days_left: null, fraction_elapsed: null, tier: null, tier_name: '无法计算', error: { code: 'x', message: '缺少立案日期' }, ...over })
const counts = (rows: OpenLimit[]) => Object.fromEntries(groupLimits(rows).map((g) => [g.tier, g.rows.length]))

describe('limitTier / limitTierColor', () => {
  it('puts a 审限 that cannot be computed under unknown, a tier it does not know under 正常', () => {
    expect(limitTier({ tier: 'overdue' })).toBe('overdue')
    expect(limitTier({ tier: null })).toBe('unknown')
    expect(limitTier({ tier: 'someday' as never })).toBe('normal')
  })

  it('uses the 今日 tier colours', () => {
    expect(limitTierColor('overdue')).toBe('#d93026')
    expect(limitTierColor('early')).toBe('#1c6dd0')
    expect(limitTierColor('unknown')).toBe(UNKNOWN_COLOR)
    expect(new Set(LIMIT_TIERS.map(limitTierColor)).size).toBe(LIMIT_TIERS.length)
  })
})

describe('groupLimits', () => {
  it('gives every tier in bar order, empty ones too', () => {
    expect(groupLimits([]).map((g) => g.tier)).toEqual(['normal', 'early', 'middle', 'urgent', 'overdue', 'suspended', 'unknown'])
    expect(groupLimits([]).every((g) => g.rows.length === 0)).toBe(true)
  })

  it('counts the cases by tier', () => {
    const rows = [
      limit({ tier: 'overdue', days_left: -3 }),
      limit({ tier: 'overdue', days_left: -10, judge: '杨帆' }),
      limit({ tier: 'normal', days_left: 80 }),
      limit({ tier: 'suspended', procedure: 'criminal-public' }),
      unknown(),
      unknown({ judge: '杨帆' }),
    ]
    expect(counts(rows)).toEqual({ normal: 1, early: 0, middle: 0, urgent: 0, overdue: 2, suspended: 1, unknown: 2 })
  })

  it('lists the most pressing first, then by 案号', () => {
    const a = limit({ tier: 'overdue', days_left: -3, case_no: '（2026）粤0309民初2号' })
    const b = limit({ tier: 'overdue', days_left: -10, case_no: '（2026）粤0309民初9号' })
    const c = limit({ tier: 'overdue', days_left: -3, case_no: '（2026）粤0309民初1号' })
    const overdue = groupLimits([a, b, c]).find((g) => g.tier === 'overdue')!
    expect(overdue.rows).toEqual([b, c, a])
    const u1 = unknown({ case_no: '（2026）粤0309民初8号' })
    const u2 = unknown({ case_no: '（2026）粤0309民初3号' })
    expect(groupLimits([u1, u2]).find((g) => g.tier === 'unknown')!.rows).toEqual([u2, u1])
  })
})
