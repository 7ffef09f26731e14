import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { i18n } from '../i18n'
import EditableField from './EditableField.vue'

function mountField(save: (v: string) => Promise<unknown>, props: Record<string, unknown> = {}) {
  return mount(EditableField, {
    props: { field: 'judge', value: '王法官', save, ...props },
    global: { plugins: [ElementPlus, i18n] },
    attachTo: document.body,
  })
}

const q = (id: string) => `[data-testid="${id}"]`

describe('EditableField', () => {
  it('shows the value and a 编辑 button, and a dash when empty', async () => {
    const w = mountField(vi.fn())
    expect(w.get(q('value-judge')).text()).toBe('王法官')
    expect(w.get(q('edit-judge')).text()).toBe('编辑')
    await w.setProps({ value: '' })
    expect(w.get(q('value-judge')).text()).toBe('—')
    w.unmount()
  })

  it('shows the display text instead of the stored value', () => {
    const w = mountField(vi.fn(), { field: 'procedure', value: 'civil-simple', display: '简易程序' })
    expect(w.get(q('value-procedure')).text()).toBe('简易程序')
    w.unmount()
  })

  it('edits inline and saves the new value', async () => {
    const save = vi.fn().mockResolvedValue(undefined)
    const w = mountField(save)
    await w.get(q('edit-judge')).trigger('click')
    const input = w.get(q('input-judge'))
    expect((input.element as HTMLInputElement).value).toBe('王法官')
    await input.setValue('测试法官')
    await w.get(q('save-judge')).trigger('click')
    await flushPromises()
    expect(save).toHaveBeenCalledWith('测试法官')
    expect(w.find(q('input-judge')).exists()).toBe(false)
    w.unmount()
  })

  it('keeps the input and shows the back end message when saving fails', async () => {
    const save = vi.fn().mockRejectedValue(new Error('承办法官不能为空'))
    const w = mountField(save)
    await w.get(q('edit-judge')).trigger('click')
    await w.get(q('input-judge')).setValue('   ')
    await w.get(q('save-judge')).trigger('click')
    await flushPromises()
    expect(w.get(q('error-judge')).text()).toBe('承办法官不能为空')
    expect((w.get(q('input-judge')).element as HTMLInputElement).value).toBe('   ')
    w.unmount()
  })

  it('saves on Enter and discards on cancel', async () => {
    const save = vi.fn().mockResolvedValue(undefined)
    const w = mountField(save)
    await w.get(q('edit-judge')).trigger('click')
    await w.get(q('input-judge')).setValue('李法官')
    await w.get(q('input-judge')).trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(save).toHaveBeenCalledWith('李法官')

    await w.get(q('edit-judge')).trigger('click')
    await w.get(q('input-judge')).setValue('不要的')
    await w.get(q('cancel-judge')).trigger('click')
    expect(save).toHaveBeenCalledTimes(1)
    expect(w.find(q('input-judge')).exists()).toBe(false)
    w.unmount()
  })
})

describe('EditableField kinds', () => {
  it('has the input-<field> hook for dates and selects too', async () => {
    for (const kind of ['date', 'select', 'bool'] as const) {
      const w = mountField(vi.fn(), { field: 'closed', value: '2025-01-01', kind, options: [{ value: 'a', label: 'A' }] })
      await w.get(q('edit-closed')).trigger('click')
      expect(w.find(q('input-closed')).exists(), kind).toBe(true)
      w.unmount()
    }
  })
})

describe('EditableField without a change', () => {
  it('closes without saving when the value is unchanged', async () => {
    const save = vi.fn().mockResolvedValue(undefined)
    const w = mountField(save)
    await w.get(q('edit-judge')).trigger('click')
    await w.get(q('save-judge')).trigger('click')
    await flushPromises()
    expect(save).not.toHaveBeenCalled()
    expect(w.find(q('input-judge')).exists()).toBe(false)
    w.unmount()
  })
})
