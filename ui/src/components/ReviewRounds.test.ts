import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn(), isTauri: () => true }))

import { invoke } from '@tauri-apps/api/core'
import { i18n } from '../i18n'
import ReviewRounds from './ReviewRounds.vue'

const invokeMock = vi.mocked(invoke)
const NO = '（2025）粤0309民初1234号'
const comment = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  section: 'reasoning',
  quote: '借款关系成立',
  text: '请写明交付证据',
  by: '陈庭长',
  at: '2026-11-21T02:00:00Z',
  withdrawn: null,
  replies: [],
  ...over,
})
const round = (id: string, rev: number, decision: string | null, comments: unknown[]) => ({
  id,
  draft_id: 'd1',
  revision: `r${rev}`,
  revision_no: rev,
  reviewer: '庭长',
  sent_by: '王建国',
  sent_at: '2026-11-20T01:00:00Z',
  note: null,
  decision,
  // What the store answers for each decision (andu-core's `Decision::status`); the view shows it as sent.
  status: ({ approve: '同意签发', return: '已退回', discuss: '提交讨论' } as Record<string, string>)[decision ?? ''] ?? '待阅核',
  comments,
  changes: rev === 1 ? null : [
    { key: 'reasoning', changed: true, spans: [{ tag: 'equal', text: '借款关系成立' }, { tag: 'insert', text: '，有转账凭证为证' }] },
    { key: 'items', changed: false, spans: [{ tag: 'equal', text: '驳回' }] },
  ],
})

beforeEach(() => {
  invokeMock.mockReset()
  i18n.global.locale.value = 'zh-CN'
  invokeMock.mockImplementation(async (cmd: string) => {
    if (cmd === 'review_show') {
      return {
        case_no: NO,
        status: '待阅核',
        reviewer: '庭长',
        four_kinds: null,
        overrides: [],
        me: { name: '王建国', role: 'judge', division: '民一庭' },
        rounds: [
          round('a', 1, 'return', [
            comment('c1', { replies: [comment('c2', { by: '王建国', text: '已补充' })] }),
            comment('c3', { withdrawn: { at: '', by: '陈庭长' } }),
          ]),
          round('b', 2, null, [comment('c4', { quote: '有转账凭证为证', text: '凭证编号请写明' })]),
        ],
      }
    }
    if (cmd === 'review_comment' || cmd === 'review_withdraw') return {}
    throw { code: 'unknown', message: cmd }
  })
})
let w: VueWrapper | null = null
afterEach(() => {
  w?.unmount()
  w = null
  document.body.innerHTML = ''
})
const q = (id: string) => `[data-testid="${id}"]`

describe('ReviewRounds (案件页「阅核」)', () => {
  it('shows the status and each round with its decision, comments, replies and withdrawals', async () => {
    w = mount(ReviewRounds, { props: { caseNo: NO }, global: { plugins: [ElementPlus, i18n] } })
    await flushPromises()
    expect(w.get(q('review-status')).text()).toBe('待阅核')
    const rounds = w.findAll(q('review-round'))
    expect(rounds).toHaveLength(2)
    expect(rounds[0].text()).toContain('第 1 轮 · 第 1 稿')
    expect(rounds[0].text()).toContain('已退回')
    expect(rounds[1].text()).toContain('待阅核')
    // Round 2 shows what the judge changed since round 1: only the changed section, the insertion marked.
    expect(rounds[0].find(q('review-changes')).exists()).toBe(false)
    const changes = rounds[1].get(q('review-changes'))
    expect(changes.text()).toContain('本院认为')
    expect(changes.text()).not.toContain('判决主文')
    expect(changes.get('.span-insert').text()).toBe('，有转账凭证为证')
    expect(w.findAll(q('review-reply')).map((x) => x.text())).toEqual([expect.stringContaining('已补充')])
    // A withdrawn comment stays on record, marked; replies go only into the round waiting for its answer.
    expect(w.findAll(q('review-comment'))[1].text()).toContain('已撤回')
    expect(w.findAll(q('review-reply-send'))).toHaveLength(1)
    expect(rounds[0].find(q('review-reply-send')).exists()).toBe(false)
    expect(rounds[1].find(q('review-reply-send')).exists()).toBe(true)
  })

  it("sends the judge's reply in the comment's thread", async () => {
    w = mount(ReviewRounds, { props: { caseNo: NO }, global: { plugins: [ElementPlus, i18n] } })
    await flushPromises()
    await w.get(q('review-reply-text')).setValue('  已在本院认为部分补充  ')
    await w.get(q('review-reply-send')).trigger('click')
    await flushPromises()
    expect(invokeMock).toHaveBeenCalledWith('review_comment', {
      caseNo: NO,
      quote: '有转账凭证为证',
      text: '已在本院认为部分补充',
      replyTo: 'c4',
    })
  })

  it("answers the 庭长's comment on a returned round in its thread, and only there", async () => {
    invokeMock.mockImplementation(async (cmd: string) => {
      if (cmd === 'review_show') {
        return {
          case_no: NO,
          status: '已退回',
          reviewer: '庭长',
          four_kinds: null,
          overrides: [],
          me: { name: '王建国', role: 'judge', division: '民一庭' },
          rounds: [round('a', 1, 'return', [comment('c1')]), round('b', 2, 'return', [comment('c4')])],
        }
      }
      if (cmd === 'review_comment') return {}
      throw { code: 'unknown', message: cmd }
    })
    w = mount(ReviewRounds, { props: { caseNo: NO }, global: { plugins: [ElementPlus, i18n] } })
    await flushPromises()
    const rounds = w.findAll(q('review-round'))
    expect(rounds[0].find(q('review-reply-send')).exists()).toBe(false)
    expect(rounds[1].find(q('review-reply-send')).exists()).toBe(true)
    await rounds[1].get(q('review-reply-text')).setValue('已按意见修改')
    await rounds[1].get(q('review-reply-send')).trigger('click')
    await flushPromises()
    expect(invokeMock).toHaveBeenCalledWith('review_comment', {
      caseNo: NO,
      quote: '借款关系成立',
      text: '已按意见修改',
      replyTo: 'c4',
    })
  })

  it('withdraws only what I wrote, after asking; the record stays', async () => {
    w = mount(ReviewRounds, { props: { caseNo: NO }, global: { plugins: [ElementPlus, i18n] }, attachTo: document.body })
    await flushPromises()
    // 王建国 wrote the reply c2; the 庭长's comments are not his to withdraw, c3 is withdrawn already.
    const buttons = w.findAll(q('review-withdraw'))
    expect(buttons).toHaveLength(1)
    expect(w.get(q('review-comment-withdrawn')).text()).toContain('已撤回')
    await buttons[0].trigger('click')
    await flushPromises()
    const confirm = document.querySelector('.review-withdraw-dialog .el-button--primary') as HTMLElement
    expect(confirm).not.toBeNull()
    confirm.click()
    await flushPromises()
    await new Promise((r) => setTimeout(r, 0))
    await flushPromises()
    expect(invokeMock).toHaveBeenCalledWith('review_withdraw', { caseNo: NO, commentId: 'c2' })
  })

  it("records the meeting's result on a case in discussion, for the 庭长", async () => {
    invokeMock.mockImplementation(async (cmd: string) => {
      if (cmd === 'review_show') {
        const r = round('a', 1, 'discuss', [])
        return {
          case_no: NO, status: '提交讨论', reviewer: '庭长', four_kinds: null, overrides: [],
          me: { name: '陈庭长', role: 'chief', division: '民一庭' },
          rounds: [{ ...r, decisions: [{ id: 'dd', decision: 'discuss', forum: '审判委员会', note: null, by: '陈庭长', at: '' }],
            results: [] }],
        }
      }
      if (cmd === 'review_result') return {}
      throw { code: 'unknown', message: cmd }
    })
    w = mount(ReviewRounds, { props: { caseNo: NO }, global: { plugins: [ElementPlus, i18n] } })
    await flushPromises()
    expect(w.get(q('review-forum-shown')).text()).toBe('提交审判委员会')
    await w.get(q('review-result-save')).trigger('click')
    await flushPromises()
    expect(invokeMock).not.toHaveBeenCalledWith('review_result', expect.anything())
    await w.get(q('review-result-text')).setValue('  多数意见同意合议庭意见  ')
    await w.get(q('review-result-save')).trigger('click')
    await flushPromises()
    expect(invokeMock).toHaveBeenCalledWith('review_result', { caseNo: NO, result: '多数意见同意合议庭意见' })
  })
})

describe('四类案件', () => {
  afterEach(() => {
    w?.unmount()
    w = null
    document.body.innerHTML = ''
  })

  it('marks the case with the reason asked for, and offers to take the mark off once set', async () => {
    let flagged: { reason: string } | null = null
    invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
      if (cmd === 'review_show') {
        return {
          case_no: NO, status: '未送阅核', reviewer: flagged ? '院长' : '庭长', overrides: [], rounds: [],
          four_kinds: flagged ? { id: 'f', case_id: 'k', flag: '四类案件', set: true, reason: flagged.reason, by: '陈庭长', at: '' } : null,
          me: { name: '陈庭长', role: 'chief', division: '民一庭' },
        }
      }
      if (cmd === 'review_flag') {
        flagged = { reason: (args as { reason: string }).reason }
        return {}
      }
      throw { code: 'unknown', message: cmd }
    })
    w = mount(ReviewRounds, { props: { caseNo: NO }, global: { plugins: [ElementPlus, i18n] }, attachTo: document.body })
    await flushPromises()
    expect(w.find(q('review-four-kinds')).exists()).toBe(false)
    expect(w.get(q('review-flag')).text()).toBe('标记为四类案件')
    await w.get(q('review-flag')).trigger('click')
    await flushPromises()
    const input = document.querySelector('.review-flag-dialog input') as HTMLInputElement
    input.value = '  涉及群体性纠纷  '
    input.dispatchEvent(new Event('input'))
    await flushPromises()
    ;(document.querySelector('.review-flag-dialog .el-button--primary') as HTMLElement).click()
    await flushPromises()
    await new Promise((r) => setTimeout(r, 0))
    await flushPromises()
    expect(invokeMock).toHaveBeenCalledWith('review_flag', { caseNo: NO, set: true, reason: '涉及群体性纠纷' })
    expect(w.get(q('review-four-kinds')).text()).toBe('四类案件：涉及群体性纠纷')
    expect(w.get(q('review-flag')).text()).toBe('取消四类案件标记')
  })

  it('is not offered to a clerk', async () => {
    invokeMock.mockImplementation(async (cmd: string) => {
      if (cmd === 'review_show') {
        return { case_no: NO, status: '未送阅核', reviewer: '庭长', overrides: [], rounds: [], four_kinds: null,
          me: { name: '赵书记员', role: 'clerk', division: '民一庭' } }
      }
      throw { code: 'unknown', message: cmd }
    })
    w = mount(ReviewRounds, { props: { caseNo: NO }, global: { plugins: [ElementPlus, i18n] } })
    await flushPromises()
    expect(w.find(q('review-flag')).exists()).toBe(false)
  })
})
