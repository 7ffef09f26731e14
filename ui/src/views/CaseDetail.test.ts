import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn(), isTauri: () => true }))

import { invoke } from '@tauri-apps/api/core'
import type { CaseDetail as Detail, ChangeEntry } from '../api'
import { i18n } from '../i18n'
import CaseDetail from './CaseDetail.vue'

const invokeMock = vi.mocked(invoke)
const CASE_NO = '（2025）粤0309民初1234号'

function detail(judge = '王法官'): Detail {
  return {
    id: 'c1',
    case_no: CASE_NO,
    cause: '买卖合同纠纷',
    procedure: 'civil-simple',
    procedure_name: '简易程序',
    filed: '2025-03-01',
    status: 'pending',
    closed: null,
    judge,
    division: '民一庭',
    parties: '张三 诉 深圳市某某科技有限公司',
    court: '深圳市福田区人民法院',
    assistant: '赵助理',
    clerk: '钱书记员',
    custody: false,
    closing_method: null,
    parties_list: [
      { id: 'p1', role: '原告', name: '张三', kind: 'person', id_number: null, address: null, phone: '13800000000', agent: null, foreign: false },
      { id: 'p2', role: '被告', name: '深圳市某某科技有限公司', kind: 'org', id_number: null, address: '深圳市', phone: null, agent: '孙律师', foreign: false },
    ],
    events: [],
    hearings: [{ id: 'h1', start: '2025-04-10T09:30', room: '第三法庭' }],
    extensions: [{ id: 'x1', approved: '2025-05-01', months: 3, days: null, by: '院长', reason: null }],
    deductions: [],
    appeal: null,
    notes: [],
  }
}

function backend() {
  let current = detail()
  const history: ChangeEntry[] = []
  invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
    const a = (args ?? {}) as { caseNo?: string; field?: string; value?: string }
    switch (cmd) {
      case 'get_case':
        if (a.caseNo !== CASE_NO) throw { code: 'case_not_found', message: `没有案件“${a.caseNo}”` }
        return current
      case 'case_history':
        return [...history]
      case 'list_facets':
        return { judges: ['王法官'], procedures: [{ id: 'civil-simple', name: '简易程序' }] }
      case 'set_case_field':
        if (a.field === 'judge' && !a.value?.trim())
          throw { code: 'field_required', message: 'judge：必填', detail: [{ field: 'judge', code: 'field_required', message: '必填' }] }
        history.unshift({ seq: history.length + 1, entity: 'case', entity_id: 'c1', field: a.field ?? null, old: current.judge, new: a.value ?? null, at: '2025-06-01T10:00', device: '本机' })
        current = { ...current, judge: a.value ?? '' }
        return current
    }
    throw { code: "unknown", message: cmd }
  })
}

async function mountDetail(caseNo = CASE_NO) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/cases', name: 'cases', component: { template: '<div />' } },
      { path: '/cases/:caseNo', name: 'case', component: CaseDetail, props: true },
    ],
  })
  await router.push({ name: 'case', params: { caseNo } })
  await router.isReady()
  const wrapper = mount(CaseDetail, {
    props: { caseNo },
    global: { plugins: [ElementPlus, i18n, router] },
    attachTo: document.body,
  })
  await flushPromises()
  return wrapper
}

const q = (id: string) => `[data-testid="${id}"]`
let w: VueWrapper | null = null

beforeEach(() => {
  invokeMock.mockReset()
})
afterEach(() => {
  w?.unmount()
  w = null
  document.body.innerHTML = ''
})

describe('CaseDetail', () => {
  it('shows the header and the basic fields', async () => {
    backend()
    w = await mountDetail()
    expect(w.get(q('case-detail-no')).text()).toBe(CASE_NO)
    expect(w.get(q('case-detail-status')).text()).toBe('未结')
    expect(w.get(q('value-judge')).text()).toBe('王法官')
    expect(w.get(q('value-procedure')).text()).toBe('简易程序')
    expect(w.get(q('value-filed')).text()).toBe('2025-03-01')
    expect(w.get(q('value-closed')).text()).toBe('—')
    expect(w.get(q('value-custody')).text()).toBe('否')
    expect(invokeMock).toHaveBeenCalledWith('get_case', { caseNo: CASE_NO })
    expect(invokeMock).toHaveBeenCalledWith('case_history', { caseNo: CASE_NO })
  })

  it('saves an edited judge and shows the change in the history', async () => {
    backend()
    w = await mountDetail()
    await w.get(q('edit-judge')).trigger('click')
    await w.get(q('input-judge')).setValue('测试法官')
    await w.get(q('save-judge')).trigger('click')
    await flushPromises()
    expect(invokeMock).toHaveBeenCalledWith('set_case_field', { caseNo: CASE_NO, field: 'judge', value: '测试法官' })
    expect(w.get(q('value-judge')).text()).toBe('测试法官')
    const history = w.get(q('case-history')).text()
    expect(history).toContain('承办法官')
    expect(history).toContain('王法官')
    expect(history).toContain('测试法官')
    expect(history).toContain('2025-06-01 10:00')
  })

  it('shows a validation error next to the field and keeps the input', async () => {
    backend()
    w = await mountDetail()
    await w.get(q('edit-judge')).trigger('click')
    await w.get(q('input-judge')).setValue(' ')
    await w.get(q('save-judge')).trigger('click')
    await flushPromises()
    expect(w.get(q('error-judge')).text()).toBe('必填')
    expect((w.get(q('input-judge')).element as HTMLInputElement).value).toBe(' ')
  })

  it('shows the back end message when the case does not exist', async () => {
    backend()
    w = await mountDetail('（2025）粤0309民初9999号')
    expect(w.get(q('case-load-error')).text()).toContain('没有案件“（2025）粤0309民初9999号”')
  })
})
