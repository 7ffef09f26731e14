// Pure helpers of the 法条 screen and the editor's citation check (tested in lawView.test.ts).
import type { Article, CitationCheck, VersionSummary } from './api/law'
import { addDays } from './dates'

/** The text to copy: the court's citation form, then the article's text — `《…》第N条：……`. */
export function citationWithText(citation: string, article: Article): string {
  return `${citation}：${article.paragraphs.join('\n')}`
}

/** `2022-01-01 起施行（至 2023-12-31）`-style period of a version, in the locale's words. */
export function versionPeriod(v: VersionSummary, t: (key: string, args?: Record<string, unknown>) => string): string {
  const from = v.in_force_from ?? '?'
  if (!v.in_force_until) return t('law.inForceSince', { from })
  return t('law.inForceBetween', { from, until: dayBefore(v.in_force_until) })
}

/** The last day in force when the next version starts on `iso` (YYYY-MM-DD). */
export function dayBefore(iso: string): string {
  return addDays(iso, -1)
}

/** Citations that need the judge's attention (everything but `ok`). */
export function problems(checks: CitationCheck[]): CitationCheck[] {
  return checks.filter((c) => c.status !== 'ok')
}

/**
 * Takes a suggestion into the text: replaces the citation's article (and, for a name, the name) with the
 * suggestion. A list's later items (`第六百七十六条`) carry no name, so only their article part is replaced.
 * Returns null when the text at the offsets is no longer the citation (the judge typed meanwhile).
 */
export function applySuggestion(text: string, c: CitationCheck): string | null {
  if (!c.suggestion || text.slice(c.from, c.to) !== c.text) return null
  let replacement = c.suggestion
  if (!c.text.startsWith('《') && !/^[^第]+第/.test(c.text)) {
    // `第六百七十六条…`: keep the list's shared name, take only the article part of the suggestion.
    const i = c.suggestion.indexOf('》')
    replacement = i >= 0 ? c.suggestion.slice(i + 1) : c.suggestion
  }
  // Keep the 款/项 the judge wrote after the article.
  const tail = c.text.match(/条(第.+)$/)
  if (tail && !replacement.includes('款') && /条$/.test(replacement)) replacement += tail[1]
  return text.slice(0, c.from) + replacement + text.slice(c.to)
}

/** Text split into plain and cited parts, for underlining citations in a read-only mirror of the text. */
export interface Segment {
  text: string
  check: CitationCheck | null
}

export function segments(text: string, checks: CitationCheck[]): Segment[] {
  const out: Segment[] = []
  let at = 0
  for (const c of [...checks].sort((a, b) => a.from - b.from)) {
    if (c.from < at || c.to > text.length) continue
    if (c.from > at) out.push({ text: text.slice(at, c.from), check: null })
    out.push({ text: text.slice(c.from, c.to), check: c })
    at = c.to
  }
  if (at < text.length) out.push({ text: text.slice(at), check: null })
  return out
}
