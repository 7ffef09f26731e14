// Builders for deadline reports in tests (the shapes of docs/app-commands.md).
import type { CaseDeadlines, DeadlineView, DueItem, DueReport, TodaySection, TodayView } from '../api'

export const TODAY = '2026-11-26'
export const CASE_NO = '（2025）粤0309民初1234号'

export function dueItem(over: Partial<DueItem> = {}): DueItem {
  const base: DueItem = {
    key: '',
    done: false,
    snoozed_until: null,
    case_no: CASE_NO,
    cause: '民间借贷纠纷',
    judge: '王法官',
    kind: 'period',
    name: '上诉期（判决）',
    party: '张三',
    due: '2026-12-01',
    days_left: 5,
    tier: 'normal',
    tier_name: '正常',
    citation: '《民事诉讼法》第一百七十一条',
    explanation: ['上诉期（判决）：送达判决书 2026-11-16（张三），期间 15日（《民事诉讼法》第一百七十一条）', '截止日期：2026-12-01（星期二）'],
    provisional: null,
  }
  const item = { ...base, ...over }
  if (!item.key) item.key = `${item.case_no}|${item.kind}|${item.name}|${item.party ?? ''}|${item.due}`
  return item
}

export function report(items: DueItem[], over: Partial<DueReport> = {}): DueReport {
  return { today: TODAY, within_days: 30, items, unresolved: [], ...over }
}

/** A 今日 page as `today_view` answers: the sections given hold all their items unless `totals` says more. */
export function todayView(
  sections: Partial<Record<TodaySection, DueItem[]>>,
  over: Partial<TodayView> & { totals?: Partial<Record<TodaySection, number>> } = {},
): TodayView {
  const { totals = {}, ...rest } = over
  const keys: TodaySection[] = ['overdue', 'dueToday', 'hearings', 'week', 'limits', 'later']
  const all = keys.flatMap((k) => sections[k] ?? [])
  return {
    today: TODAY,
    sections: keys.map((section) => ({ section, total: totals[section] ?? (sections[section] ?? []).length, items: sections[section] ?? [] })),
    judges: [...new Set(all.map((i) => i.judge))],
    provisional: [],
    unresolved: [],
    urgent: 0,
    reminders: { early_fraction: 2 / 3, middle_days_civil: 30, middle_days_criminal_admin: 15, urgent_days: 5, party_days_before: 1 },
    windows: { recent_days: 7, week_days: 7, later_days: 30 },
    ...rest,
  }
}

export function deadline(over: Partial<DeadlineView> = {}): DeadlineView {
  return {
    rule_id: 'civil.appeal.judgment',
    name: '上诉期（判决）',
    concerns: 'party',
    party: '张三',
    trigger_event: '送达判决书',
    trigger_date: '2026-11-21',
    length: '15d',
    direction: 'after',
    regime: 'civil',
    nominal: '2026-12-06',
    due: '2026-12-07',
    citation: '《民事诉讼法》第一百七十一条',
    explanation: [
      '上诉期（判决）：送达判决书 2026-11-21（张三），期间 15日（《民事诉讼法》第一百七十一条）',
      '2026-12-06 星期日 休息日，顺延',
      '截止日期：2026-12-07（星期一）',
    ],
    days_left: 11,
    remind_on: '2026-12-06',
    tier: 'normal',
    tier_name: '正常',
    provisional: null,
    ...over,
  }
}

export function caseDeadlines(over: Partial<CaseDeadlines> = {}): CaseDeadlines {
  return {
    case_no: CASE_NO,
    closed: false,
    trial_limit: {
      procedure: 'civil-ordinary',
      category: 'civil',
      filed: '2025-11-20',
      start: '2025-11-20',
      regime: 'civil',
      base: { months: 6, days: 0 },
      period: { months: 6, days: 0 },
      deducted: [],
      skipped: [],
      suspended_since: null,
      extension_request: null,
      provisional: null,
      nominal: '2026-05-20',
      due: '2026-05-20',
      deducted_days: 0,
      extended_by: 0,
      citation: '《民事诉讼法》第一百五十二条',
      explanation: ['审限：普通程序 6个月，2025-11-20 当日不计入，自次日起算', '审限届满日：2026-05-20（星期三）'],
      status: { today: TODAY, due: '2026-05-20', days_left: -190, fraction_elapsed: 2.05, tier: 'overdue', tier_name: '超期' },
    },
    trial_limit_error: null,
    deadlines: [deadline()],
    unresolved: [],
    ...over,
  }
}

export const HOLIDAY_2027 = {
  code: 'holiday_data_missing',
  message: '缺少 2027 年的节假日与调休数据，无法计算 2027-01-04 前后的期间：请管理员导入 2027 年国务院放假安排后再计算',
  detail: { date: '2027-01-04', year: 2027 },
}
