import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn(), isTauri: () => true }))

import { invoke } from '@tauri-apps/api/core'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n } from '../i18n'
import Documents from './Documents.vue'

async function at(path: string) {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/documents', component: Documents }] })
  await router.push(path)
  return router
}

describe('文书 page', () => {
  it('lists the built-in templates with their descriptions and says where documents are generated', async () => {
    vi.mocked(invoke).mockImplementation(async (cmd: string) => {
      if (cmd === 'list_cases') return { total: 0, items: [] }
      if (cmd === 'doc_templates')
        return [
          { name: '传票', template: 'builtin:传票', description: '传唤当事人开庭（民事）', addressee_role: null, source: 'builtin' },
          { name: '应诉通知书', template: 'builtin:应诉通知书', description: '通知被告应诉（民事）', addressee_role: '被告', source: 'builtin' },
          { name: '传票（本院）', template: 'court:传票（本院）', description: '本院发布的模板', addressee_role: null, source: 'court' },
        ]
      throw { code: 'unknown', message: cmd }
    })
    i18n.global.locale.value = 'zh-CN'
    const router = await at('/documents?cases=（2025）粤0309民初1234号,（2025）粤0309民初77号')
    const w = mount(Documents, { global: { plugins: [ElementPlus, i18n, router] } })
    await flushPromises()
    expect(w.findAll('[data-testid="doc-template-name"]').map((n) => n.text())).toEqual(['传票', '应诉通知书', '传票（本院）'])
    // The court's own template (received at sync) is told apart from the built-ins.
    expect(w.findAll('[data-testid="doc-template-source"]').map((n) => n.text())).toEqual(['内置', '内置', '本院发布'])
    const table = w.get('[data-testid="doc-templates"]').text()
    expect(table).toContain('通知被告应诉（民事）')
    expect(table).toContain('被告')
    const hint = w.get('[data-testid="documents-hint"]').text()
    expect(hint).toContain('“文书”标签')
    expect(hint).toContain('andu doc fields --template')
    // 批量生成 below, with the cases of the link already chosen.
    expect(w.get('[data-testid="doc-batch"]').text()).toContain('批量生成')
    expect(w.get('[data-testid="doc-batch-generate"]').text()).toBe('生成 2 份')
    w.unmount()
  })
})
