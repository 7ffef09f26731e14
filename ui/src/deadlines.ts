// What the 今日 dashboard, the case's 期限 tab and the calendar show, computed from the back end's reports.
// Pure functions (no Vue, no invoke) so the grouping and the wording can be unit-tested.
import type {
  CaseDeadlines,
  DeadlineView,
  DueItem,
  ErrorBody,
  FieldError,
  Tier,
  TodayView,
  UnresolvedDeadline,
  UnresolvedItem,
} from './api'
import { i18n } from './i18n'

// ---- tiers ------------------------------------------------------------------------------------------------

export const TIERS: readonly Tier[] = ['overdue', 'urgent', 'middle', 'early', 'normal', 'suspended']

export interface TierMeta {
  /** Message key of the label (超期, 紧急…). */
  label: string
  /** CSS class: a tag-like chip in the tier's colours (style.css). */
  className: string
  /** The tier's main colour: 超期 red, 紧急 orange, 中期 yellow, 远期 blue, 正常 grey, 中止 violet-grey. */
  color: string
  /** A light background in the same hue (calendar chips). */
  background: string
  /** Lower is more pressing (sorting). */
  rank: number
}

const TIER_COLORS: Record<Tier, string> = {
  overdue: '#d93026',
  urgent: '#e8590c',
  middle: '#e0a800',
  early: '#1c6dd0',
  normal: '#909399',
  suspended: '#7a6a9a',
}

const TIER_BACKGROUNDS: Record<Tier, string> = {
  overdue: '#fdecea',
  urgent: '#fff0e6',
  middle: '#fff6cc',
  early: '#e8f1fd',
  normal: '#f4f4f5',
  suspended: '#f1eef7',
}

export function isTier(v: unknown): v is Tier {
  return typeof v === 'string' && (TIERS as readonly string[]).includes(v)
}

/** Colours and label of a tier; an unknown value (a newer back end) is shown like 正常. */
export function tierMeta(tier: string): TierMeta {
  const t: Tier = isTier(tier) ? tier : 'normal'
  return { label: `tier.${t}`, className: `andu-tier andu-tier-${t}`, color: TIER_COLORS[t], background: TIER_BACKGROUNDS[t], rank: TIERS.indexOf(t) }
}

export function tierLabel(tier: string): string {
  return i18n.global.t(tierMeta(tier).label)
}

// ---- wording ----------------------------------------------------------------------------------------------

/** 今日到期 / 剩 3 天 / 超期 2 天. */
export function daysLeftText(days: number): string {
  if (days === 0) return i18n.global.t('deadline.dueToday')
  if (days > 0) return i18n.global.t('deadline.daysLeft', { n: days })
  return i18n.global.t('deadline.daysOver', { n: -days })
}

/** Share of a 审限 elapsed as a whole percentage for a progress bar: 0–100 (an overdue 审限 is full). */
export function progressPercent(fraction: number): number {
  if (!Number.isFinite(fraction) || fraction <= 0) return 0
  return Math.min(100, Math.round(fraction * 100))
}

/**
 * The numbers the 今日 section titles and hints state, from the back end's answer: the sections' windows and the
 * reminder tiers in force (a court may change them), so a hint never says 2/3 or 30 days of its own.
 */
export function todayHintParams(view: Pick<TodayView, 'windows' | 'reminders'>): Record<string, string | number> {
  const { windows: w, reminders: r } = view
  return {
    recent: w.recent_days,
    week: w.week_days,
    from: w.week_days + 1,
    later: w.later_days,
    early: `${Math.round(r.early_fraction * 1000) / 10}%`,
    civil: r.middle_days_civil,
    criminalAdmin: r.middle_days_criminal_admin,
    urgent: r.urgent_days,
  }
}

/** `送达判决书 2026-11-21` — the event a period runs from. */
export function triggerText(d: { trigger_event: string; trigger_date: string }): string {
  return `${d.trigger_event} ${d.trigger_date}`
}

/** The `HH:MM` of a hearing (`2026-11-29T09:30`), or '' for an item without a time. */
export function timeOf(item: Pick<DueItem, 'time'>): string {
  const m = /T(\d{2}:\d{2})/.exec(item.time ?? '')
  return m ? m[1] : ''
}

/** The courtroom of a hearing item (its `room`); '' for other items or a hearing without one. */
export function hearingRoom(item: Pick<DueItem, 'kind' | 'room'>): string {
  return item.kind === 'hearing' ? (item.room ?? '').trim() : ''
}

// ---- 今日 ---------------------------------------------------------------------------------------------------
// The sections themselves are sorted by the back end (andu-docket `today.rs`, the `today_view` command).

/** Is the reminder put off to a later day (稍后提醒) as of `today`? */
export function isSnoozed(item: Pick<DueItem, 'snoozed_until'>, today: string): boolean {
  return !!item.snoozed_until && item.snoozed_until > today
}

// ---- what could not be computed ----------------------------------------------------------------------------

export interface UnresolvedGroup {
  code: string
  /** The year without holiday data (`holiday_data_missing`), when the back end said which. */
  year: number | null
  /** One line for the whole group (缺少 2027 年节假日数据，N 项期限无法计算). */
  title: string
  items: { case_no: string; name: string; message: string }[]
}

function yearOf(error: ErrorBody): number | null {
  const d = error.detail as { year?: unknown } | null | undefined
  return d && typeof d === 'object' && typeof d.year === 'number' ? d.year : null
}

/**
 * Groups what the back end could not compute by cause, so a missing holiday table is one visible warning with
 * its cases listed under it, not 24 identical lines — and never dropped.
 */
export function summarizeUnresolved(list: (UnresolvedItem | (UnresolvedDeadline & { case_no?: string }))[]): UnresolvedGroup[] {
  const groups = new Map<string, UnresolvedGroup>()
  for (const u of list) {
    const year = u.error.code === 'holiday_data_missing' ? yearOf(u.error) : null
    const id = `${u.error.code}|${year ?? ''}`
    let g = groups.get(id)
    if (!g) {
      g = { code: u.error.code, year, title: '', items: [] }
      groups.set(id, g)
    }
    const name = 'party' in u && u.party ? `${u.name}（${u.party}）` : u.name
    g.items.push({ case_no: u.case_no ?? '', name, message: u.error.message })
  }
  const t = i18n.global.t
  return [...groups.values()].map((g) => ({
    ...g,
    title:
      g.code === 'holiday_data_missing'
        ? g.year !== null
          ? t('unresolved.holidayYear', { year: g.year, n: g.items.length })
          : t('unresolved.holiday', { n: g.items.length })
        : t('unresolved.other', { n: g.items.length, message: g.items[0].message }),
  }))
}

/**
 * The years whose holiday data is missing behind the 暂定 dates of a report, with how many items each: one line on
 * 今日 says why those dates are provisional and where the year is imported.
 */
export function provisionalYears(items: readonly { provisional?: DueItem['provisional'] }[]): { year: number; n: number }[] {
  const counts = new Map<number, number>()
  for (const i of items) if (i.provisional) counts.set(i.provisional.year, (counts.get(i.provisional.year) ?? 0) + 1)
  return [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([year, n]) => ({ year, n }))
}

// ---- the case's 期限 ----------------------------------------------------------------------------------------

export interface TimelineRow extends DeadlineView {
  /** Stable row key. */
  id: string
  trigger: string
  daysText: string
  /** The period has passed (kept for the record, shown muted). */
  past: boolean
}

/** The derived deadlines of a case in date order, with the trigger and days-left wording filled in. */
export function timelineRows(cd: Pick<CaseDeadlines, 'deadlines'>): TimelineRow[] {
  return [...cd.deadlines]
    .sort((a, b) => a.due.localeCompare(b.due) || a.name.localeCompare(b.name) || (a.party ?? '').localeCompare(b.party ?? ''))
    .map((d, i) => ({
      ...d,
      id: `${d.rule_id}|${d.party ?? ''}|${d.trigger_date}|${i}`,
      trigger: triggerText(d),
      daysText: daysLeftText(d.days_left),
      past: d.days_left < 0,
    }))
}

/** New deadlines in `after` that were not in `before` (what recording an event produced). */
export function newDeadlines(before: DeadlineView[], after: DeadlineView[]): DeadlineView[] {
  const id = (d: DeadlineView) => `${d.rule_id}|${d.party ?? ''}|${d.trigger_event}|${d.trigger_date}`
  const seen = new Set(before.map(id))
  return after.filter((d) => !seen.has(id(d)))
}

// ---- forms ---------------------------------------------------------------------------------------------

/**
 * The back end validates an added extension or deduction as `extensions[0].approved`, `deductions[0]` (a whole
 * row: "end before start"), …. Maps them to the form's own fields (`rowField` for whole-row errors); anything else
 * is returned in `other`, to be shown above the form.
 */
export function formFieldErrors(errors: FieldError[], list: 'extensions' | 'deductions' | 'hearings' | null, rowField: string) {
  const byField: Record<string, string> = {}
  const other: FieldError[] = []
  const re = list ? new RegExp(`^${list}\\[\\d+\\](?:\\.(\\w+))?$`) : null
  for (const e of errors) {
    let field: string | null = null
    const m = re?.exec(e.field)
    if (m) field = m[1] ?? rowField
    // A field of the form itself (`by`, `room`), named without the list.
    else if (/^\w+$/.test(e.field)) field = e.field
    if (field === null) {
      other.push(e)
      continue
    }
    byField[field] = byField[field] ? `${byField[field]}；${e.message}` : e.message
  }
  return { byField, other }
}
