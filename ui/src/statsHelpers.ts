// Pure helpers of the 统计 panel: number formatting, period quick picks, grouping drill-down rows for the charts.
// No Vue, no back end: unit-tested in statsHelpers.test.ts.
import type { DrillRow, Indicators } from './api/stats'

/** How a card's value is shown. */
export type ValueKind = 'count' | 'percent' | 'ratio' | 'days'

export interface CardSpec {
  key: keyof Indicators & string
  kind: ValueKind
}

/** The headline cards, in display order. Every key is also an indicator `stats_cases` can drill into. */
export const CARDS: readonly CardSpec[] = [
  { key: 'received', kind: 'count' },
  { key: 'pending_start', kind: 'count' },
  { key: 'closed', kind: 'count' },
  { key: 'pending_end', kind: 'count' },
  { key: 'closure_rate', kind: 'percent' },
  { key: 'close_receive_ratio', kind: 'percent' },
  { key: 'within_limit_rate', kind: 'percent' },
  { key: 'avg_days', kind: 'days' },
  { key: 'avg_net_days', kind: 'days' },
  { key: 'over_12m_pending', kind: 'count' },
  { key: 'over_18m_pending', kind: 'count' },
  { key: 'over_36m_pending', kind: 'count' },
  { key: 'over_12m_ratio', kind: 'percent' },
  { key: 'mediation_withdrawal_rate', kind: 'percent' },
  { key: 'extension_rate', kind: 'percent' },
  { key: 'appeal_rate', kind: 'percent' },
  { key: 'reversal_remand_ratio', kind: 'ratio' },
  { key: 'case_matter_ratio', kind: 'ratio' },
]

export const DASH = '—'

function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v)
}

/** A fraction as a percentage with `digits` decimals (0.625 → 62.50%); `—` for null. */
export function formatPercent(v: unknown, digits = 2): string {
  return isNum(v) ? `${(v * 100).toFixed(digits)}%` : DASH
}

/** A card value: counts as integers, days with one decimal, ratios with two, fractions as percentages. */
export function formatValue(kind: ValueKind, v: unknown): string {
  if (!isNum(v)) return DASH
  switch (kind) {
    case 'count':
      return String(Math.round(v))
    case 'percent':
      return formatPercent(v)
    case 'ratio':
      return v.toFixed(2)
    case 'days':
      return v.toFixed(1)
  }
}

// ---- dates ------------------------------------------------------------------------------------------------

const pad = (n: number) => String(n).padStart(2, '0')


function ymd(s: string): [number, number, number] {
  const [y, m, d] = s.split('-').map(Number)
  return [y, m, d]
}

export type QuickPick = 'month' | 'quarter' | 'year' | 'lastYear'
export const QUICK_PICKS: readonly QuickPick[] = ['month', 'quarter', 'year', 'lastYear']

export interface Period {
  from: string
  to: string
}

/** 本月/本季度/本年 run from their first day to `today`; 上一年 is the whole previous calendar year. */
export function quickPeriod(pick: QuickPick, today: string): Period {
  const [y, m] = ymd(today)
  switch (pick) {
    case 'month':
      return { from: `${y}-${pad(m)}-01`, to: today }
    case 'quarter':
      return { from: `${y}-${pad(Math.floor((m - 1) / 3) * 3 + 1)}-01`, to: today }
    case 'year':
      return { from: `${y}-01-01`, to: today }
    case 'lastYear':
      return { from: `${y - 1}-01-01`, to: `${y - 1}-12-31` }
  }
}

/** Which quick pick (if any) the period is. */
export function matchQuickPick(p: Period, today: string): QuickPick | null {
  return QUICK_PICKS.find((k) => {
    const q = quickPeriod(k, today)
    return q.from === p.from && q.to === p.to
  }) ?? null
}


// ---- drill-down rows --------------------------------------------------------------------------------------

/** The month (YYYY-MM) a row counts in: its own `month`, else the 结案 month for `closed`, else the 立案 month. */
export function rowMonth(indicator: string, row: DrillRow): string {
  if (row.month) return row.month
  const date = indicator === 'closed' ? row.closed : row.filed
  return (date ?? '').slice(0, 7)
}

export function rowsInMonth(indicator: string, rows: DrillRow[], month: string): DrillRow[] {
  return rows.filter((r) => rowMonth(indicator, r) === month)
}

export interface JudgeLoad {
  judge: string
  closed: number
  pending: number
  /** closed ÷ (closed + pending at the end) = closed ÷ (旧存 + 新收); null when both are 0. */
  rate: number | null
}

/**
 * Per-judge 结案 and 结案率 from the `closed` and `pending_end` drill-downs (旧存 + 新收 = 结案 + 未结, so
 * the rate equals the back end's 结案率 for that judge). Most closed first, then by name.
 */
export function groupByJudge(closed: DrillRow[], pendingEnd: DrillRow[]): JudgeLoad[] {
  const map = new Map<string, { closed: number; pending: number }>()
  const get = (j: string) => {
    let e = map.get(j)
    if (!e) map.set(j, (e = { closed: 0, pending: 0 }))
    return e
  }
  for (const r of closed) get(r.judge).closed++
  for (const r of pendingEnd) get(r.judge).pending++
  return [...map.entries()]
    .map(([judge, e]) => ({ judge, ...e, rate: e.closed + e.pending > 0 ? e.closed / (e.closed + e.pending) : null }))
    .sort((a, b) => b.closed - a.closed || b.pending - a.pending || a.judge.localeCompare(b.judge, 'zh-CN'))
}

export interface AgeHistogram {
  /** counts[n] = pending cases aged n whole months */
  counts: number[]
  /** the cases of each bucket */
  rows: DrillRow[][]
}

/**
 * Pending cases by the whole months the back end gives each row (`months_pending`, counted as the 超 N 个月未结
 * indicators count them, so the chart and the cards agree). The axis runs to at least `minMonths` (so the 12/18/36
 * marks are on it) and to the oldest case.
 */
export function ageHistogram(rows: DrillRow[], minMonths = 36): AgeHistogram {
  const ages = rows.map((r) => r.months_pending ?? 0)
  const len = Math.max(minMonths, ...ages) + 1
  const counts = new Array<number>(len).fill(0)
  const buckets: DrillRow[][] = Array.from({ length: len }, () => [])
  rows.forEach((r, i) => {
    counts[ages[i]]++
    buckets[ages[i]].push(r)
  })
  return { counts, rows: buckets }
}
