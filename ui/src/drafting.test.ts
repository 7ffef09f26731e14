import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  Autosaver,
  itemLabel,
  citingText,
  clockTime,
  revisionTime,
  itemsFromText,
  itemsToText,
  orderDiff,
  revisionRows,
  sameContent,
  signingDate,
} from './drafting'

describe('判决主文 items', () => {
  it('are one per line, blank lines dropped, and at least one input to type into', () => {
    expect(itemsFromText('一项\n\n 二项 ')).toEqual(['一项', '二项'])
    expect(itemsFromText('')).toEqual([''])
    expect(itemsFromText(undefined)).toEqual([''])
    expect(itemsToText(['被告支付100元', '', '驳回其他请求\n'])).toBe('被告支付100元\n驳回其他请求')
    expect(itemsToText(itemsFromText('a\nb'))).toBe('a\nb')
  })

  it('are labelled with the back end’s labels when there are several, not at all when there is one', () => {
    const labels = ['一、', '二、', '三、']
    expect([0, 1, 2].map((i) => itemLabel(labels, i, 3))).toEqual(['一、', '二、', '三、'])
    expect(itemLabel(labels, 0, 1)).toBe('')
    // past the labels served (or before they arrive): the number itself, never a wrong Chinese numeral
    expect(itemLabel(labels, 3, 4)).toBe('4、')
    expect(itemLabel([], 0, 2)).toBe('1、')
  })
})

describe('helpers', () => {
  it('compares contents with missing sections as empty', () => {
    expect(sameContent({ a: '1', b: '' }, { a: '1' })).toBe(true)
    expect(sameContent({ a: '1' }, { a: '2' })).toBe(false)
  })

  it('shows the autosave time as hh:mm:ss in Beijing time', () => {
    expect(clockTime('2026-11-26T01:05:07Z')).toBe('09:05:07')
    expect(clockTime('2026-11-26T17:05:07.250Z')).toBe('01:05:07')
    expect(revisionTime('2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30')
    expect(revisionTime('nonsense')).toBe('nonsense')
    expect(clockTime(null)).toBe('')
    expect(clockTime('nonsense')).toBe('')
  })

  it('lists revisions newest first with their saving number', () => {
    const r = (id: string) => ({ id, parents: [], author: 'w', created_at: '2026-11-26T09:00:00Z' })
    expect(revisionRows([r('a'), r('b')]).map((x) => [x.id, x.n])).toEqual([
      ['b', 2],
      ['a', 1],
    ])
  })

  it('orders a diff by the document sections, unknown ones last', () => {
    const d = (key: string) => ({ key, changed: false, spans: [] })
    expect(orderDiff([d('zzz'), d('reasoning'), d('header')], ['header', 'reasoning']).map((x) => x.key)).toEqual([
      'header',
      'reasoning',
      'zzz',
    ])
  })
})

describe('Autosaver', () => {
  afterEach(() => vi.useRealTimers())

  it('saves on the timer only when the text changed, and retries after a failure', async () => {
    vi.useFakeTimers()
    const save = vi.fn().mockResolvedValue(undefined)
    const a = new Autosaver(save, 3000)
    a.start()
    await vi.advanceTimersByTimeAsync(3000)
    expect(save).not.toHaveBeenCalled()
    a.touch()
    a.touch()
    await vi.advanceTimersByTimeAsync(3000)
    expect(save).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(3000)
    expect(save).toHaveBeenCalledTimes(1)

    save.mockRejectedValueOnce(new Error('disk full'))
    a.touch()
    await expect(a.flush()).rejects.toThrow('disk full')
    expect(a.pending).toBe(true)
    await a.flush()
    expect(save).toHaveBeenCalledTimes(3)
    expect(a.pending).toBe(false)
    a.stop()
  })
})

describe('the 落款 date (the date citations are checked on)', () => {
  it('is read from the signature block in 〇 numerals or Arabic digits', () => {
    const table: [string, string | null][] = [
      ['审判员　王建国\n\n二〇二六年十一月二十六日\n本件与原本核对无异\n\n书记员　赵磊', '2026-11-26'],
      ['二〇二五年一月一日', '2025-01-01'],
      ['二〇二五年十月十日', '2025-10-10'],
      ['二〇二四年二月二十九日', '2024-02-29'],
      ['二〇二五年十二月三十一日', '2025-12-31'],
      ['二○二五年三月九日', '2025-03-09'],
      ['2025年6月1日', '2025-06-01'],
      ['二〇二五 年 六 月 一 日', '2025-06-01'],
      // No date, or one that does not exist: none (the editor then checks on today and says so).
      ['审判员　王建国\n\n　　年　月　日', null],
      ['二〇二五年二月二十九日', null],
      ['二〇二五年十三月一日', null],
      ['', null],
    ]
    for (const [text, date] of table) expect(signingDate(text), text).toBe(date)
    expect(signingDate(undefined)).toBeNull()
  })

  it('the appendix is built from every section but itself', () => {
    const text = citingText({ reasoning: '依照《中华人民共和国民法典》第六百七十五条', appendix: '附：…', appeal: '上诉' }, [
      'reasoning',
      'appeal',
      'appendix',
    ])
    expect(text).toBe('依照《中华人民共和国民法典》第六百七十五条\n上诉')
  })
})
