import type { ReminderLimits, ReminderSettings } from './api'

/** The 设置 editor's form: whole days, and 远期 as a percentage of the 审限 elapsed. */
export interface ReminderForm {
  earlyPercent: number | null
  middleDaysCivil: number | null
  middleDaysCriminalAdmin: number | null
  urgentDays: number | null
  partyDaysBefore: number | null
}

export type ReminderField = keyof ReminderForm
/** An i18n key under `settings.reminders.errors`. */
export type ReminderProblem = 'required' | 'integer' | 'range' | 'percentRange' | 'middleBelowUrgent'

/** 2/3 is shown as 66.7 (one decimal), never as a long fraction. */
export function toForm(s: ReminderSettings): ReminderForm {
  return {
    earlyPercent: Math.round(s.early_fraction * 1000) / 10,
    middleDaysCivil: s.middle_days_civil,
    middleDaysCriminalAdmin: s.middle_days_criminal_admin,
    urgentDays: s.urgent_days,
    partyDaysBefore: s.party_days_before,
  }
}

function wholeDays(v: number | null, max: number): ReminderProblem | null {
  if (v === null || v === undefined || Number.isNaN(v)) return 'required'
  if (!Number.isInteger(v)) return 'integer'
  if (v < 0 || v > max) return 'range'
  return null
}

/**
 * Every problem of the form, by field, as the user types: the ranges of the back end's one check
 * (`ReminderSettings::check`: 0 < 远期 ≤ 100 %, whole days within `limits` — served with the settings,
 * `ReminderSettings::LIMITS` — each 中期 not below 紧急). A save the back end still refuses is shown under its
 * field from the refusal itself.
 */
export function validateReminderForm(f: ReminderForm, limits: ReminderLimits): Partial<Record<ReminderField, ReminderProblem>> {
  const out: Partial<Record<ReminderField, ReminderProblem>> = {}
  const p = f.earlyPercent
  if (p === null || p === undefined || Number.isNaN(p)) out.earlyPercent = 'required'
  else if (p <= 0 || p > 100) out.earlyPercent = 'percentRange'
  const days: [ReminderField, number][] = [
    ['urgentDays', limits.max_days],
    ['middleDaysCivil', limits.max_days],
    ['middleDaysCriminalAdmin', limits.max_days],
    ['partyDaysBefore', limits.max_party_days_before],
  ]
  for (const [field, max] of days) {
    const problem = wholeDays(f[field], max)
    if (problem) out[field] = problem
  }
  if (!out.urgentDays) {
    for (const field of ['middleDaysCivil', 'middleDaysCriminalAdmin'] as const) {
      if (!out[field] && (f[field] as number) < (f.urgentDays as number)) out[field] = 'middleBelowUrgent'
    }
  }
  return out
}

/**
 * The settings to save. 远期 keeps the stored fraction when its rounded percentage was not edited, so opening
 * and saving the editor never turns 2/3 into 0.667.
 */
export function fromForm(f: ReminderForm, current: ReminderSettings): ReminderSettings {
  const unchanged = toForm(current).earlyPercent === f.earlyPercent
  return {
    early_fraction: unchanged ? current.early_fraction : (f.earlyPercent as number) / 100,
    middle_days_civil: f.middleDaysCivil as number,
    middle_days_criminal_admin: f.middleDaysCriminalAdmin as number,
    urgent_days: f.urgentDays as number,
    party_days_before: f.partyDaysBefore as number,
  }
}

export function sameSettings(a: ReminderSettings, b: ReminderSettings): boolean {
  return (
    a.early_fraction === b.early_fraction &&
    a.middle_days_civil === b.middle_days_civil &&
    a.middle_days_criminal_admin === b.middle_days_criminal_admin &&
    a.urgent_days === b.urgent_days &&
    a.party_days_before === b.party_days_before
  )
}
