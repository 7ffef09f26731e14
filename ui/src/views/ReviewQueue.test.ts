import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn(), isTauri: () => true }))

import { invoke } from '@tauri-apps/api/core'
import { i18n } from '../i18n'
import ReviewQueue from './ReviewQueue.vue'

const invokeMock = vi.mocked(invoke)
const NO = '（2025）粤0309民初1234号'
const row = (over: Record<string, unknown> = {}) => ({
  case_no: NO, judge: '王建国', division: '民一庭', sent_at: '2026-11-20T01:00:00Z', sent_by: '王建国', waiting_days: 6,
  trial_limit_due: '2026-12-10', trial_limit_days_left: 4, trial_limit_near: true, trial_limit_provisional: false,
  four_kinds: false, ...over,
})
const shown = {
  case_no: NO, status: '待阅核', reviewer: '庭长', four_kinds: null, overrides: [],
  me: { name: '陈庭长', role: 'chief', division: '民一庭' },
  rounds: [{ id: 'rd1', draft_id: 'd1', revision: 'r2', revision_no: 2, reviewer: '庭长', sent_by: '王建国',
    sent_at: '2026-11-20T01:00:00Z', note: null, decision: null, status: '待阅核', comments: [] }],
}

function backend(rows: unknown[], content: Record<string, string> = { items: '驳回原告的诉讼请求。', reasoning: '本院认为，借款关系成立。' }) {
  invokeMock.mockImplementation(async (cmd: string) => {
    switch (cmd) {
      case 'review_queue': return rows
      case 'review_show':
        return invokeMock.mock.calls.some(([c]) => c === 'review_comment')
          ? { ...shown, rounds: [{ ...shown.rounds[0], comments: [{ id: 'c1', section: 'reasoning', quote: '借款关系成立', text: '请写明证据',
            by: '陈庭长', at: '', withdrawn: null, replies: [] }] }] }
          : shown
      case 'draft_revision':
        return { id: 'r2', parents: [], author: '王建国', created_at: '', draft_id: 'd1',
          content }
      case 'draft_sections':
        return [{ key: 'reasoning', label: '本院认为', generated: false }, { key: 'items', label: '判决主文', generated: false }]
      case 'review_comment': return {}
      case 'get_case':
        return { case_no: NO, cause: '民间借贷纠纷', procedure_name: '普通程序', parties: '张三 诉 深圳市某某科技有限公司',
          filed: '2025-12-29', judge: '王建国', panel: '', hearings: [
            { id: 'h0', start: '2026-11-20T09:30', room: '第二法庭' },
            { id: 'h1', start: '2026-12-08T09:30', room: '第一法庭' },
          ] }
      case 'case_deadlines':
        return { case_no: NO, closed: false, trial_limit_error: null, unresolved: [],
          trial_limit: { due: '2026-12-10', status: { today: '2026-12-06', days_left: 4 }, extension_request: { by: '2026-12-03' } },
          deadlines: [
          { rule_id: 'a', name: '举证期限', party: '张三', due: '2026-12-20', days_left: 14 },
          { rule_id: 'b', name: '答辩期', party: '深圳市某某科技有限公司', due: '2026-12-01', days_left: -5 },
        ] }
      case 'review_nav': return { shown: true, waiting: rows.length }
      case 'review_decide': return {}
    }
    throw { code: 'unknown', message: cmd }
  })
}

const q = (id: string) => `[data-testid="${id}"]`
let w: VueWrapper | null = null
beforeEach(() => {
  invokeMock.mockReset()
  i18n.global.locale.value = 'zh-CN'
})
afterEach(() => {
  w?.unmount()
  w = null
  document.body.innerHTML = ''
})

describe('待我阅核', () => {
  it('lists the waiting cases with waiting days and warns when the 审限 is near', async () => {
    backend([row(), row({ case_no: '（2025）粤0309民初2号', trial_limit_days_left: 60, trial_limit_near: false, waiting_days: 1, four_kinds: true })])
    w = mount(ReviewQueue, { global: { plugins: [ElementPlus, i18n] }, attachTo: document.body })
    await flushPromises()
    expect(w.findAll(q('review-queue-waiting')).map((x) => x.text())).toEqual(['6 天', '1 天'])
    expect(w.findAll(q('review-queue-limit'))[0].text()).toBe('2026-12-10（剩 4 天）')
    expect(w.findAll(q('review-queue-near')).map((x) => x.text())).toEqual(['审限将届'])
    expect(w.findAll(q('review-queue-four-kinds'))).toHaveLength(1)
  })

  it('shows a generated 裁定书 sent to 阅核 as its one 正文 section, which draft_sections does not list', async () => {
    backend([row()], { body: '本院认为，原告在宣判前申请撤诉，不违反法律规定，本院予以准许。\n准许原告张三撤诉。' })
    w = mount(ReviewQueue, { global: { plugins: [ElementPlus, i18n] }, attachTo: document.body })
    await flushPromises()
    await w.get(q('review-queue-open')).trigger('click')
    await flushPromises()
    expect(w.findAll('[data-testid="review-text"] h4').map((x) => x.text())).toEqual(['正文'])
    expect(w.get(q('review-text')).text()).toContain('准许原告张三撤诉')
  })

  it('opens the revision sent, comments on a passage of it, and approves', async () => {
    backend([row()])
    w = mount(ReviewQueue, { global: { plugins: [ElementPlus, i18n] }, attachTo: document.body })
    await flushPromises()
    await w.get(q('review-queue-open')).trigger('click')
    await flushPromises()
    expect(invokeMock).toHaveBeenCalledWith('draft_revision', { revisionId: 'r2' })
    expect(w.get(q('review-text')).text()).toContain('借款关系成立')
    // The sections in the order the back end serves (draft_sections), not the order the revision stores them.
    expect(w.findAll('[data-testid="review-text"] h4').map((x) => x.text())).toEqual(['本院认为', '判决主文'])
    // Beside the text: the 审限 left, the case's facts and its deadlines, the most urgent first.
    expect(w.get(q('review-facts-limit')).text()).toBe('审限：2026-12-10（剩 4 天）')
    expect(w.get(q('review-facts-parties')).text()).toBe('张三 诉 深圳市某某科技有限公司')
    // The 审限 and the last day to ask for an extension run even where no 节点 starts a period; a past hearing
    // is not listed.
    expect(w.findAll(q('review-facts-deadline')).map((x) => x.text())).toEqual([
      '答辩期（深圳市某某科技有限公司）：2026-12-01 已超 5 天',
      '申请延长审限截止：2026-12-03 已超 3 天',
      '开庭（第一法庭）：2026-12-08 09:30 剩 2 天',
      '审限届满：2026-12-10 剩 4 天',
      '举证期限（张三）：2026-12-20 剩 14 天',
    ])

    await w.get(q('review-quote')).setValue('不在本稿中的话')
    await w.get(q('review-comment-text')).setValue('请写明证据')
    await w.get(q('review-add-comment')).trigger('click')
    await flushPromises()
    expect(invokeMock).not.toHaveBeenCalledWith('review_comment', expect.anything())

    await w.get(q('review-quote')).setValue('借款关系成立')
    await w.get(q('review-add-comment')).trigger('click')
    await flushPromises()
    expect(invokeMock).toHaveBeenCalledWith('review_comment', { caseNo: NO, quote: '借款关系成立', text: '请写明证据', replyTo: null })
    // The passage commented on is marked in the text (the round as the store has it now).
    await flushPromises()
    expect(w.findAll(q('review-text-quoted')).map((x) => x.text())).toEqual(['借款关系成立'])

    await w.get(q('review-approve')).trigger('click')
    await flushPromises()
    expect(invokeMock).toHaveBeenCalledWith('review_decide', { caseNo: NO, decision: 'approve', forum: null, note: null })
    expect(w.find(q('review-queue-table')).exists()).toBe(true)
  })

  it('refers a case for discussion with the chosen meeting', async () => {
    backend([row()])
    w = mount(ReviewQueue, { global: { plugins: [ElementPlus, i18n] }, attachTo: document.body })
    await flushPromises()
    await w.get(q('review-queue-open')).trigger('click')
    await flushPromises()
    await w.get(q('review-discuss')).trigger('click')
    await flushPromises()
    expect(invokeMock).toHaveBeenCalledWith('review_decide', { caseNo: NO, decision: 'discuss', forum: '专业法官会议', note: null })
  })
})
