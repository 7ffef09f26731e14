// Pure helpers of 批量生成 on the 文书 page: which cases to offer, what a pasted list of 案号 means, and the
// per-case result list after a batch (a failed case is listed with its reason; the others still have their file).
import type { BatchItem, CaseSummary } from './api'
import { baseName } from './documents'

export interface CaseOption {
  value: string
  label: string
  hint: string
}

/** One option per case: 案号 as the value, cause and parties as the hint the filter also searches. */
export function caseOptions(cases: readonly CaseSummary[]): CaseOption[] {
  return cases.map((c) => ({ value: c.case_no, label: c.case_no, hint: [c.cause, c.parties].filter(Boolean).join(' · ') }))
}

/** Does `option` match what was typed in the filter (案号, cause or a party, ignoring spaces)? */
export function optionMatches(option: CaseOption, query: string): boolean {
  const q = query.replace(/\s+/g, '')
  if (!q) return true
  return (option.label + option.hint).replace(/\s+/g, '').includes(q)
}

/**
 * 案号 pasted as a list (one per line, or separated by commas, 、, ；, spaces), once each, in the order given.
 * Brackets and the 号 belong to the 案号, so only separators split.
 */
export function parseCaseNos(text: string): string[] {
  const seen = new Set<string>()
  for (const raw of text.split(/[\n\r,，、;；\t ]+/)) {
    const no = raw.trim()
    if (no) seen.add(no)
  }
  return [...seen]
}

/** `chosen` plus `added`, once each, keeping the order. */
export function mergeCaseNos(chosen: readonly string[], added: readonly string[]): string[] {
  return [...new Set([...chosen, ...added])]
}

export interface BatchRow {
  caseNo: string
  ok: boolean
  file: string
  path: string | null
  /** The 案号 the file is recorded against (for 打开). */
  recordedOn: string | null
  missing: string
  error: string
}

/** The rows of the result list, in the order the cases were asked for. */
export function batchRows(items: readonly BatchItem[]): BatchRow[] {
  return items.map((i) => {
    const ok = !i.error && !!i.path
    return {
      caseNo: i.canonical || i.case_no,
      ok,
      file: i.path ? baseName(i.path) : '',
      path: i.path,
      recordedOn: ok ? i.canonical || i.case_no : null,
      missing: (i.missing ?? []).join('、'),
      error: i.error?.message ?? '',
    }
  })
}

/** How many succeeded and failed. */
export function batchCounts(items: readonly BatchItem[]): { ok: number; failed: number } {
  const ok = items.filter((i) => !i.error && !!i.path).length
  return { ok, failed: items.length - ok }
}
