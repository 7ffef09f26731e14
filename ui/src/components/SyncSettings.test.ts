import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn(), isTauri: () => true }))
vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn(async () => () => {}) }))

import { invoke } from '@tauri-apps/api/core'
import { i18n } from '../i18n'
import SyncSettings from './SyncSettings.vue'
import { syncState } from '../syncState'
import type { SyncState } from '../api/sync'

const invokeMock = vi.mocked(invoke)
const q = (id: string) => `[data-testid="${id}"]`

const LOGGED_IN = {
  server: 'http://127.0.0.1:8080',
  user: 'wangjg',
  role: 'judge',
  division: '民一庭',
  pending: 1,
  logged_in: true,
  interval_secs: 30,
  version: 1,
} as SyncState

describe('设置 → 同步服务器 → 退出登录', () => {
  it('is refused with the reason while edits wait, then ends the session and keeps the form filled', async () => {
    i18n.global.locale.value = 'zh-CN'
    let pending = 1
    invokeMock.mockImplementation(async (cmd: string) => {
      if (cmd === 'sync_logout') {
        if (pending > 0) throw { code: 'logout_pending', message: '还有 1 项修改尚未上传', detail: null }
        return { ...LOGGED_IN, server: null, user: null, role: null, division: null, logged_in: false, pending: 0, version: 3 }
      }
      throw new Error(`unexpected ${cmd}`)
    })
    syncState.value = { ...LOGGED_IN }
    const w = mount(SyncSettings, { global: { plugins: [ElementPlus, i18n] } })
    await flushPromises()
    expect(w.get(q('sync-account')).attributes('data-user')).toBe('wangjg')

    await w.get(q('sync-logout')).trigger('click')
    await flushPromises()
    expect(w.get(q('sync-login-error')).attributes('data-code')).toBe('logout_pending')
    expect(w.get(q('sync-login-error')).text()).toContain('立即同步')
    expect(syncState.value?.logged_in).toBe(true)

    pending = 0
    await w.get(q('sync-logout')).trigger('click')
    await flushPromises()
    expect(w.find(q('sync-login-error')).exists()).toBe(false)
    expect(w.find(q('sync-account')).exists()).toBe(false)
    expect(syncState.value?.logged_in).toBe(false)
    // The server and user stay in the form, so logging in again is one password away.
    expect((w.get(q('sync-server')).element as HTMLInputElement).value).toBe('http://127.0.0.1:8080')
    expect((w.get(q('sync-user')).element as HTMLInputElement).value).toBe('wangjg')
    w.unmount()
  })
})

describe('设置 → 同步服务器 → 尚未应用的发布数据', () => {
  it('lists what the court published that this machine could not apply, with the reason, and hides when none', async () => {
    i18n.global.locale.value = 'zh-CN'
    syncState.value = {
      ...LOGGED_IN,
      waiting_assets: [
        { kind: 'fonts', name: '仿宋', reason: '此版本的案牍不能使用法院服务器发布的“fonts”类数据，请更新案牍' },
        { kind: 'rules', name: 'civil', reason: null },
      ],
    }
    const w = mount(SyncSettings, { global: { plugins: [ElementPlus, i18n] } })
    await flushPromises()
    const items = w.findAll(q('sync-waiting-asset'))
    expect(items.map((i) => i.attributes('data-kind'))).toEqual(['fonts', 'rules'])
    expect(items[0].text()).toContain('请更新案牍')
    expect(items[1].text()).toBe('期间规则 civil：将在下次同步时应用')

    syncState.value = { ...LOGGED_IN, waiting_assets: [], version: 2 }
    await flushPromises()
    expect(w.find(q('sync-waiting-assets')).exists()).toBe(false)
    w.unmount()
  })
})
