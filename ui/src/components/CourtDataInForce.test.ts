import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn(), isTauri: () => true }))
vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn(async () => () => {}) }))

import { invoke } from '@tauri-apps/api/core'
import { i18n } from '../i18n'
import CourtDataInForce from './CourtDataInForce.vue'

const invokeMock = vi.mocked(invoke)
const q = (id: string) => `[data-testid="${id}"]`

const BUILTIN = {
  weights: { custom: false, version: 'andu-default-2025.1' },
  weights_published: null,
  settings: [
    { key: 'review:reviewer', value: '庭长', by_court: false },
    { key: 'review:required', value: 'sent', by_court: false },
    { key: 'review:override', value: 'allowed', by_court: false },
  ],
  settings_published: null,
}
const PUBLISHED = {
  weights: { custom: true, version: '本院-2027' },
  weights_published: { at: '2026-11-26T09:00:00.000Z', by: 'admin' },
  settings: [
    { key: 'review:reviewer', value: '院长', by_court: true },
    { key: 'review:required', value: 'sent', by_court: false },
    { key: 'review:override', value: 'refused', by_court: true },
  ],
  settings_published: { at: '2026-11-27T10:30:00.000Z', by: '审管办' },
}

async function shown(answer: unknown) {
  invokeMock.mockImplementation(async (cmd: string) => {
    if (cmd === 'court_data_in_force') return answer
    throw new Error(`unexpected ${cmd}`)
  })
  const w = mount(CourtDataInForce, { global: { plugins: [i18n, ElementPlus] } })
  await flushPromises()
  return w
}

describe('设置 → 本院数据', () => {
  afterEach(() => {
    invokeMock.mockReset()
    i18n.global.locale.value = 'zh-CN'
  })

  it('shows the built-in weights and settings as such', async () => {
    const w = await shown(BUILTIN)
    expect(w.get(q('court-weights')).text()).toBe('andu-default-2025.1')
    expect(w.get(q('court-weights')).attributes('data-custom')).toBe('false')
    expect(w.get(q('court-weights-source')).text()).toBe('内置默认')
    expect(w.get(q('court-settings')).text()).toContain('阅核人：庭长')
    expect(w.get(q('court-settings')).text()).toContain('须阅核：送阅核的案件')
    expect(w.get(q('court-settings-source')).text()).toBe('内置默认')
  })

  it('names the court publication in force: when and by whom', async () => {
    const w = await shown(PUBLISHED)
    expect(w.get(q('court-weights')).text()).toBe('本院-2027')
    expect(w.get(q('court-weights-source')).text()).toBe('本院发布（2026-11-26 09:00，admin）')
    expect(w.get(q('court-settings')).text()).toContain('阅核人：院长')
    expect(w.get(q('court-settings')).text()).toContain('越过阅核导出：不允许')
    expect(w.get('[data-key="review:reviewer"]').attributes('data-court')).toBe('true')
    expect(w.get(q('court-settings-source')).text()).toBe('本院发布（2026-11-27 10:30，审管办）')
  })

  it('says when a court file was set on this machine, and speaks English', async () => {
    i18n.global.locale.value = 'en'
    const w = await shown({ ...PUBLISHED, weights_published: null })
    expect(w.get(q('court-weights-source')).text()).toBe('Set on this machine')
    expect(w.get(q('court-settings')).text()).toContain('Reviewer：Court president')
  })

  it('shows a refusal instead of values', async () => {
    invokeMock.mockRejectedValue({ code: 'store_locked', message: '数据库未解锁' })
    const w = mount(CourtDataInForce, { global: { plugins: [i18n, ElementPlus] } })
    await flushPromises()
    expect(w.get(q('court-data-error')).text()).toContain('数据库未解锁')
  })
})
