import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus, { ElSelect } from 'element-plus'

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn(), isTauri: () => true }))
// The doc-progress listener: the test keeps the handler and fires it as the back end would.
const progressHandlers: ((e: { payload: unknown }) => void)[] = []
vi.mock('@tauri-apps/api/event', () => ({
  listen: vi.fn(async (_name: string, h: (e: { payload: unknown }) => void) => {
    progressHandlers.push(h)
    return () => {
      const i = progressHandlers.indexOf(h)
      if (i >= 0) progressHandlers.splice(i, 1)
    }
  }),
}))

import { invoke } from '@tauri-apps/api/core'
import { listen } from '@tauri-apps/api/event'
import type { CaseDetail, DocumentRow, Party } from '../api'
import { i18n } from '../i18n'
import CaseDocuments from './CaseDocuments.vue'

const invokeMock = vi.mocked(invoke)
const CASE_NO = '（2025）粤0309民初1234号'
const PARTIES: Party[] = [
  { id: 'p1', role: '原告', name: '张三', kind: 'person', id_number: null, address: null, phone: null, agent: null, foreign: false },
  { id: 'p2', role: '被告', name: '深圳市某某科技有限公司', kind: 'org', id_number: null, address: null, phone: null, agent: null, foreign: false },
]
const TEMPLATES = [
  { name: '传票', template: 'builtin:传票', description: '传唤当事人开庭（民事）', addressee_role: null, source: 'builtin' },
  { name: '应诉通知书', template: 'builtin:应诉通知书', description: '通知被告应诉（民事）', addressee_role: '被告', source: 'builtin' },
]
const OLD: DocumentRow = {
  id: 'd0',
  name: '应诉通知书',
  template: 'builtin:应诉通知书',
  party: null,
  path: '/dl/（2025）粤0309民初1234号/应诉通知书.docx',
  created: '2025-06-01T02:00:00Z',
}

let generateGate: (() => void) | null = null
function backend(opts: { openError?: unknown; generateError?: unknown; sendError?: unknown } = {}) {
  invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
    const a = (args ?? {}) as { caseNo?: string; template?: string; parties?: string[]; path?: string }
    switch (cmd) {
      case 'doc_templates':
        return TEMPLATES
      case 'generate_documents': {
        if (opts.generateError) throw opts.generateError
        const parties = a.parties ?? []
        await new Promise<void>((r) => (generateGate = r))
        const name = a.template!.replace('builtin:', '')
        const docs = parties.map((p, i) => ({
          id: `n${i}`,
          name: `${name}（${p}）`,
          template: a.template!,
          party: p,
          path: `/dl/${CASE_NO}/${name}-${p}.docx`,
          created: '2025-06-02T03:04:00Z',
        }))
        return {
          paths: docs.map((d) => d.path),
          missing: parties.map(() => ['开庭时间', '法庭']),
          case: { case_no: CASE_NO, documents: [OLD, ...docs] } as unknown as CaseDetail,
        }
      }
      case 'open_document':
        if (opts.openError) throw opts.openError
        return null
      case 'review_send_document':
        if (opts.sendError) throw opts.sendError
        return { id: 'r1', case_id: 'c1', draft_id: 'dr1', revision_id: 'rv1', reviewer: '庭长', note: null, by: '王法官', at: '2025-06-04T01:00:00Z' }
    }
    throw { code: 'unknown', message: cmd }
  })
}

const q = (id: string) => `[data-testid="${id}"]`
let w: VueWrapper | null = null

function mountTab(documents: DocumentRow[] = [OLD]) {
  return mount(CaseDocuments, {
    props: { caseNo: CASE_NO, parties: PARTIES, documents },
    global: { plugins: [ElementPlus, i18n] },
    attachTo: document.body,
  })
}
async function choose(testid: string, value: unknown) {
  const sel = w!.findAllComponents(ElSelect).find((c) => c.attributes('data-testid') === testid)!
  sel.vm.$emit('update:modelValue', value)
  await flushPromises()
}
const fire = (payload: unknown) => progressHandlers.forEach((h) => h({ payload }))

beforeEach(() => {
  invokeMock.mockReset()
  vi.mocked(listen).mockClear()
  i18n.global.locale.value = 'zh-CN'
})
afterEach(() => {
  w?.unmount()
  w = null
  document.body.innerHTML = ''
})

describe('CaseDocuments (文书 tab)', () => {
  it('lists the templates with their descriptions and says who gets it when no party is chosen', async () => {
    backend()
    w = mountTab()
    await flushPromises()
    expect(invokeMock).toHaveBeenCalledWith('doc_templates', undefined)
    await choose('doc-template', 'builtin:应诉通知书')
    expect(w.get(q('doc-template-description')).text()).toBe('通知被告应诉（民事）')
    expect(w.get(q('doc-parties')).text()).toContain('不选：模板默认的被告')
  })

  it('generates for the chosen parties with a progress bar, then lists the files and the blank fields', async () => {
    backend()
    w = mountTab()
    await flushPromises()
    await choose('doc-template', 'builtin:传票')
    await choose('doc-parties', ['张三', '深圳市某某科技有限公司'])
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(invokeMock).toHaveBeenCalledWith('generate_documents', {
      caseNo: CASE_NO,
      template: 'builtin:传票',
      parties: ['张三', '深圳市某某科技有限公司'],
    })
    expect(w.find(q('doc-progress')).exists()).toBe(true)
    fire({ done: 1, total: 2 })
    await flushPromises()
    expect(w.get(q('doc-progress')).text()).toContain('1/2')
    expect(w.get('.el-progress').text()).toContain('50%')
    generateGate!()
    await flushPromises()
    expect(w.find(q('doc-progress')).exists()).toBe(false)
    expect(progressHandlers).toHaveLength(0)
    const result = w.get(q('doc-result')).text()
    expect(result).toContain('已生成 2 份文书')
    expect(result).toContain(`/dl/${CASE_NO}/传票-张三.docx`)
    expect(w.get(q('doc-missing')).text()).toBe('以下字段案件中没有，文书中留空：开庭时间、法庭')
    const emitted = w.emitted('generated')!
    expect((emitted[0][0] as CaseDetail).documents).toHaveLength(3)
  })

  it('sends no parties for the default addressee and needs a template first', async () => {
    backend()
    w = mountTab()
    await flushPromises()
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.get(q('doc-error')).text()).toBe('请先选择文书模板')
    expect(invokeMock).not.toHaveBeenCalledWith('generate_documents', expect.anything())
    await choose('doc-template', 'builtin:应诉通知书')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(invokeMock).toHaveBeenCalledWith('generate_documents', { caseNo: CASE_NO, template: 'builtin:应诉通知书', parties: [] })
    generateGate!()
    await flushPromises()
  })

  it('shows the back end message when generating fails', async () => {
    backend({ generateError: { code: 'template_invalid', message: '模板无法读取' } })
    w = mountTab()
    await flushPromises()
    await choose('doc-template', 'builtin:传票')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.get(q('doc-error')).text()).toBe('模板无法读取')
    expect(w.find(q('doc-result')).exists()).toBe(false)
    expect(w.get(q('doc-generate')).attributes('disabled')).toBeUndefined()
  })

  it('lists documents newest first in local time and opens one; an open error is shown with its message', async () => {
    const newer: DocumentRow = { ...OLD, id: 'd1', name: '传票（张三）', template: 'builtin:传票', party: '张三', path: '/dl/x/传票-张三.docx', created: '2025-06-03T02:00:00Z' }
    backend({ openError: { code: 'open_failed', message: '无法打开 /dl/x/传票-张三.docx：没有这个程序。请确认已安装 WPS、Word 或 LibreOffice' } })
    w = mountTab([OLD, newer])
    await flushPromises()
    const names = w.findAll(q('doc-name')).map((n) => n.text())
    expect(names).toEqual(['传票（张三）', '应诉通知书'])
    const table = w.get(q('doc-list')).text()
    expect(table).toContain('传票-张三.docx')
    expect(table).toContain('—')
    expect(table).toContain('2025-06-03 10:00') // 02:00 UTC, shown in Beijing time
    await w.findAll(q('doc-open'))[0].trigger('click')
    await flushPromises()
    expect(invokeMock).toHaveBeenCalledWith('open_document', { caseNo: CASE_NO, path: '/dl/x/传票-张三.docx' })
    expect(document.body.textContent).toContain('请确认已安装 WPS、Word 或 LibreOffice')
  })

  it('says so when the case has no documents yet', async () => {
    backend()
    w = mountTab([])
    await flushPromises()
    expect(w.get(q('doc-list')).text()).toContain('本案还没有生成过文书')
  })

  it('offers 送阅核 for a recorded 裁定书/调解书 only, sends its path, and shows a refusal with its message', async () => {
    const ruling: DocumentRow = { ...OLD, id: 'd2', name: '民事裁定书（准予撤诉）', template: 'builtin:民事裁定书（准予撤诉）', path: '/dl/x/民事裁定书（准予撤诉）.docx', created: '2025-06-05T02:00:00Z' }
    const mediation: DocumentRow = { ...OLD, id: 'd3', name: '民事调解书', template: 'builtin:民事调解书', path: '/dl/x/民事调解书.docx', created: '2025-06-04T02:00:00Z' }
    backend()
    w = mountTab([OLD, ruling, mediation])
    await flushPromises()
    // Newest first: the ruling, the mediation, then the 应诉通知书 (no 送阅核 for a notice).
    expect(w.findAll(q('doc-send-review'))).toHaveLength(2)
    await w.findAll(q('doc-send-review'))[0].trigger('click')
    await flushPromises()
    expect(invokeMock).toHaveBeenCalledWith('review_send_document', { caseNo: CASE_NO, path: ruling.path, note: null })
    expect(document.body.textContent).toContain('已送阅核：民事裁定书（准予撤诉）')

    backend({ sendError: { code: 'review_already_sent', message: '已于 2025-06-04 送阅核，尚未答复' } })
    await w.findAll(q('doc-send-review'))[1].trigger('click')
    await flushPromises()
    expect(invokeMock).toHaveBeenCalledWith('review_send_document', { caseNo: CASE_NO, path: mediation.path, note: null })
    expect(document.body.textContent).toContain('无法送阅核：已于 2025-06-04 送阅核，尚未答复')
  })
})
