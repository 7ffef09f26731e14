import { describe, expect, it } from 'vitest'
import {
  limitWarning,
  mayDecide,
  mayRecordResult,
  mayReply,
  mayWithdraw,
  quoteOf,
  sameText,
  sectionsInOrder,
  statusTagType,
  markQuotes,
  upcomingDeadlines,
  runningItems,
} from './review'

describe('阅核 helpers', () => {
  it('colours each status', () => {
    expect(statusTagType('待阅核')).toBe('warning')
    expect(statusTagType('已退回')).toBe('danger')
    expect(statusTagType('同意签发')).toBe('success')
    expect(statusTagType('提交讨论')).toBe('info')
  })
  it('warns when the 审限 is near or over, and says when it cannot be computed', () => {
    expect(limitWarning({ trial_limit_days_left: null, trial_limit_near: false })).toBe('unknown')
    expect(limitWarning({ trial_limit_days_left: -2, trial_limit_near: true })).toBe('over')
    expect(limitWarning({ trial_limit_days_left: 5, trial_limit_near: true })).toBe('near')
    expect(limitWarning({ trial_limit_days_left: 60, trial_limit_near: false })).toBe('ok')
  })
  it('takes a selected passage only when the revision contains it', () => {
    const sections = { reasoning: '本院认为，借款关系成立。', items: '驳回原告的诉讼请求。' }
    expect(quoteOf('  借款关系成立 ', sections)).toBe('借款关系成立')
    expect(quoteOf('不存在的话', sections)).toBeNull()
    expect(quoteOf('   ', sections)).toBeNull()
    expect(quoteOf(undefined, sections)).toBeNull()
  })
  it('lets the author withdraw a comment once, nobody else', () => {
    expect(mayWithdraw({ by: '陈庭长', withdrawn: null }, '陈庭长')).toBe(true)
    expect(mayWithdraw({ by: '陈庭长', withdrawn: null }, '王建国')).toBe(false)
    expect(mayWithdraw({ by: '陈庭长', withdrawn: { id: 'w1', case_id: 'c1', comment_id: 'k1', at: '2026-12-01T00:00:00Z', by: '陈庭长' } }, '陈庭长')).toBe(false)
    expect(mayWithdraw({ by: '', withdrawn: null }, '')).toBe(false)
  })
  it("offers the meeting's result on the latest round of a case in discussion, to a 庭长/院长", () => {
    const rounds = [{}, {}] as never
    const chief = { name: '陈庭长', role: 'chief', division: '民一庭' }
    const judge = { name: '王建国', role: 'judge', division: '民一庭' }
    expect(mayRecordResult({ status: '提交讨论', rounds, me: chief }, 1)).toBe(true)
    expect(mayRecordResult({ status: '提交讨论', rounds, me: chief }, 0)).toBe(false)
    expect(mayRecordResult({ status: '提交讨论', rounds, me: judge }, 1)).toBe(false)
    expect(mayRecordResult({ status: '已退回', rounds, me: chief }, 1)).toBe(false)
  })
  it('marks the passages the comments quote, merging overlaps', () => {
    const text = '本院认为，借款关系成立，被告应当还款。'
    expect(markQuotes(text, [])).toEqual([{ text, quoted: false }])
    expect(markQuotes(text, ['借款关系成立', '不在文中', '关系成立，被告'])).toEqual([
      { text: '本院认为，', quoted: false },
      { text: '借款关系成立，被告', quoted: true },
      { text: '应当还款。', quoted: false },
    ])
    expect(markQuotes(text, ['本院认为'])[0]).toEqual({ text: '本院认为', quoted: true })
    expect(markQuotes('', ['x'])).toEqual([{ text: '', quoted: false }])
  })
  it('takes replies in the latest round while it waits or after it was returned, as the store does', () => {
    const rounds = [{}, {}] as never
    expect(mayReply({ status: '待阅核', rounds }, 1)).toBe(true)
    expect(mayReply({ status: '待阅核', rounds }, 0)).toBe(false)
    expect(mayReply({ status: '已退回', rounds }, 1)).toBe(true)
    expect(mayReply({ status: '已退回', rounds }, 0)).toBe(false)
    expect(mayReply({ status: '同意签发', rounds }, 1)).toBe(false)
    expect(mayReply({ status: '提交讨论', rounds }, 1)).toBe(false)
  })
  it('lists the nearest deadlines first, past ones leading', () => {
    const d = (days_left: number, due: string) => ({ days_left, due })
    expect(upcomingDeadlines([d(10, '2026-12-16'), d(-3, '2026-12-03'), d(2, '2026-12-08'), d(2, '2026-12-07')], 3)).toEqual([
      d(-3, '2026-12-03'), d(2, '2026-12-07'), d(2, '2026-12-08'),
    ])
  })
  it('lists what runs for a case with no 节点: its 审限 and the last day to ask for an extension', () => {
    const limit = { due: '2026-12-30', status: { today: '2026-12-06', days_left: 24 }, extension_request: { by: '2026-12-20' } } as never
    const items = runningItems({ closed: false, trial_limit: limit, deadlines: [] }, [{ start: '2026-12-07T09:30', room: '第一法庭' }], '2026-12-06', 5)
    expect(items.map((i) => [i.kind, i.due, i.days_left])).toEqual([
      ['hearing', '2026-12-07 09:30', 1],
      ['extension_request', '2026-12-20', 14],
      ['limit', '2026-12-30', 24],
    ])
    // A closed case has no running 审限; a past hearing is not listed.
    expect(runningItems({ closed: true, trial_limit: limit, deadlines: [] }, [{ start: '2026-12-01T09:30', room: '' }], '2026-12-06', 5)).toEqual([])
  })
  it('lets 庭长 and 院长 decide, not the judge', () => {
    expect(['chief', 'president', 'judge', 'clerk'].map(mayDecide)).toEqual([true, true, false, false])
  })
  it('compares judgment text ignoring empty sections and key order', () => {
    expect(sameText({ reasoning: '甲', items: '乙', claims: ' ' }, { items: '乙', reasoning: '甲' })).toBe(true)
    expect(sameText({ reasoning: '甲', items: '乙' }, { reasoning: '甲。', items: '乙' })).toBe(false)
    expect(sameText({ reasoning: '甲' }, { reasoning: '甲', items: '乙' })).toBe(false)
  })
  it("orders a revision's sections as the back end lists them, unknown keys last, empty ones left out", () => {
    const order = ['header', 'reasoning', 'items']
    expect(sectionsInOrder({ items: '乙', extra: '丙', reasoning: '甲', header: ' ' }, order)).toEqual([
      ['reasoning', '甲'],
      ['items', '乙'],
      ['extra', '丙'],
    ])
    expect(sectionsInOrder({ items: '乙', reasoning: '甲' }, [])).toEqual([
      ['items', '乙'],
      ['reasoning', '甲'],
    ])
  })
})
