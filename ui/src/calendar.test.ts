import { describe, expect, it } from 'vitest'
import { chipText, itemsByDay, monthGrid, shortCaseNo, weekDays } from './calendar'
import { dueItem } from './testing/fixtures'

describe('monthGrid', () => {
  it('covers the month in whole Monday-first weeks', () => {
    // November 2026: the 1st is a Sunday, the 30th a Monday.
    const g = monthGrid('2026-11-26')
    expect(g.from).toBe('2026-10-26')
    expect(g.to).toBe('2026-12-06')
    expect(g.weeks).toHaveLength(6)
    expect(g.weeks.every((w) => w.length === 7)).toBe(true)
    expect(g.weeks[0][6]).toBe('2026-11-01')
  })

  it('needs only four weeks for a February that starts on Monday', () => {
    const g = monthGrid('2027-02-14')
    expect(g.from).toBe('2027-02-01')
    expect(g.to).toBe('2027-02-28')
    expect(g.weeks).toHaveLength(4)
  })

  it('gives the seven days of a week', () => {
    expect(weekDays('2026-11-26')).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29'])
  })
})

describe('itemsByDay', () => {
  const hearing = dueItem({ kind: 'hearing', name: '开庭', party: null, due: '2026-11-29', time: '2026-11-29T14:30' })
  const early = dueItem({ kind: 'hearing', name: '开庭', party: null, due: '2026-11-29', time: '2026-11-29T09:00', case_no: 'B' })
  const period = dueItem({ due: '2026-11-29' })
  const limit = dueItem({ kind: 'trial_limit', name: '审限届满', party: null, due: '2026-11-29' })
  const other = dueItem({ due: '2026-11-30' })

  it('groups by day: hearings by time, then 审限, then periods', () => {
    const map = itemsByDay([period, limit, hearing, other, early])
    expect(map.get('2026-11-29')).toEqual([early, hearing, limit, period])
    expect(map.get('2026-11-30')).toEqual([other])
  })

  it('can leave kinds out', () => {
    const map = itemsByDay([period, limit, hearing], new Set(['hearing'] as const))
    expect(map.get('2026-11-29')).toEqual([hearing])
  })
})

describe('chip text', () => {
  it('shortens a 案号 to its type and number', () => {
    expect(shortCaseNo('（2025）粤0309民初1234号')).toBe('民初1234号')
    expect(shortCaseNo('(2026)粤0309刑初787号')).toBe('刑初787号')
    expect(shortCaseNo('（2026）最高法民申12号')).toBe('最高法民申12号')
    expect(shortCaseNo('not a case number')).toBe('not a case number')
  })

  it('puts the time first for a hearing', () => {
    expect(chipText(dueItem({ kind: 'hearing', name: '开庭', time: '2026-11-29T09:30' }))).toBe('09:30 开庭 民初1234号')
    expect(chipText(dueItem())).toBe('上诉期（判决） 民初1234号')
  })
})
