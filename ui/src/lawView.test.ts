import { describe, expect, it } from 'vitest'
import type { CitationCheck } from './api/law'
import { applySuggestion, citationWithText, dayBefore, problems, segments } from './lawView'

function check(text: string, from: number, status: CitationCheck['status'], suggestion: string | null): CitationCheck {
  return { text, law: '', article: 0, paragraph: null, item: null, status, suggestion, message: '', from, to: from + text.length }
}

describe('lawView', () => {
  it('copies an article in the court form with its text', () => {
    const a = { number: 577, sub: 0, label: '第五百七十七条', paragraphs: ['当事人一方不履行合同义务……'] }
    expect(citationWithText('《中华人民共和国民法典》第五百七十七条', a)).toBe(
      '《中华人民共和国民法典》第五百七十七条：当事人一方不履行合同义务……',
    )
  })

  it('names the last day of a version before the next one starts', () => {
    expect(dayBefore('2024-01-01')).toBe('2023-12-31')
    expect(dayBefore('2021-03-01')).toBe('2021-02-28')
  })

  it('takes a suggestion for a named citation, a later list item, and keeps 款/项', () => {
    const text = '依照《中华人民共和国合同法》第一百零七条、第六十条之规定'
    const first = check('《中华人民共和国合同法》第一百零七条', 2, 'repealed', '《中华人民共和国民法典》第五百七十七条')
    expect(applySuggestion(text, first)).toBe('依照《中华人民共和国民法典》第五百七十七条、第六十条之规定')
    const later = check('第六十条', text.indexOf('第六十条'), 'repealed', '《中华人民共和国民法典》第五百零九条')
    expect(applySuggestion(text, later)).toBe('依照《中华人民共和国合同法》第一百零七条、第五百零九条之规定')
    const withPara = '《民法典》第五百七十七条第一款'
    const abbreviated = check(withPara, 0, 'abbreviated', '《中华人民共和国民法典》第五百七十七条')
    expect(applySuggestion(withPara, abbreviated)).toBe('《中华人民共和国民法典》第五百七十七条第一款')
  })

  it('refuses a suggestion when the text has changed under it', () => {
    const c = check('《民法典》第五百七十七条', 0, 'abbreviated', '《中华人民共和国民法典》第五百七十七条')
    expect(applySuggestion('依照《民法典》第五百七十七条', c)).toBeNull()
  })

  it('splits text into plain and cited segments and lists only the problems', () => {
    const text = '依照《民法典》第五百七十七条之规定'
    const c = check('《民法典》第五百七十七条', 2, 'abbreviated', 'x')
    const ok = check('x', 0, 'ok', null)
    expect(segments(text, [c]).map((s) => s.text)).toEqual(['依照', '《民法典》第五百七十七条', '之规定'])
    expect(problems([c, ok])).toEqual([c])
  })
})
