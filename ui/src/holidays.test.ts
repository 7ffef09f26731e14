import { describe, expect, it } from 'vitest'
import { fileProblem, MAX_HOLIDAY_FILE_BYTES, movedRows, readFileText, sortedYears } from './holidays'

describe('sortedYears', () => {
  it('sorts the covered years and drops repeats', () => {
    expect(sortedYears([2026, 2024, 2025, 2026])).toEqual([2024, 2025, 2026])
    expect(sortedYears([])).toEqual([])
  })
})

describe('movedRows', () => {
  const moved = [
    { case_no: '（2025）粤0309民初2号', name: '上诉期（判决）', party: '李四', from: '2027-02-10', to: '2027-02-18' },
    { case_no: '（2025）粤0309民初1号', name: '审限', party: null, from: null, to: '2027-01-04' },
    { case_no: '（2025）粤0309民初3号', name: '答辩期', party: ' ', from: '2027-01-01', to: null },
  ]

  it('shows a missing date as “could not be computed” and a missing party as a dash, earliest first', () => {
    expect(movedRows(moved, '无法计算')).toEqual([
      { case_no: '（2025）粤0309民初3号', name: '答辩期', party: '—', from: '2027-01-01', to: '无法计算' },
      { case_no: '（2025）粤0309民初1号', name: '审限', party: '—', from: '无法计算', to: '2027-01-04' },
      { case_no: '（2025）粤0309民初2号', name: '上诉期（判决）', party: '李四', from: '2027-02-10', to: '2027-02-18' },
    ])
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
