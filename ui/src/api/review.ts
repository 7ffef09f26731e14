// Typed wrappers around the 阅核 commands (docs/app-commands.md: review_*), issue #18. Errors are AppError with the
// back end's stable `code` (forbidden_case, review_not_pending, review_already_sent, draft_no_revision…).
import { invoke, isTauri } from '@tauri-apps/api/core'
import { AppError, NO_BACKEND, normalizeError } from '../api'
import type { SectionDiff } from './drafting'

export type ReviewStatus = '未送阅核' | '待阅核' | '已退回' | '同意签发' | '提交讨论'
export type ReviewDecision = 'approve' | 'return' | 'discuss'
export type Forum = '专业法官会议' | '审判委员会'

export interface ReviewComment {
  id: string
  section: string | null
  quote: string
  text: string
  by: string
  at: string
  withdrawn: { at: string; by: string } | null
  replies: ReviewComment[]
}

export interface ReviewRound {
  id: string
  draft_id: string
  revision: string
  revision_no: number
  reviewer: string
  sent_by: string
  sent_at: string
  note: string | null
  decision: ReviewDecision | null
  /** Every decision recorded on the round; a `discuss` one names its meeting. */
  decisions?: ReviewDecisionRow[]
  /** The results recorded for a `discuss` decision (专业法官会议/审判委员会). */
  results?: ReviewResultRow[]
  comments: ReviewComment[]
  /** What the judge changed since the revision the previous round sent; null for the first round. */
  changes: SectionDiff[] | null
}

export interface ReviewDecisionRow {
  id: string
  decision: ReviewDecision
  forum: Forum | null
  note: string | null
  by: string
  at: string
}

export interface ReviewResultRow {
  id: string
  decision_id: string
  result: string
  by: string
  at: string
}

/** The 待我阅核 entry: shown to whoever reviews cases, with the number waiting. */
export interface ReviewNav {
  shown: boolean
  waiting: number
}

export interface ReviewShown {
  case_no: string
  status: ReviewStatus
  reviewer: string
  four_kinds: { reason: string; by: string } | null
  rounds: ReviewRound[]
  overrides: { reason: string; by: string; at: string }[]
  me: { name: string; role: string; division: string }
}

export interface QueueRow {
  case_no: string
  judge: string
  division: string
  sent_at: string
  sent_by: string
  waiting_days: number
  trial_limit_due: string | null
  trial_limit_days_left: number | null
  trial_limit_near: boolean
  trial_limit_provisional: boolean
  four_kinds: boolean
}

async function call<T>(command: string, args: Record<string, unknown> = {}): Promise<T> {
  if (!isTauri()) throw new AppError(NO_BACKEND, '请在案牍桌面程序中打开')
  try {
    return await invoke<T>(command, args)
  } catch (e) {
    throw normalizeError(e)
  }
}

export const reviewApi = {
  show: (caseNo: string) => call<ReviewShown>('review_show', { caseNo }),
  send: (caseNo: string, note: string | null) => call<unknown>('review_send', { caseNo, note }),
  queue: () => call<QueueRow[]>('review_queue'),
  comment: (caseNo: string, quote: string, text: string, replyTo: string | null = null) =>
    call<ReviewComment>('review_comment', { caseNo, quote, text, replyTo }),
  decide: (caseNo: string, decision: ReviewDecision, forum: Forum | null, note: string | null) =>
    call<unknown>('review_decide', { caseNo, decision, forum, note }),
  withdraw: (caseNo: string, commentId: string) => call<unknown>('review_withdraw', { caseNo, commentId }),
  result: (caseNo: string, result: string) => call<ReviewResultRow>('review_result', { caseNo, result }),
  nav: () => call<ReviewNav>('review_nav'),
}
