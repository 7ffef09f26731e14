import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, RouterLinkStub, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn(), isTauri: () => true }))

import { invoke } from '@tauri-apps/api/core'
import type { DraftState } from '../api/drafting'
import { i18n } from '../i18n'
import Drafting from './Drafting.vue'

const invokeMock = vi.mocked(invoke)
const CASE_NO = '（2025）粤0309民初1234号'
const SECTIONS = [
  { key: 'header', label: '首部', generated: true },
  { key: 'reasoning', label: '本院认为', generated: false },
  { key: 'items', label: '判决主文', generated: false },
]
const rev = (id: string, parents: string[] = []) => ({ id, parents, author: '王建国', created_at: '2026-11-26T01:00:00Z' })

function stateWith(over: Partial<DraftState> = {}): DraftState {
  return {
    draft: { id: 'd1', case_id: 'c1', kind: 'civil-judgment', title: '民事判决书', created_at: '2026-11-26T01:00:00Z' },
    content: { header: '原告：张三。', reasoning: '本院认为，', items: '被告支付100元\n驳回其他请求' },
    base_revision: 'r1',
    autosaved_at: null,
    revisions: [rev('r1')],
    heads: ['r1'],
    ...over,
  }
}

function backend(state: DraftState) {
  invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
    const a = (args ?? {}) as Record<string, unknown>
    switch (cmd) {
      case 'draft_sections':
        return SECTIONS
      case 'draft_item_labels':
        return ['一、', '二、', '三、']
      case 'draft_open':
        return state
      case 'draft_autosave':
        return '2026-11-26T01:02:03Z'
      case 'draft_save':
        return stateWith({ revisions: [rev('r1'), rev('r2', (a.parents as string[]) ?? ['r1'])], heads: ['r2'], base_revision: 'r2' })
      case 'draft_merge_proposal':
        return { heads: ['r2', 'r3'], ancestor: 'r1', sections: [{ key: 'reasoning', text: '<<<<<<< ours\n甲\n=======\n乙\n>>>>>>> theirs\n', conflict: true }] }
      case 'draft_export':
        if (!a.overrideReason) {
          throw { code: 'review_pending', message: '本案文书为“待阅核”，尚未同意签发，不能导出签发稿', detail: { override_allowed: true } }
        }
        return { path: '/tmp/民事判决书.docx', overridden: true, case: {} }
      case 'review_send':
        return {}
      case 'draft_revision':
        return { ...rev('r1'), draft_id: 'd1', content: stateWith().content }
      case 'draft_diff':
        return [
          { key: 'reasoning', changed: true, spans: [{ tag: 'equal', text: '本院认为，' }, { tag: 'insert', text: '借款属实' }] },
          { key: 'header', changed: false, spans: [{ tag: 'equal', text: '原告：张三。' }] },
        ]
    }
    throw { code: 'unknown', message: cmd }
  })
}

const q = (id: string) => `[data-testid="${id}"]`
let w: VueWrapper | null = null

function mountEditor() {
  return mount(Drafting, {
    props: { caseNo: CASE_NO },
    global: { plugins: [ElementPlus, i18n], stubs: { RouterLink: RouterLinkStub } },
    attachTo: document.body,
  })
}

beforeEach(() => {
  invokeMock.mockReset()
  i18n.global.locale.value = 'zh-CN'
})
afterEach(() => {
  w?.unmount()
  w = null
  vi.useRealTimers()
  document.body.innerHTML = ''
})

describe('Drafting (判决书 editor)', () => {
  it('shows every section, numbers the items, and autosaves what is typed every few seconds', async () => {
    // Only the autosave interval is faked: flushPromises and Element Plus still need real timeouts.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    backend(stateWith())
    w = mountEditor()
    await flushPromises()
    expect(invokeMock).toHaveBeenCalledWith('draft_open', { caseNo: CASE_NO })
    expect(w.get(q('draft-section-header')).text()).toContain('重新生成')
    expect(w.findAll(`${q('draft-item')} .item-no`).map((x) => x.text())).toEqual(['一、', '二、'])

    await w.get(q('draft-text-reasoning')).setValue('本院认为，借款属实。')
    expect(w.get(q('draft-autosave-status')).text()).toBe('有未保存的修改')
    await vi.advanceTimersByTimeAsync(3000)
    await flushPromises()
    expect(invokeMock).toHaveBeenCalledWith('draft_autosave', {
      draftId: 'd1',
      content: { header: '原告：张三。', reasoning: '本院认为，借款属实。', items: '被告支付100元\n驳回其他请求' },
      baseRevision: 'r1',
    })
    expect(w.get(q('draft-autosave-status')).text()).toMatch(/^已自动保存 \d\d:\d\d:\d\d$/)
  })

  it('saves a revision on top of the one it started from', async () => {
    backend(stateWith())
    w = mountEditor()
    await flushPromises()
    await w.get(q('draft-save')).trigger('click')
    await flushPromises()
    expect(invokeMock).toHaveBeenCalledWith('draft_save', expect.objectContaining({ draftId: 'd1', baseRevision: 'r1', parents: null }))
    expect(w.findAll(q('draft-revision'))).toHaveLength(2)
  })

  it('shows two heads as a conflict with the proposed merge, and accepting saves a revision with both parents', async () => {
    backend(stateWith({ revisions: [rev('r1'), rev('r2', ['r1']), rev('r3', ['r1'])], heads: ['r2', 'r3'] }))
    w = mountEditor()
    await flushPromises()
    const banner = w.get(q('draft-conflict'))
    expect(banner.text()).toContain('版本 2 与版本 3')
    expect(banner.get(q('draft-merge-reasoning')).text()).toContain('<<<<<<<')
    await w.get(q('draft-accept-merge')).trigger('click')
    await flushPromises()
    expect(invokeMock).toHaveBeenCalledWith('draft_save', expect.objectContaining({ parents: ['r2', 'r3'], baseRevision: null }))
    expect(w.find(q('draft-conflict')).exists()).toBe(false)
  })

  it('compares two ticked revisions and colours what was inserted', async () => {
    backend(stateWith({ revisions: [rev('r1'), rev('r2', ['r1'])], heads: ['r2'] }))
    w = mountEditor()
    await flushPromises()
    await w.get(`${q('draft-pick-1')} input`).setValue(true)
    await w.get(`${q('draft-pick-2')} input`).setValue(true)
    await w.get(q('draft-compare')).trigger('click')
    await flushPromises()
    expect(invokeMock).toHaveBeenCalledWith('draft_diff', { from: 'r1', to: 'r2' })
    const diff = document.body.querySelector(q('draft-diff-reasoning'))!
    expect(diff.querySelector('.span-insert')!.textContent).toBe('借款属实')
    // Sections in document order: 首部 before 本院认为, even though the back end sent it second.
    const keys = [...document.body.querySelectorAll('[data-testid^="draft-diff-"]')].map((e) => e.getAttribute('data-testid'))
    expect(keys).toEqual(['draft-diff-header', 'draft-diff-reasoning'])
  })

  it('checks citations on the 落款 date and builds the appendix of the statutes applied from the other sections', async () => {
    const sections = [
      { key: 'reasoning', label: '本院认为', generated: false },
      { key: 'items', label: '判决主文', generated: false },
      { key: 'signature', label: '落款', generated: true },
      { key: 'appendix', label: '附：本判决适用的法律条文', generated: false },
    ]
    const reasoning = '本院认为，依照《中华人民共和国民法典》第六百七十五条、《中华人民共和国合同法》第二百零六条之规定，判决如下：'
    const state = stateWith({
      content: { reasoning, items: '被告支付100元', signature: '审判员　王建国\n\n二〇二五年六月一日\n本件与原本核对无异' },
    })
    const appendixText = '附：本判决适用的法律条文\n《中华人民共和国民法典》\n第六百七十五条　借款人应当按照约定的期限返还借款。'
    const leftOut = {
      text: '《中华人民共和国合同法》第二百零六条',
      law: '中华人民共和国合同法',
      article: 206,
      paragraph: null,
      item: null,
      status: 'repealed',
      suggestion: '《中华人民共和国民法典》第六百七十五条',
      message: '《中华人民共和国合同法》已于2021年1月1日废止',
      from: 0,
      to: 0,
    }
    backend(state)
    const base = invokeMock.getMockImplementation()!
    invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
      if (cmd === 'draft_sections') return sections
      if (cmd === 'cite_check') return []
      if (cmd === 'cite_appendix') return { date: '2025-06-01', laws: [], left_out: [leftOut], text: appendixText }
      return base(cmd, args as never)
    })
    w = mountEditor()
    await flushPromises()
    const date = w.get(q('draft-check-date'))
    expect([date.attributes('data-date'), date.attributes('data-signed')]).toEqual(['2025-06-01', 'yes'])
    expect(date.text()).toBe('引用按落款日期 2025-06-01 核对')

    await w.get(q('draft-appendix-generate')).trigger('click')
    await flushPromises()
    // The other sections in document order, on the 落款 date; the appendix itself is not a source.
    expect(invokeMock).toHaveBeenCalledWith('cite_appendix', {
      text: [reasoning, '被告支付100元', state.content.signature].join('\n'),
      date: '2025-06-01',
    })
    expect((w.get(`${q('draft-section-appendix')} textarea`).element as HTMLTextAreaElement).value).toBe(appendixText)
    expect(w.findAll(q('draft-appendix-left-out-row')).map((r) => r.text())).toEqual([
      '《中华人民共和国合同法》第二百零六条：《中华人民共和国合同法》已于2021年1月1日废止',
    ])
    expect(w.get(q('draft-autosave-status')).text()).toBe('有未保存的修改')

    // Before export, the summary checks the same text on the same date (the appendix quotes statutes, not the judgment).
    await w.get(q('draft-export')).trigger('click')
    await flushPromises()
    expect(invokeMock).toHaveBeenCalledWith('cite_check', {
      text: [reasoning, '被告支付100元', state.content.signature].join('\n'),
      date: '2025-06-01',
    })

    // Without a date in the 落款 the check runs on today, and says so.
    await w.get(`${q('draft-section-signature')} textarea`).setValue('审判员　王建国')
    const unsigned = w.get(q('draft-check-date'))
    expect(unsigned.attributes('data-signed')).toBe('no')
    expect(unsigned.text()).toMatch(/^落款未写日期：引用暂按今日 \d{4}-\d\d-\d\d 核对$/)
  })

  it('shows a 阅核 refusal of the export and exports past it only with a reason, which it sends to be recorded', async () => {
    backend(stateWith())
    w = mountEditor()
    await flushPromises()
    await w.get(q('draft-export')).trigger('click')
    await flushPromises()
    const dialog = document.body.querySelector('.review-override-dialog')!
    expect(dialog.textContent).toContain('待阅核')
    expect(dialog.textContent).toContain('越过阅核导出')
    const input = dialog.querySelector('input')!
    input.value = '  当事人急需判决书办理执行  '
    input.dispatchEvent(new Event('input'))
    await flushPromises()
    ;(dialog.querySelector('.el-message-box__btns .el-button--primary') as HTMLElement).click()
    await flushPromises()
    expect(invokeMock).toHaveBeenCalledWith('draft_export', expect.objectContaining({ caseNo: CASE_NO, overrideReason: null }))
    expect(invokeMock).toHaveBeenCalledWith(
      'draft_export',
      expect.objectContaining({ caseNo: CASE_NO, overrideReason: '当事人急需判决书办理执行' }),
    )
    expect(w.get(q('draft-exported-path')).text()).toContain('民事判决书.docx')
  })

  it('sends the latest saved revision to 阅核 with the note, and asks to save unsaved changes first', async () => {
    backend(stateWith())
    w = mountEditor()
    await flushPromises()
    await w.get(q('draft-send-review')).trigger('click')
    await flushPromises()
    const dialog = document.body.querySelector('.review-send-dialog')!
    expect(dialog.textContent).toContain('第 1 稿')
    const input = dialog.querySelector('input')!
    input.value = ' 请庭长阅核 '
    input.dispatchEvent(new Event('input'))
    await flushPromises()
    ;(dialog.querySelector('.el-message-box__btns .el-button--primary') as HTMLElement).click()
    await flushPromises()
    expect(invokeMock).toHaveBeenCalledWith('review_send', { caseNo: CASE_NO, note: '请庭长阅核' })

    invokeMock.mockClear()
    await w.get(q('draft-text-reasoning')).setValue('本院认为，借款属实。')
    await w.get(q('draft-send-review')).trigger('click')
    await flushPromises()
    expect(invokeMock).not.toHaveBeenCalledWith('review_send', expect.anything())
    expect(document.body.textContent).toContain('请先保存为新稿')
  })

  it('does not send while the autosaved working copy differs from the latest saved revision', async () => {
    backend(stateWith({ content: { header: '原告：张三。', reasoning: '本院认为，已改未存。', items: '驳回' }, autosaved_at: '2026-11-26T02:00:00Z' }))
    w = mountEditor()
    await flushPromises()
    await w.get(q('draft-send-review')).trigger('click')
    await flushPromises()
    expect(invokeMock).toHaveBeenCalledWith('draft_revision', { revisionId: 'r1' })
    expect(document.body.querySelector('.review-send-dialog')).toBeNull()
    expect(invokeMock).not.toHaveBeenCalledWith('review_send', expect.anything())
  })
})
