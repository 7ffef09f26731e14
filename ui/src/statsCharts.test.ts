import { describe, expect, it } from 'vitest'
import type { Balance, DrillRow, MonthlyRow, OpenLimit } from './api/stats'
import { ageColor, ageOption, balanceOption, COLORS, judgeOption, limitsOption, monthlyOption, type Translate } from './statsCharts'
import { ageHistogram, groupByJudge } from './statsHelpers'
import { groupLimits, limitTierColor, UNKNOWN_COLOR } from './statsLimits'

/** Echoes the key and its parameters, so the tests see which text a chart asks for. */
const t: Translate = (key, params) => (params ? `${key}${JSON.stringify(params)}` : key)

// The options are plain objects; the tests read them loosely, as ECharts does.
type Any = any

function month(m: string, received: number, closed: number, progress: number | null): MonthlyRow {
  return { month: m, from: `${m}-01`, to: `${m}-28`, received, closed, cumulative_received: 0, cumulative_closed: 0, progress }
}

function pending(case_no: string, judge: string, months: number): DrillRow {
  return {
    case_no,
    cause: '借款合同纠纷',
    judge,
    division: '民一庭',
    procedure: 'civil-ordinary',
    filed: '2024-01-02',
    closed: null,
    closing_method: null,
    role: 'counted',
    months_pending: months,
    why: '',
  }
}

describe('monthlyOption', () => {
  it('draws received and closed as bars by month and the progress on the percent axis', () => {
    const o: Any = monthlyOption([month('2026-01', 5, 3, 0.3), month('2026-02', 2, 4, null)], t)
    expect(o.xAxis.data).toEqual(['2026-01', '2026-02'])
    const byId = Object.fromEntries(o.series.map((s: Any) => [s.id, s]))
    expect(byId.received.data).toEqual([5, 2])
    expect(byId.closed.data).toEqual([3, 4])
    expect(byId.progress.data).toEqual([0.3, null])
    expect(byId.progress.yAxisIndex).toBe(1)
    expect(byId.progress.tooltip.valueFormatter(0.3)).toBe('30.0%')
    expect(o.yAxis[1].axisLabel.formatter(0.25)).toBe('25%')
    // the click handler opens a drill-down by series id: those ids are the indicators' keys
    expect(byId.received.name).toBe('stats.charts.received')
  })

  it('is an empty chart without numbers', () => {
    const o: Any = monthlyOption([], t)
    expect(o.xAxis.data).toEqual([])
    expect(o.series.every((s: Any) => s.data.length === 0)).toBe(true)
  })
})

describe('ageOption', () => {
  it('colours a bar from the month it passes 12, 18 and 36 months, as the 超 N 个月未结 cards count', () => {
    expect([0, 11, 12, 17, 18, 35, 36, 40].map(ageColor)).toEqual([
      '#5b8ff9',
      '#5b8ff9',
      '#f6bd16',
      '#f6bd16',
      '#e8684a',
      '#e8684a',
      '#c23531',
      '#c23531',
    ])
  })

  it('has one bar per whole month pending, the back end’s months_pending, with the 12/18/36 marks', () => {
    const hist = ageHistogram([pending('a', '陈静', 12), pending('b', '陈静', 12), pending('c', '王磊', 3)])
    const o: Any = ageOption(hist, t)
    const bars = o.series[0].data
    expect(bars).toHaveLength(37)
    expect(bars[12]).toEqual({ value: 2, itemStyle: { color: '#f6bd16' } })
    expect(bars[3].value).toBe(1)
    expect(o.series[0].markLine.data.map((m: Any) => m.xAxis)).toEqual(['12', '18', '36'])
    expect(o.series[0].markLine.data[0].label.formatter).toBe('stats.charts.monthsMark{"n":12}')
  })

  it('is empty before the cases are loaded', () => {
    const o: Any = ageOption(null, t)
    expect(o.series[0].data).toEqual([])
  })
})

describe('judgeOption', () => {
  it('puts each judge’s closed and pending side by side and the rate on a 0–100 % axis', () => {
    const closed = [pending('a', '陈静', 0), pending('b', '陈静', 0), pending('c', '王磊', 0)]
    const open = [pending('d', '王磊', 2)]
    const o: Any = judgeOption(groupByJudge(closed, open), t)
    expect(o.xAxis.data).toEqual(['陈静', '王磊'])
    const byId = Object.fromEntries(o.series.map((s: Any) => [s.id, s]))
    expect(byId.closed.data).toEqual([2, 1])
    expect(byId.pending_end.data).toEqual([0, 1])
    expect(byId.rate.data).toEqual([1, 0.5])
    expect(o.yAxis[1].max).toBe(1)
    expect(byId.closed.itemStyle.color).toBe(COLORS.closed)
  })
})

describe('balanceOption', () => {
  it('marks a month below its floor red and draws the floors', () => {
    const balance: Balance = {
      floors: [{ month: 3, progress: 0.2 }],
      months: [
        { month: '2026-01', closed: 4, year_closed: 20, share_of_year: 0.2, ytd_closed: 4, ytd_handled: 40, ytd_progress: 0.1, floor: null, meets_floor: null },
        { month: '2026-03', closed: 2, year_closed: 20, share_of_year: 0.1, ytd_closed: 6, ytd_handled: 40, ytd_progress: 0.15, floor: 0.2, meets_floor: false },
      ],
      below_floor: ['2026-03'],
    }
    const o: Any = balanceOption(balance, t)
    const byId = Object.fromEntries(o.series.map((s: Any) => [s.id, s]))
    expect(byId.closed.data).toEqual([4, 2])
    expect(byId.ytd.data.map((d: Any) => d.itemStyle.color)).toEqual(['#5b8ff9', COLORS.below])
    expect(byId.ytd.data.map((d: Any) => d.value)).toEqual([0.1, 0.15])
    expect(byId.floor.data).toEqual([null, 0.2])
  })

  it('is empty without a balance', () => {
    const o: Any = balanceOption(undefined, t)
    expect(o.xAxis.data).toEqual([])
  })
})

describe('limitsOption', () => {
  it('has a bar per tier in the tier’s colour, counting its cases, named by the caller', () => {
    const row = (case_no: string, tier: OpenLimit['tier']): OpenLimit => ({
      case_no,
      cause: '',
      judge: '陈静',
      division: '民一庭',
      procedure: 'civil-ordinary',
      filed: '2026-01-05',
      due: null,
      days_left: tier ? 3 : null,
      fraction_elapsed: null,
      tier,
      tier_name: '',
      error: null,
      provisional: null,
    })
    const groups = groupLimits([row('a', 'urgent'), row('b', 'urgent'), row('c', null)])
    const o: Any = limitsOption(groups, (tier) => `T:${tier}`, t)
    expect(o.xAxis.data).toEqual(['T:normal', 'T:early', 'T:middle', 'T:urgent', 'T:overdue', 'T:suspended', 'T:unknown'])
    const bars = o.series[0].data
    expect(bars.map((b: Any) => b.value)).toEqual([0, 0, 0, 2, 0, 0, 1])
    expect(bars[3].itemStyle.color).toBe(limitTierColor('urgent'))
    expect(bars[6].itemStyle.color).toBe(UNKNOWN_COLOR)
  })
})
