// 一案一策 on the 长期未结案件台账: a case's notes (备注, add_note) newest first and the short form the ledger row
// shows (the row carries its latest note, `LedgerRow.latest_note`). Note times: `courtStamp` in format.ts.
import type { Note } from './api'

/** Newest first by `created`; notes with the same (or an unreadable) time keep the later-added one first. */
export function notesNewestFirst(notes: readonly Note[]): Note[] {
  const at = (n: Note) => {
    const t = Date.parse(n.created)
    return Number.isNaN(t) ? -Infinity : t
  }
  return notes
    .map((n, i) => ({ n, i, t: at(n) }))
    .sort((a, b) => (b.t === a.t ? b.i - a.i : b.t - a.t))
    .map((x) => x.n)
}

/** The newest note, or null when the case has none. */
export function latestNote(notes: readonly Note[]): Note | null {
  return notesNewestFirst(notes)[0] ?? null
}

/** One line for a table cell: whitespace (line breaks too) collapsed, cut at `max` characters with an ellipsis. */
export function shortNote(text: string, max = 40): string {
  const one = text.replace(/\s+/g, ' ').trim()
  const chars = Array.from(one)
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : one
}
