import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus, { ElSelect } from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn(), isTauri: () => true }))

import { invoke } from '@tauri-apps/api/core'
import type { CaseDetail, Note } from '../api'
import type { Drill, DrillRow, Indicators, LedgerRow, OpenLimit, StatsPanel } from '../api/stats'
import { i18n } from '../i18n'
import Stats from './Stats.vue'

const invokeMock = vi.mocked(invoke)

function row(n: number, over: Partial<DrillRow> = {}): DrillRow {
  return {
    case_no: `（2026）粤0309民初${n}号`,
    cause: '民间借贷纠纷',
    judge: n % 2 ? '陈静' : '杨帆',
    division: '民一庭',
    procedure: 'civil-simple',
    filed: '2026-01-05',
    closed: `2026-0${(n % 3) + 1}-10`,
    closing_method: '调解',
    role: 'counted',
    why: '在统计期间内结案',
    ...over,
  }
}

const CLOSED = [1, 2, 3, 4, 5].map((n) => row(n))
const PENDING = [6, 7].map((n) => row(n, { closed: null, closing_method: null }))

const WHOLE = { division: null, judge: null, procedure: null, category: null }

function indicators(): Indicators {
  return {
    definitions_version: 'andu-default-2025.1',
    period: { from: '2026-01-01', to: '2026-11-26' },
    scope: WHOLE,
    received: 6,
    pending_start: 1,
    closed: 5,
    pending_end: 2,
    closure_rate: 5 / 7,
    close_receive_ratio: 5 / 6,
    within_limit: 5,
    within_limit_unknown: 0,
    within_limit_unknown_cases: [],
    within_limit_rate: 1,
    avg_days: 40.25,
    avg_net_days: 40.25,
    over_12m_pending: 0,
    over_18m_pending: 0,
    over_36m_pending: 0,
    over_12m_ratio: 0,
    mediation_withdrawal_rate: 1,
    extension_rate: 0,
    appeal_rate: 0,
    reversed: 0,
    remanded: 0,
    reversal_remand_ratio: null,
    litigation_per_10k: null,
    population: null,
    case_matter_ratio: 1,
    monthly: [],
    balance: { floors: [], months: [], below_floor: [] },
    terms: { closure_rate: { numerator: 5, denominator: 7 }, reversal_remand_ratio: { numerator: 0, denominator: 0 } },
    warnings: [],
  }
}

const LEDGER_CASE = '（2024）粤0309民初77号'
const ledgerRow: LedgerRow = {
  case_no: LEDGER_CASE,
  cause: '建设工程施工合同纠纷',
  judge: '陈静',
  division: '民一庭',
  procedure: 'civil-ordinary',
  filed: '2024-06-03',
  age_days: 906,
  age_months: 29,
  over_months: 18,
  deducted_days: 120,
  extensions: 1,
  latest_note: '鉴定意见已到，\n下周开庭',
}
function limit(n: number, over: Partial<OpenLimit> = {}): OpenLimit {
  return {
    case_no: `（2026）粤0309民初${n}号`,
    cause: '民间借贷纠纷',
    judge: '陈静',
    division: '民一庭',
    procedure: 'civil-simple',
    filed: '2026-09-01',
    due: '2026-11-29',
    days_left: 3,
    fraction_elapsed: 0.97,
    tier: 'urgent',
    tier_name: '紧急',
    error: null,
    provisional: null,
    ...over,
  }
}
/** open_limits of the fake back end: 2 紧急 (one 杨帆's), 1 超期, 1 刑事 正常 (ending on a 暂定 date in 2027), 1 无法计算. */
const LIMITS: OpenLimit[] = [
  limit(11),
  limit(12, { judge: '杨帆', days_left: 1, due: '2026-11-27' }),
  limit(13, { tier: 'overdue', tier_name: '超期', days_left: -2, due: '2026-11-24', fraction_elapsed: 1.02 }),
  limit(14, {
    procedure: 'criminal-public',
    case_no: '（2026）粤0309刑初14号',
    tier: 'normal',
    tier_name: '正常',
    days_left: 40,
    due: '2027-01-05',
    provisional: { year: 2027, date: '2027-01-05', code: 'holiday_data_missing', reason: '2027 年放假安排尚未导入' },
  }),
  limit(15, { tier: null, tier_name: '无法计算', due: null, days_left: null, fraction_elapsed: null, error: { code: 'procedure_mismatch', message: '案号与程序不符' } }),
]

/** The notes of LEDGER_CASE in the fake back end, oldest first as the store keeps them. */
let notes: Note[] = []
let addNoteError: { code: string; message: string } | null = null

function panel(): StatsPanel {
  return {
    indicators: indicators(),
    definitions: [
      { key: 'closed', name: '结案', definition: '统计期间内结案的案件。', formula: 'count(from ≤ 结案日 ≤ to)' },
      { key: 'closure_rate', name: '结案率', definition: '结案 ÷ (旧存 + 新收)', formula: 'closed / (pending_start + received)' },
      { key: 'reversal_remand_ratio', name: '二审改判-发回重审比', definition: '…', formula: '…', unsure: '存疑（UNSURE）：…' },
    ],
    definitions_name: '案牍默认指标口径',
    ledger: [ledgerRow],
    divisions: ['民一庭'],
    judges: ['陈静', '杨帆'],
  }
}

function drill(indicator: string, cases: DrillRow[]): Drill {
  const period = { from: '2026-01-01', to: '2026-11-26' }
  return { indicator, name: indicator === 'closed' ? '结案' : '未结', definitions_version: 'x', period, scope: WHOLE, value: cases.length, count: cases.length, cases }
}

function backend() {
  invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
    const a = (args ?? {}) as { indicator?: string }
    if (cmd === 'list_facets') {
      const categories = [{ id: 'civil', name: '民事' }, { id: 'criminal', name: '刑事' }, { id: 'other', name: '其他' }]
      return { judges: [], procedures: [{ id: 'civil-simple', name: '简易程序' }], categories }
    }
    if (cmd === 'stats') return panel()
    if (cmd === 'open_limits') {
      // The back end applies the scope (andu-docket's open_limits_in); the fake knows 承办法官 and 刑事/民事.
      const s = (args ?? {}) as { judge?: string; category?: string }
      const kind = (r: OpenLimit) => (r.procedure.startsWith('criminal-') ? 'criminal' : 'civil')
      return LIMITS.filter((r) => (!s.judge || r.judge === s.judge) && (!s.category || kind(r) === s.category))
    }
    if (cmd === 'appeal_reviews') return { today: '2026-11-26', deadline_days: 30, reasons: ['其他'], definitions_version: 'x', rows: [] }
    if (cmd === 'stats_cases') return drill(a.indicator ?? '', a.indicator === 'pending_end' ? PENDING : CLOSED)
    if (cmd === 'get_case') return { case_no: LEDGER_CASE, notes } as unknown as CaseDetail
    if (cmd === 'add_note') {
      if (addNoteError) throw addNoteError
      const n = args as { text: string }
      notes = [...notes, { id: `n${notes.length + 1}`, text: n.text, created: '2026-11-26T01:30:00.000Z' }]
      return { case_no: LEDGER_CASE, notes } as unknown as CaseDetail
    }
    throw { code: 'unknown', message: `unexpected ${cmd}` }
  })
}

const calls = (cmd: string) => invokeMock.mock.calls.filter(([c]) => c === cmd).map(([, a]) => a as Record<string, unknown>)

let wrapper: VueWrapper | null = null

async function mountStats() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/stats', name: 'stats', component: Stats },
      { path: '/cases/:caseNo', name: 'case', component: { template: '<div />' } },
    ],
  })
  await router.push('/stats')
  wrapper = mount(Stats, {
    global: { plugins: [ElementPlus, i18n, router], stubs: { StatsChart: true } },
    attachTo: document.body,
  })
  await flushPromises()
  return { w: wrapper, router }
}

describe('统计 panel', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-11-26T01:00:00Z')) // 09:00 in Beijing, the court's day whatever TZ the tests run in
    i18n.global.locale.value = 'zh-CN'
    invokeMock.mockReset()
    notes = [
      { id: 'n1', text: '先行组织调解', created: '2026-03-01T02:00:00.000Z' },
      { id: 'n2', text: '鉴定意见已到，\n下周开庭', created: '2026-09-10T03:00:00.000Z' },
    ]
    addNoteError = null
    backend()
  })
  afterEach(() => {
    wrapper?.unmount()
    wrapper = null
    vi.useRealTimers()
    document.body.innerHTML = ''
  })

  it('asks for this year up to today and shows the cards with their terms', async () => {
    const { w } = await mountStats()
    expect(calls('stats')[0]).toEqual({ query: { from: '2026-01-01', to: '2026-11-26' } })
    const card = (k: string) => w.get(`[data-testid="stats-card-${k}"]`)
    expect(card('closed').get('[data-testid="stats-card-value"]').text()).toBe('5')
    expect(card('closure_rate').get('[data-testid="stats-card-value"]').text()).toBe('71.43%')
    expect(card('closure_rate').get('[data-testid="stats-card-terms"]').text()).toBe('5 / 7')
    expect(card('reversal_remand_ratio').get('[data-testid="stats-card-value"]').text()).toBe('—')
    expect(card('avg_days').get('[data-testid="stats-card-value"]').text()).toBe('40.3')
    expect(w.get('[data-testid="stats-definitions"]').text()).toBe('指标口径：案牍默认指标口径（andu-default-2025.1）')
    // The judge and age charts get their cases from the drill-downs, fetched once each.
    expect(calls('stats_cases').map((a) => a.indicator).sort()).toEqual(['closed', 'pending_end'])
  })

  it('the 发改 card opens the 逐案评查 list of the same division and judge', async () => {
    const { w } = await mountStats()
    await w.get('[data-testid="stats-card-reversal_remand_ratio"]').trigger('click')
    await flushPromises()
    expect(calls('stats_cases').map((a) => a.indicator)).not.toContain('reversal_remand_ratio')
    expect(calls('appeal_reviews')).toEqual([{}])
    expect(w.get('[data-testid="appeal-reviews"]').isVisible()).toBe(true)
  })

  it('opens the cases behind a card, as many rows as the number', async () => {
    const { w } = await mountStats()
    await w.get('[data-testid="stats-card-closed"]').trigger('click')
    await flushPromises()
    const drawer = document.querySelector('[data-testid="stats-drill"]')
    expect(drawer).not.toBeNull()
    expect(document.querySelector('[data-testid="stats-drill-title"]')?.textContent).toBe('结案：5 件')
    expect(document.querySelectorAll('[data-testid="stats-drill-case"]').length).toBe(5)
    // the drill-down of the query in force was reused
    expect(calls('stats_cases').filter((a) => a.indicator === 'closed')).toHaveLength(1)
  })

  it('reloads for a quick pick and sends a chosen scope, without blank members', async () => {
    const { w } = await mountStats()
    await w.get('[data-testid="stats-quick-lastYear"]').trigger('click')
    await flushPromises()
    expect(calls('stats').at(-1)).toEqual({ query: { from: '2025-01-01', to: '2025-12-31' } })
    expect(w.get('[data-testid="stats-quick-lastYear"]').classes()).toContain('el-button--primary')
    const vm = w.vm as unknown as { $: { setupState: { query: { judge: string; category: string } } } }
    vm.$.setupState.query.judge = '陈静'
    vm.$.setupState.query.category = ''
    await flushPromises()
    expect(calls('stats').at(-1)).toEqual({ query: { from: '2025-01-01', to: '2025-12-31', judge: '陈静' } })
    expect(calls('stats_cases').at(-1)).toMatchObject({ query: { judge: '陈静' } })
  })

  it('does not ask the back end when the start is after the end', async () => {
    const { w } = await mountStats()
    const before = calls('stats').length
    await w.get('[data-testid="stats-quick-month"]').trigger('click')
    await flushPromises()
    expect(calls('stats').length).toBe(before + 1)
    // Element Plus date pickers are hard to drive here: set the model through the view's query instead.
    const vm = w.vm as unknown as { $: { setupState: { query: { from: string } } } }
    vm.$.setupState.query.from = '2026-12-31'
    await flushPromises()
    expect(calls('stats').length).toBe(before + 1)
    expect(w.find('[data-testid="stats-bad-range"]').exists()).toBe(true)
  })

  it('审限 status: counts by tier within the scope; a tier opens its cases', async () => {
    const { w } = await mountStats()
    expect(calls('open_limits')).toEqual([{}])
    const count = (tier: string) => Number(w.get(`[data-testid="stats-limits-tier-${tier}"] [data-testid="stats-limits-count"]`).text())
    const all = ['normal', 'early', 'middle', 'urgent', 'overdue', 'suspended', 'unknown'].map(count)
    expect(all).toEqual([1, 0, 0, 2, 1, 0, 1])
    expect(w.get('[data-testid="stats-limits-total"]').text()).toBe('共 5 件')
    expect(w.get('[data-testid="stats-limits-tier-early"]').attributes('disabled')).toBeDefined()

    await w.get('[data-testid="stats-limits-tier-urgent"]').trigger('click')
    await flushPromises()
    expect(document.querySelector('[data-testid="stats-drill-title"]')?.textContent).toBe('未结案件审限状态（紧急）：2 件')
    // the most pressing first
    expect([...document.querySelectorAll('[data-testid="stats-drill-case"]')].map((e) => e.textContent)).toEqual([
      '（2026）粤0309民初12号',
      '（2026）粤0309民初11号',
    ])
    expect([...document.querySelectorAll('[data-testid="stats-drill-days"]')].map((e) => e.textContent)).toEqual(['剩 1 天', '剩 3 天'])

    await w.get('[data-testid="stats-limits-tier-unknown"]').trigger('click')
    await flushPromises()
    expect(document.querySelector('[data-testid="stats-drill-title"]')?.textContent).toBe('未结案件审限状态（无法计算）：1 件')
    expect(document.querySelector('[data-testid="stats-drill-error"]')?.textContent).toBe('案号与程序不符')

    // The categories offered are the back end's (list_facets: andu-core's CaseCategory::ALL), not a UI copy.
    const categories = w.findAllComponents(ElSelect).find((c) => c.attributes('data-testid') === 'stats-category')!
    const options = categories.findAllComponents({ name: 'ElOption' })
    expect(options.map((o) => [o.props('value'), o.props('label')])).toEqual([['civil', '民事'], ['criminal', '刑事'], ['other', '其他']])

    // The scope pickers ask the back end for the scope's cases; the period does not change them.
    const vm = w.vm as unknown as { $: { setupState: { query: { judge: string; category: string; from: string } } } }
    vm.$.setupState.query.judge = '陈静'
    await flushPromises()
    expect(['normal', 'urgent', 'overdue', 'unknown'].map(count)).toEqual([1, 1, 1, 1])
    vm.$.setupState.query.category = 'criminal'
    await flushPromises()
    expect(['normal', 'urgent', 'overdue', 'unknown'].map(count)).toEqual([1, 0, 0, 0])
    vm.$.setupState.query.category = ''
    vm.$.setupState.query.judge = ''
    vm.$.setupState.query.from = '2026-06-01'
    await flushPromises()
    expect(w.get('[data-testid="stats-limits-total"]').text()).toBe('共 5 件')
    expect(calls('open_limits')).toEqual([{}, { judge: '陈静' }, { judge: '陈静', category: 'criminal' }, {}])
  })

  it('审限 status: a provisional 审限届满日 shows 暂定 with the reason on hover, in the list and in the cases', async () => {
    const { w } = await mountStats()
    const note = w.get('[data-testid="stats-limits-provisional"]')
    expect(note.text()).toBe('其中 1 件审限届满日为暂定：2027 年放假安排尚未导入')
    expect(note.attributes('title')).toContain('不会晚于真正的届满日')
    // Outside the scope it is not counted.
    const vm = w.vm as unknown as { $: { setupState: { query: { category: string } } } }
    vm.$.setupState.query.category = 'civil'
    await flushPromises()
    expect(w.find('[data-testid="stats-limits-provisional"]').exists()).toBe(false)
    vm.$.setupState.query.category = ''
    await flushPromises()

    await w.get('[data-testid="stats-limits-tier-normal"]').trigger('click')
    await flushPromises()
    const tags = [...document.querySelectorAll('[data-testid="stats-drill-row"] [data-testid="provisional-tag"]')]
    expect(tags.map((e) => e.textContent)).toEqual(['暂定'])
    expect(tags[0].getAttribute('title')).toContain('2027 年放假安排尚未导入：暂按 2027-01-05 计算')
    await w.get('[data-testid="stats-limits-tier-urgent"]').trigger('click')
    await flushPromises()
    expect(document.querySelectorAll('[data-testid="stats-drill-row"] [data-testid="provisional-tag"]')).toHaveLength(0)
  })

  async function openLedger(w: VueWrapper) {
    await w.get('#tab-ledger').trigger('click')
    await flushPromises()
  }
  const q = (id: string) => document.querySelector(`[data-testid="${id}"]`)
  const qa = (id: string) => [...document.querySelectorAll(`[data-testid="${id}"]`)]

  it('一案一策: the ledger row shows the latest note; the dialog lists the notes newest first and adds one', async () => {
    const { w, router } = await mountStats()
    await openLedger(w)
    // the row carries its latest note: no case is fetched for it
    expect(calls('get_case')).toHaveLength(0)
    expect(w.get('[data-testid="ledger-note-latest"]').text()).toBe('鉴定意见已到， 下周开庭')

    await w.get('[data-testid="ledger-note"]').trigger('click')
    await flushPromises()
    // the button does not open the case (the row does)
    expect(router.currentRoute.value.name).toBe('stats')
    expect(qa('ledger-note-item-text').map((e) => e.textContent)).toEqual(['鉴定意见已到，\n下周开庭', '先行组织调解'])
    expect(qa('ledger-note-time')).toHaveLength(2)
    const save = q('ledger-note-save') as HTMLButtonElement
    expect(save.disabled).toBe(true)

    const area = document.querySelector('textarea[data-testid="ledger-note-text"]') as HTMLTextAreaElement
    area.value = '  12 月底前判决  '
    area.dispatchEvent(new Event('input'))
    await flushPromises()
    expect(save.disabled).toBe(false)
    save.click()
    await flushPromises()
    expect(calls('add_note')).toEqual([{ caseNo: LEDGER_CASE, text: '12 月底前判决' }])
    expect(w.get('[data-testid="ledger-note-latest"]').text()).toBe('12 月底前判决')
    // the case was not fetched again for the row (only by the dialog): add_note returned it
    expect(calls('get_case')).toHaveLength(1)
  })

  it('一案一策: a failed save shows the message and keeps the text', async () => {
    const { w } = await mountStats()
    await openLedger(w)
    await w.get('[data-testid="ledger-note"]').trigger('click')
    await flushPromises()
    addNoteError = { code: 'invalid', message: '备注内容必填' }
    const area = document.querySelector('textarea[data-testid="ledger-note-text"]') as HTMLTextAreaElement
    area.value = '补充'
    area.dispatchEvent(new Event('input'))
    await flushPromises()
    ;(q('ledger-note-save') as HTMLButtonElement).click()
    await flushPromises()
    expect(q('ledger-note-error')?.textContent).toContain('备注内容必填')
    expect(area.value).toBe('补充')
    expect(w.get('[data-testid="ledger-note-latest"]').text()).toBe('鉴定意见已到， 下周开庭')
  })
})
