import { describe, expect, it } from 'vitest'
import type { SyncState } from './api/sync'
import {
  countText,
  errorKey,
  fieldKey,
  KNOWN_FIELDS,
  kindTone,
  relativeTime,
  roleKey,
  secondsUntil,
  syncKind,
  valueText,
  waitParts,
} from './sync'
import zhCN from './i18n/zh-CN'
import en from './i18n/en'

function state(over: Partial<SyncState> = {}): SyncState {
  return {
    server: 'http://127.0.0.1:8080',
    user: 'wangjg',
    role: 'judge',
    division: '民一庭',
    cursor: { seq: 0, epoch: 0 },
    acked: 0,
    pending: 0,
    conflicts: 0,
    rejected: 0,
    last_sync: null,
    last_error: null,
    waiting_assets: [],
    logged_in: true,
    online: true,
    syncing: false,
    next_attempt: null,
    interval_secs: 30,
    failures: 0,
    last_error_code: null,
    last_report: null,
    version: 1,
    ...over,
  }
}

describe('syncKind', () => {
  it('is not logged in without a state or a server', () => {
    expect(syncKind(null)).toBe('notLoggedIn')
    expect(syncKind(state({ logged_in: false, online: true }))).toBe('notLoggedIn')
  })
  it('says syncing first, then offline, then error', () => {
    expect(syncKind(state({ syncing: true, online: false }))).toBe('syncing')
    expect(syncKind(state({ online: false, failures: 3, last_error_code: 'server_unreachable' }))).toBe('offline')
    expect(syncKind(state({ online: true, failures: 1, last_error_code: 'unauthorized' }))).toBe('error')
  })
  it('is synced only online with nothing waiting', () => {
    expect(syncKind(state())).toBe('synced')
    expect(syncKind(state({ pending: 2 }))).toBe('online')
    expect(syncKind(state({ online: null }))).toBe('connecting')
  })
  it('has a tone for every kind', () => {
    expect(kindTone('synced')).toBe('success')
    expect(kindTone('offline')).toBe('warning')
    expect(kindTone('error')).toBe('danger')
    expect(kindTone('notLoggedIn')).toBe('info')
  })
})

describe('times', () => {
  const now = new Date('2026-11-26T10:00:00Z')
  it('says how long ago', () => {
    expect(relativeTime(null, now)).toBeNull()
    expect(relativeTime('garbage', now)).toBeNull()
    expect(relativeTime('2026-11-26T09:59:55Z', now)).toEqual({ key: 'justNow' })
    expect(relativeTime('2026-11-26T09:59:30Z', now)).toEqual({ key: 'secondsAgo', n: 30 })
    expect(relativeTime('2026-11-26T09:57:00Z', now)).toEqual({ key: 'minutesAgo', n: 3 })
    expect(relativeTime('2026-11-26T07:00:00Z', now)).toEqual({ key: 'hoursAgo', n: 3 })
    const old = relativeTime('2026-11-20T10:00:00Z', now)
    expect(old?.key).toBe('at')
    expect(old?.text).toBe('2026-11-20 18:00') // Beijing time
  })
  it('counts down to the next attempt', () => {
    expect(secondsUntil(null, now)).toBeNull()
    expect(secondsUntil('2026-11-26T10:00:42Z', now)).toBe(42)
    expect(secondsUntil('2026-11-26T09:00:00Z', now)).toBe(0)
    expect(waitParts(42)).toEqual({ key: 'seconds', n: 42 })
    expect(waitParts(150)).toEqual({ key: 'minutes', n: 3 })
    expect(waitParts(300)).toEqual({ key: 'minutes', n: 5 })
  })
})

describe('conflict display', () => {
  const words = { empty: '（空）', yes: '是', no: '否' }
  it('shows values as a judge reads them', () => {
    expect(valueText('王建国', words)).toBe('王建国')
    expect(valueText(null, words)).toBe('（空）')
    expect(valueText('', words)).toBe('（空）')
    expect(valueText(true, words)).toBe('是')
    expect(valueText(false, words)).toBe('否')
    expect(valueText(3, words)).toBe('3')
    expect(valueText({ a: 1 }, words)).toBe('{"a":1}')
  })
  it('names known fields in both languages and leaves unknown ones to the back end', () => {
    expect(fieldKey('case', 'judge')).toBe('sync.fields.case_judge')
    expect(fieldKey('case', null)).toBeNull()
    expect(fieldKey('widget', 'x')).toBeNull()
    const zhFields = (zhCN as { sync: { fields: Record<string, string> } }).sync.fields
    const enFields = (en as { sync: { fields: Record<string, string> } }).sync.fields
    for (const k of KNOWN_FIELDS) {
      expect(zhFields[k], k).toBeTruthy()
      expect(enFields[k], k).toBeTruthy()
    }
    expect(zhFields.case_judge).toBe('承办法官')
  })
  it('explains the errors people can act on', () => {
    expect(errorKey('server_unreachable')).toBe('sync.errors.unreachable')
    expect(errorKey('token_expired')).toBe('sync.errors.relogin')
    expect(errorKey('something_else')).toBeNull()
    expect(roleKey('judge')).toBe('sync.roles.judge')
    expect(roleKey('法官')).toBeNull()
  })
  it('caps counters', () => {
    expect(countText(0)).toBe('0')
    expect(countText(7)).toBe('7')
    expect(countText(150)).toBe('99+')
    expect(countText(null)).toBe('0')
  })
})
