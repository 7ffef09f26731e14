import { describe, expect, it } from 'vitest'
import type { MetricUnit } from './api/supervision'
import { compareToMedian, metricText, reviewCounts, reviewFormErrors, reviewInput, reviewStatus, trendOption } from './supervision'
import type { JudgeMetric } from './api/supervision'

const REASONS = ['认定事实', '适用法律', '程序', '新证据', '其他']

describe('reviewStatus', () => {
  it.each([
    [{ state: '待评查' as const, overdue: false }, 'pending'],
    [{ state: '待评查' as const, overdue: true }, 'overdue'],
    [{ state: '已评查' as const, overdue: false }, 'done'],
    [{ state: '已评查' as const, overdue: true }, 'doneLate'],
  ])('%o is %s', (row, status) => {
    expect(reviewStatus(row)).toBe(status)
  })

  it('counts a late review as done, not as overdue', () => {
    const rows = [
      { state: '待评查' as const, overdue: false },
      { state: '待评查' as const, overdue: true },
      { state: '已评查' as const, overdue: true },
      { state: '已评查' as const, overdue: false },
    ]
    expect(reviewCounts(rows)).toEqual({ pending: 1, overdue: 1, done: 2 })
  })
})

describe('reviewFormErrors', () => {
  it('accepts a complete review', () => {
    expect(reviewFormErrors({ reason: '适用法律', responsible: 'no', lesson: '统一裁判尺度' }, REASONS)).toEqual({})
  })

  it('names every missing field, and a reason outside the court’s categories', () => {
    expect(reviewFormErrors({ reason: '其它', responsible: '', lesson: '  ' }, REASONS)).toEqual({
      reason: 'reasonRequired',
      responsible: 'responsibleRequired',
      lesson: 'lessonRequired',
    })
    expect(reviewFormErrors({ reason: '程序', responsible: 'yes', lesson: '字'.repeat(10001) }, REASONS)).toEqual({
      lesson: 'lessonTooLong',
    })
  })

  it('sends responsibility as a boolean and the lesson trimmed', () => {
    expect(reviewInput('（2026）粤0309民初1号', { reason: '程序', responsible: 'yes', lesson: ' 一案一策 ' })).toEqual({
      case_no: '（2026）粤0309民初1号',
      reason: '程序',
      responsible: true,
      lesson: '一案一策',
    })
  })
})

describe('metricText', () => {
  it.each([
    ['count', 12, '12'],
    ['decimal', 13.456, '13.46'],
    ['days', 61.25, '61.3'],
    ['rate', 0.0625, '6.3%'],
    ['rate', 0.5, '50.0%'],
    ['decimal', 1.5, '1.50'],
    ['count', null, '—'],
  ])('%s %s → %s', (unit, v, text) => {
    expect(metricText(unit as MetricUnit, v as number | null)).toBe(text)
  })
})

describe('compareToMedian', () => {
  it('reads each metric in the direction the back end gives it', () => {
    const higher = { higher_is_better: true }
    const lower = { higher_is_better: false }
    expect(compareToMedian(higher, 30, 20)).toBe('better')
    expect(compareToMedian(higher, 0.9, 0.95)).toBe('worse')
    expect(compareToMedian(lower, 40, 55)).toBe('better')
    expect(compareToMedian(lower, 0.1, 0.05)).toBe('worse')
    expect(compareToMedian(lower, 2, 2)).toBe('same')
    expect(compareToMedian(lower, null, 1)).toBeNull()
  })
})

describe('trendOption', () => {
  it('plots rates as percentages and keeps empty months empty', () => {
    const m: JudgeMetric = {
      key: 'one_hearing_rate',
      name: '一次有效庭审率',
      unit: 'rate',
      higher_is_better: true,
      value: 0.5,
      division_median: 0.4,
      trend: [
        { month: '2026-01', value: 0.5, division_median: 0.25 },
        { month: '2026-02', value: null, division_median: null },
      ],
    }
    const o = trendOption(m, { judge: '王法官', median: '庭内中位数' })
    expect(o.xAxis.data).toEqual(['2026-01', '2026-02'])
    expect(o.series[0].data).toEqual([50, null])
    expect(o.series[1].data).toEqual([25, null])
    expect(o.series[0].name).toBe('王法官')
  })
})
