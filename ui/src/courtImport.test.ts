import { describe, expect, it } from 'vitest'
import type { ColumnMapping, PreviewRow } from './api/courtImport'
import { assignField, cellErrors, isCourtFile, mappingFromColumns, rowErrors, toBase64 } from './courtImport'

const col = (index: number, letter: string, header: string, field: ColumnMapping['field']): ColumnMapping => ({
  index,
  letter,
  header,
  field,
  source: field ? 'synonym' : 'none',
})

describe('court import helpers', () => {
  it('accepts the spreadsheet and CSV extensions only', () => {
    expect(isCourtFile('案件导出.XLSX')).toBe(true)
    expect(isCourtFile('old.xls')).toBe(true)
    expect(isCourtFile('gbk.csv')).toBe(true)
    expect(isCourtFile('cases.jsonl')).toBe(false)
  })

  it('encodes bytes as base64, also beyond one chunk', () => {
    expect(toBase64(new TextEncoder().encode('案号'))).toBe('5qGI5Y+3')
    const big = new Uint8Array(100_000).fill(65)
    expect(atob(toBase64(big)).length).toBe(100_000)
  })

  it('a field given to one column is taken from the column that had it', () => {
    const cols = [col(0, 'A', '收案日期', 'filed'), col(1, 'B', '立案日期', null)]
    const next = assignField(cols, 1, 'filed')
    expect(next.map((c) => c.field)).toEqual([null, 'filed'])
    expect(mappingFromColumns(next, 3)).toEqual({ header_row: 3, columns: { A: '忽略', B: 'filed' } })
  })

  it('puts each error in its cell and the rest on the row', () => {
    const row: PreviewRow = {
      line: 5,
      cells: { '1': '2025年13月1日' },
      errors: [
        { column: 1, field: 'filed', code: 'date_invalid', message: '不是日期' },
        { column: null, field: 'parties', code: 'field_required', message: '缺少当事人' },
      ],
    }
    expect(cellErrors(row, 1).map((e) => e.code)).toEqual(['date_invalid'])
    expect(cellErrors(row, 0)).toEqual([])
    expect(rowErrors(row).map((e) => e.code)).toEqual(['field_required'])
  })
})
