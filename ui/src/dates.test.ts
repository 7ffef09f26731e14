import { describe, expect, it } from 'vitest'
import { addDays, addMonths, dayRange, daysBetween, endOfMonth, isYmd, localToday, startOfWeek, weekdayIndex } from './dates'

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

  it('lists a range of days and knows a local today', () => {
    expect(dayRange('2026-11-29', '2026-12-01')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01'])
    expect(localToday(new Date(2026, 10, 26, 23, 59))).toBe('2026-11-26')
    expect(isYmd('2026-11-26')).toBe(true)
    expect(isYmd('2026-11-26T09:30')).toBe(false)
  })

  it('rejects what is not a date', () => {
    expect(() => addDays('26.11.2026', 1)).toThrow(RangeError)
  })
})
