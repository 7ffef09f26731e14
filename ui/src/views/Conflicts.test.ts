import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn(), isTauri: () => true }))
vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn(async () => () => {}) }))

import { invoke } from '@tauri-apps/api/core'
import { i18n } from '../i18n'
import Conflicts from './Conflicts.vue'
import type { ConflictView, RejectionView } from '../api/sync'

const invokeMock = vi.mocked(invoke)
const q = (id: string) => `[data-testid="${id}"]`

const CONFLICT: ConflictView = {
  id: 'c1',
  case_id: 'k1',
  case_no: '（2025）粤0309民初1234号',
  entity: 'case',
  entity_id: 'k1',
  field: 'judge',
  field_label: '承办法官',
  mine: '测试法官甲',
  mine_by: { user: 'wangjg', device_id: 'dev-a' },
  theirs: '测试法官乙',
  theirs_by: { user: 'chenj', device_id: 'dev-b' },
  kept_mine: false,
  mine_here: true,
  status: 'open',
  resolution: null,
  resolved_by: null,
  at: '2026-11-26T08:30:00+08:00',
  resolved_at: null,
}

const REJECTION: RejectionView = {
  device_seq: 7,
  change_id: 'x',
  case_id: 'k2',
  case_no: '（2025）粤0309刑初200号',
  entity: 'case',
  field: null,
  value: null,
  code: 'forbidden_case',
  message: '无权在刑事审判庭立案',
  at: '2026-11-26T08:00:00Z',
}

function backend() {
  let open = [CONFLICT]
  const calls: [string, unknown][] = []
  invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
    calls.push([cmd, args])
    switch (cmd) {
      case 'sync_conflicts':
        return open
      case 'sync_rejections':
        return [REJECTION]
      case 'sync_resolve':
        open = []
        return open
      case 'sync_status':
        return null
    }
    throw { code: 'unknown', message: cmd }
  })
  return calls
}

async function mountView() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/sync/conflicts', name: 'conflicts', component: Conflicts },
      { path: '/cases/:caseNo', name: 'case', component: { template: '<div />' }, props: true },
    ],
  })
  await router.push('/sync/conflicts')
  await router.isReady()
  const w = mount(Conflicts, { global: { plugins: [ElementPlus, i18n, router] }, attachTo: document.body })
  await flushPromises()
  return w
}

describe('Conflicts', () => {
  it('shows my value and theirs side by side with the field as judges call it', async () => {
    backend()
    const w = await mountView()
    const c = w.get(q('conflict'))
    expect(c.get(q('conflict-case')).text()).toBe('（2025）粤0309民初1234号')
    expect(c.get(q('conflict-field')).text()).toBe('承办法官')
    expect(c.get(q('conflict-mine-value')).text()).toBe('测试法官甲')
    expect(c.get(q('conflict-theirs-value')).text()).toBe('测试法官乙')
    expect(c.get(q('conflict-mine')).text()).toContain('本机')
    // When it arose, by the server's clock, in local time.
    expect(c.get(q('conflict-at')).text()).toMatch(/^发生于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
    w.unmount()
  })

  it('resolves with the chosen side and the list empties', async () => {
    const calls = backend()
    const w = await mountView()
    await w.get(q('conflict-take-theirs')).trigger('click')
    await flushPromises()
    expect(calls).toContainEqual(['sync_resolve', { id: 'c1', take: 'theirs' }])
    expect(w.findAll(q('conflict'))).toHaveLength(0)
    expect(w.find(q('conflicts-empty')).exists()).toBe(true)
    w.unmount()
  })

  it('lists refused edits with the reason', async () => {
    backend()
    const w = await mountView()
    expect(w.get(q('rejections')).attributes('data-count')).toBe('1')
    expect(w.get(q('rejection-reason')).text()).toBe('无权在刑事审判庭立案')
    expect(w.get(q('rejection-change')).text()).toBe('新建案件')
    w.unmount()
  })
})
