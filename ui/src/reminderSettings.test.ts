import { describe, expect, it } from 'vitest'
import type { ReminderLimits, ReminderSettings } from './api'
import { fromForm, sameSettings, toForm, validateReminderForm } from './reminderSettings'

const defaults: ReminderSettings = {
  early_fraction: 2 / 3,
  middle_days_civil: 30,
  middle_days_criminal_admin: 15,
  urgent_days: 5,
  party_days_before: 1,
}

/** As the back end serves them (`ReminderSettings::LIMITS`). */
const LIMITS: ReminderLimits = { max_days: 365, max_party_days_before: 30 }

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
    expect(validateReminderForm(f, LIMITS)).toEqual({})
    expect(sameSettings(fromForm(f, defaults), defaults)).toBe(true)
    expect(fromForm({ ...f, earlyPercent: 75 }, defaults).early_fraction).toBe(0.75)
  })

  it('refuses a 中期 shorter than 紧急, as the back end does', () => {
    const f = { ...toForm(defaults), urgentDays: 20 }
    expect(validateReminderForm(f, LIMITS)).toEqual({ middleDaysCriminalAdmin: 'middleBelowUrgent' })
    expect(validateReminderForm({ ...f, middleDaysCivil: 10 }, LIMITS)).toEqual({
      middleDaysCivil: 'middleBelowUrgent',
      middleDaysCriminalAdmin: 'middleBelowUrgent',
    })
    // Equal is fine.
    expect(validateReminderForm({ ...f, middleDaysCriminalAdmin: 20 }, LIMITS)).toEqual({})
  })

  it('wants whole days within range and a percentage above 0 and at most 100', () => {
    const f = toForm(defaults)
    expect(validateReminderForm({ ...f, urgentDays: null }, LIMITS)).toEqual({ urgentDays: 'required' })
    expect(validateReminderForm({ ...f, urgentDays: 2.5 }, LIMITS)).toEqual({ urgentDays: 'integer' })
    expect(validateReminderForm({ ...f, urgentDays: -1 }, LIMITS)).toEqual({ urgentDays: 'range' })
    expect(validateReminderForm({ ...f, middleDaysCivil: 400 }, LIMITS)).toEqual({ middleDaysCivil: 'range' })
    expect(validateReminderForm({ ...f, partyDaysBefore: 31 }, LIMITS)).toEqual({ partyDaysBefore: 'range' })
    expect(validateReminderForm({ ...f, partyDaysBefore: 0 }, LIMITS)).toEqual({})
    expect(validateReminderForm({ ...f, earlyPercent: 0 }, LIMITS)).toEqual({ earlyPercent: 'percentRange' })
    expect(validateReminderForm({ ...f, earlyPercent: 101 }, LIMITS)).toEqual({ earlyPercent: 'percentRange' })
    expect(validateReminderForm({ ...f, earlyPercent: null }, LIMITS)).toEqual({ earlyPercent: 'required' })
    expect(validateReminderForm({ ...f, earlyPercent: 100 }, LIMITS)).toEqual({})
  })

  it('checks the days against the ranges the back end serves, not numbers of its own', () => {
    const f = toForm(defaults)
    const tight: ReminderLimits = { max_days: 20, max_party_days_before: 2 }
    expect(validateReminderForm({ ...f, middleDaysCivil: 21 }, tight)).toEqual({ middleDaysCivil: 'range' })
    expect(validateReminderForm({ ...f, middleDaysCivil: 20, partyDaysBefore: 3 }, tight)).toEqual({ partyDaysBefore: 'range' })
  })
})
