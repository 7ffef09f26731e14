import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus, { ElSelect } from 'element-plus'

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn(), isTauri: () => true }))
// The doc-batch-progress listener: the test keeps the handler and fires it as the back end would.
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
import { i18n } from '../i18n'
import BatchDocuments from './BatchDocuments.vue'

const invokeMock = vi.mocked(invoke)
const A = '（2025）粤0309民初1234号'
const B = '（2025）粤0309民初77号'
const MISSING = '（2025）粤0309民初9号'
const DIR = '/dl/传票-批量-2026-11-26'

let gate: (() => void) | null = null
function backend(opts: { batchError?: unknown } = {}) {
  invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
    const a = (args ?? {}) as { template?: string; caseNos?: string[] }
    switch (cmd) {
      case 'doc_templates':
        return [{ name: '传票', template: 'builtin:传票', description: '传唤当事人开庭（民事）', addressee_role: null, source: 'builtin' }]
      case 'list_cases':
        return {
          total: 2,
          items: [
            { id: '1', case_no: A, cause: '民间借贷纠纷', procedure: 'civil-simple', procedure_name: '简易程序', filed: '2025-01-05', status: 'pending', closed: null, judge: '王明', division: '民一庭', parties: '张三 诉 某某科技有限公司' },
            { id: '2', case_no: B, cause: '买卖合同纠纷', procedure: 'civil-simple', procedure_name: '简易程序', filed: '2025-06-02', status: 'pending', closed: null, judge: '李四', division: '民二庭', parties: '甲公司 诉 乙' },
          ],
        }
      case 'generate_documents_batch': {
        if (opts.batchError) throw opts.batchError
        await new Promise<void>((r) => (gate = r))
        return {
          dir: DIR,
          items: (a.caseNos ?? []).map((no) =>
            no === MISSING
              ? { case_no: no, canonical: null, path: null, missing: [], error: { code: 'case_not_found', message: `没有案号为 ${no} 的案件` } }
              : { case_no: no, canonical: no, path: `${DIR}/${no}-传票.docx`, missing: no === A ? ['传唤事由'] : [], error: null },
          ),
        }
      }
      case 'open_document':
        return null
    }
    throw { code: 'unknown', message: cmd }
  })
}

const q = (id: string) => `[data-testid="${id}"]`
let w: VueWrapper | null = null
async function choose(testid: string, value: unknown) {
  const sel = w!.findAllComponents(ElSelect).find((c) => c.attributes('data-testid') === testid)!
  sel.vm.$emit('update:modelValue', value)
  await flushPromises()
}
const fire = (payload: unknown) => progressHandlers.forEach((h) => h({ payload }))

beforeEach(() => {
  invokeMock.mockReset()
  i18n.global.locale.value = 'zh-CN'
})
afterEach(() => {
  w?.unmount()
  w = null
  document.body.innerHTML = ''
})

describe('BatchDocuments (批量生成)', () => {
  it('generates one template for the chosen and pasted cases, with progress, and lists each case, a failed one with its reason', async () => {
    backend()
    w = mount(BatchDocuments, { props: { initialCases: [A] }, global: { plugins: [ElementPlus, i18n] }, attachTo: document.body })
    await flushPromises()
    expect(invokeMock).toHaveBeenCalledWith('list_cases', { filter: { status: 'pending' }, offset: 0, limit: 500 })
    await choose('doc-batch-template', 'builtin:传票')
    const paste = w.get(q('doc-batch-paste'))
    await (paste.element.tagName === 'TEXTAREA' ? paste : paste.get('textarea')).setValue(`${B}\n${MISSING}、${A}`)
    await w.get(q('doc-batch-add')).trigger('click')
    expect(w.get(q('doc-batch-generate')).text()).toBe('生成 3 份')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(invokeMock).toHaveBeenCalledWith('generate_documents_batch', { template: 'builtin:传票', caseNos: [A, B, MISSING] })
    fire({ done: 2, total: 3, case_no: B, ok: true })
    await flushPromises()
    expect(w.get(q('doc-batch-progress')).text()).toContain('2/3')
    expect(w.get('.el-progress').text()).toContain('67%')
    gate!()
    await flushPromises()
    expect(w.find(q('doc-batch-progress')).exists()).toBe(false)
    expect(progressHandlers).toHaveLength(0)
    const result = w.get(q('doc-batch-result')).text()
    expect(result).toContain('已生成 2 份，失败 1 份')
    expect(w.get(q('doc-batch-dir')).text()).toBe(`保存位置：${DIR}`)
    expect(w.findAll(q('doc-batch-row-case')).map((n) => n.text())).toEqual([A, B, MISSING])
    expect(w.findAll(q('doc-batch-row-outcome')).map((n) => n.text())).toEqual(['成功', '成功', '失败'])
    expect(w.get(q('doc-batch-row-error')).text()).toBe(`没有案号为 ${MISSING} 的案件`)
    expect(result).toContain('以下字段案件中没有，文书中留空：传唤事由')
    await w.findAll(q('doc-batch-open'))[1].trigger('click')
    await flushPromises()
    expect(invokeMock).toHaveBeenCalledWith('open_document', { caseNo: B, path: `${DIR}/${B}-传票.docx` })
  })

  it('needs a template and a case, and shows a failure of the whole batch', async () => {
    backend({ batchError: { code: 'template_not_found', message: '没有这个模板' } })
    w = mount(BatchDocuments, { global: { plugins: [ElementPlus, i18n] }, attachTo: document.body })
    await flushPromises()
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.get(q('doc-batch-error')).text()).toBe('请先选择文书模板')
    await choose('doc-batch-template', 'builtin:传票')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.get(q('doc-batch-error')).text()).toBe('请至少选择一个案件')
    await choose('doc-batch-cases', [A])
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.get(q('doc-batch-error')).text()).toBe('没有这个模板')
    expect(w.find(q('doc-batch-result')).exists()).toBe(false)
  })
})
