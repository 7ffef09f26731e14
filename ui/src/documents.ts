// Pure helpers of the 文书 tab and page: ordering the recorded documents, the progress bar, and the summary shown
// after generating (file names, the fields the case did not have).
import type { DocProgress, DocumentRow } from './api'

/** Newest first by `created` (ISO instants compare as text once parsed); ties keep the later-recorded row first. */
export function newestFirst(rows: readonly DocumentRow[]): DocumentRow[] {
  const time = (r: DocumentRow) => {
    const t = Date.parse(r.created)
    return Number.isNaN(t) ? -Infinity : t
  }
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => time(b.r) - time(a.r) || b.i - a.i)
    .map((x) => x.r)
}

/** 0–100 for the progress bar; 0 while the total is unknown. */
export function progressPercent(p: DocProgress | null): number {
  if (!p || !(p.total > 0)) return 0
  return Math.max(0, Math.min(100, Math.round((p.done / p.total) * 100)))
}

/** The file's name without its folder (Windows or POSIX separators). */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/)
  return parts[parts.length - 1] || path
}

/** Every field missing in any generated file, once each, in first-seen order. */
export function missingFields(missing: readonly (readonly string[])[]): string[] {
  const seen = new Set<string>()
  for (const list of missing) for (const f of list ?? []) if (f.trim()) seen.add(f.trim())
  return [...seen]
}

/** `builtin:传票` / `court:传票（本院）` → the name; anything else (a file path) as is. */
export function templateLabel(template: string): string {
  for (const prefix of ['builtin:', 'court:']) if (template.startsWith(prefix)) return template.slice(prefix.length)
  return template
}

/** A recorded 裁定书/调解书 can be sent to 阅核 (`review_send_document`; the back end takes the kind from the same
 *  name). Other documents — notices, summonses, the judgment's export — cannot. */
export function mayReview(row: Pick<DocumentRow, 'name'>): boolean {
  return /裁定书|调解书/.test(row.name)
}
