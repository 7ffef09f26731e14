import { describe, expect, it } from 'vitest'
import {
  addDays,
  addMonths,
  courtDateTime,
  courtToday,
  dayRange,
  daysBetween,
  endOfMonth,
  isYmd,
  startOfWeek,
  weekdayIndex,
} from './dates'

describe('dates', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-11-26', 5)).toBe('2026-12-01')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2026-11-26', -5)).toBe('2026-11-21')
  })

  it('counts whole days between dates (datetimes count by their date)', () => {
    expect(daysBetween('2026-11-26', '2026-12-07')).toBe(11)
    expect(daysBetween('2026-11-26', '2026-05-20')).toBe(-190)
    expect(daysBetween('2026-11-26', '2026-11-26T09:30')).toBe(0)
  })

  it('starts weeks on Monday', () => {
    expect(weekdayIndex('2026-11-23')).toBe(0)
    expect(weekdayIndex('2026-11-29')).toBe(6)
    expect(startOfWeek('2026-11-26')).toBe('2026-11-23')
    expect(startOfWeek('2026-11-23')).toBe('2026-11-23')
  })

  it('steps months and finds month ends', () => {
    expect(addMonths('2026-11-26', 1)).toBe('2026-12-01')
    expect(addMonths('2026-11-26', 2)).toBe('2027-01-01')
    expect(addMonths('2026-01-31', -1)).toBe('2025-12-01')
    expect(endOfMonth('2028-02-10')).toBe('2028-02-29')
    expect(endOfMonth('2026-11-26')).toBe('2026-11-30')
  })

  it('lists a range of days', () => {
    expect(dayRange('2026-11-29', '2026-12-01')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01'])
    expect(isYmd('2026-11-26')).toBe(true)
    expect(isYmd('2026-11-26T09:30')).toBe(false)
  })

  // Chinese courts count days in Beijing time (UTC+8), whatever zone this computer is set to: the instants are
  // fixed, so the result is the same under any TZ the tests run in.
  it('knows the court day of an instant, in Beijing time', () => {
    const cases: [string, string][] = [
      ['2026-11-26T15:59:59Z', '2026-11-26'],
      ['2026-11-26T16:00:00Z', '2026-11-27'],
      ['2026-12-31T16:30:00Z', '2027-01-01'],
      ['2026-12-31T15:59:59.999Z', '2026-12-31'],
      ['2028-02-28T16:00:00Z', '2028-02-29'],
      ['2028-02-29T16:00:00Z', '2028-03-01'],
      // An instant written with another offset is the same instant: 20:00 in Los Angeles is noon next day in Beijing.
      ['2026-03-01T20:00:00-08:00', '2026-03-02'],
    ]
    for (const [instant, day] of cases) expect(courtToday(new Date(instant)), instant).toBe(day)
  })

  it('shows an instant on the court clock', () => {
    expect(courtDateTime(new Date('2026-11-26T06:59:27.123Z'))).toBe('2026-11-26 14:59:27')
    expect(courtDateTime(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01 00:30:00')
    expect(courtDateTime(new Date('nonsense'))).toBe('')
  })

  it('rejects what is not a date', () => {
    expect(() => addDays('26.11.2026', 1)).toThrow(RangeError)
  })
})
