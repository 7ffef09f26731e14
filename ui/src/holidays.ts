// 设置 → 节假日数据: the years covered, reading the State Council notice file, the deadlines an import moved.
// Pure functions (plus a FileReader wrapper) so they can be unit-tested without the desktop shell.
import type { MovedDeadline } from './api'

/**
 * A State Council notice in the holiday-cn shape is a few kilobytes; anything far bigger is the wrong file, and is
 * refused before it is read rather than sent to the back end.
 */
export const MAX_HOLIDAY_FILE_BYTES = 1024 * 1024

/** The years covered, ascending and without repeats (the back end's order is not promised). */
export function sortedYears(years: readonly number[]): number[] {
  return [...new Set(years.filter((y) => Number.isInteger(y)))].sort((a, b) => a - b)
}

export interface MovedRow {
  case_no: string
  name: string
  party: string
  from: string
  to: string
}

/**
 * Table rows for the deadlines an import moved: a missing party as `—`, a `null` date (could not be computed
 * before or after) as `uncomputable`; earliest original date first, the ones without a date last.
 */
export function movedRows(moved: readonly MovedDeadline[], uncomputable: string, provisional = ''): MovedRow[] {
  const key = (m: MovedDeadline) => m.from ?? m.to ?? '9999-99-99'
  return [...moved]
    .sort((a, b) => key(a).localeCompare(key(b)) || a.case_no.localeCompare(b.case_no) || a.name.localeCompare(b.name))
    .map((m) => ({
      case_no: m.case_no,
      name: m.name,
      party: m.party?.trim() ? m.party : '—',
      from: m.from === null ? uncomputable : m.from_provisional && provisional ? `${m.from}（${provisional}）` : m.from,
      to: m.to ?? uncomputable,
    }))
}

/** Why a chosen file is refused before reading it, or '' when it may be read. */
export function fileProblem(file: Pick<File, 'name' | 'size'>): '' | 'notJson' | 'tooLarge' | 'empty' {
  if (!/\.json$/i.test(file.name)) return 'notJson'
  if (file.size === 0) return 'empty'
  if (file.size > MAX_HOLIDAY_FILE_BYTES) return 'tooLarge'
  return ''
}

/** The text of a chosen file (UTF-8; a byte-order mark is dropped). */
export function readFileText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result ?? '').replace(/^\uFEFF/, ''))
    reader.onerror = () => reject(reader.error ?? new Error('FileReader failed'))
    reader.readAsText(file, 'utf-8')
  })
}

// ---- 粘贴通知: the parsed notice shown on a year calendar before it is imported ----------------------------

export type DayMark = 'off' | 'work' | 'weekend' | 'plain'

export interface CalendarCell {
  day: number
  date: string
  mark: DayMark
  /** The holiday a 放假 or 调休上班 day belongs to; '' otherwise. */
  name: string
}

interface Holidayish {
  name: string
  off: readonly string[]
  work: readonly string[]
}

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * One month as weeks of seven cells, Monday first (`null` outside the month), each day marked as the notice makes
 * it: 放假, 调休上班, an ordinary weekend day or an ordinary working day. Dates are computed in UTC so the grid does
 * not depend on the machine's time zone.
 */
export function monthWeeks(year: number, month: number, holidays: readonly Holidayish[]): (CalendarCell | null)[][] {
  const marks = new Map<string, { mark: DayMark; name: string }>()
  for (const h of holidays) {
    for (const d of h.off) marks.set(d, { mark: 'off', name: h.name })
    for (const d of h.work) marks.set(d, { mark: 'work', name: h.name })
  }
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const lead = (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7
  const cells: (CalendarCell | null)[] = Array.from({ length: lead }, () => null)
  for (let day = 1; day <= days; day++) {
    const date = `${year}-${pad(month)}-${pad(day)}`
    const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay()
    const marked = marks.get(date)
    const mark: DayMark = marked?.mark ?? (weekday === 0 || weekday === 6 ? 'weekend' : 'plain')
    cells.push({ day, date, mark, name: marked?.name ?? '' })
  }
  while (cells.length % 7) cells.push(null)
  const weeks: (CalendarCell | null)[][] = []
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7))
  return weeks
}

export interface NoticeRow {
  name: string
  from: string
  to: string
  days: number
  work: string
}

/** A table row per holiday of a parsed notice: first and last day off, how many, the 调休上班 days. */
export function noticeRows(holidays: readonly Holidayish[]): NoticeRow[] {
  return holidays.map((h) => {
    const off = [...h.off].sort()
    return {
      name: h.name,
      from: off[0] ?? '',
      to: off[off.length - 1] ?? '',
      days: off.length,
      work: [...h.work].sort().join('、'),
    }
  })
}
