// Pure helpers of 审判监督管理 (发改案件逐案评查, 法官办案业绩): the state a 评查 row shows, the review form's
// check, how each per-judge metric is written and compared with the division's median, and the trend chart's
// option. No Vue, no back end: unit-tested in supervision.test.ts.
import type { AppealReviewInput, AppealReviewRow, JudgeMetric, MetricUnit } from './api/supervision'
import { DASH, formatPercent } from './statsHelpers'

export type ReviewStatus = 'pending' | 'overdue' | 'done' | 'doneLate'

/** What a row's tag says: 待评查, 逾期, 已评查, 已评查（逾期）. */
export function reviewStatus(row: Pick<AppealReviewRow, 'state' | 'overdue'>): ReviewStatus {
  if (row.state === '已评查') return row.overdue ? 'doneLate' : 'done'
  return row.overdue ? 'overdue' : 'pending'
}

export const STATUS_TAG: Record<ReviewStatus, 'info' | 'danger' | 'success' | 'warning'> = {
  pending: 'info',
  overdue: 'danger',
  done: 'success',
  doneLate: 'warning',
}

/** Counts for the list's header. */
export function reviewCounts(rows: Pick<AppealReviewRow, 'state' | 'overdue'>[]): { pending: number; overdue: number; done: number } {
  let pending = 0
  let overdue = 0
  let done = 0
  for (const r of rows) {
    const s = reviewStatus(r)
    if (s === 'pending') pending++
    else if (s === 'overdue') overdue++
    else done++
  }
  return { pending, overdue, done }
}

export interface ReviewForm {
  reason: string
  responsible: 'yes' | 'no' | ''
  lesson: string
}

/** The first problem of each field, as a message key under `supervision.form` (the back end checks again). */
export function reviewFormErrors(form: ReviewForm, reasons: readonly string[]): Partial<Record<keyof ReviewForm, string>> {
  const out: Partial<Record<keyof ReviewForm, string>> = {}
  if (!reasons.includes(form.reason)) out.reason = 'reasonRequired'
  if (form.responsible !== 'yes' && form.responsible !== 'no') out.responsible = 'responsibleRequired'
  if (!form.lesson.trim()) out.lesson = 'lessonRequired'
  else if ([...form.lesson.trim()].length > 10000) out.lesson = 'lessonTooLong'
  return out
}

/** The command's input from a checked form. */
export function reviewInput(caseNo: string, form: ReviewForm): AppealReviewInput {
  return { case_no: caseNo, reason: form.reason, responsible: form.responsible === 'yes', lesson: form.lesson.trim() }
}

/** A metric's value as people read it, by the unit the back end gives it (andu-stats' `PERFORMANCE_SHAPES`):
 * rates as percentages, days with one decimal, weighted numbers with two, counts whole. */
export function metricText(unit: MetricUnit, v: number | null | undefined): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return DASH
  switch (unit) {
    case 'rate':
      return formatPercent(v, 1)
    case 'days':
      return v.toFixed(1)
    case 'decimal':
      return v.toFixed(2)
    case 'count':
      return String(Math.round(v))
  }
}

export type Comparison = 'better' | 'worse' | 'same'

/** The judge's value against the division's median, in the metric's own direction (served with it); null when
 * either is missing. */
export function compareToMedian(
  m: Pick<JudgeMetric, 'higher_is_better'>,
  value: number | null,
  median: number | null,
): Comparison | null {
  if (value === null || median === null || !Number.isFinite(value) || !Number.isFinite(median)) return null
  if (Math.abs(value - median) < 1e-9) return 'same'
  const higher = value > median
  return higher === m.higher_is_better ? 'better' : 'worse'
}

/** The 12-month trend of one metric as a line chart: the judge's line and the division's median, dashed. */
export function trendOption(m: JudgeMetric, labels: { judge: string; median: string }) {
  const rate = m.unit === 'rate'
  const scale = rate ? 100 : 1
  const at = (v: number | null) => (v === null ? null : Math.round(v * scale * 100) / 100)
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: [labels.judge, labels.median], bottom: 0 },
    grid: { left: 40, right: 12, top: 12, bottom: 40 },
    xAxis: { type: 'category', data: m.trend.map((p) => p.month) },
    yAxis: { type: 'value', axisLabel: { formatter: rate ? '{value}%' : '{value}' } },
    series: [
      { id: 'judge', name: labels.judge, type: 'line', data: m.trend.map((p) => at(p.value)), connectNulls: false },
      {
        id: 'median',
        name: labels.median,
        type: 'line',
        data: m.trend.map((p) => at(p.division_median)),
        lineStyle: { type: 'dashed' },
      },
    ],
  }
}
