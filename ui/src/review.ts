// Pure helpers of the 阅核 screens (issue #18): the status tag, the 审限 warning of a queue row, the passage a
// reviewer selected, and who may decide.
import type { CaseDeadlines, DeadlineView, Hearing } from './api'
import { daysBetween } from './dates'
import type { QueueRow, ReviewComment, ReviewShown, ReviewStatus } from './api/review'

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

/** The sections of a revision that hold text, in the order the back end serves them (`draft_sections`: the order
 *  the judgment prints them). A key the list does not know (written by a newer version) comes last, as written. */
export function sectionsInOrder(content: Record<string, string>, order: readonly string[]): [string, string][] {
  const rank = (key: string) => {
    const at = order.indexOf(key)
    return at < 0 ? order.length : at
  }
  return Object.entries(content)
    .filter(([, t]) => t.trim())
    .sort(([a], [b]) => rank(a) - rank(b))
}

/** Whoever wrote a comment (or a reply) may withdraw it, once. */
export function mayWithdraw(c: Pick<ReviewComment, 'by' | 'withdrawn'>, me: string): boolean {
  return !c.withdrawn && c.by.trim() !== '' && c.by === me
}

/** The meeting's result is recorded on the latest round while the case is 提交讨论, by a 庭长/院长 (the store and the
 *  server check the case is theirs). */
export function mayRecordResult(shown: Pick<ReviewShown, 'status' | 'rounds' | 'me'>, roundIndex: number): boolean {
  return shown.status === '提交讨论' && roundIndex === shown.rounds.length - 1 && mayDecide(shown.me.role)
}

/** Replies go into the threads of the latest round while it waits for its answer, and after it was returned
 *  (提出意见: the judge answers the 庭长's comment in its thread); the store refuses others with review_not_pending. */
export function mayReply(shown: Pick<ReviewShown, 'status' | 'rounds'>, roundIndex: number): boolean {
  return (shown.status === '待阅核' || shown.status === '已退回') && roundIndex === shown.rounds.length - 1
}

/** 庭长 and 院长 answer 阅核; the judge sends and replies. */
export function mayDecide(role: string): boolean {
  return role === 'chief' || role === 'president'
}

/** Who may mark a case as a 四类案件 or take the mark off: the 庭长 of its division, the 院长 or the case's judge (the
 *  store and the server check which case is theirs). */
export function mayFlag(role: string): boolean {
  return role === 'judge' || mayDecide(role)
}

/** The same judgment text: sections compared with empty ones left out (the editor keeps empty sections a saved
 *  revision may not hold). Used to send only what was saved: 送阅核 sends the latest saved revision. */
export function sameText(a: Record<string, string>, b: Record<string, string>): boolean {
  const written = (c: Record<string, string>) =>
    Object.entries(c).filter(([, t]) => t.trim()).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
  return JSON.stringify(written(a)) === JSON.stringify(written(b))
}

/** The deadlines to show beside the text: the nearest first (those already past lead: they are the most urgent),
 *  at most `n`. */
export function upcomingDeadlines<D extends Pick<DeadlineView, 'days_left' | 'due'>>(all: D[], n: number): D[] {
  return [...all].sort((a, b) => a.days_left - b.days_left || (a.due < b.due ? -1 : a.due > b.due ? 1 : 0)).slice(0, n)
}

/** A section's text cut where the round's comments quote it, so the passages commented on are marked in the text
 *  the reviewer reads (the first occurrence of each quote, as the store anchors it; overlapping quotes merge). */
export function markQuotes(text: string, quotes: string[]): { text: string; quoted: boolean }[] {
  const spans: [number, number][] = []
  for (const q of quotes) {
    const at = q ? text.indexOf(q) : -1
    if (at >= 0) spans.push([at, at + q.length])
  }
  spans.sort((a, b) => a[0] - b[0])
  const merged: [number, number][] = []
  for (const sp of spans) {
    const last = merged[merged.length - 1]
    if (last && sp[0] <= last[1]) last[1] = Math.max(last[1], sp[1])
    else merged.push([...sp])
  }
  const out: { text: string; quoted: boolean }[] = []
  let pos = 0
  for (const [a, b] of merged) {
    if (a > pos) out.push({ text: text.slice(pos, a), quoted: false })
    out.push({ text: text.slice(a, b), quoted: true })
    pos = b
  }
  if (pos < text.length || !out.length) out.push({ text: text.slice(pos), quoted: false })
  return out
}

/** One line of what runs for a case under 阅核: its 审限, the last day to ask for an extension, a hearing to come,
 *  or a party period (`name`, `party`: the period's). */
export interface RunningItem {
  kind: 'limit' | 'extension_request' | 'hearing' | 'period'
  name: string
  party: string | null
  due: string
  days_left: number
}

/** What runs for the case beside the text under 阅核, most urgent first, at most `n`: its 审限 (阅核 time counts
 *  against it), the last day to ask for an extension, the hearings to come and every party period derived from
 *  its 节点. A pending case has its 审限 running even when no 节点 is recorded, so the list is not empty then. */
export function runningItems(
  d: Pick<CaseDeadlines, 'closed' | 'trial_limit' | 'deadlines'>,
  hearings: Pick<Hearing, 'start' | 'room'>[],
  today: string,
  n: number,
): RunningItem[] {
  const out: RunningItem[] = []
  const limit = d.trial_limit
  if (limit && !d.closed) {
    out.push({ kind: 'limit', name: '', party: null, due: limit.due, days_left: limit.status.days_left })
    const ask = limit.extension_request
    if (ask) out.push({ kind: 'extension_request', name: '', party: null, due: ask.by, days_left: daysBetween(today, ask.by) })
  }
  for (const h of hearings) {
    const day = h.start.slice(0, 10)
    const left = daysBetween(today, day)
    if (left >= 0) out.push({ kind: 'hearing', name: h.room, party: null, due: h.start.replace('T', ' ').slice(0, 16), days_left: left })
  }
  for (const p of d.deadlines) out.push({ kind: 'period', name: p.name, party: p.party, due: p.due, days_left: p.days_left })
  return upcomingDeadlines(out, n)
}
