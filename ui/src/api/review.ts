// Typed wrappers around the 阅核 commands (docs/app-commands.md: review_*), issue #18. Errors are AppError with the
// back end's stable `code` (forbidden_case, review_not_pending, review_already_sent, draft_no_revision…).
import { invoke, isTauri } from '@tauri-apps/api/core'
import { AppError, NO_BACKEND, normalizeError } from '../api'
import type {
  CommentRow,
  CommentView,
  Decision,
  DecisionRow,
  FlagRow,
  Forum,
  QueueRow,
  ResultRow,
  ReviewNav,
  ReviewShown,
  ReviewStatus,
  RoundRow,
  RoundView,
  WithdrawalRow,
} from '../generated/types'

// The types are generated from andu-core's, andu-store's, andu-docket's and the app's (../generated/types.ts); the
// names the 阅核 screens know are given here.
export type { CommentRow, FlagRow, Forum, QueueRow, ReviewNav, ReviewShown, ReviewStatus, RoundRow, WithdrawalRow }
export type ReviewDecision = Decision
/** A comment with its thread (replies in order) and its withdrawal, if any. */
export type ReviewComment = CommentView
export type ReviewRound = RoundView
/** Every decision recorded on a round; a `discuss` one names its meeting. */
export type ReviewDecisionRow = DecisionRow
/** The result recorded for a `discuss` decision (专业法官会议/审判委员会). */
export type ReviewResultRow = ResultRow

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
  send: (caseNo: string, note: string | null) => call<RoundRow>('review_send', { caseNo, note }),
  /** 送阅核 of a generated 裁定书/调解书 recorded on the case: its text becomes the draft that is sent. */
  sendDocument: (caseNo: string, path: string, note: string | null) =>
    call<RoundRow>('review_send_document', { caseNo, path, note }),
  queue: () => call<QueueRow[]>('review_queue'),
  comment: (caseNo: string, quote: string, text: string, replyTo: string | null = null) =>
    call<CommentRow>('review_comment', { caseNo, quote, text, replyTo }),
  decide: (caseNo: string, decision: ReviewDecision, forum: Forum | null, note: string | null) =>
    call<DecisionRow>('review_decide', { caseNo, decision, forum, note }),
  withdraw: (caseNo: string, commentId: string) => call<WithdrawalRow>('review_withdraw', { caseNo, commentId }),
  result: (caseNo: string, result: string) => call<ReviewResultRow>('review_result', { caseNo, result }),
  /** Mark the case as a 四类案件 with the reason (its 阅核 goes to the 院长), or take the mark off (`set` false). */
  flag: (caseNo: string, set: boolean, reason: string) => call<FlagRow>('review_flag', { caseNo, set, reason }),
  nav: () => call<ReviewNav>('review_nav'),
}
