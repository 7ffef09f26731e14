// Calendar-day arithmetic on `YYYY-MM-DD` strings. Dates are days, not instants: everything is done in UTC so
// that a time zone or a daylight-saving change can never move a day.
//
// The court clock: Chinese courts count days in Beijing time (UTC+8, no daylight saving), and so does the back end
// (andu-core's `clock`). `courtToday` and `courtDateTime` are the UI's one reading of an instant as a day or a wall
// time; the computer's own zone is never used, so a stamp shown and the day it is counted on always agree.

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/

function toUtc(ymd: string): number {
  const m = YMD.exec(ymd.slice(0, 10))
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${ymd}`)
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
}

function fromUtc(ms: number): string {
  const d = new Date(ms)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

const pad = (n: number) => String(n).padStart(2, '0')
const DAY_MS = 86_400_000

export function isYmd(value: unknown): value is string {
  return typeof value === 'string' && YMD.test(value)
}

/** Beijing time's offset from UTC (UTC+8 all year). */
const COURT_OFFSET_MS = 8 * 3_600_000

/** The court day (Beijing time) of an instant, `now` by default: from 16:00 UTC it is already tomorrow in China. */
export function courtToday(now: Date = new Date()): string {
  return new Date(now.getTime() + COURT_OFFSET_MS).toISOString().slice(0, 10)
}

/**
 * An instant as the courts' wall clock, `YYYY-MM-DD HH:MM:SS` (Beijing time); '' when it is no valid instant.
 * Shown times use it, so a time and the day the back end dates it by never disagree.
 */
export function courtDateTime(instant: Date): string {
  const ms = instant.getTime()
  if (Number.isNaN(ms)) return ''
  const iso = new Date(ms + COURT_OFFSET_MS).toISOString()
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`
}

export function addDays(ymd: string, n: number): string {
  return fromUtc(toUtc(ymd) + n * DAY_MS)
}

/** Whole days from `from` to `to` (negative when `to` is earlier). Accepts datetimes: only the date counts. */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS)
}

/** 0 = Monday … 6 = Sunday (Chinese calendars start the week on Monday). */
export function weekdayIndex(ymd: string): number {
  return (new Date(toUtc(ymd)).getUTCDay() + 6) % 7
}

/** The Monday of the week `ymd` is in. */
export function startOfWeek(ymd: string): string {
  return addDays(ymd, -weekdayIndex(ymd))
}

export function startOfMonth(ymd: string): string {
  return `${ymd.slice(0, 7)}-01`
}

/** The first day of the month `n` months after the month of `ymd`. */
export function addMonths(ymd: string, n: number): string {
  const y = Number(ymd.slice(0, 4))
  const m = Number(ymd.slice(5, 7)) - 1 + n
  return fromUtc(Date.UTC(y + Math.floor(m / 12), ((m % 12) + 12) % 12, 1))
}

export function endOfMonth(ymd: string): string {
  return addDays(addMonths(ymd, 1), -1)
}

/** Every day from `from` to `to`, both included. */
export function dayRange(from: string, to: string): string[] {
  const out: string[] = []
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d)
  return out
}
