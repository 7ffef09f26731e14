import { describe, expect, it } from 'vitest'
import type { BatchItem, CaseSummary } from './api'
import { batchCounts, batchRows, caseOptions, mergeCaseNos, optionMatches, parseCaseNos } from './batchDocuments'

const summary = (case_no: string, cause: string, parties: string): CaseSummary => ({
  id: case_no,
  case_no,
  cause,
  procedure: 'civil-simple',
  procedure_name: '简易程序',
  filed: '2025-01-05',
  status: 'pending',
  closed: null,
  judge: '王明',
  division: '民一庭',
  parties,
})

describe('批量生成 helpers', () => {
  it('offers each case by 案号 and finds it by cause or party too', () => {
    const [a, b] = caseOptions([
      summary('（2025）粤0309民初1234号', '民间借贷纠纷', '张三 诉 某某科技有限公司'),
      summary('（2025）粤0309民初77号', '买卖合同纠纷', ''),
    ])
    expect(a).toEqual({ value: '（2025）粤0309民初1234号', label: '（2025）粤0309民初1234号', hint: '民间借贷纠纷 · 张三 诉 某某科技有限公司' })
    expect(b.hint).toBe('买卖合同纠纷')
    expect(optionMatches(a, '张三')).toBe(true)
    expect(optionMatches(a, '民初 1234')).toBe(true)
    expect(optionMatches(b, '张三')).toBe(false)
    expect(optionMatches(b, '  ')).toBe(true)
  })

  it('reads a pasted list of 案号 whatever the separators, once each', () => {
    const text = '（2025）粤0309民初1234号\n（2025）粤0309民初77号、（2025）粤0309民初1234号，\r\n （2024）粤0309民初5号 ；'
    expect(parseCaseNos(text)).toEqual(['（2025）粤0309民初1234号', '（2025）粤0309民初77号', '（2024）粤0309民初5号'])
    expect(parseCaseNos(' \n ')).toEqual([])
    expect(mergeCaseNos(['a', 'b'], ['b', 'c'])).toEqual(['a', 'b', 'c'])
  })

  it('lists every case of a batch, a failed one with its reason', () => {
    const items: BatchItem[] = [
      {
        case_no: '（2025）粤0309民初1234号',
        canonical: '（2025）粤0309民初1234号',
        path: 'C:\\Users\\法官\\Downloads\\传票-批量-2026-11-26\\（2025）粤0309民初1234号-传票.docx',
        missing: ['传唤事由', '送达人'],
        error: null,
      },
      { case_no: '（2025）粤0309民初9号', canonical: null, path: null, missing: [], error: { code: 'case_not_found', message: '没有这个案件' } },
    ]
    const rows = batchRows(items)
    expect(rows[0]).toMatchObject({ ok: true, file: '（2025）粤0309民初1234号-传票.docx', missing: '传唤事由、送达人', error: '' })
    expect(rows[0].recordedOn).toBe('（2025）粤0309民初1234号')
    expect(rows[1]).toMatchObject({ caseNo: '（2025）粤0309民初9号', ok: false, file: '', recordedOn: null, error: '没有这个案件' })
    expect(batchCounts(items)).toEqual({ ok: 1, failed: 1 })
    expect(batchCounts([])).toEqual({ ok: 0, failed: 0 })
  })
})
