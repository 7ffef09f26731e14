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
    { key: 'review:reviewer', value: '庭长', source: 'builtin', published: null },
    { key: 'review:required', value: 'sent', source: 'builtin', published: null },
    { key: 'review:override', value: 'allowed', source: 'builtin', published: null },
  ],
  settings_published: null,
}
const PUBLISHED = {
  weights: { custom: true, version: '本院-2027' },
  weights_published: { at: '2026-11-26T09:00:00.000Z', by: 'admin' },
  settings: [
    { key: 'review:reviewer', value: '院长', source: 'court', published: { at: '2026-11-27T10:30:00.000Z', by: '审管办' } },
    { key: 'review:required', value: 'sent', source: 'builtin', published: null },
    { key: 'review:override', value: 'refused', source: 'local', published: null },
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
    expect(w.get(q('court-review-settings')).text()).toContain('阅核人：庭长')
    expect(w.get(q('court-review-settings')).text()).toContain('须阅核：送阅核的案件')
    expect(w.findAll(q('court-setting-source')).map((x) => x.text())).toEqual(['内置默认', '内置默认', '内置默认'])
  })

  it('names the source of each setting: the court’s (when, by whom), the default, or set on this machine', async () => {
    const w = await shown(PUBLISHED)
    expect(w.get(q('court-weights')).text()).toBe('本院-2027')
    expect(w.get(q('court-weights-source')).text()).toBe('本院发布（2026-11-26 09:00，admin）')
    const line = (key: string) => w.get(`[data-key="${key}"]`)
    expect(line('review:reviewer').text()).toContain('阅核人：院长')
    expect(line('review:reviewer').attributes('data-source')).toBe('court')
    expect(line('review:reviewer').get(q('court-setting-source')).text()).toBe('本院发布（2026-11-27 10:30，审管办）')
    expect(line('review:required').get(q('court-setting-source')).text()).toBe('内置默认')
    expect(line('review:override').text()).toContain('越过阅核导出：不允许')
    expect(line('review:override').get(q('court-setting-source')).text()).toBe('本机设置')
  })

  it('says when a court file was set on this machine, and speaks English', async () => {
    i18n.global.locale.value = 'en'
    const w = await shown({ ...PUBLISHED, weights_published: null })
    expect(w.get(q('court-weights-source')).text()).toBe('Set on this machine')
    expect(w.get(q('court-review-settings')).text()).toContain('Reviewer：Court president')
    expect(w.get('[data-key="review:override"]').get(q('court-setting-source')).text()).toBe('Set on this machine')
  })

  it('shows a refusal instead of values', async () => {
    invokeMock.mockRejectedValue({ code: 'store_locked', message: '数据库未解锁' })
    const w = mount(CourtDataInForce, { global: { plugins: [i18n, ElementPlus] } })
    await flushPromises()
    expect(w.get(q('court-data-error')).text()).toContain('数据库未解锁')
  })
})
