import { describe, expect, it } from 'vitest'
import type { DocumentRow } from './api'
import { baseName, mayReview, missingFields, newestFirst, progressPercent, templateLabel } from './documents'

const row = (id: string, created: string): DocumentRow => ({
  id,
  name: `传票（${id}）`,
  template: 'builtin:传票',
  party: id,
  path: `/x/${id}.docx`,
  created,
})

describe('newestFirst', () => {
  it('orders by instant, newest first, whatever the zone notation', () => {
    const rows = [row('a', '2025-06-01T08:00:00Z'), row('b', '2025-06-02T08:00:00Z'), row('c', '2025-06-01T17:00:00+08:00')]
    expect(newestFirst(rows).map((r) => r.id)).toEqual(['b', 'c', 'a'])
  })
  it('puts the later-recorded row first on equal times and does not touch the input', () => {
    const rows = [row('a', '2025-06-01T08:00:00Z'), row('b', '2025-06-01T08:00:00Z')]
    expect(newestFirst(rows).map((r) => r.id)).toEqual(['b', 'a'])
    expect(rows.map((r) => r.id)).toEqual(['a', 'b'])
  })
  it('puts unreadable times last', () => {
    expect(newestFirst([row('a', 'garbage'), row('b', '2025-01-01T00:00:00Z')]).map((r) => r.id)).toEqual(['b', 'a'])
  })
})

describe('progressPercent', () => {
  it('is 0 without a total and clamps to 0–100', () => {
    expect(progressPercent(null)).toBe(0)
    expect(progressPercent({ done: 1, total: 0 })).toBe(0)
    expect(progressPercent({ done: 1, total: 3 })).toBe(33)
    expect(progressPercent({ done: 3, total: 3 })).toBe(100)
    expect(progressPercent({ done: 5, total: 3 })).toBe(100)
  })
})

describe('baseName', () => {
  it('drops POSIX and Windows folders', () => {
    expect(baseName('/home/u/Downloads/（2025）粤0309民初1234号/传票-张三.docx')).toBe('传票-张三.docx')
    expect(baseName('C:\\Users\\u\\Downloads\\案\\传票.docx')).toBe('传票.docx')
    expect(baseName('传票.docx')).toBe('传票.docx')
  })
})

describe('missingFields', () => {
  it('merges the per-file lists once each, in order', () => {
    expect(missingFields([['被告.地址', '开庭时间'], [], ['开庭时间', '书记员']])).toEqual(['被告.地址', '开庭时间', '书记员'])
    expect(missingFields([])).toEqual([])
  })
})

describe('templateLabel', () => {
  it('strips the builtin: prefix', () => {
    expect(templateLabel('builtin:传票')).toBe('传票')
    expect(templateLabel('court:传票（本院）')).toBe('传票（本院）')
    expect(templateLabel('/path/own.docx')).toBe('/path/own.docx')
  })
})

describe('mayReview', () => {
  it('is a 裁定书 or 调解书 by its name, nothing else', () => {
    expect(mayReview({ name: '民事裁定书（准予撤诉）' })).toBe(true)
    expect(mayReview({ name: '民事调解书' })).toBe(true)
    expect(mayReview({ name: '传票（张三）' })).toBe(false)
    expect(mayReview({ name: '应诉通知书' })).toBe(false)
  })
})
