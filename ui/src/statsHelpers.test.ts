import { describe, expect, it } from 'vitest'
import type { DrillRow } from './api/stats'
import { cleanStatsQuery } from './api/stats'
import {
  ageHistogram,
  formatPercent,
  formatValue,
  groupByJudge,
  matchQuickPick,
  quickPeriod,
  rowMonth,
  rowsInMonth,
} from './statsHelpers'

function row(over: Partial<DrillRow> = {}): DrillRow {
  return {
    case_no: '（2025）粤0309民初1号',
    cause: '民间借贷纠纷',
    judge: '陈静',
    division: '民一庭',
    procedure: 'civil-simple',
    filed: '2025-05-31',
    closed: null,
    closing_method: null,
    role: 'counted',
    why: '',
    ...over,
  }
}

describe('formatting', () => {
  it('shows fractions as percentages with two decimals and null as a dash', () => {
    expect(formatPercent(0.625)).toBe('62.50%')
    expect(formatPercent(0.676923076923077)).toBe('67.69%')
    expect(formatPercent(1.2)).toBe('120.00%')
    expect(formatPercent(0)).toBe('0.00%')
    expect(formatPercent(0.5, 1)).toBe('50.0%')
    expect(formatPercent(null)).toBe('—')
    expect(formatPercent(undefined)).toBe('—')
    expect(formatPercent(Number.NaN)).toBe('—')
  })
  it('formats each kind of value', () => {
    expect(formatValue('count', 135)).toBe('135')
    expect(formatValue('days', 105.21481481481482)).toBe('105.2')
    expect(formatValue('ratio', 1.0176991150442478)).toBe('1.02')
    expect(formatValue('percent', 0.2345679012345679)).toBe('23.46%')
    expect(formatValue('ratio', null)).toBe('—')
    expect(formatValue('count', null)).toBe('—')
  })
  it('sends no blank scope members', () => {
    expect(cleanStatsQuery({ from: '2026-01-01', to: '2026-11-26', judge: ' ', division: '民一庭', category: '' })).toEqual({
      from: '2026-01-01',
      to: '2026-11-26',
      division: '民一庭',
    })
  })
})

describe('period quick picks', () => {
  const today = '2026-11-26'
  it('本月, 本季度, 本年 run to today', () => {
    expect(quickPeriod('month', today)).toEqual({ from: '2026-11-01', to: today })
    expect(quickPeriod('quarter', today)).toEqual({ from: '2026-10-01', to: today })
    expect(quickPeriod('year', today)).toEqual({ from: '2026-01-01', to: today })
  })
  it('上一年 is the whole previous year', () => {
    expect(quickPeriod('lastYear', today)).toEqual({ from: '2025-01-01', to: '2025-12-31' })
    expect(quickPeriod('lastYear', '2026-01-01')).toEqual({ from: '2025-01-01', to: '2025-12-31' })
  })
  it('quarters start in January, April, July and October', () => {
    expect(quickPeriod('quarter', '2026-01-01').from).toBe('2026-01-01')
    expect(quickPeriod('quarter', '2026-03-31').from).toBe('2026-01-01')
    expect(quickPeriod('quarter', '2026-04-01').from).toBe('2026-04-01')
    expect(quickPeriod('quarter', '2026-09-30').from).toBe('2026-07-01')
  })
  it('recognises a quick pick', () => {
    expect(matchQuickPick({ from: '2026-01-01', to: today }, today)).toBe('year')
    expect(matchQuickPick({ from: '2025-01-01', to: today }, today)).toBeNull()
  })
})

describe('the 统计 age chart', () => {
  it('buckets pending cases by age, with the axis reaching at least 36 months', () => {
    // The months come from the back end (the 超 N 个月未结 rule), never recounted here.
    const rows = [
      row({ filed: '2026-11-01', months_pending: 0 }),
      row({ filed: '2025-04-13', months_pending: 19 }),
      row({ filed: '2025-04-30', months_pending: 18 }),
      row({ filed: '2022-01-01', months_pending: 58 }),
    ]
    const h = ageHistogram(rows)
    expect(h.counts.length).toBe(59) // oldest: 58 months
    expect(h.counts[0]).toBe(1)
    expect(h.counts[18]).toBe(1)
    expect(h.counts[19]).toBe(1)
    expect(h.counts[58]).toBe(1)
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(4)
    expect(h.rows[19][0].filed).toBe('2025-04-13')
    expect(ageHistogram([]).counts.length).toBe(37)
  })
})

describe('grouping drill-down rows', () => {
  it('takes the month from the row, else from 结案 or 立案', () => {
    expect(rowMonth('closed', row({ closed: '2026-03-01' }))).toBe('2026-03')
    expect(rowMonth('received', row({ filed: '2026-02-10', closed: '2026-03-01' }))).toBe('2026-02')
    expect(rowMonth('monthly', row({ month: '2026-07', filed: '2026-02-10' }))).toBe('2026-07')
    const rows = [row({ closed: '2026-03-01' }), row({ closed: '2026-03-31' }), row({ closed: '2026-04-01' })]
    expect(rowsInMonth('closed', rows, '2026-03')).toHaveLength(2)
  })
  it('counts closed and pending cases per judge and derives the closure rate', () => {
    const closed = [row({ judge: '陈静' }), row({ judge: '陈静' }), row({ judge: '杨帆' })]
    const pending = [row({ judge: '杨帆' }), row({ judge: '杨帆' }), row({ judge: '杨帆' }), row({ judge: '王建国' })]
    expect(groupByJudge(closed, pending)).toEqual([
      { judge: '陈静', closed: 2, pending: 0, rate: 1 },
      { judge: '杨帆', closed: 1, pending: 3, rate: 0.25 },
      { judge: '王建国', closed: 0, pending: 1, rate: 0 },
    ])
    expect(groupByJudge([], [])).toEqual([])
  })
})
