import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn(), isTauri: () => true }))

import { invoke } from '@tauri-apps/api/core'
import { i18n } from '../i18n'
import Calendar from './Calendar.vue'
import { CASE_NO, dueItem, report } from '../testing/fixtures'

const invokeMock = vi.mocked(invoke)
const q = (id: string) => `[data-testid="${id}"]`
const settle = async () => {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 50))
  await flushPromises()
}

const appeal = dueItem({ due: '2026-12-01', tier: 'urgent' })
const hearing = dueItem({ kind: 'hearing', name: '开庭', party: null, due: '2026-11-29', time: '2026-11-29T09:30', room: '第一法庭', explanation: ['2026-11-29 09:30 在第一法庭开庭'], citation: '' })
const busyDay = Array.from({ length: 6 }, (_, i) =>
  dueItem({ kind: 'trial_limit', name: '审限届满', party: null, case_no: `（2026）粤0309民初${100 + i}号`, due: '2026-11-27', tier: 'middle' }),
)

function backend() {
  invokeMock.mockImplementation(async (cmd: string) => {
    switch (cmd) {
      case 'calendar_items':
        return report([hearing, appeal, ...busyDay])
      case 'export_ics':
        return { path: '/home/u/Downloads/案牍日程-2026-10-26-2026-12-06.ics', count: 8 }
    }
    throw { code: 'unknown', message: cmd }
  })
}

async function mountCalendar() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/calendar', name: 'calendar', component: Calendar },
      { path: '/cases/:caseNo', name: 'case', component: { template: '<div />' }, props: true },
    ],
  })
  await router.push('/calendar')
  await router.isReady()
  const wrapper = mount(Calendar, { global: { plugins: [ElementPlus, i18n, router] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

let w: VueWrapper | null = null
beforeEach(() => {
  invokeMock.mockReset()
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-11-26T02:00:00Z')) // 10:00 in Beijing
})
afterEach(() => {
  vi.useRealTimers()
  w?.unmount()
  w = null
  document.body.innerHTML = ''
})

describe('Calendar', () => {
  it('loads the visible weeks of the month and puts items on their days in tier colours', async () => {
    backend()
    w = await mountCalendar()
    expect(invokeMock).toHaveBeenCalledWith('calendar_items', { from: '2026-10-26', to: '2026-12-06' })
    expect(w.get(q('calendar-title')).text()).toBe('2026年11月')
    expect(w.findAll(q('calendar-day'))).toHaveLength(42)
    const day = (d: string) => w!.get(`[data-date="${d}"]`)
    const chip = day('2026-12-01').get(q('calendar-item'))
    expect(chip.text()).toBe('上诉期（判决） 民初1234号')
    expect(chip.attributes('data-tier')).toBe('urgent')
    expect(chip.attributes('style')).toContain('#e8590c')
    expect(day('2026-11-29').get(q('calendar-item')).text()).toBe('09:30 开庭 民初1234号')
    // A crowded day shows three chips and "另 3 项".
    expect(day('2026-11-27').findAll(q('calendar-item'))).toHaveLength(3)
    expect(day('2026-11-27').get(q('calendar-more')).text()).toBe('另 3 项')
  })

  it('explains an item in a popover with a link to the case', async () => {
    backend()
    w = await mountCalendar()
    await w.get('[data-date="2026-12-01"]').get(q('calendar-item')).trigger('click')
    await settle()
    const pop = document.body.querySelector(q('calendar-popover'))
    expect(pop?.textContent).toContain(CASE_NO)
    expect(pop?.textContent).toContain('《民事诉讼法》第一百七十一条')
    expect(pop?.querySelector(q('calendar-open-case'))?.getAttribute('href')).toContain(encodeURIComponent('（2025）'))
  })

  it('names the courtroom of a hearing in its popover', async () => {
    backend()
    w = await mountCalendar()
    await w.get('[data-date="2026-11-29"]').get(q('calendar-item')).trigger('click')
    await settle()
    expect(document.body.querySelector(q('calendar-room'))?.textContent).toBe('第一法庭')
  })

  it('exports the visible range and says where the file is', async () => {
    backend()
    w = await mountCalendar()
    await w.get(q('export-ics')).trigger('click')
    await flushPromises()
    expect(invokeMock).toHaveBeenCalledWith('export_ics', { from: '2026-10-26', to: '2026-12-06' })
    expect(document.body.textContent).toContain('已导出 8 项到 /home/u/Downloads/案牍日程-2026-10-26-2026-12-06.ics')
  })

  it('switches to a week list and steps through weeks', async () => {
    backend()
    w = await mountCalendar()
    await w.get('[data-date="2026-11-27"]').get(q('calendar-more')).trigger('click')
    await flushPromises()
    expect(invokeMock).toHaveBeenLastCalledWith('calendar_items', { from: '2026-11-23', to: '2026-11-29' })
    const list = w.get(q('calendar-week-list'))
    expect(list.get('[data-date="2026-11-27"]').findAll(q('due-row'))).toHaveLength(6)
    expect(list.get('[data-date="2026-11-29"]').get(q('due-room')).text()).toBe('第一法庭')
    await w.get(q('calendar-next')).trigger('click')
    await flushPromises()
    expect(invokeMock).toHaveBeenLastCalledWith('calendar_items', { from: '2026-11-30', to: '2026-12-06' })
  })

  it('can hide a kind of item', async () => {
    backend()
    w = await mountCalendar()
    ;(w.vm as unknown as { $: { setupState: { kinds: string[] } } }).$.setupState.kinds = ['hearing']
    await flushPromises()
    expect(w.findAll(q('calendar-item'))).toHaveLength(1)
  })
})
