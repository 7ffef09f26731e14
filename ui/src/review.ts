// Pure helpers of the 阅核 screens (issue #18): the status tag, the 审限 warning of a queue row, the passage a
// reviewer selected, and who may decide.
import type { QueueRow, ReviewDecision, ReviewStatus } from './api/review'

export function statusTagType(status: ReviewStatus): 'warning' | 'danger' | 'success' | 'info' {
  switch (status) {
    case '待阅核':
      return 'warning'
    case '已退回':
      return 'danger'
    case '同意签发':
      return 'success'
    default:
      return 'info'
  }
}

/** The status a round's decision led to (待阅核 while none). */
export function roundStatus(decision: ReviewDecision | null): ReviewStatus {
  return decision === 'approve' ? '同意签发' : decision === 'return' ? '已退回' : decision === 'discuss' ? '提交讨论' : '待阅核'
}

/** 审限 of a queue row: `over` (past its last day), `near` (urgent tier), `ok`, or `unknown` (cannot be computed). */
export function limitWarning(row: Pick<QueueRow, 'trial_limit_days_left' | 'trial_limit_near'>): 'over' | 'near' | 'ok' | 'unknown' {
  if (row.trial_limit_days_left === null) return 'unknown'
  if (row.trial_limit_days_left < 0) return 'over'
  return row.trial_limit_near ? 'near' : 'ok'
}

/** The passage to comment on: the selection trimmed, only when a section of the revision contains it (the store
 *  anchors a comment to text the revision holds). */
export function quoteOf(selection: string | null | undefined, sections: Record<string, string>): string | null {
  const q = (selection ?? '').trim()
  if (!q) return null
  return Object.values(sections).some((t) => t.includes(q)) ? q : null
}

/** 庭长 and 院长 answer 阅核; the judge sends and replies. */
export function mayDecide(role: string): boolean {
  return role === 'chief' || role === 'president'
}

/** The same judgment text: sections compared with empty ones left out (the editor keeps empty sections a saved
 *  revision may not hold). Used to send only what was saved: 送阅核 sends the latest saved revision. */
export function sameText(a: Record<string, string>, b: Record<string, string>): boolean {
  const written = (c: Record<string, string>) =>
    Object.entries(c).filter(([, t]) => t.trim()).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
  return JSON.stringify(written(a)) === JSON.stringify(written(b))
}
