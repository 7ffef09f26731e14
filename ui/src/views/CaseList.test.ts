import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn(), isTauri: () => true }))

import { invoke } from '@tauri-apps/api/core'
import type { CaseSummary } from '../api'
import { i18n } from '../i18n'
import { listState } from '../state'
import CaseList from './CaseList.vue'

const invokeMock = vi.mocked(invoke)

function summary(n: number, extra: Partial<CaseSummary> = {}): CaseSummary {
  return {
    id: `c${n}`,
    case_no: `（2025）粤0309民初${1000 + n}号`,
    cause: '买卖合同纠纷',
    procedure: 'civil-simple',
    procedure_name: '简易程序',
    filed: '2025-03-01',
    status: 'pending',
    closed: null,
    judge: '王法官',
    division: '民一庭',
    parties: `当事人${n} 诉 某某公司`,
    ...extra,
  }
}

const ZHANG = summary(234, { case_no: '（2025）粤0309民初1234号', parties: '张三 诉 深圳市某某科技有限公司' })

/** A fake back end: list_cases answers from `all`, filtered by query. */
function backend(all: CaseSummary[]) {
  invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
    const a = (args ?? {}) as { filter?: { query?: string; status?: string }; offset?: number; limit?: number }
    if (cmd === 'list_facets') return { judges: ['王法官', '李法官'], procedures: [{ id: 'civil-simple', name: '简易程序' }] }
    if (cmd === 'list_cases') {
      const q = a.filter?.query ?? ''
      const hits = all.filter((c) => !q || c.parties.includes(q) || c.case_no.includes(q))
      return { total: hits.length, items: hits.slice(a.offset ?? 0, (a.offset ?? 0) + (a.limit ?? 50)) }
    }
    throw { code: 'unknown', message: `unexpected ${cmd}` }
  })
}

function listCalls() {
  return invokeMock.mock.calls.filter(([c]) => c === 'list_cases').map(([, a]) => a)
}

async function mountList() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/cases', name: 'cases', component: CaseList },
      { path: '/cases/:caseNo', name: 'case', component: { template: '<div />' } },
      { path: '/documents', name: 'documents', component: { template: '<div />' } },
    ],
  })
  await router.push('/cases')
  await router.isReady()
  const wrapper = mount(CaseList, { global: { plugins: [ElementPlus, i18n, router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router }
}

let w: VueWrapper | null = null

beforeEach(() => {
  invokeMock.mockReset()
  Object.assign(listState, { query: '', status: '', procedure: '', judge: '', page: 1 })
})
afterEach(() => {
  w?.unmount()
  w = null
  vi.useRealTimers()
  document.body.innerHTML = ''
})

describe('CaseList', () => {
  it('loads the first page of 50 with no filter and marks every row for tests', async () => {
    backend(Array.from({ length: 120 }, (_, i) => summary(i)))
    const { wrapper } = await mountList()
    w = wrapper
    expect(listCalls()[0]).toEqual({ filter: {}, offset: 0, limit: 50 })
    await flushPromises()
    expect(wrapper.findAll('[data-testid="case-row"]').length).toBe(50)
    expect(wrapper.get('[data-testid="case-total"]').text()).toBe('共 120 件')
    expect(wrapper.text()).toContain('（2025）粤0309民初1000号')
    expect(wrapper.text()).toContain('2025-03-01')
    expect(wrapper.text()).toContain('未结')
  })

  it('debounces the search box and sends its text as filter.query', async () => {
    backend([ZHANG, summary(1), summary(2)])
    const { wrapper } = await mountList()
    w = wrapper
    vi.useFakeTimers()
    const input = wrapper.get('[data-testid="case-search"]')
    await input.setValue('张')
    await input.setValue('张三')
    expect(listCalls().length).toBe(1)
    vi.advanceTimersByTime(160)
    vi.useRealTimers()
    await flushPromises()
    expect(listCalls().length).toBe(2)
    expect(listCalls()[1]).toEqual({ filter: { query: '张三' }, offset: 0, limit: 50 })
    expect(wrapper.findAll('[data-testid="case-row"]').length).toBe(1)
  })

  it('opens the case when Enter is pressed and exactly one case matches', async () => {
    backend([ZHANG, summary(1), summary(2)])
    const { wrapper, router } = await mountList()
    w = wrapper
    const input = wrapper.get('[data-testid="case-search"]')
    await input.setValue('张三')
    await input.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('case')
    expect(router.currentRoute.value.params.caseNo).toBe('（2025）粤0309民初1234号')
  })

  it('stays on the list when Enter finds several cases', async () => {
    backend([ZHANG, summary(1), summary(2)])
    const { wrapper, router } = await mountList()
    w = wrapper
    const input = wrapper.get('[data-testid="case-search"]')
    await input.setValue('某某')
    await input.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('cases')
  })

  it('opens a case on row click', async () => {
    backend([ZHANG])
    const { wrapper, router } = await mountList()
    w = wrapper
    await wrapper.get('[data-testid="case-row"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.params.caseNo).toBe('（2025）粤0309民初1234号')
  })

  it('sends the ticked cases to 批量生成文书 on the 文书 page', async () => {
    backend([ZHANG, summary(2), summary(3)])
    const { wrapper, router } = await mountList()
    w = wrapper
    expect(w.find('[data-testid="case-batch-documents"]').exists()).toBe(false)
    const boxes = w.findAll('.el-table__body .el-checkbox input')
    await boxes[0].setValue(true)
    await boxes[2].setValue(true)
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('cases')
    const button = w.get('[data-testid="case-batch-documents"]')
    expect(button.text()).toBe('批量生成文书（2 件）')
    await button.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('documents')
    expect(router.currentRoute.value.query.cases).toBe(`${ZHANG.case_no},${summary(3).case_no}`)
  })

  it('focuses the search box on / and Ctrl+F', async () => {
    backend([ZHANG])
    const { wrapper } = await mountList()
    w = wrapper
    const input = wrapper.get('[data-testid="case-search"]').element as HTMLInputElement
    ;(document.activeElement as HTMLElement | null)?.blur()
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '/', bubbles: true }))
    expect(document.activeElement).toBe(input)
    input.blur()
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'f', ctrlKey: true, bubbles: true }))
    expect(document.activeElement).toBe(input)
  })

  it('shows the empty state when nothing matches', async () => {
    backend([])
    const { wrapper } = await mountList()
    w = wrapper
    expect(wrapper.get('[data-testid="case-empty"]').text()).toBe('案件库中还没有案件')
  })

  it('shows a back-end error with its message', async () => {
    invokeMock.mockImplementation(async (cmd: string) => {
      if (cmd === 'list_facets') return { judges: [], procedures: [] }
      throw { code: 'store_locked', message: '案件库无法打开：密钥错误' }
    })
    const { wrapper } = await mountList()
    w = wrapper
    await flushPromises()
    expect(document.body.textContent).toContain('案件库无法打开：密钥错误')
  })
})
