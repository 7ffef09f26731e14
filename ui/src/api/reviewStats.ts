// Typed wrappers around the 阅核统计 commands (docs/app-commands.md: review_statistics, review_statistics_drill).
// The shapes are andu-stats' `review_stats` (ReviewStats, ReviewDrill), as `andu stats review --json` prints them.
import { invoke, isTauri } from '@tauri-apps/api/core'
import { AppError, NO_BACKEND, normalizeError } from '../api'
import type { ReviewCounts, ReviewDrill, ReviewDrillRow, ReviewLine, ReviewStats, ReviewWho } from '../generated/types'

// The types are generated from andu-stats' (../generated/types.ts); the names the 阅核统计 section knows are given here.
export type { ReviewCounts, ReviewDrill, ReviewDrillRow, ReviewLine, ReviewStats, ReviewWho }

export const REVIEW_KEYS = [
  'review_sent',
  'review_approved',
  'review_returned',
  'review_discussed',
  'review_pending',
  'review_turnaround',
] as const
export type ReviewKey = (typeof REVIEW_KEYS)[number]

export interface ReviewQuery {
  from: string
  to: string
  division?: string
  judge?: string
  procedure?: string
  category?: string
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
function args(q: ReviewQuery): Record<string, string> {
  const out: Record<string, string> = { from: q.from, to: q.to }
  for (const k of ['division', 'judge', 'procedure', 'category'] as const) {
    const v = q[k]?.trim()
    if (v) out[k] = v
  }
  return out
}

/** The count a key shows in a line (the turnaround key drills into the answered rounds). */
export function countOf(c: ReviewCounts, key: ReviewKey): number | null {
  switch (key) {
    case 'review_sent':
      return c.sent
    case 'review_approved':
      return c.approved
    case 'review_returned':
      return c.returned
    case 'review_discussed':
      return c.discussed
    case 'review_pending':
      return c.pending
    case 'review_turnaround':
      return c.median_turnaround_days
  }
}

export const reviewStatsApi = {
  stats: (q: ReviewQuery) => call<ReviewStats>('review_statistics', args(q)),
  drill: (q: ReviewQuery, indicator: ReviewKey, who: ReviewWho) =>
    call<ReviewDrill>('review_statistics_drill', { ...args(q), indicator, who }),
}
