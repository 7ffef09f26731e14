import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus, { ElSelect } from 'element-plus'

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn(), isTauri: () => true }))

import { invoke } from '@tauri-apps/api/core'
import { i18n } from '../i18n'
import AddCaseDialog from './AddCaseDialog.vue'

const invokeMock = vi.mocked(invoke)
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

async function open() {
  w = mount(AddCaseDialog, {
    props: { modelValue: false },
    global: { plugins: [ElementPlus, i18n] },
    attachTo: document.body,
  })
  await w.setProps({ modelValue: true })
  await flushPromises()
  return w
}

// The dialog is teleported to <body>, so query the document.
const $ = (id: string) => document.querySelector(q(id)) as HTMLElement | null

describe('AddCaseDialog', () => {
  it('shows each back-end field error next to its field', async () => {
    invokeMock.mockImplementation(async (cmd: string) => {
      if (cmd === 'list_facets') return { judges: [], procedures: [{ id: 'civil-simple', name: '简易程序' }] }
      if (cmd === 'case_vocabulary') return { closing_methods: [], deduction_kinds: [], appeal_outcomes: [], approvers: [], party_roles: ['原告', '被告', '案外人'] }
      if (cmd === 'add_case')
        throw {
          code: 'casenum_invalid',
          message: 'case_no：案号无法识别（另有 2 处错误）',
          detail: [
            { field: 'case_no', code: 'casenum_invalid', message: '案号“abc”无法识别' },
            { field: 'parties[1].name', code: 'field_required', message: '必填' },
            { field: 'hearings[0].start', code: 'date_invalid', message: '开庭时间无效' },
          ],
        }
      throw { code: 'unknown', message: cmd }
    })
    await open()
    const caseNo = $('add-case_no') as HTMLInputElement
    caseNo.value = 'abc'
    caseNo.dispatchEvent(new Event('input'))
    $('add-case-submit')!.click()
    await flushPromises()

    const call = invokeMock.mock.calls.find(([c]) => c === 'add_case')
    expect(call?.[1]).toMatchObject({ input: { case_no: 'abc', parties: [{ role: '原告' }, { role: '被告' }] } })
    expect($('error-case_no')?.textContent).toBe('案号“abc”无法识别')
    expect($('error-parties[1].name')?.textContent).toBe('必填')
    expect($('add-case-error')?.textContent).toContain('请修正标出的错误')
    expect($('add-case-error')?.textContent).toContain('hearings[0].start：开庭时间无效')
    expect(caseNo.value).toBe('abc')
    expect(w!.emitted('created')).toBeUndefined()
    // The roles offered are the back end's (case_vocabulary: andu-core's PartyRole::ALL), not a UI copy.
    const role = w!.findAllComponents(ElSelect).find((c) => c.attributes('data-testid') === 'add-party-role-0')!
    expect(role.findAllComponents({ name: 'ElOption' }).map((o) => o.props('value'))).toEqual(['原告', '被告', '案外人'])
  })

  it('emits the created case and closes', async () => {
    invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
      if (cmd === 'list_facets') return { judges: [], procedures: [] }
      if (cmd === 'add_case') return { case_no: (args as { input: { case_no: string } }).input.case_no }
      throw { code: 'unknown', message: cmd }
    })
    await open()
    const caseNo = $('add-case_no') as HTMLInputElement
    caseNo.value = '（2025）粤0309民初1号'
    caseNo.dispatchEvent(new Event('input'))
    $('add-party-button')!.click()
    await flushPromises()
    expect(document.querySelectorAll(q('add-party')).length).toBe(3)
    $('add-party-remove-2')!.click()
    $('add-case-submit')!.click()
    await flushPromises()
    expect(w!.emitted('created')?.[0]).toEqual([{ case_no: '（2025）粤0309民初1号' }])
    expect(w!.emitted('update:modelValue')?.at(-1)).toEqual([false])
  })
})
