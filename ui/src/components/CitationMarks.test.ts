import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn(), isTauri: () => true }))

import { invoke } from '@tauri-apps/api/core'
import { i18n } from '../i18n'
import CitationMarks from './CitationMarks.vue'

const invokeMock = vi.mocked(invoke)
const TEXT = '依照《中华人民共和国合同法》第一百零七条之规定'

afterEach(() => {
  vi.useRealTimers()
  invokeMock.mockReset()
  document.body.innerHTML = ''
})

describe('CitationMarks (the editor’s citation check)', () => {
  it('underlines the citations the check finds and takes a suggestion in one click', async () => {
    vi.useFakeTimers()
    invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
      expect(cmd).toBe('cite_check')
      expect((args as { date: string }).date).toBe('2025-06-01')
      return [
        {
          text: '《中华人民共和国合同法》第一百零七条',
          law: '中华人民共和国合同法',
          article: 107,
          paragraph: null,
          item: null,
          status: 'repealed',
          suggestion: '《中华人民共和国民法典》第五百七十七条',
          message: '《中华人民共和国合同法》已于2021年1月1日废止',
          from: 2,
          to: 20,
        },
      ]
    })
    const w = mount(CitationMarks, {
      props: { text: TEXT, date: '2025-06-01' },
      global: { plugins: [ElementPlus, i18n] },
      attachTo: document.body,
    })
    await vi.advanceTimersByTimeAsync(700)
    await flushPromises()
    const mark = w.get('[data-testid="cite-mark"]')
    expect(mark.text()).toBe('《中华人民共和国合同法》第一百零七条')
    expect(mark.attributes('data-status')).toBe('repealed')
    expect(w.text()).toContain('1 处引用需要核对')
    await mark.trigger('mouseenter')
    await vi.advanceTimersByTimeAsync(300)
    await flushPromises()
    const take = document.querySelector('[data-testid="cite-take"]') as HTMLElement
    take.click()
    expect(w.emitted('take')?.[0]).toEqual(['依照《中华人民共和国民法典》第五百七十七条之规定'])
    w.unmount()
  })

  it('asks nothing for text without an article', async () => {
    vi.useFakeTimers()
    const w = mount(CitationMarks, { props: { text: '本院认为，借款属实。', date: '2025-06-01' }, global: { plugins: [ElementPlus, i18n] } })
    await vi.advanceTimersByTimeAsync(700)
    expect(invokeMock).not.toHaveBeenCalled()
    expect(w.find('[data-testid="cite-marks"]').exists()).toBe(false)
    w.unmount()
  })
})
