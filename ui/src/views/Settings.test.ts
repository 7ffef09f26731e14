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

const PARSED = {
  year: 2027,
  holidays: [
    { name: '元旦', off: ['2027-01-01', '2027-01-02', '2027-01-03'], work: [] },
    { name: '春节', off: ['2027-02-06', '2027-02-07'], work: ['2027-02-20'] },
  ],
  json: NOTICE,
}

function backend(opts: { importError?: unknown; parseError?: unknown } = {}) {
  let years = [2026, 2024, 2025]
  const calls: [string, unknown][] = []
  invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
    calls.push([cmd, args])
    switch (cmd) {
      case 'store_status':
        return { path: '/home/u/.andu/andu.db', case_count: 200, is_new: false }
      case 'holiday_years':
        return years
      case 'parse_holiday_notice':
        if (opts.parseError) throw opts.parseError
        return PARSED
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

describe('Settings → 节假日数据 → 粘贴通知', () => {
  async function paste(w: VueWrapper, text: string, year = '') {
    await w.get(q('notice-text')).setValue(text)
    if (year) await w.get(q('notice-year')).setValue(year)
    await w.get(q('notice-parse')).trigger('click')
    await flushPromises()
  }

  it('reads the pasted notice, shows it on a calendar, and imports only on confirmation', async () => {
    const calls = backend()
    w = await mountSettings()
    await paste(w, '国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：……')
    expect(calls).toContainEqual(['parse_holiday_notice', { text: '国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：……', year: null }])
    expect(calls.map(([c]) => c)).not.toContain('import_holiday_year')
    const parsed = w.get(q('notice-parsed'))
    expect(parsed.text()).toContain('2027 年放假安排')
    const rows = w.findAll(`${q('notice-holidays')} .el-table__body tr`)
    expect(rows[0].text()).toContain('2027-01-01 — 2027-01-03（3）')
    expect(rows[1].text()).toContain('2027-02-20')
    expect(w.get('[data-date="2027-02-06"]').attributes('data-mark')).toBe('off')
    expect(w.get('[data-date="2027-02-20"]').attributes('data-mark')).toBe('work')
    expect(w.get('[data-date="2027-02-27"]').attributes('data-mark')).toBe('weekend')
    expect(w.findAll(`${q('notice-calendar')} table`)).toHaveLength(12)

    await w.get(q('notice-import')).trigger('click')
    await flushPromises()
    expect(calls).toContainEqual(['import_holiday_year', { json: NOTICE }])
    expect(w.get(q('holiday-moved')).text()).toContain('已导入 2027 年')
    expect(w.get(q('holiday-years')).attributes('data-years')).toBe('2024,2025,2026,2027')
    expect(w.find(q('notice-parsed')).exists()).toBe(false)
  })

  it('passes the year typed for a notice without its title, and refuses a year that is not a number', async () => {
    const calls = backend()
    w = await mountSettings()
    await paste(w, '一、元旦：1月1日放假。', '二〇二七')
    expect(w.get(q('notice-error')).text()).toContain('年份应为数字')
    expect(calls.map(([c]) => c)).not.toContain('parse_holiday_notice')
    await w.get(q('notice-year')).setValue('2027')
    await w.get(q('notice-parse')).trigger('click')
    await flushPromises()
    expect(calls).toContainEqual(['parse_holiday_notice', { text: '一、元旦：1月1日放假。', year: 2027 }])
  })

  it('shows which item could not be read, and imports nothing', async () => {
    const calls = backend({
      parseError: { code: 'holiday_notice_unreadable', message: '无法读取放假通知：第二项（春节）没有找到放假日期', detail: null },
    })
    w = await mountSettings()
    await paste(w, '关于2027年部分节假日安排的通知\n二、春节：另行通知。')
    const err = w.get(q('notice-error'))
    expect(err.attributes('data-code')).toBe('holiday_notice_unreadable')
    expect(err.text()).toContain('第二项（春节）')
    expect(w.find(q('notice-parsed')).exists()).toBe(false)
    expect(calls.map(([c]) => c)).not.toContain('import_holiday_year')
  })
})
