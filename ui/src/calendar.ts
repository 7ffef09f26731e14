// The calendar's month grid and week list: which days are visible, what falls on each. Pure (unit-tested).
import type { DueItem, DueKind } from './api'
import { addDays, dayRange, endOfMonth, startOfMonth, startOfWeek } from './dates'
import { timeOf } from './deadlines'

export interface MonthGrid {
  /** First visible day (a Monday, possibly in the previous month). */
  from: string
  /** Last visible day (a Sunday, possibly in the next month). */
  to: string
  weeks: string[][]
}

/** The weeks (Monday first) that show the month of `ymd`: 4–6 rows, whole weeks only. */
export function monthGrid(ymd: string): MonthGrid {
  const first = startOfMonth(ymd)
  const from = startOfWeek(first)
  const to = addDays(startOfWeek(endOfMonth(ymd)), 6)
  const days = dayRange(from, to)
  const weeks: string[][] = []
  for (let i = 0; i < days.length; i += 7) weeks.push(days.slice(i, i + 7))
  return { from, to, weeks }
}

export function weekDays(ymd: string): string[] {
  const from = startOfWeek(ymd)
  return dayRange(from, addDays(from, 6))
}

const KIND_ORDER: Record<DueKind, number> = { hearing: 0, trial_limit: 1, period: 2 }

/** Items per day (`due`), hearings first by time, then 审限, then periods. */
export function itemsByDay(items: DueItem[], kinds?: ReadonlySet<DueKind>): Map<string, DueItem[]> {
  const map = new Map<string, DueItem[]>()
  for (const item of items) {
    if (kinds && !kinds.has(item.kind)) continue
    const list = map.get(item.due)
    if (list) list.push(item)
    else map.set(item.due, [item])
  }
  for (const list of map.values()) {
    list.sort(
      (a, b) =>
        KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
        (a.time ?? '').localeCompare(b.time ?? '') ||
        a.case_no.localeCompare(b.case_no),
    )
  }
  return map
}

/**
 * The short form of a 案号 for a crowded day cell: `（2025）粤0309民初1234号` → `民初1234号` (the year and court
 * are in the popover). Anything that does not look like a 案号 is returned as is.
 */
export function shortCaseNo(caseNo: string): string {
  const m = /^[（(]\d{4}[）)](?:[\u4e00-\u9fa5]\d+)?(.+)$/.exec(caseNo)
  return m ? m[1] : caseNo
}

/** One line in a day cell: `09:30 开庭 民初1234号`, `上诉期（判决） 民初1234号`. */
export function chipText(item: DueItem): string {
  const time = timeOf(item)
  return [time, item.name, shortCaseNo(item.case_no)].filter((p) => p !== '').join(' ')
}
