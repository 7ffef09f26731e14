import { beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('@tauri-apps/api/core', () => ({
  invoke: vi.fn(),
  isTauri: vi.fn(() => true),
}))

import { invoke, isTauri } from '@tauri-apps/api/core'
import { api, AppError, cleanFilter, fieldErrorMap, NO_BACKEND, normalizeError, toFieldErrors, UNKNOWN_ERROR } from './api'

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
