import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn(), isTauri: () => true }))

import { invoke } from '@tauri-apps/api/core'
import type { CourtProfile } from '../api/setup'
import { i18n } from '../i18n'
import CourtProfileSettings from './CourtProfileSettings.vue'

const invokeMock = vi.mocked(invoke)
const q = (id: string) => `[data-testid="${id}"]`
let w: VueWrapper | null = null

/** The back end: the store's court, its appellate court (unset at first), the check of set_appellate_court. */
function backend() {
  let profile: CourtProfile = { court: '广东省深圳市龙华区人民法院', appellate_court: null, suggestion: '广东省深圳市中级人民法院' }
  invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
    if (cmd === 'court_profile') return profile
    if (cmd === 'set_appellate_court') {
      const name = (args as { name: string }).name
      if (name && !name.endsWith('法院')) throw { code: 'appellate_court_invalid', message: `“${name}”不是法院的全称：应以“法院”结尾` }
      profile = { ...profile, appellate_court: name || null }
      return profile
    }
    throw { code: 'unknown', message: cmd }
  })
}

beforeEach(() => {
  invokeMock.mockReset()
  i18n.global.locale.value = 'zh-CN'
})
afterEach(() => {
  w?.unmount()
  w = null
  document.body.innerHTML = ''
})

describe('设置 → 本院信息 (the appellate court of judgments)', () => {
  it('says when it is unset, offers what the name suggests, and saves, refuses or clears a name', async () => {
    backend()
    w = mount(CourtProfileSettings, { global: { plugins: [ElementPlus, i18n] }, attachTo: document.body })
    await flushPromises()
    expect(w.get(q('court-name')).text()).toBe('广东省深圳市龙华区人民法院')
    expect(w.get(q('court-appellate-unset')).text()).toContain('判决书的“上诉于”处会写明上诉法院未设置')
    expect(w.get(q('court-appellate-unset')).text()).toContain('按本院名称推断为 广东省深圳市中级人民法院')

    await w.get(q('court-appellate-take')).trigger('click')
    await flushPromises()
    expect(invokeMock).toHaveBeenCalledWith('set_appellate_court', { name: '广东省深圳市中级人民法院' })
    expect((w.get(q('court-appellate-input')).element as HTMLInputElement).value).toBe('广东省深圳市中级人民法院')
    expect(w.find(q('court-appellate-unset')).exists()).toBe(false)

    await w.get(q('court-appellate-input')).setValue('深圳中院吧')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.get(q('court-appellate-error')).text()).toContain('不是法院的全称')
    // The refusal keeps the name typed for correcting.
    expect((w.get(q('court-appellate-input')).element as HTMLInputElement).value).toBe('深圳中院吧')

    await w.get(q('court-appellate-input')).setValue('  ')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(invokeMock).toHaveBeenLastCalledWith('set_appellate_court', { name: '' })
    expect(w.find(q('court-appellate-error')).exists()).toBe(false)
    expect(w.find(q('court-appellate-unset')).exists()).toBe(true)
  })
})
