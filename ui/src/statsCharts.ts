// The ECharts options of the 统计 panel's charts, built from the back end's numbers: pure functions (no Vue, no
// back end), so vitest checks what each chart draws (statsCharts.test.ts). Stats.vue only wires them to the data.
import type { Balance, MonthlyRow } from './api/stats'
import type { AgeHistogram, JudgeLoad } from './statsHelpers'
import { formatPercent } from './statsHelpers'
import { limitTierColor, type LimitGroup, type LimitTier } from './statsLimits'

/** vue-i18n's `t`, as much of it as the charts use. */
export type Translate = (key: string, params?: Record<string, unknown>) => string

/** Bar and line colours, shared by the charts so one measure keeps one colour. */
export const COLORS = {
  received: '#5b8ff9',
  closed: '#5ad8a6',
  line: '#e8684a',
  pending: '#5b8ff9',
  below: '#c23531',
} as const

/** The age bar colour: past 36, 18 and 12 months as the 超 N 个月未结 indicators count them. */
export function ageColor(months: number): string {
  return months >= 36 ? '#c23531' : months >= 18 ? '#e8684a' : months >= 12 ? '#f6bd16' : '#5b8ff9'
}

const axisLabel = { fontSize: 11 }
const pctAxis = {
  type: 'value',
  min: 0,
  axisLabel: { ...axisLabel, formatter: (v: number) => `${Math.round(v * 100)}%` },
  splitLine: { show: false },
}
const pctTooltip = (v: unknown) => formatPercent(v, 1)

/** 逐月收结: received and closed bars by month, the cumulative closure progress as a line (right axis). */
export function monthlyOption(monthly: readonly MonthlyRow[], t: Translate) {
  const m = monthly
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { fontSize: 11 } },
    grid: { left: 40, right: 48, top: 28, bottom: 24 },
    xAxis: { type: 'category', data: m.map((r) => r.month), axisLabel },
    yAxis: [{ type: 'value', minInterval: 1, axisLabel }, pctAxis],
    series: [
      { id: 'received', name: t('stats.charts.received'), type: 'bar', data: m.map((r) => r.received), itemStyle: { color: COLORS.received } },
      { id: 'closed', name: t('stats.charts.closed'), type: 'bar', data: m.map((r) => r.closed), itemStyle: { color: COLORS.closed } },
      {
        id: 'progress',
        name: t('stats.charts.progress'),
        type: 'line',
        yAxisIndex: 1,
        data: m.map((r) => r.progress),
        tooltip: { valueFormatter: pctTooltip },
        itemStyle: { color: COLORS.line },
      },
    ],
  }
}

/** 未结案件账龄: one bar per whole month pending, coloured past 12/18/36 months, with dashed marks there. */
export function ageOption(hist: AgeHistogram | null, t: Translate) {
  const counts = hist?.counts ?? []
  const mark = (n: number, color: string) => ({
    xAxis: String(n),
    lineStyle: { color, type: 'dashed' },
    label: { formatter: t('stats.charts.monthsMark', { n }), color, fontSize: 11 },
  })
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 24, top: 24, bottom: 36 },
    xAxis: {
      type: 'category',
      data: counts.map((_, i) => String(i)),
      name: t('stats.charts.ageAxis'),
      nameLocation: 'middle',
      nameGap: 22,
      nameTextStyle: { fontSize: 11 },
      axisLabel,
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel },
    series: [
      {
        id: 'age',
        name: t('stats.charts.cases'),
        type: 'bar',
        data: counts.map((c, i) => ({ value: c, itemStyle: { color: ageColor(i) } })),
        markLine: { symbol: 'none', silent: true, data: [mark(12, '#d4a017'), mark(18, '#e8684a'), mark(36, '#c23531')] },
      },
    ],
  }
}

/** 法官结案: closed and pending bars per judge, the judge's closure rate as a line (right axis, 0–100 %). */
export function judgeOption(loads: readonly JudgeLoad[], t: Translate) {
  const j = loads
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { fontSize: 11 } },
    grid: { left: 40, right: 48, top: 28, bottom: 24 },
    xAxis: { type: 'category', data: j.map((r) => r.judge), axisLabel: { ...axisLabel, interval: 0 } },
    yAxis: [{ type: 'value', minInterval: 1, axisLabel }, { ...pctAxis, max: 1 }],
    series: [
      { id: 'closed', name: t('stats.charts.judgeClosed'), type: 'bar', data: j.map((r) => r.closed), itemStyle: { color: COLORS.closed } },
      { id: 'pending_end', name: t('stats.charts.judgePending'), type: 'bar', data: j.map((r) => r.pending), itemStyle: { color: COLORS.pending } },
      {
        id: 'rate',
        name: t('stats.charts.judgeRate'),
        type: 'line',
        yAxisIndex: 1,
        data: j.map((r) => r.rate),
        tooltip: { valueFormatter: pctTooltip },
        itemStyle: { color: COLORS.line },
      },
    ],
  }
}

/** 均衡结案: closed bars by month, year-to-date progress (a point red when below its floor), the floors as marks. */
export function balanceOption(balance: Balance | null | undefined, t: Translate) {
  const months = balance?.months ?? []
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { fontSize: 11 } },
    grid: { left: 40, right: 48, top: 28, bottom: 24 },
    xAxis: { type: 'category', data: months.map((m) => m.month), axisLabel },
    yAxis: [{ type: 'value', minInterval: 1, axisLabel }, { ...pctAxis, max: 1 }],
    series: [
      { id: 'closed', name: t('stats.charts.closed'), type: 'bar', data: months.map((m) => m.closed), itemStyle: { color: COLORS.closed } },
      {
        id: 'ytd',
        name: t('stats.charts.ytdProgress'),
        type: 'line',
        yAxisIndex: 1,
        data: months.map((m) => ({ value: m.ytd_progress, itemStyle: { color: m.meets_floor === false ? COLORS.below : '#5b8ff9' } })),
        symbolSize: 7,
        lineStyle: { color: '#5b8ff9' },
        itemStyle: { color: '#5b8ff9' },
        tooltip: { valueFormatter: pctTooltip },
      },
      {
        id: 'floor',
        name: t('stats.charts.floor'),
        type: 'scatter',
        yAxisIndex: 1,
        symbol: 'rect',
        symbolSize: [14, 3],
        data: months.map((m) => m.floor),
        itemStyle: { color: COLORS.below },
        tooltip: { valueFormatter: pctTooltip },
      },
    ],
  }
}

/** 审限状态: today's pending cases of the scope by tier, one labelled bar per tier in its tier colour. */
export function limitsOption(groups: readonly LimitGroup[], tierName: (tier: LimitTier) => string, t: Translate) {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 40, right: 16, top: 24, bottom: 24 },
    xAxis: { type: 'category', data: groups.map((x) => tierName(x.tier)), axisLabel: { ...axisLabel, interval: 0 } },
    yAxis: { type: 'value', minInterval: 1, axisLabel },
    series: [
      {
        id: 'limits',
        name: t('stats.charts.cases'),
        type: 'bar',
        barMaxWidth: 56,
        label: { show: true, position: 'top', fontSize: 11 },
        data: groups.map((x) => ({ value: x.rows.length, itemStyle: { color: limitTierColor(x.tier) } })),
      },
    ],
  }
}
