import { beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('@tauri-apps/api/core', () => ({
  invoke: vi.fn(),
  isTauri: vi.fn(() => true),
}))
vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn() }))

import { invoke, isTauri } from '@tauri-apps/api/core'
import { listen } from '@tauri-apps/api/event'
import {
  api,
  AppError,
  cleanEvent,
  cleanFilter,
  fieldErrorMap,
  NO_BACKEND,
  normalizeError,
  onRemindersUpdated,
  toFieldErrors,
  UNKNOWN_ERROR,
} from './api'

const invokeMock = vi.mocked(invoke)
const isTauriMock = vi.mocked(isTauri)

beforeEach(() => {
  invokeMock.mockReset()
  isTauriMock.mockReturnValue(true)
})

describe('normalizeError', () => {
  it('keeps code, message and detail of an ErrorBody', () => {
    const detail = [{ field: 'case_no', code: 'casenum_invalid', message: '案号无法识别' }]
    const e = normalizeError({ code: 'casenum_invalid', message: '案号“x”无法识别', detail })
    expect(e).toBeInstanceOf(AppError)
    expect(e).toBeInstanceOf(Error)
    expect(e.code).toBe('casenum_invalid')
    expect(e.message).toBe('案号“x”无法识别')
    expect(e.detail).toEqual(detail)
    expect(e.fieldErrors).toEqual(detail)
  })

  it('treats a missing detail as null', () => {
    expect(normalizeError({ code: 'not_found', message: '没有这个案件' }).detail).toBeNull()
  })

  it('parses an ErrorBody that arrived as a JSON string', () => {
    const e = normalizeError('{"code":"date_invalid","message":"日期无效"}')
    expect(e.code).toBe('date_invalid')
    expect(e.message).toBe('日期无效')
  })

  it('turns a plain string (panic, missing command) into an unknown error with that text', () => {
    const e = normalizeError('command list_cases not found')
    expect(e.code).toBe(UNKNOWN_ERROR)
    expect(e.message).toBe('command list_cases not found')
  })

  it('handles a string that looks like JSON but is not', () => {
    expect(normalizeError('{oops').message).toBe('{oops')
  })

  it('handles Error objects, null, numbers and objects without fields', () => {
    expect(normalizeError(new TypeError('boom')).message).toBe('boom')
    expect(normalizeError(undefined).code).toBe(UNKNOWN_ERROR)
    expect(normalizeError(null).message).toBe(UNKNOWN_ERROR)
    expect(normalizeError(42).message).toBe('42')
    const e = normalizeError({ code: 'x' })
    expect(e.code).toBe('x')
    expect(e.message).toBe('x')
    expect(normalizeError({ error: 'bad' }).message).toBe('bad')
  })

  it('returns an AppError unchanged', () => {
    const e = new AppError('a', 'b')
    expect(normalizeError(e)).toBe(e)
  })
})

describe('field errors', () => {
  it('keeps only well-formed entries of detail', () => {
    expect(toFieldErrors(null)).toEqual([])
    expect(toFieldErrors({ field: 'x', message: 'y' })).toEqual([])
    expect(
      toFieldErrors([
        { field: 'parties[1].name', code: 'field_required', message: '必填' },
        { field: 'filed', message: '日期无效' },
        'junk',
        { message: 'no field' },
      ]),
    ).toEqual([
      { field: 'parties[1].name', code: 'field_required', message: '必填' },
      { field: 'filed', code: '', message: '日期无效' },
    ])
  })

  it('joins several messages for one field', () => {
    expect(
      fieldErrorMap([
        { field: 'procedure', code: 'a', message: '必填' },
        { field: 'procedure', code: 'b', message: '不匹配' },
        { field: 'cause', code: 'c', message: '必填' },
      ]),
    ).toEqual({ procedure: '必填；不匹配', cause: '必填' })
  })
})

describe('cleanFilter', () => {
  it('drops empty members and trims the query', () => {
    expect(cleanFilter({ status: undefined, procedure: '', judge: '', query: '  ' })).toEqual({})
    expect(cleanFilter({ status: 'pending', procedure: 'civil-simple', judge: '王法官', query: ' 张三 ' })).toEqual({
      status: 'pending',
      procedure: 'civil-simple',
      judge: '王法官',
      query: '张三',
    })
  })
})

describe('command wrappers', () => {
  it('call the documented commands with camelCase arguments', async () => {
    invokeMock.mockResolvedValue('ok')
    await api.storeStatus()
    await api.createDemoStore()
    await api.createDemoStore(7)
    await api.listCases({ status: 'closed', query: '张三' }, 50, 50)
    await api.listFacets()
    await api.getCase('（2025）粤0309民初1234号')
    await api.setCaseField('（2025）粤0309民初1234号', 'judge', '测试法官')
    await api.caseHistory('（2025）粤0309民初1234号')
    await api.search('张三', 20)
    const input = {
      case_no: '（2025）粤0309民初1234号',
      cause: '买卖合同纠纷',
      procedure: 'civil-simple',
      filed: '2025-03-01',
      court: '',
      division: '',
      judge: '',
      assistant: '',
      clerk: '',
      parties: [{ role: '原告', name: '张三', kind: 'person' as const }],
    }
    await api.addCase(input)
    expect(invokeMock.mock.calls).toEqual([
      ['store_status', undefined],
      ['create_demo_store', {}],
      ['create_demo_store', { seed: 7 }],
      ['list_cases', { filter: { status: 'closed', query: '张三' }, offset: 50, limit: 50 }],
      ['list_facets', undefined],
      ['get_case', { caseNo: '（2025）粤0309民初1234号' }],
      ['set_case_field', { caseNo: '（2025）粤0309民初1234号', field: 'judge', value: '测试法官' }],
      ['case_history', { caseNo: '（2025）粤0309民初1234号' }],
      ['search', { query: '张三', limit: 20 }],
      ['add_case', { input }],
    ])
  })

  it('call the deadline commands with camelCase arguments', async () => {
    invokeMock.mockResolvedValue(null)
    const caseNo = '（2025）粤0309民初1234号'
    await api.eventKinds()
    await api.addEvent(caseNo, { kind: '送达判决书', date: '2026-11-21', party: '张三', note: '' })
    await api.addEvent(caseNo, { kind: ' 公告发布 ', date: '2026-11-20', party: ' ', note: ' 第一次 ' })
    await api.addExtension(caseNo, { approved: '2026-05-10', months: 6, by: '院长' })
    await api.addDeduction(caseNo, { kind: '鉴定', from: '2026-03-01', to: '2026-03-10', approved_by: '庭长' })
    await api.caseDeadlines(caseNo)
    await api.caseDeadlines(caseNo, '2026-11-26')
    await api.today({ rows: 50 })
    await api.today({ judge: '王法官', more: { limits: 100 } }, '2026-11-26')
    await api.calendarItems('2026-10-26', '2026-12-06')
    await api.exportIcs('2026-10-26', '2026-12-06')
    await api.reminderDone('k|1', true)
    await api.reminderSnooze('k|1', '2026-11-27')
    await api.reminderCount()
    await api.holidayYears()
    await api.importHolidayYear('{"year":2027,"days":[]}')
    expect(invokeMock.mock.calls).toEqual([
      ['event_kinds', undefined],
      ['add_event', { caseNo, kind: '送达判决书', date: '2026-11-21', party: '张三' }],
      ['add_event', { caseNo, kind: '公告发布', date: '2026-11-20', note: '第一次' }],
      ['add_extension', { caseNo, input: { approved: '2026-05-10', months: 6, by: '院长' } }],
      ['add_deduction', { caseNo, input: { kind: '鉴定', from: '2026-03-01', to: '2026-03-10', approved_by: '庭长' } }],
      ['case_deadlines', { caseNo }],
      ['case_deadlines', { caseNo, todayDate: '2026-11-26' }],
      ['today_view', { query: { rows: 50 } }],
      ['today_view', { query: { judge: '王法官', more: { limits: 100 } }, todayDate: '2026-11-26' }],
      ['calendar_items', { from: '2026-10-26', to: '2026-12-06' }],
      ['export_ics', { from: '2026-10-26', to: '2026-12-06' }],
      ['reminder_done', { key: 'k|1', done: true }],
      ['reminder_snooze', { key: 'k|1', until: '2026-11-27' }],
      ['reminder_count', undefined],
      ['holiday_years', undefined],
      ['import_holiday_year', { json: '{"year":2027,"days":[]}' }],
    ])
  })

  it('send an event without blank optional members', () => {
    expect(cleanEvent({ kind: '立案', date: '2026-01-05', party: '', note: '  ' })).toEqual({ kind: '立案', date: '2026-01-05' })
  })

  it('reject with a normalised AppError', async () => {
    invokeMock.mockRejectedValue({ code: 'case_not_found', message: '没有案件', detail: { case_no: 'x' } })
    const err = await api.getCase('x').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AppError)
    expect(err).toMatchObject({ code: 'case_not_found', message: '没有案件', detail: { case_no: 'x' } })
  })

  it('refuse to run outside the desktop shell without calling invoke', async () => {
    isTauriMock.mockReturnValue(false)
    const err = await api.listFacets().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).code).toBe(NO_BACKEND)
    expect((err as AppError).message).toBe('请在案牍桌面程序中打开')
    expect(invokeMock).not.toHaveBeenCalled()
  })
})

describe('reminders-updated', () => {
  it('passes the urgent count on and cleans a malformed payload', async () => {
    const unlisten = vi.fn()
    let handler: ((e: { payload: unknown }) => void) | null = null
    vi.mocked(listen).mockImplementation(async (name, h) => {
      expect(name).toBe('reminders-updated')
      handler = h as unknown as (e: { payload: unknown }) => void
      return unlisten
    })
    const seen: number[] = []
    const stop = await onRemindersUpdated(({ urgent }) => seen.push(urgent))
    handler!({ payload: { urgent: 3 } })
    handler!({ payload: { urgent: -1 } })
    handler!({ payload: null })
    expect(seen).toEqual([3, 0, 0])
    stop()
    expect(unlisten).toHaveBeenCalled()
  })

  it('listens to nothing outside the desktop shell', async () => {
    isTauriMock.mockReturnValue(false)
    vi.mocked(listen).mockClear()
    const stop = await onRemindersUpdated(() => {})
    stop()
    expect(listen).not.toHaveBeenCalled()
  })
})
