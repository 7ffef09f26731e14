import { afterEach, describe, expect, it } from 'vitest'
import { i18n } from './i18n'
import {
  daysLeftText,
  formFieldErrors,
  hearingRoom,
  newDeadlines,
  progressPercent,
  provisionalYears,
  summarizeUnresolved,
  tierLabel,
  tierMeta,
  TIERS,
  timelineRows,
  triggerText,
} from './deadlines'
import { caseDeadlines, deadline, dueItem, HOLIDAY_2027 } from './testing/fixtures'

afterEach(() => {
  i18n.global.locale.value = 'zh-CN'
})

describe('tiers', () => {
  it('map to the agreed colours and labels', () => {
    expect(TIERS.map((t) => [t, tierLabel(t), tierMeta(t).color])).toEqual([
      ['overdue', '超期', '#d93026'],
      ['urgent', '紧急', '#e8590c'],
      ['middle', '中期', '#e0a800'],
      ['early', '远期', '#1c6dd0'],
      ['normal', '正常', '#909399'],
      ['suspended', '中止', '#7a6a9a'],
    ])
    expect(tierMeta('urgent').className).toBe('andu-tier andu-tier-urgent')
  })

  it('rank from the most pressing', () => {
    const ranks = TIERS.map((t) => tierMeta(t).rank)
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
  })

  it('show an unknown tier like 正常 and translate labels', () => {
    expect(tierMeta('later-maybe').className).toContain('andu-tier-normal')
    i18n.global.locale.value = 'en'
    expect(tierLabel('overdue')).toBe('Overdue')
    expect(tierLabel('early')).toBe('Early warning')
  })
})

describe('wording', () => {
  it('says days left, due today or days overdue', () => {
    expect(daysLeftText(3)).toBe('剩 3 天')
    expect(daysLeftText(0)).toBe('今日到期')
    expect(daysLeftText(-190)).toBe('超期 190 天')
    i18n.global.locale.value = 'en'
    expect(daysLeftText(1)).toBe('1 days left')
    expect(daysLeftText(-2)).toBe('2 days overdue')
  })

  it('caps the progress bar at a full bar and treats nonsense as empty', () => {
    expect(progressPercent(0.666)).toBe(67)
    expect(progressPercent(2.05)).toBe(100)
    expect(progressPercent(-0.1)).toBe(0)
    expect(progressPercent(Number.NaN)).toBe(0)
  })

  it('takes the courtroom of a hearing from its room, never from the explanation', () => {
    expect(hearingRoom(dueItem({ kind: 'hearing', room: '第一法庭', explanation: ['2026-11-29 09:30 在第三法庭开庭'] }))).toBe('第一法庭')
    expect(hearingRoom(dueItem({ kind: 'hearing', room: ' 第二法庭 ' }))).toBe('第二法庭')
    expect(hearingRoom(dueItem({ kind: 'hearing', explanation: ['2026-11-29 09:30 在第一法庭开庭'] }))).toBe('')
    expect(hearingRoom(dueItem({ room: '第一法庭' }))).toBe('')
  })

  it('names the trigger event and its date', () => {
    expect(triggerText(deadline())).toBe('送达判决书 2026-11-21')
  })
})

describe('summarizeUnresolved', () => {
  it('makes one warning per missing holiday year, with every deadline listed', () => {
    const groups = summarizeUnresolved([
      { case_no: 'A', name: '审限', error: HOLIDAY_2027 },
      { case_no: 'B', name: '答辩期', error: HOLIDAY_2027 },
      { case_no: 'C', name: '审限', error: { ...HOLIDAY_2027, detail: { year: 2028 } } },
      { case_no: 'D', name: '审限', error: { code: 'rule_invalid', message: '规则错误' } },
    ])
    expect(groups.map((g) => [g.code, g.year, g.title, g.items.length])).toEqual([
      ['holiday_data_missing', 2027, '缺少 2027 年节假日数据，2 项期限无法计算', 2],
      ['holiday_data_missing', 2028, '缺少 2028 年节假日数据，1 项期限无法计算', 1],
      ['rule_invalid', null, '1 项期限无法计算：规则错误', 1],
    ])
    expect(groups[0].items[1]).toEqual({ case_no: 'B', name: '答辩期', message: HOLIDAY_2027.message })
  })

  it('names the party of a case deadline', () => {
    const [g] = summarizeUnresolved([
      { rule_id: 'civil.defence', name: '答辩期', party: '某公司', trigger_event: '送达起诉状副本', trigger_date: '2026-12-20', error: HOLIDAY_2027 },
    ])
    expect(g.items[0].name).toBe('答辩期（某公司）')
  })

  it('is empty when everything was computed', () => {
    expect(summarizeUnresolved([])).toEqual([])
  })
})

describe('timelineRows (期限 tab)', () => {
  it('orders deadlines by date and fills in trigger and days-left wording', () => {
    const later = deadline({ name: '公告送达期满（视为送达）', party: null, trigger_event: '公告发布', trigger_date: '2026-11-20', due: '2026-12-21', days_left: 25, rule_id: 'civil.publication' })
    const past = deadline({ name: '答辩期', party: '某公司', due: '2026-11-01', days_left: -25, tier: 'overdue', rule_id: 'civil.defence' })
    const rows = timelineRows(caseDeadlines({ deadlines: [later, deadline(), past] }))
    expect(rows.map((r) => [r.name, r.trigger, r.due, r.daysText, r.past])).toEqual([
      ['答辩期', '送达判决书 2026-11-21', '2026-11-01', '超期 25 天', true],
      ['上诉期（判决）', '送达判决书 2026-11-21', '2026-12-07', '剩 11 天', false],
      ['公告送达期满（视为送达）', '公告发布 2026-11-20', '2026-12-21', '剩 25 天', false],
    ])
    expect(new Set(rows.map((r) => r.id)).size).toBe(3)
  })

  it('finds the deadlines a new event added', () => {
    const a = deadline()
    const b = deadline({ party: '某公司' })
    expect(newDeadlines([a], [a, b])).toEqual([b])
    expect(newDeadlines([a, b], [a, b])).toEqual([])
  })
})

describe('formFieldErrors', () => {
  it('maps extensions[0].x to x and the whole row to the given field', () => {
    const r = formFieldErrors(
      [
        { field: 'extensions[0].approved', code: 'value_invalid', message: '批准日期早于立案日期' },
        { field: 'extensions[0]', code: 'value_invalid', message: '延长期限应给出 months 或 days 之一，且大于 0' },
        { field: 'parties[1].name', code: 'field_required', message: '必填' },
      ],
      'extensions',
      'length',
    )
    expect(r.byField).toEqual({ approved: '批准日期早于立案日期', length: '延长期限应给出 months 或 days 之一，且大于 0' })
    expect(r.other).toEqual([{ field: 'parties[1].name', code: 'field_required', message: '必填' }])
  })

  it('puts a field the back end names without the list (room, by) under that field', () => {
    const r = formFieldErrors(
      [
        { field: 'room', code: 'field_required', message: '请填写开庭地点（法庭）' },
        { field: 'hearings[0].start', code: 'date_invalid', message: '开庭时间无效' },
      ],
      'hearings',
      'start',
    )
    expect(r.byField).toEqual({ room: '请填写开庭地点（法庭）', start: '开庭时间无效' })
    expect(r.other).toEqual([])
  })

  it('keeps plain field names for an event', () => {
    const r = formFieldErrors([{ field: 'date', code: 'date_invalid', message: '日期无效' }, { field: 'x.y', code: '', message: 'm' }], null, 'kind')
    expect(r.byField).toEqual({ date: '日期无效' })
    expect(r.other).toHaveLength(1)
  })
})

describe('provisionalYears', () => {
  const p = (year: number) => ({ year, date: `${year}-01-04`, code: 'holiday_data_missing', reason: '' })
  it('counts the 暂定 items of a report per missing year, earliest year first', () => {
    expect(provisionalYears([{ provisional: p(2028) }, { provisional: null }, { provisional: p(2027) }, { provisional: p(2027) }, { provisional: null }])).toEqual([
      { year: 2027, n: 2 },
      { year: 2028, n: 1 },
    ])
    expect(provisionalYears([])).toEqual([])
  })
})
