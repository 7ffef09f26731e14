import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn(), isTauri: () => true }))
vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn(async () => () => {}) }))

import { invoke } from '@tauri-apps/api/core'
import { i18n } from '../i18n'
import SyncIndicator from './SyncIndicator.vue'
import { syncClock, syncState } from '../syncState'
import type { SyncState } from '../api/sync'

const invokeMock = vi.mocked(invoke)
const q = (id: string) => `[data-testid="${id}"]`

const BASE: SyncState = {
  server: 'http://127.0.0.1:8080',
  user: 'wangjg',
  role: 'judge',
  division: '民一庭',
  cursor: { seq: 10, epoch: 1 },
  acked: 10,
  pending: 0,
  conflicts: 0,
  rejected: 0,
  last_sync: new Date().toISOString(),
  last_error: null,
  waiting_assets: [],
  logged_in: true,
  online: true,
  syncing: false,
  next_attempt: null,
  interval_secs: 30,
  failures: 0,
  last_error_code: null,
  last_report: null,
  version: 1,
}

async function mountBar() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { template: '<div />' } },
      { path: '/sync/conflicts', name: 'conflicts', component: { template: '<div />' } },
      { path: '/settings', name: 'settings', component: { template: '<div />' } },
    ],
  })
  await router.push('/')
  await router.isReady()
  return mount(SyncIndicator, { global: { plugins: [ElementPlus, i18n, router] } })
}

describe('SyncIndicator', () => {
  it('offers the login when not logged in', async () => {
    syncState.value = { ...BASE, logged_in: false, server: null }
    const w = await mountBar()
    expect(w.get(q('sync-state')).attributes('data-kind')).toBe('notLoggedIn')
    expect(w.find(q('sync-login-link')).exists()).toBe(true)
    expect(w.find(q('sync-now')).exists()).toBe(false)
  })

  it('shows 已同步, pending and conflicts', async () => {
    syncState.value = { ...BASE }
    const w = await mountBar()
    expect(w.get(q('sync-state')).text()).toContain('已同步')
    expect(w.get(q('sync-last')).text()).toContain('刚刚')
    syncState.value = { ...BASE, pending: 3, conflicts: 2 }
    await flushPromises()
    expect(w.get(q('sync-state')).attributes('data-kind')).toBe('online')
    expect(w.get(q('sync-pending')).text()).toBe('待上传 3')
    expect(w.get(q('sync-conflicts')).text()).toBe('冲突 2')
  })

  it('says when it retries while offline', async () => {
    syncClock.value = new Date()
    const next = new Date(syncClock.value.getTime() + 42_000).toISOString()
    syncState.value = { ...BASE, online: false, failures: 2, last_error_code: 'server_unreachable', next_attempt: next }
    const w = await mountBar()
    expect(w.get(q('sync-state')).text()).toContain('离线')
    expect(w.get(q('sync-retry')).text()).toBe('42 秒后重试')
    expect(w.get(q('sync-error')).text()).toContain('无法连接服务器')
  })

  it('立即同步 calls sync_now', async () => {
    syncState.value = { ...BASE }
    invokeMock.mockImplementation(async (cmd: string) => {
      if (cmd === 'sync_now') return { pushed: 1, pulled: 2, conflicts: 0, rejected: 0 }
      if (cmd === 'sync_status') return { ...BASE }
      throw { code: 'unknown', message: cmd }
    })
    const w = await mountBar()
    await w.get(q('sync-now')).trigger('click')
    await flushPromises()
    expect(invokeMock).toHaveBeenCalledWith('sync_now', {})
  })
})
