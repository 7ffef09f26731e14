import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn(), isTauri: () => true }))

import { invoke } from '@tauri-apps/api/core'
import { ElDatePicker, ElInputNumber, ElSelect } from 'element-plus'
import type { CaseDeadlines, CaseDetail as Detail, ChangeEntry } from '../api'
import { i18n } from '../i18n'
import CaseDetail from './CaseDetail.vue'
import EventForm from '../components/EventForm.vue'
import ExtensionForm from '../components/ExtensionForm.vue'
import DeductionForm from '../components/DeductionForm.vue'
import HearingForm from '../components/HearingForm.vue'
import AppealForm from '../components/AppealForm.vue'
import { caseDeadlines, deadline, HOLIDAY_2027 } from '../testing/fixtures'

const invokeMock = vi.mocked(invoke)
const CASE_NO = '（2025）粤0309民初1234号'

function detail(judge = '王法官'): Detail {
  return {
    id: 'c1',
    case_no: CASE_NO,
    cause: '买卖合同纠纷',
    procedure: 'civil-simple',
    procedure_name: '简易程序',
    filed: '2025-03-01',
    status: 'pending',
    closed: null,
    judge,
    division: '民一庭',
    parties: '张三 诉 深圳市某某科技有限公司',
    court: '深圳市福田区人民法院',
    assistant: '赵助理',
    clerk: '钱书记员',
    panel: '',
    custody: false,
    closing_method: null,
    parties_list: [
      { id: 'p1', role: '原告', name: '张三', kind: 'person', id_number: null, address: null, phone: '13800000000', agent: null, foreign: false },
      { id: 'p2', role: '被告', name: '深圳市某某科技有限公司', kind: 'org', id_number: null, address: '深圳市', phone: null, agent: '孙律师', foreign: false },
    ],
    events: [],
    hearings: [{ id: 'h1', start: '2025-04-10T09:30', room: '第三法庭' }],
    extensions: [{ id: 'x1', approved: '2025-05-01', months: 3, days: null, by: '院长', reason: null }],
    deductions: [],
    appeal: null,
    notes: [],
    documents: [],
    appeal_reviews: [],
  }
}

interface BackendOptions {
  deadlines?: CaseDeadlines
  rejectEvent?: unknown
  rejectExtension?: unknown
  rejectDeduction?: unknown
  notes?: Detail['notes']
  /** 结案日期 of the case (open when absent). */
  closed?: string
  /** The case was received when this device joined: one history row says the rest is on the court server. */
  historyOnServer?: boolean
  /** What `case_history_from_server` throws (it fetches the full history otherwise). */
  rejectFetch?: unknown
}

function backend(opts: BackendOptions = {}) {
  let current: Detail = { ...detail(), notes: opts.notes ?? [], closed: opts.closed ?? null, closing_method: opts.closed ? '判决' : null }
  const history: ChangeEntry[] = []
  const row = (seq: number, over: Partial<ChangeEntry>): ChangeEntry => ({ seq, change_id: `x${seq}`, case_id: 'c1', entity: 'case', entity_id: 'c1', field: null, old: null, new: null, at: '2025-06-01T10:00', device: 'server', ...over })
  if (opts.historyOnServer) history.push(row(1, { field: 'history_on_server' }))
  let deadlines = opts.deadlines ?? caseDeadlines({ deadlines: [] })
  invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
    const a = (args ?? {}) as { caseNo?: string; field?: string; value?: string; kind?: string; date?: string; party?: string }
    switch (cmd) {
      case 'case_deadlines':
        return deadlines
      case 'case_vocabulary':
        return { closing_methods: ['判决', '调解', '其他'], deduction_kinds: ['公告', '鉴定', '其他'], appeal_outcomes: ['维持', '改判'], approvers: ['院长', '庭长'], party_roles: ['原告', '被告', '第三人', '被申请人（原审）'] }
      case 'event_kinds':
        return [
          { id: '送达判决书', meaning: '当事人收到判决书' },
          { id: '公告发布', meaning: '公告送达的公告发出' },
        ]
      case 'add_event':
        if (opts.rejectEvent) throw opts.rejectEvent
        current = { ...current, events: [...current.events, { id: 'e1', kind: a.kind ?? '', date: a.date ?? '', party: a.party ?? null, note: '' }] }
        // As the back end does: a conversion also changes the case's 程序.
        if (a.kind === '简易程序转普通程序') current = { ...current, procedure: 'civil-ordinary', procedure_name: '普通程序' }
        deadlines = { ...deadlines, deadlines: [deadline({ trigger_date: a.date, party: a.party ?? null })] }
        return current
      case 'reschedule_hearing': {
        const { id, input } = args as { id: string; input: { start: string; room: string } }
        current = { ...current, hearings: current.hearings.map((h) => (h.id === id ? { id, ...input } : h)) }
        return current
      }
      case 'set_appeal': {
        const { input } = args as { input: { filed: string; outcome?: string } }
        if (!current.closed)
          throw { code: 'case_not_closed', message: '案件数据无效', detail: [{ field: 'appeal.filed', code: 'case_not_closed', message: '案件尚未结案：请先填写结案日期和结案方式，再记录上诉' }] }
        current = { ...current, appeal: { id: 'a1', filed: input.filed, outcome: input.outcome ?? null } }
        return current
      }
      case 'rest_day':
        return (args as { date: string }).date === '2025-05-03' ? '2025-05-03（星期六）是劳动节放假日' : null
      case 'add_hearing': {
        const { input } = args as { input: { start: string; room: string } }
        if (input.start.startsWith('2025-04-31'))
          throw { code: 'date_invalid', message: '案件数据无效', detail: [{ field: 'hearings[0].start', code: 'date_invalid', message: '开庭时间“2025-04-31T09:30”应为 YYYY-MM-DDTHH:MM' }] }
        current = { ...current, hearings: [...current.hearings, { id: 'h2', ...input }] }
        return current
      }
      case 'save_party': {
        const { id, input } = args as { id: string | null; input: { role: string; name: string; kind: 'person' | 'org'; address?: string } }
        if (input.role === '旁听人')
          throw { code: 'case_invalid', message: '案件数据无效', detail: [{ field: 'parties[2].role', code: 'value_invalid', message: '未知的诉讼地位“旁听人”' }] }
        const row = { id: id ?? 'p3', id_number: null, phone: null, agent: null, foreign: false, ...input, address: input.address ?? null }
        current = { ...current, parties_list: id ? current.parties_list.map((p) => (p.id === id ? row : p)) : [...current.parties_list, row] }
        return current
      }
      case 'remove_record': {
        const id = (args as { id: string }).id
        const removed = current.events.find((e) => e.id === id)
        if (!removed && !current.hearings.some((h) => h.id === id))
          throw { code: 'record_not_found', message: '本案没有这条记录' }
        current = { ...current, events: current.events.filter((e) => e.id !== id), hearings: current.hearings.filter((h) => h.id !== id) }
        if (removed?.kind === '简易程序转普通程序') current = { ...current, procedure: 'civil-simple', procedure_name: '简易程序' }
        deadlines = { ...deadlines, deadlines: [] }
        return current
      }
      case 'add_extension':
        if (opts.rejectExtension) throw opts.rejectExtension
        return current
      case 'add_deduction':
        if (opts.rejectDeduction) throw opts.rejectDeduction
        return current
      case 'get_case':
        if (a.caseNo !== CASE_NO) throw { code: 'case_not_found', message: `没有案件“${a.caseNo}”` }
        return current
      case 'case_history':
        return [...history]
      case 'case_history_from_server':
        if (opts.rejectFetch) throw opts.rejectFetch
        // As the store does: the row that said so is replaced by the case's whole history.
        history.splice(0, history.length, row(3, { field: 'judge', old: '李法官', new: '王法官', at: '2025-04-02T09:00' }), row(2, { old: null, new: '{"case_no":"x"}', at: '2025-03-01T09:00' }))
        return 2
      case 'doc_templates':
        return [{ name: '传票', template: 'builtin:传票', description: '传唤当事人开庭（民事）', addressee_role: null, source: 'builtin' }]
      case 'list_facets':
        return { judges: ['王法官'], procedures: [{ id: 'civil-simple', name: '简易程序' }] }
      case 'set_case_field':
        if (a.field === 'judge' && !a.value?.trim())
          throw { code: 'field_required', message: 'judge：必填', detail: [{ field: 'judge', code: 'field_required', message: '必填' }] }
        history.unshift({ seq: history.length + 1, change_id: `x${history.length + 1}`, case_id: 'c1', entity: 'case', entity_id: 'c1', field: a.field ?? null, old: current.judge, new: a.value ?? null, at: '2025-06-01T10:00', device: '本机' })
        current = { ...current, judge: a.value ?? '' }
        return current
    }
    throw { code: "unknown", message: cmd }
  })
}

async function mountDetail(caseNo = CASE_NO) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/cases', name: 'cases', component: { template: '<div />' } },
      { path: '/cases/:caseNo', name: 'case', component: CaseDetail, props: true },
    ],
  })
  await router.push({ name: 'case', params: { caseNo } })
  await router.isReady()
  const wrapper = mount(CaseDetail, {
    props: { caseNo },
    global: { plugins: [ElementPlus, i18n, router] },
    attachTo: document.body,
  })
  await flushPromises()
  return wrapper
}

const q = (id: string) => `[data-testid="${id}"]`
let w: VueWrapper | null = null
/** Popovers open after a timer and a transition. */
const settle = async () => {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 50))
  await flushPromises()
}
/** Sets an Element Plus input inside a form the way a user's choice would. */
async function choose(form: Pick<VueWrapper, 'findAllComponents' | 'get'>, testid: string, value: unknown) {
  const comp = [...form.findAllComponents(ElSelect), ...form.findAllComponents(ElInputNumber)].find(
    (c) => c.attributes('data-testid') === testid,
  )
  if (comp) comp.vm.$emit('update:modelValue', value)
  else form.get(q(testid)).findComponent(ElDatePicker).vm.$emit('update:modelValue', value)
  await flushPromises()
}
const calls = (cmd: string) => invokeMock.mock.calls.filter(([c]) => c === cmd)
/** Opens a tab (its pane renders on first visit). */
async function openTab(name: string) {
  await w!.get(q(`tab-${name}`)).trigger('click')
  await flushPromises()
}

beforeEach(() => {
  invokeMock.mockReset()
})
afterEach(() => {
  w?.unmount()
  w = null
  document.body.innerHTML = ''
})

describe('CaseDetail', () => {
  it('shows the header and the basic fields', async () => {
    backend()
    w = await mountDetail()
    expect(w.get(q('case-detail-no')).text()).toBe(CASE_NO)
    expect(w.get(q('case-detail-status')).text()).toBe('未结')
    expect(w.get(q('value-judge')).text()).toBe('王法官')
    expect(w.get(q('value-procedure')).text()).toBe('简易程序')
    expect(w.get(q('value-filed')).text()).toBe('2025-03-01')
    expect(w.get(q('value-closed')).text()).toBe('—')
    expect(w.get(q('value-custody')).text()).toBe('否')
    expect(invokeMock).toHaveBeenCalledWith('get_case', { caseNo: CASE_NO })
    expect(invokeMock).toHaveBeenCalledWith('case_history', { caseNo: CASE_NO })
  })

  it('has a 文书 tab with the template choice and the (empty) list of documents', async () => {
    backend()
    w = await mountDetail()
    await openTab('documents')
    expect(w.get(q('tab-documents')).text()).toBe('文书')
    expect(w.find(q('case-documents')).exists()).toBe(true)
    expect(invokeMock).toHaveBeenCalledWith('doc_templates', undefined)
    expect(w.get(q('doc-list')).text()).toContain('本案还没有生成过文书')
  })

  it('saves an edited judge and shows the change in the history', async () => {
    backend()
    w = await mountDetail()
    await w.get(q('edit-judge')).trigger('click')
    await w.get(q('input-judge')).setValue('测试法官')
    await w.get(q('save-judge')).trigger('click')
    await flushPromises()
    expect(invokeMock).toHaveBeenCalledWith('set_case_field', { caseNo: CASE_NO, field: 'judge', value: '测试法官' })
    expect(w.get(q('value-judge')).text()).toBe('测试法官')
    const history = w.get(q('case-history')).text()
    expect(history).toContain('承办法官')
    expect(history).toContain('王法官')
    expect(history).toContain('测试法官')
    expect(history).toContain('2025-06-01 10:00')
  })

  it('shows a validation error next to the field and keeps the input', async () => {
    backend()
    w = await mountDetail()
    await w.get(q('edit-judge')).trigger('click')
    await w.get(q('input-judge')).setValue(' ')
    await w.get(q('save-judge')).trigger('click')
    await flushPromises()
    expect(w.get(q('error-judge')).text()).toBe('必填')
    expect((w.get(q('input-judge')).element as HTMLInputElement).value).toBe(' ')
  })

  it('shows the back end message when the case does not exist', async () => {
    backend()
    w = await mountDetail('（2025）粤0309民初9999号')
    expect(w.get(q('case-load-error')).text()).toContain('没有案件“（2025）粤0309民初9999号”')
  })
})

describe('CaseDetail · 备注', () => {
  it('shows when a note was written in Beijing time, not in the UTC the store keeps', async () => {
    backend({ notes: [{ id: 'n1', text: '先行组织调解', created: '2026-11-25T17:30:00.000Z' }] })
    w = await mountDetail()
    await openTab('notes')
    // 17:30 UTC on the 25th is 01:30 on the 26th in China: the court's day and time, whatever this computer's zone.
    expect(w.get(q('case-note-time')).text()).toBe('2026-11-26 01:30')
    expect(w.get(q('case-notes')).text()).toContain('先行组织调解')
  })
})

describe('CaseDetail · 期限', () => {
  it('shows the 审限 with days left, progress, tier and its explanation', async () => {
    backend({ deadlines: caseDeadlines() })
    w = await mountDetail()
    expect(calls('case_deadlines')[0]).toEqual(['case_deadlines', { caseNo: CASE_NO }])
    expect(w.get(q('case-limit-summary')).text()).toContain('2026-05-20')
    await openTab('deadlines')
    const panel = w.get(q('case-deadlines'))
    expect(panel.get(q('trial-limit-due')).text()).toBe('2026-05-20')
    expect(panel.get(q('trial-limit-days')).text()).toBe('超期 190 天')
    expect(panel.get(q('trial-limit')).get(q('tier-tag')).text()).toBe('超期')
    expect(panel.get(q('trial-limit-progress')).text()).toContain('205%')
    await panel.get(q('why-trial-limit')).trigger('click')
    await settle()
    expect(document.body.querySelector(q('why-popover'))?.textContent).toContain('《民事诉讼法》第一百五十二条')
  })

  it('shows a conversion of procedure beside the 审限, not only under 为什么', async () => {
    const base = caseDeadlines()
    const line = '2026-01-10 由简易程序转为普通程序（《民事诉讼法》第一百七十条），审理期限自立案之日起连续计算（《最高人民法院关于适用〈民事诉讼法〉的解释》第二百五十八条第三款）'
    backend({ deadlines: { ...base, trial_limit: { ...base.trial_limit!, changes: [line], explanation: [line, ...base.trial_limit!.explanation] } } })
    w = await mountDetail()
    await openTab('deadlines')
    const changes = w.get(q('case-deadlines')).findAll(q('trial-limit-change'))
    expect(changes.map((c) => c.text())).toEqual([line])
  })

  it('says by when an extension must be asked for, with the text that sets it, while the case is open', async () => {
    const base = caseDeadlines()
    const request = { by: '2026-05-05', days_before: 15, citation: '《最高人民法院关于严格规范民商事案件延长审限和延期开庭问题的规定》第一条第二款', provisional: null }
    backend({ deadlines: { ...base, trial_limit: { ...base.trial_limit!, extension_request: request } } })
    w = await mountDetail()
    await openTab('deadlines')
    const line = w.get(q('trial-limit-extension-request'))
    expect(line.attributes('data-by')).toBe('2026-05-05')
    expect(line.text()).toContain('如需延长审限，应在届满15日前申请：不晚于 2026-05-05')
    expect(line.text()).toContain('第一条第二款')
  })

  it('lists every derived period with party, trigger, due date and tier', async () => {
    backend({
      deadlines: caseDeadlines({
        deadlines: [deadline(), deadline({ name: '答辩期', party: '深圳市某某科技有限公司', due: '2026-11-01', days_left: -25, tier: 'overdue' })],
      }),
    })
    w = await mountDetail()
    await openTab('deadlines')
    const rows = w.get(q('case-deadlines')).findAll(q('deadline-row'))
    expect(rows).toHaveLength(2)
    expect(rows[0].text()).toContain('答辩期')
    expect(rows[0].text()).toContain('超期 25 天')
    expect(rows[1].text()).toContain('上诉期（判决）')
    expect(rows[1].text()).toContain('张三')
    expect(rows[1].text()).toContain('送达判决书 2026-11-21')
    expect(rows[1].text()).toContain('2026-12-07')
    expect(rows[1].text()).toContain('剩 11 天')
  })

  it('marks a provisional 审限 and period 暂定 with the reason on hover (domain.md §0)', async () => {
    const base = caseDeadlines()
    const provisional = { year: 2027, date: '2027-01-10', code: 'holiday_data_missing', reason: '2027 年放假安排尚未导入' }
    backend({
      deadlines: {
        ...base,
        trial_limit: { ...base.trial_limit!, due: '2027-01-10', provisional },
        deadlines: [deadline({ due: '2027-01-04', provisional: { ...provisional, date: '2027-01-04' } }), deadline({ name: '答辩期' })],
      },
    })
    w = await mountDetail()
    expect(w.get(q('case-limit-summary')).find(q('provisional-tag')).exists()).toBe(true)
    await openTab('deadlines')
    const panel = w.get(q('case-deadlines'))
    const tag = panel.get(q('trial-limit')).get(q('provisional-tag'))
    expect(tag.text()).toBe('暂定')
    expect(tag.attributes('title')).toContain('2027 年放假安排尚未导入：暂按 2027-01-10 计算')
    const rows = panel.findAll(q('deadline-row'))
    expect(rows.map((r) => r.find(q('provisional-tag')).exists())).toEqual([false, true])
    expect(rows[1].get(q('provisional-tag')).attributes('title')).toContain('2027-01-04')
  })

  it('says whether a posted filing was in time (CPL 85 ¶4)', async () => {
    backend({
      deadlines: caseDeadlines({
        deadlines: [deadline({ posted: { date: '2026-12-06', in_time: true } }), deadline({ name: '答辩期', due: '2026-11-01', posted: { date: '2026-11-03', in_time: false } })],
      }),
    })
    w = await mountDetail()
    await openTab('deadlines')
    const posted = w.get(q('case-deadlines')).findAll(q('deadline-posted'))
    expect(posted.map((p) => [p.attributes('data-in-time'), p.text()])).toEqual([
      ['false', '2026-11-03 交邮，已超过期限'],
      ['true', '2026-12-06 交邮，在期限内（视为未过期）'],
    ])
  })

  it('shows a 涉外 case as without 审限, with the article, not as a failure (CPL 287)', async () => {
    const message = '涉外民事案件不受审限限制：人民法院审理涉外民事案件的期间，不受《民事诉讼法》第一百五十二条、第一百八十三条规定的限制（《民事诉讼法》第二百八十七条；普通程序）'
    backend({ deadlines: caseDeadlines({ trial_limit: null, trial_limit_error: { code: 'trial_limit_exempt', message, detail: null } }) })
    w = await mountDetail()
    await openTab('deadlines')
    const info = w.get(q('trial-limit-exempt'))
    expect(info.text()).toContain('不受审限限制（涉外民事案件）')
    expect(info.text()).toContain('第二百八十七条')
    expect(w.find(q('trial-limit-error')).exists()).toBe(false)
  })

  it('says plainly what could not be computed', async () => {
    backend({
      deadlines: caseDeadlines({
        trial_limit: null,
        trial_limit_error: HOLIDAY_2027,
        deadlines: [],
        unresolved: [
          { rule_id: 'civil.defence', name: '答辩期', party: '某公司', trigger_event: '送达起诉状副本', trigger_date: '2026-12-20', error: HOLIDAY_2027 },
        ],
      }),
    })
    w = await mountDetail()
    await openTab('deadlines')
    expect(w.get(q('trial-limit-error')).text()).toContain('缺少 2027 年的节假日与调休数据')
    const u = w.get(q('case-unresolved')).text()
    expect(u).toContain('答辩期')
    expect(u).toContain('某公司')
    expect(u).toContain('送达起诉状副本 2026-12-20')
    expect(u).toContain('请管理员导入 2027 年国务院放假安排')
  })
})

describe('CaseDetail · 记录节点', { timeout: 15_000 }, () => {
  it('records an event for a party and shows the period it started', async () => {
    backend()
    w = await mountDetail()
    await openTab('events')
    const form = w.getComponent(EventForm)
    await choose(form, 'event-kind', '送达判决书')
    await choose(form, 'event-date', '2026-11-21')
    await choose(form, 'event-party', '张三')
    expect(form.get(q('event-kind-meaning')).text()).toBe('当事人收到判决书')
    await form.get(q('event-save')).trigger('click')
    await flushPromises()
    expect(calls('add_event')).toEqual([['add_event', { caseNo: CASE_NO, kind: '送达判决书', date: '2026-11-21', party: '张三' }]])
    expect(calls('case_deadlines')).toHaveLength(2)
    expect(document.body.textContent).toContain('新增期限：上诉期（判决）（张三） 2026-12-07')
    expect(w.get(q('case-events')).text()).toContain('张三')
    await openTab('deadlines')
    expect(w.get(q('case-deadlines')).findAll(q('deadline-row'))).toHaveLength(1)
  })

  it('asks for kind and date before sending', async () => {
    backend()
    w = await mountDetail()
    await openTab('events')
    const form = w.getComponent(EventForm)
    await form.get(q('event-save')).trigger('click')
    await flushPromises()
    expect(form.get(q('error-kind')).text()).toBe('请选择节点')
    expect(form.get(q('error-date')).text()).toBe('请选择日期')
    expect(calls('add_event')).toHaveLength(0)
  })

  it("shows the back end's message next to its field", async () => {
    backend({ rejectEvent: { code: 'validation_failed', message: '输入有误', detail: [{ field: 'date', code: 'date_invalid', message: '日期无效' }] } })
    w = await mountDetail()
    await openTab('events')
    const form = w.getComponent(EventForm)
    await choose(form, 'event-kind', '公告发布')
    await choose(form, 'event-date', '2026-11-21')
    await form.get(q('event-save')).trigger('click')
    await flushPromises()
    expect(calls('add_event')[0][1]).toEqual({ caseNo: CASE_NO, kind: '公告发布', date: '2026-11-21' })
    expect(form.get(q('error-date')).text()).toBe('日期无效')
  })
})

describe('CaseDetail · 审限变更', { timeout: 15_000 }, () => {
  it('records an extension in months', async () => {
    backend()
    w = await mountDetail()
    await openTab('extensions')
    const form = w.getComponent(ExtensionForm)
    await choose(form, 'extension-approved', '2026-05-10')
    await choose(form, 'extension-length', 6)
    await choose(form, 'extension-by', '院长')
    await form.get(q('extension-reason')).setValue(' 案情复杂 ')
    await form.get(q('extension-save')).trigger('click')
    await flushPromises()
    expect(calls('add_extension')).toEqual([
      ['add_extension', { caseNo: CASE_NO, input: { approved: '2026-05-10', months: 6, by: '院长', reason: '案情复杂' } }],
    ])
    expect(calls('case_deadlines')).toHaveLength(2)
  })

  it('puts a whole-row error of the back end under the length', async () => {
    backend({
      rejectExtension: {
        code: 'validation_failed',
        message: '输入有误',
        detail: [{ field: 'extensions[0]', code: 'value_invalid', message: '延长期限应给出 months 或 days 之一，且大于 0' }],
      },
    })
    w = await mountDetail()
    await openTab('extensions')
    const form = w.getComponent(ExtensionForm)
    await choose(form, 'extension-approved', '2026-05-10')
    await choose(form, 'extension-unit', 'days')
    await choose(form, 'extension-length', 20)
    await choose(form, 'extension-by', '庭长')
    await form.get(q('extension-save')).trigger('click')
    await flushPromises()
    expect(calls('add_extension')[0][1]).toEqual({ caseNo: CASE_NO, input: { approved: '2026-05-10', days: 20, by: '庭长' } })
    expect(form.get(q('error-length')).text()).toContain('延长期限应给出')
  })

  it('records a deduction and says both end days are deducted', async () => {
    backend({
      rejectDeduction: {
        code: 'validation_failed',
        message: '输入有误',
        detail: [{ field: 'deductions[0]', code: 'value_invalid', message: '扣除期间的结束日期早于开始日期' }],
      },
    })
    w = await mountDetail()
    await openTab('extensions')
    const form = w.getComponent(DeductionForm)
    expect(form.get(q('deduction-setting')).text()).toContain('开始日和结束日均计入扣除')
    expect(form.get(q('deduction-setting')).text()).toContain('本系统设定（依据 domain §0）')
    // The grounds offered are the back end's list (case_vocabulary), not a copy kept in the UI.
    const kinds = form.findAllComponents(ElSelect).find((c) => c.attributes('data-testid') === 'deduction-kind')!
    expect(kinds.findAllComponents({ name: 'ElOption' }).map((o) => o.props('value'))).toEqual(['公告', '鉴定', '其他'])
    await choose(form, 'deduction-kind', '鉴定')
    await choose(form, 'deduction-from', '2026-03-10')
    await choose(form, 'deduction-to', '2026-03-01')
    await form.get(q('deduction-save')).trigger('click')
    await flushPromises()
    expect(calls('add_deduction')[0][1]).toEqual({ caseNo: CASE_NO, input: { kind: '鉴定', from: '2026-03-10', to: '2026-03-01' } })
    expect(form.get(q('error-to')).text()).toBe('扣除期间的结束日期早于开始日期')
  })
})

describe('CaseDetail · 删除记错的记录', { timeout: 15_000 }, () => {
  it('removes a recorded conversion after asking, and says the 程序 changed each way', async () => {
    backend()
    w = await mountDetail()
    await openTab('events')
    const form = w.getComponent(EventForm)
    await choose(form, 'event-kind', '简易程序转普通程序')
    await choose(form, 'event-date', '2025-05-20')
    await form.get(q('event-save')).trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('程序已由简易程序变为普通程序')

    await w.get(q('case-events')).get(q('remove-record')).trigger('click')
    await settle()
    expect(document.body.querySelector(q('remove-record-panel'))?.textContent).toContain('删除“2025-05-20 简易程序转普通程序”？')
    expect(calls('remove_record')).toHaveLength(0)
    ;(document.body.querySelector(q('remove-record-confirm')) as HTMLElement).click()
    await settle()
    expect(calls('remove_record')).toEqual([['remove_record', { caseNo: CASE_NO, id: 'e1' }]])
    expect(document.body.textContent).toContain('已删除：2025-05-20 简易程序转普通程序。程序已由普通程序变为简易程序')
    expect(w.get(q('case-events')).text()).not.toContain('简易程序转普通程序')
    expect(calls('case_deadlines').length).toBeGreaterThanOrEqual(3)
  })

  it("keeps the record and shows the back end's message when it is already gone", async () => {
    backend()
    w = await mountDetail()
    await openTab('hearings')
    invokeMock.mockImplementationOnce(async () => {
      throw { code: 'record_not_found', message: '本案没有这条记录（h1），可能已被删除；请刷新后再试' }
    })
    await w.get(q('remove-record')).trigger('click')
    await settle()
    ;(document.body.querySelector(q('remove-record-confirm')) as HTMLElement).click()
    await settle()
    expect(document.body.textContent).toContain('可能已被删除')
    expect(w.text()).toContain('第三法庭')
  })
})

describe('CaseDetail · 当事人', { timeout: 15_000 }, () => {
  /** The dialog is teleported to <body>: its inputs are reached through the component tree. */
  const dialog = () => w!.getComponent({ name: 'PartyDialog' })
  /** Element Plus puts the test id on the <input> itself. */
  const input = (testid: string) => {
    const el = document.body.querySelector(`input${q(testid)}, ${q(testid)} input`) as HTMLInputElement
    return {
      element: el,
      async setValue(v: string) {
        el.value = v
        el.dispatchEvent(new Event('input'))
        await flushPromises()
      },
    }
  }
  const body = (testid: string) => document.body.querySelector(q(testid)) as HTMLElement | null

  it('changes an address for 送达 and adds a 第三人, with a refusal shown under its field', async () => {
    backend()
    w = await mountDetail()
    await openTab('parties')
    await w.get(q('case-parties')).findAll(q('party-edit'))[0].trigger('click')
    await settle()
    expect((input('party-name').element as HTMLInputElement).value).toBe('张三')
    await input('party-address').setValue('深圳市龙华区民治街道 1 号')
    body('party-save')!.click()
    await settle()
    const sent = calls('save_party')[0][1] as { caseNo: string; id: string; input: Record<string, unknown> }
    expect([sent.caseNo, sent.id, sent.input.name, sent.input.address]).toEqual([CASE_NO, 'p1', '张三', '深圳市龙华区民治街道 1 号'])
    expect(document.body.textContent).toContain('已修改当事人：张三')
    expect(w.get(q('case-parties')).text()).toContain('深圳市龙华区民治街道 1 号')

    await w.get(q('party-add')).trigger('click')
    await settle()
    dialog().getComponent(ElSelect).vm.$emit('update:modelValue', '旁听人')
    await input('party-name').setValue('某某物业公司')
    body('party-save')!.click()
    await settle()
    expect(body('error-role')?.textContent).toBe('未知的诉讼地位“旁听人”')
    dialog().getComponent(ElSelect).vm.$emit('update:modelValue', '第三人')
    body('party-save')!.click()
    await settle()
    expect((calls('save_party').at(-1)![1] as { id: string | null }).id).toBeNull()
    expect(w.get(q('case-parties')).text()).toContain('某某物业公司')
    expect(calls('case_deadlines').length).toBeGreaterThanOrEqual(3)
  })
})

describe('CaseDetail · 排期开庭', { timeout: 15_000 }, () => {
  it('asks for time and room, shows a refusal under the time, then schedules', async () => {
    backend()
    w = await mountDetail()
    await openTab('hearings')
    const form = w.getComponent(HearingForm)
    await form.get(q('hearing-save')).trigger('submit')
    await flushPromises()
    expect(form.get(q('error-start')).text()).toBe('请选择开庭时间')
    expect(form.get(q('error-room')).text()).toBe('请填写开庭地点（法庭）')
    expect(calls('add_hearing')).toHaveLength(0)

    await choose(form, 'hearing-start', '2025-04-31T09:30')
    form.getComponent(ElSelect).vm.$emit('update:modelValue', '第三法庭')
    await flushPromises()
    await form.get('form').trigger('submit')
    await flushPromises()
    expect(form.get(q('error-start')).text()).toContain('应为 YYYY-MM-DDTHH:MM')

    await choose(form, 'hearing-start', '2025-05-08T14:30')
    await form.get('form').trigger('submit')
    await flushPromises()
    expect(calls('add_hearing').at(-1)).toEqual(['add_hearing', { caseNo: CASE_NO, input: { start: '2025-05-08T14:30', room: '第三法庭' } }])
    expect(document.body.textContent).toContain('已排期开庭：2025-05-08 14:30 第三法庭')
    expect(w.get(q('case-hearings')).findAll('.el-table__row')).toHaveLength(2)
  })
})

describe('CaseDetail · 排期开庭 on a rest day', { timeout: 15_000 }, () => {
  it('says the chosen day is a 放假 day, and schedules all the same when saved', async () => {
    backend()
    w = await mountDetail()
    await openTab('hearings')
    const form = w.getComponent(HearingForm)
    await choose(form, 'hearing-start', '2025-05-03T09:30')
    await flushPromises()
    expect(form.get(q('hearing-rest-day')).text()).toBe('注意：2025-05-03（星期六）是劳动节放假日，确需在该日开庭的请照常保存')
    await choose(form, 'hearing-start', '2025-05-08T14:30')
    await flushPromises()
    expect(form.find(q('hearing-rest-day')).exists()).toBe(false)
    await choose(form, 'hearing-start', '2025-05-03T09:30')
    form.getComponent(ElSelect).vm.$emit('update:modelValue', '第三法庭')
    await flushPromises()
    await form.get('form').trigger('submit')
    await flushPromises()
    expect(calls('add_hearing').at(-1)).toEqual(['add_hearing', { caseNo: CASE_NO, input: { start: '2025-05-03T09:30', room: '第三法庭' } }])
  })
})

describe('CaseDetail · 上诉', { timeout: 15_000 }, () => {
  it('says under the date why an open case cannot be appealed', async () => {
    backend()
    w = await mountDetail()
    await openTab('appeal')
    const form = w.getComponent(AppealForm)
    await choose(form, 'appeal-filed', '2025-06-10')
    await form.get('form').trigger('submit')
    await flushPromises()
    expect(form.get(q('error-filed')).text()).toContain('案件尚未结案')
  })

  it('records the appeal of a closed case, then the second instance’s outcome', async () => {
    backend({ closed: '2025-06-01' })
    w = await mountDetail()
    await openTab('appeal')
    const form = w.getComponent(AppealForm)
    await choose(form, 'appeal-filed', '2025-06-10')
    await form.get('form').trigger('submit')
    await flushPromises()
    expect(w.get(q('case-appeal')).text()).toContain('尚无结果')
    await choose(form, 'appeal-outcome', '发回重审')
    await form.get('form').trigger('submit')
    await flushPromises()
    expect(calls('set_appeal').at(-1)).toEqual(['set_appeal', { caseNo: CASE_NO, input: { filed: '2025-06-10', outcome: '发回重审' } }])
    expect(w.get(q('case-appeal')).text()).toContain('发回重审')
    expect(document.body.textContent).toContain('已保存上诉信息')
  })
})

describe('CaseDetail · 改期', { timeout: 15_000 }, () => {
  it('moves a hearing through the same form, keeping its id', async () => {
    backend()
    w = await mountDetail()
    await openTab('hearings')
    await w.get(q('case-hearings')).get(q('hearing-move')).trigger('click')
    await flushPromises()
    const form = w.getComponent(HearingForm)
    expect(form.text()).toContain('改期（延期开庭）')
    await choose(form, 'hearing-start', '2025-04-24T14:30')
    await form.get('form').trigger('submit')
    await flushPromises()
    expect(calls('reschedule_hearing').at(-1)).toEqual([
      'reschedule_hearing',
      { caseNo: CASE_NO, id: 'h1', input: { start: '2025-04-24T14:30', room: '第三法庭' } },
    ])
    expect(calls('add_hearing')).toHaveLength(0)
    expect(document.body.textContent).toContain('已改期：2025-04-24 14:30 第三法庭')
    expect(w.get(q('case-hearings')).findAll('.el-table__row')).toHaveLength(1)
    expect(form.text()).toContain('排期开庭')
  })
})

describe('CaseDetail · 历史 of a case received when joining the division', { timeout: 15_000 }, () => {
  it('fetches the full history from the court server and shows it in place of the row that said so', async () => {
    backend({ historyOnServer: true })
    w = await mountDetail()
    await openTab('history')
    expect(w.get(q('case-history')).text()).toContain('此前的变更记录保存在法院服务器上')
    const reads = calls('case_history').length
    await w.get(q('history-fetch')).trigger('click')
    await flushPromises()
    expect(invokeMock).toHaveBeenCalledWith('case_history_from_server', { caseNo: CASE_NO })
    expect(calls('case_history').length).toBe(reads + 1)
    const text = w.get(q('case-history')).text()
    expect(text).toContain('李法官')
    expect(text).not.toContain('此前的变更记录保存在法院服务器上')
    expect(w.find(q('history-fetch')).exists()).toBe(false)
  })

  it('shows that it is fetching while the server answers', async () => {
    backend({ historyOnServer: true })
    let answer: (n: number) => void = () => {}
    const inner = invokeMock.getMockImplementation()!
    invokeMock.mockImplementation((cmd: string, args?: unknown) =>
      cmd === 'case_history_from_server' ? new Promise((r) => (answer = r)) : inner(cmd, args as never),
    )
    w = await mountDetail()
    await openTab('history')
    await w.get(q('history-fetch')).trigger('click')
    await flushPromises()
    expect(w.get(q('history-fetch')).text()).toContain('正在从法院服务器获取')
    expect(w.get(q('history-fetch')).classes()).toContain('is-loading')
    answer(0)
    await flushPromises()
    expect(w.get(q('history-fetch')).text()).toBe('从法院服务器获取完整历史')
  })

  it.each([
    ['history_offline', '无法连接法院服务器：完整历史仍在服务器上'],
    ['history_not_logged_in', '尚未登录法院服务器'],
    ['history_forbidden', '不在您的审判庭范围内'],
    ['history_server_error', '请稍后再试'],
  ])('says in place why it could not (%s) and keeps the row', async (code, shown) => {
    backend({ historyOnServer: true, rejectFetch: { code, message: `后端的说明：${code}` } })
    w = await mountDetail()
    await openTab('history')
    const reads = calls('case_history').length
    await w.get(q('history-fetch')).trigger('click')
    await flushPromises()
    const error = w.get(q('history-fetch-error')).text()
    expect(error).toContain(shown)
    expect(error).toContain(`后端的说明：${code}`)
    expect(calls('case_history').length).toBe(reads)
    expect(w.get(q('case-history')).text()).toContain('此前的变更记录保存在法院服务器上')
  })

  it('shows an error it has no words for as the back end sent it, in English too', async () => {
    backend({ historyOnServer: true, rejectFetch: { code: 'case_not_found', message: '没有案件“x”' } })
    i18n.global.locale.value = 'en'
    try {
      w = await mountDetail()
      await openTab('history')
      expect(w.get(q('history-fetch')).text()).toBe('Fetch the full history from the court server')
      await w.get(q('history-fetch')).trigger('click')
      await flushPromises()
      expect(w.get(q('history-fetch-error')).text()).toBe('没有案件“x”')
    } finally {
      i18n.global.locale.value = 'zh-CN'
    }
  })
})
