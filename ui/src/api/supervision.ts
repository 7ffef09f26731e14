// Typed wrappers around the 审判监督管理 commands (docs/app-commands.md: appeal_reviews, record_appeal_review,
// appeal_reviews_export, judge_performance). Kept apart from api.ts and api/stats.ts so this screen grows alone.
import { invoke, isTauri } from '@tauri-apps/api/core'
import { AppError, NO_BACKEND, normalizeError } from '../api'

import type {
  AppealReviewInput,
  AppealReviewList,
  AppealReviewListRow,
  JudgeMetric,
  JudgePage,
  MetricUnit,
  ReviewRecord,
  ReviewState,
  TrendPoint,
  Written,
} from '../generated/types'

// The types are generated from andu-stats' and andu-docket's (../generated/types.ts); the names the 审判监督管理
// screens know are given here.
export type { AppealReviewInput, AppealReviewList, JudgeMetric, JudgePage, MetricUnit, ReviewRecord, ReviewState, TrendPoint }
/** One case on the 发改案件逐案评查 list. */
export type AppealReviewRow = AppealReviewListRow

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
    call<Written>('appeal_reviews_export', scope(division, judge)),
  judgePerformance: (judge: string, from: string, to: string) =>
    call<JudgePage>('judge_performance', { judge, from, to }),
}
