import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn(), isTauri: () => true }))

import { invoke } from '@tauri-apps/api/core'
import type { AppealReviewList, AppealReviewRow } from '../../api/supervision'
import { i18n } from '../../i18n'
import AppealReviews from './AppealReviews.vue'

const invokeMock = vi.mocked(invoke)

function row(n: number, over: Partial<AppealReviewRow> = {}): AppealReviewRow {
  return {
    case_no: `（2026）粤0309民初${n}号`,
    cause: '民间借贷纠纷',
    judge: '陈静',
    division: '民一庭',
    closed: '2026-06-01',
    outcome: '改判',
    entered: '2026-11-01',
    due: '2026-12-01',
    state: '待评查',
    overdue: false,
    days_left: 5,
    review: null,
    ...over,
  }
}

let rows: AppealReviewRow[] = []
function list(): AppealReviewList {
  return { today: '2026-11-26', deadline_days: 30, reasons: ['认定事实', '适用法律', '程序', '新证据', '其他'], definitions_version: 'x', rows }
}

const calls = (cmd: string) => invokeMock.mock.calls.filter(([c]) => c === cmd).map(([, a]) => a as Record<string, unknown>)
let wrapper: VueWrapper | null = null

async function mountList(props: Record<string, string> = {}) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { template: '<div />' } },
      { path: '/cases/:caseNo', name: 'case', component: { template: '<div />' } },
    ],
  })
  wrapper = mount(AppealReviews, { props, global: { plugins: [ElementPlus, i18n, router] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

describe('发改案件逐案评查', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    invokeMock.mockReset()
    rows = [
      row(1, { state: '待评查', overdue: true, days_left: -3 }),
      row(2, { outcome: '发回重审' }),
      row(3, {
        state: '已评查',
        days_left: null,
        review: { reason: '程序', responsible: false, lesson: '遗漏当事人', reviewer: '李庭长', recorded: '2026-11-20' },
      }),
    ]
    invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
      if (cmd === 'appeal_reviews') return list()
      if (cmd === 'record_appeal_review') {
        const input = (args as { input: { case_no: string; reason: string; responsible: boolean; lesson: string } }).input
        rows = rows.map((r) =>
          r.case_no === input.case_no
            ? { ...r, state: '已评查', overdue: false, days_left: null, review: { ...input, reviewer: '李庭长', recorded: '2026-11-26' } }
            : r,
        )
        return list()
      }
      throw { code: 'unknown', message: `unexpected ${cmd}` }
    })
  })
  afterEach(() => {
    wrapper?.unmount()
    wrapper = null
    document.body.innerHTML = ''
  })

  it('lists the cases with their state, the counts and the court setting', async () => {
    const w = await mountList({ division: '民一庭', judge: '' })
    expect(calls('appeal_reviews')[0]).toEqual({ division: '民一庭' })
    expect(w.get('[data-testid="appeal-review-counts"]').text()).toBe('待评查 1 件，逾期 1 件，已评查 1 件')
    expect(w.get('[data-testid="appeal-review-deadline"]').text()).toContain('30 日')
    expect(w.get('[data-testid="appeal-review-status-（2026）粤0309民初1号"]').text()).toBe('逾期未评查')
    expect(w.get('[data-testid="appeal-review-status-（2026）粤0309民初3号"]').text()).toBe('已评查')
    expect(w.text()).toContain('逾期 3 日')
    expect(w.text()).toContain('遗漏当事人')
  })

  it('records a review: the form is checked first, then sent, and the list updates', async () => {
    const w = await mountList()
    await w.get('[data-testid="appeal-review-open-（2026）粤0309民初2号"]').trigger('click')
    await flushPromises()
    const dialog = () => document.body.querySelector('[data-testid="appeal-review-dialog"]') as HTMLElement
    ;(document.body.querySelector('[data-testid="appeal-review-save"]') as HTMLElement).click()
    await flushPromises()
    expect(calls('record_appeal_review')).toHaveLength(0)
    expect(dialog().textContent).toContain('请选择原因类别')
    expect(dialog().textContent).toContain('请填写评查意见')

    const radios = [...dialog().querySelectorAll('label')]
    radios.find((l) => l.textContent?.trim() === '适用法律')!.click()
    radios.find((l) => l.textContent?.trim() === '有责任')!.click()
    const lesson = dialog().querySelector('textarea') as HTMLTextAreaElement
    lesson.value = ' 统一利率的裁判尺度 '
    lesson.dispatchEvent(new Event('input'))
    await flushPromises()
    ;(document.body.querySelector('[data-testid="appeal-review-save"]') as HTMLElement).click()
    await flushPromises()
    expect(calls('record_appeal_review')).toEqual([
      { input: { case_no: '（2026）粤0309民初2号', reason: '适用法律', responsible: true, lesson: '统一利率的裁判尺度' } },
    ])
    expect(w.get('[data-testid="appeal-review-status-（2026）粤0309民初2号"]').text()).toBe('已评查')
  })

  it('shows the back end’s refusal of the reason under the reason field, until another reason is chosen', async () => {
    const base = invokeMock.getMockImplementation()!
    const refusal = '评查原因“新证据”不在本院的类别中：应为 认定事实、适用法律、程序、其他'
    invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
      if (cmd === 'record_appeal_review') {
        throw { code: 'appeal_review_reason_unknown', message: refusal, detail: [{ field: 'reason', code: 'appeal_review_reason_unknown', message: refusal }] }
      }
      return base(cmd, args as never)
    })
    await mountList()
    const dialog = () => document.body.querySelector('[data-testid="appeal-review-dialog"]') as HTMLElement
    ;(document.body.querySelector('[data-testid="appeal-review-open-（2026）粤0309民初2号"]') as HTMLElement).click()
    await flushPromises()
    const pick = (text: string) => [...dialog().querySelectorAll('label')].find((l) => l.textContent?.trim() === text)!.click()
    pick('新证据')
    pick('无责任')
    const lesson = dialog().querySelector('textarea') as HTMLTextAreaElement
    lesson.value = '补强证据审查'
    lesson.dispatchEvent(new Event('input'))
    await flushPromises()
    ;(document.body.querySelector('[data-testid="appeal-review-save"]') as HTMLElement).click()
    await flushPromises()
    expect(dialog().querySelector('[data-testid="error-reason"]')?.textContent).toBe(refusal)
    expect(dialog().querySelector('[data-testid="appeal-review-error"]')).toBeNull()
    pick('程序')
    await flushPromises()
    expect(dialog().querySelector('[data-testid="error-reason"]')).toBeNull()
  })
})
