import { describe, expect, it } from 'vitest'
import { fileProblem, MAX_HOLIDAY_FILE_BYTES, monthWeeks, movedRows, noticeRows, readFileText, sortedYears } from './holidays'

describe('sortedYears', () => {
  it('sorts the covered years and drops repeats', () => {
    expect(sortedYears([2026, 2024, 2025, 2026])).toEqual([2024, 2025, 2026])
    expect(sortedYears([])).toEqual([])
  })
})

describe('movedRows', () => {
  const moved = [
    { case_no: '（2025）粤0309民初2号', name: '上诉期（判决）', party: '李四', from: '2027-02-10', to: '2027-02-18', from_provisional: false },
    { case_no: '（2025）粤0309民初1号', name: '审限', party: null, from: null, to: '2027-01-04', from_provisional: false },
    { case_no: '（2025）粤0309民初3号', name: '答辩期', party: ' ', from: '2027-01-01', to: null, from_provisional: false },
  ]

  it('shows a missing date as “could not be computed” and a missing party as a dash, earliest first', () => {
    expect(movedRows(moved, '无法计算')).toEqual([
      { case_no: '（2025）粤0309民初3号', name: '答辩期', party: '—', from: '2027-01-01', to: '无法计算' },
      { case_no: '（2025）粤0309民初1号', name: '审限', party: '—', from: '无法计算', to: '2027-01-04' },
      { case_no: '（2025）粤0309民初2号', name: '上诉期（判决）', party: '李四', from: '2027-02-10', to: '2027-02-18' },
    ])
  })

  it('marks a date that was provisional (暂定) and is now corrected', () => {
    const rows = movedRows([{ case_no: 'A', name: '审限', party: null, from: '2027-01-10', to: '2027-01-11', from_provisional: true }], '无法计算', '暂定')
    expect(rows[0].from).toBe('2027-01-10（暂定）')
    expect(movedRows([{ ...moved[0], from_provisional: false }], '无法计算', '暂定')[0].from).toBe('2027-02-10')
  })

  it('does not reorder the array it was given', () => {
    const copy = moved.map((m) => ({ ...m }))
    movedRows(moved, 'x')
    expect(moved).toEqual(copy)
  })
})

describe('fileProblem', () => {
  it('accepts a .json file of a sensible size', () => {
    expect(fileProblem({ name: '2027.json', size: 3000 })).toBe('')
    expect(fileProblem({ name: '2027.JSON', size: 3000 })).toBe('')
  })

  it('refuses other files, empty files and huge files before reading them', () => {
    expect(fileProblem({ name: '2027.txt', size: 3000 })).toBe('notJson')
    expect(fileProblem({ name: '2027.json', size: 0 })).toBe('empty')
    expect(fileProblem({ name: '2027.json', size: MAX_HOLIDAY_FILE_BYTES + 1 })).toBe('tooLarge')
  })
})

describe('readFileText', () => {
  it('reads the file as UTF-8 text without a byte-order mark', async () => {
    const json = '{"year":2027,"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true}]}'
    const bom = new Uint8Array([0xef, 0xbb, 0xbf])
    expect(await readFileText(new Blob([bom, json], { type: 'application/json' }))).toBe(json)
    expect(await readFileText(new Blob([json]))).toBe(json)
  })
})

describe('monthWeeks', () => {
  const spring = [{ name: '春节', off: ['2026-02-15', '2026-02-16', '2026-02-23'], work: ['2026-02-14', '2026-02-28'] }]

  it('lays a month out Monday first and marks 放假, 调休上班 and weekends', () => {
    const weeks = monthWeeks(2026, 2, spring)
    // 2026-02-01 is a Sunday: six blank cells before it, and 28 days fill exactly five rows with the blanks.
    expect(weeks[0].slice(0, 6)).toEqual([null, null, null, null, null, null])
    expect(weeks[0][6]).toEqual({ day: 1, date: '2026-02-01', mark: 'weekend', name: '' })
    const cell = (date: string) => weeks.flat().find((c) => c?.date === date)
    expect(cell('2026-02-14')).toMatchObject({ mark: 'work', name: '春节' })
    expect(cell('2026-02-23')).toMatchObject({ mark: 'off', name: '春节' })
    expect(cell('2026-02-24')).toMatchObject({ mark: 'plain', name: '' })
    expect(weeks.every((w) => w.length === 7)).toBe(true)
    expect(weeks.flat().filter(Boolean)).toHaveLength(28)
  })

  it('knows leap years and months that start on a Monday', () => {
    expect(monthWeeks(2024, 2, []).flat().filter(Boolean)).toHaveLength(29)
    expect(monthWeeks(2026, 6, [])[0][0]).toMatchObject({ date: '2026-06-01', mark: 'plain' })
  })
})

describe('noticeRows', () => {
  it('gives each holiday its first and last day off, their count and the 调休上班 days in order', () => {
    expect(noticeRows([{ name: '国庆节', off: ['2026-10-07', '2026-10-01'], work: ['2026-10-10', '2026-09-20'] }])).toEqual([
      { name: '国庆节', from: '2026-10-01', to: '2026-10-07', days: 2, work: '2026-09-20、2026-10-10' },
    ])
  })
})
