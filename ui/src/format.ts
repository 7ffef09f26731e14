// Display helpers. Dates are shown as 2025-03-01 and times as 2025-03-01 09:30 in every language.

import { courtDateTime } from './dates'

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})/
const TIME_RE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/

/** `2025-03-01` (also accepts a datetime and keeps its date part); empty for null/blank; unknown text as is. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return ''
  const m = DATE_RE.exec(value.trim())
  return m ? `${m[1]}-${m[2]}-${m[3]}` : value
}

/** `2025-03-01T09:30` → `2025-03-01 09:30`; a bare date stays a date; seconds and zones are dropped. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return ''
  const v = value.trim()
  const m = TIME_RE.exec(v)
  if (m) return `${m[1]} ${m[2]}`
  return formatDate(v)
}

const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i

/**
 * A stored instant as `2026-11-26 14:59` by the courts' clock (Beijing time, `courtDateTime` in dates.ts), whatever
 * zone the computer is set to. The store records note and change times in UTC (`2026-11-26T06:59:27.123Z`); a time
 * without a zone is shown as written (like `formatDateTime`).
 */
export function courtStamp(value: string | null | undefined): string {
  if (!value) return ''
  const v = value.trim()
  if (ZONED.test(v)) {
    const shown = courtDateTime(new Date(v))
    if (shown) return shown.slice(0, 16)
  }
  return formatDateTime(v)
}

/** Placeholder for an empty value in dense tables. */
export function orDash(value: string | null | undefined): string {
  return value === null || value === undefined || value.trim() === '' ? '—' : value
}

/** Route param for a case: 案号 contain （）and CJK, vue-router encodes them; this is the decoded value. */
export function caseRoute(caseNo: string) {
  return { name: 'case', params: { caseNo } } as const
}

/**
 * Should this key press focus the search box? `/` when the user is not typing somewhere, Ctrl+F / ⌘F always
 * (the webview's own find bar is of no use in this app).
 */
export function isSearchShortcut(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>): boolean {
  if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 'f' || e.key === 'F')) return true
  if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return false
  return !isTypingTarget(e.target)
}

function isTypingTarget(t: EventTarget | null): boolean {
  if (!t || typeof (t as HTMLElement).tagName !== 'string') return false
  const el = t as HTMLElement
  const tag = el.tagName.toLowerCase()
  return tag === 'input' || tag === 'textarea' || tag === 'select' || el.isContentEditable === true
}

/** A debounced function with `flush` (run now if pending) and `cancel`. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | null = null
  let last: A | null = null
  const wrapped = (...args: A) => {
    last = args
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = null
      const a = last as A
      last = null
      fn(...a)
    }, ms)
  }
  wrapped.pending = () => timer !== null
  wrapped.flush = () => {
    if (!timer) return false
    clearTimeout(timer)
    timer = null
    const a = last as A
    last = null
    fn(...a)
    return true
  }
  wrapped.cancel = () => {
    if (timer) clearTimeout(timer)
    timer = null
    last = null
  }
  return wrapped
}
