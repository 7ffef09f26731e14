import { describe, expect, it } from 'vitest'
import { emptyForm, newParty, placeFieldErrors, toCaseInput, withoutPartyErrors } from './caseForm'

describe('toCaseInput', () => {
  it('sends exactly the documented keys, trimmed, without local row keys', () => {
    const f = emptyForm()
    f.case_no = ' （2025）粤0309民初1234号 '
    f.cause = '买卖合同纠纷 '
    f.procedure = 'civil-simple'
    f.filed = '2025-03-01'
    f.judge = ' 王法官'
    f.parties[0].name = ' 张三 '
    f.parties[1].name = '深圳市某某科技有限公司'
    f.parties[1].kind = 'org'
    const input = toCaseInput(f)
    expect(Object.keys(input).sort()).toEqual(
      ['assistant', 'case_no', 'cause', 'clerk', 'court', 'division', 'filed', 'judge', 'parties', 'procedure'].sort(),
    )
    expect(input).toEqual({
      case_no: '（2025）粤0309民初1234号',
      cause: '买卖合同纠纷',
      procedure: 'civil-simple',
      filed: '2025-03-01',
      court: '',
      division: '',
      judge: '王法官',
      assistant: '',
      clerk: '',
      parties: [
        { role: '原告', name: '张三', kind: 'person' },
        { role: '被告', name: '深圳市某某科技有限公司', kind: 'org' },
      ],
    })
  })

  it('sends an empty date when the picker was cleared (null)', () => {
    const f = emptyForm()
    ;(f as { filed: string | null }).filed = null
    expect(toCaseInput(f).filed).toBe('')
  })

  it('gives each new party row its own key', () => {
    expect(newParty().key).not.toBe(newParty().key)
  })
})

describe('placeFieldErrors', () => {
  it('puts errors next to top-level fields and party fields, the rest above the form', () => {
    const { byField, other } = placeFieldErrors(
      [
        { field: 'case_no', code: 'casenum_invalid', message: '案号无法识别' },
        { field: 'parties[1].name', code: 'field_required', message: '必填' },
        { field: 'parties[1].name', code: 'party_duplicate', message: '重复' },
        { field: 'parties[0].role', code: 'value_invalid', message: '未知的诉讼地位' },
        { field: 'parties[0]', code: 'value_invalid', message: '整行有误' },
        { field: 'parties[5].name', code: 'field_required', message: '必填' },
        { field: 'hearings[0].start', code: 'date_invalid', message: '时间无效' },
        { field: 'parties', code: 'field_required', message: '至少需要一名当事人' },
      ],
      2,
    )
    expect(byField).toEqual({
      case_no: '案号无法识别',
      'parties[1].name': '必填；重复',
      'parties[0].role': '未知的诉讼地位',
      'parties[0]': '整行有误',
      parties: '至少需要一名当事人',
    })
    expect(other.map((e) => e.field)).toEqual(['parties[5].name', 'hearings[0].start'])
  })

  it('withoutPartyErrors keeps only the non-party errors', () => {
    expect(withoutPartyErrors({ case_no: 'a', 'parties[0].name': 'b', parties: 'c' })).toEqual({
      case_no: 'a',
      parties: 'c',
    })
  })
})
