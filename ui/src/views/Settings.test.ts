import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn(), isTauri: () => true }))
vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn(async () => () => {}) }))

import { invoke } from '@tauri-apps/api/core'
import { i18n } from '../i18n'
import Settings from './Settings.vue'

const invokeMock = vi.mocked(invoke)
const q = (id: string) => `[data-testid="${id}"]`
const NOTICE = '{"year":2027,"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true}]}'
const MOVED = [
  { case_no: '（2025）粤0309民初1234号', name: '上诉期（判决）', party: '张三', from: '2027-01-01', to: '2027-01-04' },
  { case_no: '（2025）粤0309民初88号', name: '审限', party: null, from: null, to: '2027-03-02' },
]

function backend(opts: { importError?: unknown } = {}) {
  let years = [2026, 2024, 2025]
  const calls: [string, unknown][] = []
  invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
    calls.push([cmd, args])
    switch (cmd) {
      case 'store_status':
        return { path: '/home/u/.andu/andu.db', case_count: 200, is_new: false }
      case 'holiday_years':
        return years
      case 'import_holiday_year':
        if (opts.importError) throw opts.importError
        years = [...years, 2027]
        return { year: 2027, moved: MOVED }
    }
    throw { code: 'unknown', message: cmd }
  })
  return calls
}

async function mountSettings(path = '/settings') {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/settings', name: 'settings', component: Settings },
      { path: '/cases/:caseNo', name: 'case', component: { template: '<div />' }, props: true },
    ],
  })
  await router.push(path)
  await router.isReady()
  const wrapper = mount(Settings, { global: { plugins: [ElementPlus, i18n, router] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

/** Chooses `file` in the file input as a person would. */
async function choose(w: VueWrapper, file: File) {
  const input = w.get(q('holiday-file')).element as HTMLInputElement
  Object.defineProperty(input, 'files', { value: [file], configurable: true })
  await w.get(q('holiday-file')).trigger('change')
}

/** The submit, then FileReader (a macrotask) and the back end. */
async function submit(w: VueWrapper) {
  await w.get(q('holiday-import')).trigger('submit')
  for (let i = 0; i < 5; i++) {
    await flushPromises()
    await new Promise((r) => setTimeout(r, 10))
  }
}

let w: VueWrapper | null = null
beforeEach(() => {
  invokeMock.mockReset()
})
afterEach(() => {
  w?.unmount()
  w = null
  document.body.innerHTML = ''
})

describe('Settings → 节假日数据', () => {
  it('lists the years the calendar covers, in order', async () => {
    backend()
    w = await mountSettings()
    expect(w.get(q('holiday-years')).attributes('data-years')).toBe('2024,2025,2026')
    expect(w.get(q('holiday-years')).text()).toBe('202420252026')
  })

  it('imports a notice, says which year and lists the deadlines it moved', async () => {
    const calls = backend()
    w = await mountSettings()
    expect(w.get(q('holiday-import-submit')).attributes('disabled')).toBeDefined()
    await choose(w, new File([NOTICE], '2027.json', { type: 'application/json' }))
    await submit(w)
    expect(calls).toContainEqual(['import_holiday_year', { json: NOTICE }])
    const moved = w.get(q('holiday-moved'))
    expect(moved.text()).toContain('已导入 2027 年')
    expect(moved.text()).toContain('2 项未届满的期限因此改变')
    const rows = moved.findAll('.el-table__body tr')
    expect(rows).toHaveLength(2)
    expect(rows[0].text()).toContain('（2025）粤0309民初1234号')
    expect(rows[0].text()).toContain('张三')
    expect(rows[0].text()).toContain('2027-01-01 → 2027-01-04')
    expect(rows[1].text()).toContain('无法计算 → 2027-03-02')
    expect(rows[1].text()).toContain('—')
    expect(w.get(q('holiday-years')).attributes('data-years')).toBe('2024,2025,2026,2027')
  })

  it('shows the back end’s message when the notice is refused', async () => {
    backend({ importError: { code: 'holiday_table_invalid', message: '放假安排无效：2027-02-30 不是有效日期', detail: null } })
    w = await mountSettings()
    await choose(w, new File([NOTICE], '2027.json'))
    await submit(w)
    const err = w.get(q('holiday-import-error'))
    expect(err.attributes('data-code')).toBe('holiday_table_invalid')
    expect(err.text()).toContain('放假安排无效：2027-02-30 不是有效日期')
    expect(w.find(q('holiday-moved')).exists()).toBe(false)
  })

  it('refuses a file that is not .json without calling the back end', async () => {
    const calls = backend()
    w = await mountSettings()
    await choose(w, new File(['x'], 'notice.txt'))
    await submit(w)
    expect(w.get(q('holiday-import-error')).text()).toContain('请选择 .json 文件')
    expect(calls.map(([c]) => c)).not.toContain('import_holiday_year')
  })
})
