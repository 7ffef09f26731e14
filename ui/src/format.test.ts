import { afterEach, describe, expect, it, vi } from 'vitest'
import { caseRoute, debounce, formatDate, formatDateTime, isSearchShortcut, courtStamp, orDash } from './format'

describe('formatDate', () => {
  it('shows dates as YYYY-MM-DD', () => {
    expect(formatDate('2025-03-01')).toBe('2025-03-01')
    expect(formatDate('2025-03-01T09:30')).toBe('2025-03-01')
    expect(formatDate(' 2025-03-01 ')).toBe('2025-03-01')
  })
  it('is empty for no date and leaves unknown text alone', () => {
    expect(formatDate(null)).toBe('')
    expect(formatDate(undefined)).toBe('')
    expect(formatDate('')).toBe('')
    expect(formatDate('待定')).toBe('待定')
  })
})

describe('courtStamp', () => {
  it('shows a stored instant in Beijing time, whatever zone the computer is in', () => {
    expect(courtStamp('2026-11-26T06:59:27.123Z')).toBe('2026-11-26 14:59')
    // an instant with an offset is the same instant
    expect(courtStamp('2026-11-26T14:59:27+08:00')).toBe('2026-11-26 14:59')
    expect(courtStamp('2026-11-25T22:59:27-08:00')).toBe('2026-11-26 14:59')
    // after 16:00 UTC it is the next day in China: the time shown agrees with the day the back end counts
    expect(courtStamp('2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30')
  })

  it('shows a time without a zone, or a date, as written', () => {
    expect(courtStamp('2026-11-26T14:59')).toBe('2026-11-26 14:59')
    expect(courtStamp('2026-11-26')).toBe('2026-11-26')
    expect(courtStamp('')).toBe('')
    expect(courtStamp(null)).toBe('')
  })
})

describe('formatDateTime', () => {
  it('shows times as YYYY-MM-DD HH:MM', () => {
    expect(formatDateTime('2025-03-01T09:30')).toBe('2025-03-01 09:30')
    expect(formatDateTime('2025-03-01 09:30:15')).toBe('2025-03-01 09:30')
    expect(formatDateTime('2025-03-01T09:30:15+08:00')).toBe('2025-03-01 09:30')
    expect(formatDateTime('2025-03-01')).toBe('2025-03-01')
    expect(formatDateTime(null)).toBe('')
  })
})

describe('orDash', () => {
  it('shows a dash for empty values', () => {
    expect(orDash(null)).toBe('—')
    expect(orDash(undefined)).toBe('—')
    expect(orDash('  ')).toBe('—')
    expect(orDash('张三')).toBe('张三')
  })
})

describe('caseRoute', () => {
  it('passes the raw case number (vue-router encodes it)', () => {
    expect(caseRoute('（2025）粤0309民初1234号')).toEqual({ name: 'case', params: { caseNo: '（2025）粤0309民初1234号' } })
  })
})

describe('isSearchShortcut', () => {
  const body = document.createElement('div')
  const input = document.createElement('input')
  const key = (k: string, extra: Partial<KeyboardEvent> = {}, target: EventTarget | null = body) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    target,
    ...extra,
  })

  it('accepts / outside inputs', () => {
    expect(isSearchShortcut(key('/'))).toBe(true)
    expect(isSearchShortcut(key('/', {}, null))).toBe(true)
  })
  it('ignores / while typing', () => {
    expect(isSearchShortcut(key('/', {}, input))).toBe(false)
    expect(isSearchShortcut(key('/', {}, document.createElement('textarea')))).toBe(false)
  })
  it('accepts Ctrl+F and Cmd+F anywhere', () => {
    expect(isSearchShortcut(key('f', { ctrlKey: true }, input))).toBe(true)
    expect(isSearchShortcut(key('F', { ctrlKey: true }))).toBe(true)
    expect(isSearchShortcut(key('f', { metaKey: true }))).toBe(true)
  })
  it('ignores other keys', () => {
    expect(isSearchShortcut(key('f'))).toBe(false)
    expect(isSearchShortcut(key('f', { ctrlKey: true, altKey: true }))).toBe(false)
    expect(isSearchShortcut(key('/', { ctrlKey: true }))).toBe(false)
    expect(isSearchShortcut(key('a'))).toBe(false)
  })
})

describe('debounce', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('runs once with the last arguments after the quiet time', () => {
    vi.useFakeTimers()
    const fn = vi.fn()
    const d = debounce(fn, 150)
    d('张')
    vi.advanceTimersByTime(100)
    d('张三')
    vi.advanceTimersByTime(149)
    expect(fn).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(fn).toHaveBeenCalledTimes(1)
    expect(fn).toHaveBeenCalledWith('张三')
  })

  it('flush runs a pending call now and reports whether there was one', () => {
    vi.useFakeTimers()
    const fn = vi.fn()
    const d = debounce(fn, 150)
    expect(d.flush()).toBe(false)
    d(1)
    expect(d.pending()).toBe(true)
    expect(d.flush()).toBe(true)
    expect(fn).toHaveBeenCalledWith(1)
    vi.advanceTimersByTime(500)
    expect(fn).toHaveBeenCalledTimes(1)
  })

  it('cancel drops a pending call', () => {
    vi.useFakeTimers()
    const fn = vi.fn()
    const d = debounce(fn, 150)
    d()
    d.cancel()
    vi.advanceTimersByTime(500)
    expect(fn).not.toHaveBeenCalled()
  })
})
