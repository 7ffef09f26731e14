import { afterEach, describe, expect, it } from 'vitest'
import type { ChangeEntry } from './api'
import { describeChange, summarize } from './history'
import { i18n } from './i18n'

function entry(over: Partial<ChangeEntry>): ChangeEntry {
  return { seq: 1, change_id: 'x1', case_id: 'c1', entity: 'case', entity_id: 'c1', field: null, old: null, new: null, at: '2025-06-01T10:00', device: 'd1', ...over }
}

afterEach(() => {
  i18n.global.locale.value = 'zh-CN'
})

describe('describeChange', () => {
  it('says where the history of a case received when joining the division is', () => {
    const view = describeChange(entry({ field: 'history_on_server', device: 'server' }))
    expect(view).toMatchObject({ what: '案件', action: 'onServer', old: '' })
    expect(view.new).toContain('法院服务器')
    expect(view.new).toContain('取回')
  })

  it('shows a field change with its label and plain values', () => {
    expect(describeChange(entry({ field: 'judge', old: '王建国', new: '测试法官' }))).toEqual({
      what: '承办法官',
      action: 'set',
      old: '王建国',
      new: '测试法官',
    })
  })

  it('formats dates, custody and closing methods, and empties for cleared values', () => {
    expect(describeChange(entry({ field: 'closed', old: null, new: '2025-03-01' }))).toMatchObject({ old: '', new: '2025-03-01' })
    expect(describeChange(entry({ field: 'custody', old: 'false', new: 'true' }))).toMatchObject({ what: '羁押', old: '否', new: '是' })
    i18n.global.locale.value = 'en'
    expect(describeChange(entry({ field: 'closing_method', old: '判决', new: '调解' }))).toMatchObject({
      what: 'Closing method',
      old: 'Judgment',
      new: 'Mediation',
    })
  })

  it('keeps an unknown field name as is', () => {
    expect(describeChange(entry({ field: 'new_field', old: 'a', new: 'b' })).what).toBe('new_field')
  })

  it('summarises an added party instead of showing its JSON', () => {
    const json = JSON.stringify({ id: 'p1', role: '原告', name: '张三', kind: 'person', id_number: null })
    expect(describeChange(entry({ entity: 'party', new: json }))).toEqual({ what: '当事人', action: 'added', old: '', new: '原告 张三' })
  })

  it('summarises removed and replaced rows', () => {
    const h = JSON.stringify({ entity: 'hearing', id: 'h1', start: '2026-11-29T09:30', room: '第一法庭' })
    expect(describeChange(entry({ entity: 'hearing', old: h }))).toMatchObject({ what: '开庭', action: 'removed', old: '2026-11-29 09:30 第一法庭' })
    const a = JSON.stringify({ id: 'p', role: '被告', name: '某公司' })
    const b = JSON.stringify({ id: 'p', role: '被告', name: '某某公司' })
    expect(describeChange(entry({ entity: 'party', old: a, new: b }))).toMatchObject({ action: 'changed', old: '被告 某公司', new: '被告 某某公司' })
  })

  it('shows text that is not JSON as it is', () => {
    expect(describeChange(entry({ entity: 'note', new: '{broken' })).new).toBe('{broken')
  })
})

describe('summarize', () => {
  it('covers every kind of row', () => {
    expect(summarize('case', { case_no: '（2025）粤0309民初1234号', cause: '民间借贷纠纷' })).toBe('（2025）粤0309民初1234号 民间借贷纠纷')
    expect(summarize('event', { kind: '送达', date: '2025-03-05', note: '' })).toBe('2025-03-05 送达')
    expect(summarize('extension', { approved: '2025-05-01', months: 3, days: null, by: '院长' })).toBe('2025-05-01 3 个月 院长')
    expect(summarize('extension', { approved: '2025-05-01', months: null, days: 15, by: '' })).toBe('2025-05-01 15 天')
    expect(summarize('deduction', { kind: '鉴定', from: '2025-04-01', to: '2025-04-30' })).toBe('鉴定 2025-04-01 ~ 2025-04-30')
    expect(summarize('appeal', { filed: '2025-07-01', outcome: null })).toBe('2025-07-01')
    expect(summarize('note', { text: '长'.repeat(80) })).toBe(`${'长'.repeat(60)}…`)
    expect(summarize('appeal_review', { reason: '适用法律', responsible: true, lesson: '统一裁判尺度' })).toBe(
      '适用法律 一审法官有责任 统一裁判尺度',
    )
    expect(describeChange(entry({ entity: 'appeal_review', new: '{"reason":"程序","responsible":false,"lesson":"遗漏当事人"}' }))).toMatchObject({
      what: '发改案件评查',
      action: 'added',
      new: '程序 一审法官无责任 遗漏当事人',
    })
    expect(summarize('other', { id: 'x', entity: 'other', a: '甲', b: 2, c: null })).toBe('甲 2')
  })
})
