import { describe, expect, it } from 'vitest'
import type { ReminderSettings } from './api'
import { fromForm, sameSettings, toForm, validateReminderForm } from './reminderSettings'

const defaults: ReminderSettings = {
  early_fraction: 2 / 3,
  middle_days_civil: 30,
  middle_days_criminal_admin: 15,
  urgent_days: 5,
  party_days_before: 1,
}

describe('reminder thresholds editor', () => {
  it('shows 远期 as a percentage with one decimal', () => {
    expect(toForm(defaults)).toEqual({
      earlyPercent: 66.7,
      middleDaysCivil: 30,
      middleDaysCriminalAdmin: 15,
      urgentDays: 5,
      partyDaysBefore: 1,
    })
  })

  it('accepts the defaults and keeps 2/3 exactly when 远期 was not edited', () => {
    const f = toForm(defaults)
    expect(validateReminderForm(f)).toEqual({})
    expect(sameSettings(fromForm(f, defaults), defaults)).toBe(true)
    expect(fromForm({ ...f, earlyPercent: 75 }, defaults).early_fraction).toBe(0.75)
  })

  it('refuses a 中期 shorter than 紧急, as the back end does', () => {
    const f = { ...toForm(defaults), urgentDays: 20 }
    expect(validateReminderForm(f)).toEqual({ middleDaysCriminalAdmin: 'middleBelowUrgent' })
    expect(validateReminderForm({ ...f, middleDaysCivil: 10 })).toEqual({
      middleDaysCivil: 'middleBelowUrgent',
      middleDaysCriminalAdmin: 'middleBelowUrgent',
    })
    // Equal is fine.
    expect(validateReminderForm({ ...f, middleDaysCriminalAdmin: 20 })).toEqual({})
  })

  it('wants whole days within range and a percentage above 0 and at most 100', () => {
    const f = toForm(defaults)
    expect(validateReminderForm({ ...f, urgentDays: null })).toEqual({ urgentDays: 'required' })
    expect(validateReminderForm({ ...f, urgentDays: 2.5 })).toEqual({ urgentDays: 'integer' })
    expect(validateReminderForm({ ...f, urgentDays: -1 })).toEqual({ urgentDays: 'range' })
    expect(validateReminderForm({ ...f, middleDaysCivil: 400 })).toEqual({ middleDaysCivil: 'range' })
    expect(validateReminderForm({ ...f, partyDaysBefore: 31 })).toEqual({ partyDaysBefore: 'range' })
    expect(validateReminderForm({ ...f, partyDaysBefore: 0 })).toEqual({})
    expect(validateReminderForm({ ...f, earlyPercent: 0 })).toEqual({ earlyPercent: 'percentRange' })
    expect(validateReminderForm({ ...f, earlyPercent: 101 })).toEqual({ earlyPercent: 'percentRange' })
    expect(validateReminderForm({ ...f, earlyPercent: null })).toEqual({ earlyPercent: 'required' })
    expect(validateReminderForm({ ...f, earlyPercent: 100 })).toEqual({})
  })
})
