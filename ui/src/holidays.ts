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
export function movedRows(moved: readonly MovedDeadline[], uncomputable: string): MovedRow[] {
  const key = (m: MovedDeadline) => m.from ?? m.to ?? '9999-99-99'
  return [...moved]
    .sort((a, b) => key(a).localeCompare(key(b)) || a.case_no.localeCompare(b.case_no) || a.name.localeCompare(b.name))
    .map((m) => ({
      case_no: m.case_no,
      name: m.name,
      party: m.party?.trim() ? m.party : '—',
      from: m.from ?? uncomputable,
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
