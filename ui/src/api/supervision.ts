// Typed wrappers around the 审判监督管理 commands (docs/app-commands.md: appeal_reviews, record_appeal_review,
// appeal_reviews_export, judge_performance). Kept apart from api.ts and api/stats.ts so this screen grows alone.
import { invoke, isTauri } from '@tauri-apps/api/core'
import { AppError, NO_BACKEND, normalizeError } from '../api'
import type { IndicatorDef } from './stats'

export type ReviewState = '待评查' | '已评查'

export interface ReviewRecord {
  reason: string
  responsible: boolean
  lesson: string
  reviewer: string
  recorded: string
}

/** One case on the 发改案件逐案评查 list. */
export interface AppealReviewRow {
  case_no: string
  cause: string
  judge: string
  division: string
  closed: string | null
  /** 改判 or 发回重审 */
  outcome: string
  /** The day the outcome was recorded; the deadline runs from it. */
  entered: string
  due: string
  state: ReviewState
  overdue: boolean
  /** While pending: days to `due` (negative when overdue). */
  days_left: number | null
  review: ReviewRecord | null
}

export interface AppealReviewList {
  today: string
  /** The court setting 评查期限 (days). */
  deadline_days: number
  reasons: string[]
  definitions_version: string
  rows: AppealReviewRow[]
}

export interface AppealReviewInput {
  case_no: string
  reason: string
  responsible: boolean
  lesson: string
}

export interface TrendPoint {
  month: string
  value: number | null
  division_median: number | null
}

export interface JudgeMetric {
  key: string
  name: string
  value: number | null
  division_median: number | null
  trend: TrendPoint[]
}

export interface JudgePage {
  judge: string
  division: string
  period: { from: string; to: string }
  definitions_version: string
  weights_version: string
  division_judges: string[]
  metrics: JudgeMetric[]
  definitions: IndicatorDef[]
  warnings: string[]
}

async function call<T>(command: string, args: Record<string, unknown>): Promise<T> {
  if (!isTauri()) throw new AppError(NO_BACKEND, '请在案牍桌面程序中打开')
  try {
    return await invoke<T>(command, args)
  } catch (e) {
    throw normalizeError(e)
  }
}

/** Blank filters are absent keys, not empty strings. */
function scope(division?: string, judge?: string): Record<string, string> {
  const out: Record<string, string> = {}
  if (division?.trim()) out.division = division.trim()
  if (judge?.trim()) out.judge = judge.trim()
  return out
}

export const supervisionApi = {
  appealReviews: (division?: string, judge?: string) => call<AppealReviewList>('appeal_reviews', scope(division, judge)),
  recordAppealReview: (input: AppealReviewInput) => call<AppealReviewList>('record_appeal_review', { input }),
  exportAppealReviews: (division?: string, judge?: string) =>
    call<{ path: string }>('appeal_reviews_export', scope(division, judge)),
  judgePerformance: (judge: string, from: string, to: string) =>
    call<JudgePage>('judge_performance', { judge, from, to }),
}
