import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn(), isTauri: () => true }))
vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn(async () => () => {}) }))

import { invoke } from '@tauri-apps/api/core'
import { i18n } from '../i18n'
import Today from './Today.vue'
import { CASE_NO, dueItem, HOLIDAY_2027, TODAY, todayView } from '../testing/fixtures'
import { urgentBadge } from '../state'
import type { DueItem, TodayQuery } from '../api'

const invokeMock = vi.mocked(invoke)
const q = (id: string) => `[data-testid="${id}"]`
/** Popovers open after a timer and a transition. */
const settle = async () => {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 50))
  await flushPromises()
}

const appeal = dueItem({ due: '2026-12-01', days_left: 5 })
const limit = dueItem({ kind: 'trial_limit', name: '审限届满', party: null, due: '2026-05-20', days_left: -190, tier: 'overdue', tier_name: '超期', citation: '《民事诉讼法》第一百五十二条', explanation: ['审限届满日：2026-05-20（星期三）'] })
const hearing = dueItem({ kind: 'hearing', name: '开庭', party: null, due: TODAY, time: `${TODAY}T09:30`, room: '第二法庭', tier: 'urgent', explanation: [`${TODAY} 09:30 在第一法庭开庭`], citation: '' })
const other = dueItem({ case_no: '（2026）粤0309刑初787号', judge: '张卫东', kind: 'trial_limit', name: '审限届满', party: null, due: '2026-11-30', days_left: 4, tier: 'urgent', tier_name: '紧急' })

const provisional = { year: 2027, date: '2027-01-10', code: 'holiday_data_missing', reason: '2027 年放假安排尚未导入' }
const provisionalLimit = dueItem({ case_no: '（2026）粤0309民初900号', kind: 'trial_limit', name: '审限届满', party: null, due: '2027-01-10', days_left: 45, tier: 'early', tier_name: '远期', provisional })

/**
 * The back end's 今日 (`today_view`): it sorts the items into sections and filters by judge; `brief`: the rows come
 * without explanations, as the app's back end sends them; `due_explanation` gives each.
 */
function backend(opts: { failDone?: boolean; extra?: DueItem[]; brief?: boolean } = {}) {
  const calls: [string, unknown][] = []
  const items = [limit, hearing, appeal, other, ...(opts.extra ?? [])]
  const strip = (list: DueItem[]) => list.map((i) => ({ ...i, ...(opts.brief ? { explanation: [] } : {}) }))
  invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
    calls.push([cmd, args])
    switch (cmd) {
      case 'due_explanation': {
        const item = items.find((i) => i.key === (args as { key: string }).key)!
        return { key: item.key, citation: item.citation, explanation: item.explanation }
      }
      case 'today_view': {
        const { judge } = (args as { query: TodayQuery }).query
        const mine = (list: DueItem[]) => strip(list.filter((i) => !judge || i.judge === judge))
        return todayView(
          { overdue: mine([limit]), hearings: mine([hearing]), week: mine([appeal]), limits: mine([other, ...(opts.extra ?? [])]) },
          {
            judges: ['王法官', '张卫东'],
            provisional: opts.extra?.some((i) => i.provisional) ? [{ year: 2027, n: 1 }] : [],
            urgent: 3,
            unresolved: [
              { case_no: 'A', name: '审限', error: HOLIDAY_2027 },
              { case_no: 'B', name: '答辩期', error: HOLIDAY_2027 },
            ],
          },
        )
      }
      case 'reminder_done':
        if (opts.failDone) throw { code: 'store_error', message: '无法写入' }
        return null
      case 'reminder_snooze':
        return null
    }
    throw { code: 'unknown', message: cmd }
  })
  return calls
}

async function mountToday() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/today', name: 'today', component: Today },
      { path: '/cases/:caseNo', name: 'case', component: { template: '<div />' }, props: true },
      { path: '/settings', name: 'settings', component: { template: '<div />' } },
    ],
  })
  await router.push('/today')
  await router.isReady()
  const wrapper = mount(Today, { global: { plugins: [ElementPlus, i18n, router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router }
}

let w: VueWrapper | null = null
beforeEach(() => {
  invokeMock.mockReset()
})
afterEach(() => {
  w?.unmount()
  w = null
  document.body.innerHTML = ''
})

describe('Today', () => {
  it('on an empty store (a first run that started empty) says how cases come in', async () => {
    invokeMock.mockImplementation(async (cmd: string) => {
      if (cmd === 'today_view') return todayView({})
      if (cmd === 'store_status') return { path: '/tmp/c.db', case_count: 0, is_new: true }
      throw { code: 'unknown', message: cmd }
    })
    ;({ wrapper: w } = await mountToday())
    await flushPromises()
    const hint = w.get(q('today-empty-store'))
    expect(hint.text()).toContain('案件库还是空的')
    expect(hint.get(q('today-go-import')).attributes('href')).toContain('/cases')
    expect(hint.get(q('today-go-login')).attributes('href')).toContain('section=sync')
  })

  it('states the windows and the reminder tiers the back end answered with, not numbers of its own', async () => {
    invokeMock.mockImplementation(async (cmd: string) => {
      if (cmd === 'today_view') {
        return todayView({}, {
          reminders: { early_fraction: 0.5, middle_days_civil: 20, middle_days_criminal_admin: 10, urgent_days: 3, party_days_before: 1 },
          windows: { recent_days: 5, week_days: 7, later_days: 45 },
        })
      }
      if (cmd === 'store_status') return { path: '/tmp/c.db', case_count: 3, is_new: false }
      throw { code: 'unknown', message: cmd }
    })
    ;({ wrapper: w } = await mountToday())
    await flushPromises()
    expect(w.get(q('today-limits-hint')).text()).toBe('已用 50% 为远期；民事、执行剩 20 日内、刑事与行政剩 10 日内为中期；剩 3 日内为紧急')
    expect(w.get(q('today-overdue-hint')).text()).toBe('已过期的期间（近 5 日）与超期的审限')
    expect(w.get(q('today-later-hint')).text()).toBe('8 至 45 日内到期的期间')
    expect(w.get(q('today-later')).get('h3').text()).toBe('近45日')
  })

  it('shows no such hint once there are cases', async () => {
    invokeMock.mockImplementation(async (cmd: string) => {
      if (cmd === 'today_view') return todayView({})
      if (cmd === 'store_status') return { path: '/tmp/c.db', case_count: 3, is_new: false }
      throw { code: 'unknown', message: cmd }
    })
    ;({ wrapper: w } = await mountToday())
    await flushPromises()
    expect(w.find(q('today-empty-store')).exists()).toBe(false)
  })

  it('asks for the first rows of each section and shows the sections as the back end sorted them', async () => {
    const calls = backend()
    ;({ wrapper: w } = await mountToday())
    expect(calls[0]).toEqual(['today_view', { query: { rows: 50 } }])
    const rows = (id: string) => w!.get(q(id)).findAll(q('due-row'))
    expect(rows('today-overdue').map((r) => r.attributes('data-key'))).toEqual([limit.key])
    expect(rows('today-week').map((r) => r.attributes('data-key'))).toEqual([appeal.key])
    expect(rows('today-limits').map((r) => r.attributes('data-key'))).toEqual([other.key])
    expect(rows('today-hearings').map((r) => r.attributes('data-key'))).toEqual([hearing.key])
    expect(rows('today-due-today')).toHaveLength(0)
    expect(w.get(q('today-due-today')).text()).toContain('无')
    expect(w.find(q('today-week-more')).exists()).toBe(false)
    // The nav item's count comes with the page.
    expect(urgentBadge.value).toBe(3)
    const row = rows('today-week')[0].text()
    expect(row).toContain(CASE_NO)
    expect(row).toContain('上诉期（判决）')
    expect(row).toContain('张三')
    expect(row).toContain('2026-12-01')
    expect(row).toContain('剩 5 天')
    expect(row).toContain('正常')
    expect(rows('today-hearings')[0].text()).toContain('09:30')
    // The room comes from the item's `room`, not from its explanation.
    expect(rows('today-hearings')[0].get(q('due-room')).text()).toBe('第二法庭')
  })

  it('shows the missing holiday year as a warning that cannot be closed', async () => {
    backend()
    ;({ wrapper: w } = await mountToday())
    const block = w.get(q('today-unresolved'))
    expect(block.text()).toContain('缺少 2027 年节假日数据，2 项期限无法计算')
    expect(block.find('.el-alert__close-btn').exists()).toBe(false)
  })

  it('points to 设置 → 节假日数据 for the missing year, not to the command line', async () => {
    backend()
    let router
    ;({ wrapper: w, router } = await mountToday())
    const hint = w.get(q('unresolved-hint'))
    expect(hint.text()).toContain('请在设置 → 节假日数据中导入')
    expect(hint.text()).not.toContain('andu holidays')
    await hint.get(q('unresolved-holiday-link')).trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('settings')
    expect(router.currentRoute.value.query.section).toBe('holidays')
  })

  it('marks a provisional date 暂定 with its reason and says which year is missing (domain.md §0)', async () => {
    backend({ extra: [provisionalLimit] })
    ;({ wrapper: w } = await mountToday())
    const row = w.get(q('today-limits')).findAll(q('due-row')).find((r) => r.attributes('data-key') === provisionalLimit.key)!
    const tag = row.get(q('provisional-tag'))
    expect(tag.text()).toBe('暂定')
    expect(tag.attributes('title')).toContain('2027 年放假安排尚未导入')
    expect(tag.attributes('title')).toContain('不会晚于真正的截止日期')
    expect(row.get(q('due-date')).text()).toBe('2027-01-10')
    const note = w.get(q('today-provisional'))
    expect(note.attributes('data-year')).toBe('2027')
    expect(note.text()).toContain('1 项日期为暂定：2027 年放假安排尚未导入')
    // Exact dates carry no tag.
    expect(w.get(q('today-overdue')).find(q('provisional-tag')).exists()).toBe(false)
  })

  it('explains a date in the why popover', async () => {
    backend()
    ;({ wrapper: w } = await mountToday())
    await w.get(q('today-overdue')).get(q('why-button')).trigger('click')
    await settle()
    const pop = document.body.querySelector(q('why-popover'))
    expect(pop?.textContent).toContain('审限届满日：2026-05-20（星期三）')
    expect(pop?.textContent).toContain('《民事诉讼法》第一百五十二条')
  })

  it('fetches the explanation of the row opened when the list comes without', async () => {
    const calls = backend({ brief: true })
    ;({ wrapper: w } = await mountToday())
    expect(calls.some(([cmd]) => cmd === 'due_explanation')).toBe(false)
    await w.get(q('today-overdue')).get(q('why-button')).trigger('click')
    await settle()
    expect(calls.filter(([cmd]) => cmd === 'due_explanation')).toEqual([['due_explanation', { key: limit.key }]])
    const pop = document.body.querySelector(q('why-popover'))
    expect(pop?.textContent).toContain('审限届满日：2026-05-20（星期三）')
    expect(pop?.textContent).toContain('《民事诉讼法》第一百五十二条')
  })

  it('marks an item done, greys it and can undo', async () => {
    const calls = backend()
    ;({ wrapper: w } = await mountToday())
    const section = () => w!.get(q('today-week'))
    await section().get(q('reminder-done')).trigger('click')
    await flushPromises()
    expect(calls).toContainEqual(['reminder_done', { key: appeal.key, done: true }])
    expect(section().get(q('due-row')).classes()).toContain('done')
    expect(section().text()).toContain('已完成')
    await section().get(q('reminder-undo')).trigger('click')
    await flushPromises()
    expect(calls).toContainEqual(['reminder_done', { key: appeal.key, done: false }])
    expect(section().get(q('due-row')).classes()).not.toContain('done')
    expect(section().find(q('reminder-done')).exists()).toBe(true)
  })

  it('puts the done mark back when the back end refuses', async () => {
    backend({ failDone: true })
    ;({ wrapper: w } = await mountToday())
    await w.get(q('today-week')).get(q('reminder-done')).trigger('click')
    await flushPromises()
    expect(w.get(q('today-week')).get(q('due-row')).classes()).not.toContain('done')
  })

  it('snoozes to tomorrow', async () => {
    const calls = backend()
    ;({ wrapper: w } = await mountToday())
    await w.get(q('today-week')).get(q('reminder-snooze')).trigger('click')
    await settle()
    const tomorrow = document.body.querySelector<HTMLButtonElement>(q('snooze-tomorrow'))
    expect(tomorrow).not.toBeNull()
    tomorrow!.click()
    await flushPromises()
    expect(calls).toContainEqual(['reminder_snooze', { key: appeal.key, until: '2026-11-27' }])
    const row = w.get(q('today-week')).get(q('due-row'))
    expect(row.classes()).toContain('snoozed')
    expect(row.text()).toContain('2026-11-27 再提醒')
  })

  it('filters by judge: the back end answers for that judge, every judge stays offered', async () => {
    const calls = backend()
    ;({ wrapper: w } = await mountToday())
    ;(w.vm as unknown as { $: { setupState: { judge: string } } }).$.setupState.judge = '张卫东'
    await flushPromises()
    expect(calls.filter(([cmd]) => cmd === 'today_view').at(-1)).toEqual(['today_view', { query: { rows: 50, judge: '张卫东' } }])
    expect(w.get(q('today-limits')).findAll(q('due-row'))).toHaveLength(1)
    expect(w.get(q('today-week')).findAll(q('due-row'))).toHaveLength(0)
    expect((w.vm as unknown as { $: { setupState: { judges: string[] } } }).$.setupState.judges).toHaveLength(2)
  })

  it('counts every item of a section and asks for the next rows on 显示更多', async () => {
    const many = Array.from({ length: 60 }, (_, n) =>
      dueItem({ case_no: `（2026）粤0309民初${n + 1}号`, kind: 'trial_limit', name: '审限届满', party: null, due: '2027-01-10', tier: 'early' }),
    )
    const calls: unknown[] = []
    invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
      if (cmd !== 'today_view') throw { code: 'unknown', message: cmd }
      const query = (args as { query: TodayQuery }).query
      calls.push(query)
      const shown = query.more?.limits ?? query.rows ?? 50
      // The count covers every item, as the back end's does; a page holds the rows asked for.
      return todayView({ limits: many.slice(0, shown) }, { totals: { limits: 1060 } })
    })
    ;({ wrapper: w } = await mountToday())
    const section = () => w!.get(q('today-limits'))
    expect(section().findAll(q('due-row'))).toHaveLength(50)
    expect(w.get(q('today-limits-count')).text()).toContain('1060')
    expect(section().get('.n').text()).toBe('1060')
    expect(section().get(q('today-limits-more')).text()).toContain('还有 1010 项')
    await section().get(q('today-limits-more')).trigger('click')
    await flushPromises()
    expect(calls.at(-1)).toEqual({ rows: 50, more: { limits: 100 } })
    expect(section().findAll(q('due-row'))).toHaveLength(60)
    expect(section().get(q('today-limits-more')).text()).toContain('还有 1000 项')
  })

  it('opens the case from its number', async () => {
    backend()
    let router
    ;({ wrapper: w, router } = await mountToday())
    await w.get(q('today-week')).get(q('due-case')).trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.params.caseNo).toBe(CASE_NO)
  })
})
