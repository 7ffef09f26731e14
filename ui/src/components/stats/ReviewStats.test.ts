import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn(), isTauri: () => true }))

import { invoke } from '@tauri-apps/api/core'
import type { ReviewCounts, ReviewDrill, ReviewQuery, ReviewStats } from '../../api/reviewStats'
import { i18n } from '../../i18n'
import ReviewStatsView from './ReviewStats.vue'

const invokeMock = vi.mocked(invoke)

function counts(over: Partial<ReviewCounts> = {}): ReviewCounts {
  return { sent: 0, approved: 0, returned: 0, discussed: 0, pending: 0, median_turnaround_days: null, ...over }
}

function stats(): ReviewStats {
  return {
    period: { from: '2026-03-01', to: '2026-03-31' },
    scope: { division: null, judge: null, procedure: null, category: null },
    definitions_version: 'andu-default-2025.1',
    total: counts({ sent: 5, approved: 1, returned: 2, discussed: 1, pending: 2, median_turnaround_days: 4 }),
    by_reviewer: [{ name: '陈庭长', counts: counts({ sent: 2, approved: 1, returned: 1, pending: 1, median_turnaround_days: 3 }) }],
    by_judge: [{ name: '王建国', counts: counts({ sent: 3, approved: 1, returned: 2, pending: 1, median_turnaround_days: 5 }) }],
    definitions: [],
    warnings: [],
  }
}

const drill: ReviewDrill = {
  indicator: 'review_returned',
  name: '退回',
  who: { side: 'everyone' },
  period: { from: '2026-03-01', to: '2026-03-31' },
  count: 1,
  rounds: [
    {
      case_no: '（2026）粤0309民初1号',
      judge: '王建国',
      division: '民一庭',
      reviewer: '陈庭长',
      sent: '2026-02-25',
      answered: '2026-03-02',
      answer: 'return',
      days: 5,
      why: '2026-03-02 陈庭长退回',
    },
  ],
}

const calls = (cmd: string) => invokeMock.mock.calls.filter(([c]) => c === cmd).map(([, a]) => a as Record<string, unknown>)
let wrapper: VueWrapper | null = null

async function mountView(props: ReviewQuery) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { template: '<div />' } },
      { path: '/cases/:caseNo', name: 'case', component: { template: '<div />' } },
    ],
  })
  wrapper = mount(ReviewStatsView, { props, global: { plugins: [ElementPlus, i18n, router] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

describe('阅核统计', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    invokeMock.mockReset()
    invokeMock.mockImplementation(async (cmd: string) => {
      if (cmd === 'review_statistics') return stats()
      if (cmd === 'review_statistics_drill') return drill
      throw new Error(`unexpected ${cmd}`)
    })
  })
  afterEach(() => {
    wrapper?.unmount()
    wrapper = null
  })

  it('loads the panel period and scope, blank filters left out, and shows the lines', async () => {
    const w = await mountView({ from: '2026-03-01', to: '2026-03-31', division: '民一庭', judge: '' })
    expect(calls('review_statistics')).toEqual([{ from: '2026-03-01', to: '2026-03-31', division: '民一庭' }])
    expect(w.find('[data-testid="review-total-review_returned"]').text()).toContain('2')
    expect(w.find('[data-testid="review-total-review_turnaround"]').text()).toContain('4.0 日')
    expect(w.find('[data-testid="review-stats-reviewer"]').text()).toContain('陈庭长')
    expect(w.find('[data-testid="review-judge-王建国-review_returned"]').text()).toBe('2')
  })

  it('opens the rounds behind a number of one person', async () => {
    const w = await mountView({ from: '2026-03-01', to: '2026-03-31' })
    await w.find('[data-testid="review-judge-王建国-review_returned"]').trigger('click')
    await flushPromises()
    expect(calls('review_statistics_drill')).toEqual([
      { from: '2026-03-01', to: '2026-03-31', indicator: 'review_returned', who: { side: 'judge', name: '王建国' } },
    ])
    expect(document.body.textContent).toContain('（2026）粤0309民初1号')
    expect(document.body.textContent).toContain('退回：王建国（1 轮）')
  })
})
