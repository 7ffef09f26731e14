import { describe, expect, it } from 'vitest'
import { limitWarning, mayDecide, quoteOf, roundStatus, sameText, statusTagType } from './review'

describe('阅核 helpers', () => {
  it('colours each status', () => {
    expect(statusTagType('待阅核')).toBe('warning')
    expect(statusTagType('已退回')).toBe('danger')
    expect(statusTagType('同意签发')).toBe('success')
    expect(statusTagType('提交讨论')).toBe('info')
  })
  it('names the status a decision led to', () => {
    expect([null, 'approve', 'return', 'discuss'].map((d) => roundStatus(d as never))).toEqual([
      '待阅核', '同意签发', '已退回', '提交讨论',
    ])
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
  it('lets 庭长 and 院长 decide, not the judge', () => {
    expect(['chief', 'president', 'judge', 'clerk'].map(mayDecide)).toEqual([true, true, false, false])
  })
  it('compares judgment text ignoring empty sections and key order', () => {
    expect(sameText({ reasoning: '甲', items: '乙', claims: ' ' }, { items: '乙', reasoning: '甲' })).toBe(true)
    expect(sameText({ reasoning: '甲', items: '乙' }, { reasoning: '甲。', items: '乙' })).toBe(false)
    expect(sameText({ reasoning: '甲' }, { reasoning: '甲', items: '乙' })).toBe(false)
  })
})
