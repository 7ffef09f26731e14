import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn(), isTauri: () => true }))
vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn(async () => () => {}) }))

import { invoke } from '@tauri-apps/api/core'
import { i18n } from '../i18n'
import ReminderSettingsEditor from './ReminderSettingsEditor.vue'
import IndicatorDefinitions from './IndicatorDefinitions.vue'
import RuleFiles from './RuleFiles.vue'

const invokeMock = vi.mocked(invoke)
const q = (id: string) => `[data-testid="${id}"]`
const DEFAULTS = { early_fraction: 2 / 3, middle_days_civil: 30, middle_days_criminal_admin: 15, urgent_days: 5, party_days_before: 1 }
const BUILTIN = { custom: false, name: '案牍默认指标口径', version: 'andu-default-2025.1', indicators: 14 }

const RULES = [
  { area: 'admin', version: '2025.11', source: 'builtin' },
  { area: 'civil', version: '2025.11', source: 'builtin' },
  { area: 'criminal', version: '2025.11', source: 'builtin' },
  { area: 'enforcement', version: '2025.11', source: 'builtin' },
]
const MOVED = { case_no: '（2025）粤0309民初1234号', name: '上诉期（判决）', party: '张三', from: '2025-10-09', to: '2025-10-10' }

/** The back end's ranges (`ReminderSettings::LIMITS`), served with the settings. */
const LIMITS = { max_days: 365, max_party_days_before: 30 }

function backend() {
  let settings = { ...DEFAULTS }
  let defs = { ...BUILTIN }
  let rules = RULES.map((r) => ({ ...r }))
  const calls: [string, unknown][] = []
  invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
    calls.push([cmd, args])
    const a = args as Record<string, unknown> | undefined
    switch (cmd) {
      case 'reminder_settings':
        return { settings, defaults: DEFAULTS, limits: LIMITS }
      case 'set_reminder_settings':
        settings = a!.settings as typeof settings
        return { settings, defaults: DEFAULTS, limits: LIMITS }
      case 'reset_reminder_settings':
        settings = { ...DEFAULTS }
        return { settings, defaults: DEFAULTS, limits: LIMITS }
      case 'indicator_definitions':
        return defs
      case 'import_indicator_definitions':
        if (!String(a!.text).includes('[[indicator]]')) {
          throw { code: 'definitions_invalid', message: '指标定义文件无效：缺少指标定义：结案率', detail: null }
        }
        defs = { custom: true, name: '本院指标口径', version: '粤0309-2026.1', indicators: 14 }
        return defs
      case 'reset_indicator_definitions':
        defs = { ...BUILTIN }
        return defs
      case 'rule_areas':
        return rules
      case 'import_rule_file':
        if (!String(a!.text).includes('[[rule]]')) {
          throw { code: 'rule_invalid', message: '期间规则无效：缺少 version', detail: null }
        }
        rules = rules.map((r) => (r.area === 'civil' ? { area: 'civil', version: '本院-2027', source: 'court' } : r))
        return { area: 'civil', version: '本院-2027', moved: [MOVED] }
      case 'reset_rule_file':
        rules = RULES.map((r) => ({ ...r }))
        return { area: a!.area, version: '2025.11', moved: [{ ...MOVED, from: MOVED.to, to: MOVED.from }] }
    }
    throw new Error(`unexpected command ${String(cmd)} ${JSON.stringify(args)}`)
  })
  return calls
}

async function settle() {
  for (let i = 0; i < 5; i++) {
    await flushPromises()
    await new Promise((r) => setTimeout(r, 10))
  }
}

async function setNumber(w: VueWrapper, field: string, value: string) {
  const input = w.get(`${q(`reminder-input-${field}`)} input`)
  await input.setValue(value)
  await input.trigger('change')
  await flushPromises()
}

let w: VueWrapper | null = null
beforeEach(() => {
  invokeMock.mockReset()
})
afterEach(() => {
  w?.unmount()
  w = null
  document.body.innerHTML = ''
})

describe('设置 → 提醒阈值', () => {
  it('shows the tiers, refuses a 中期 below 紧急, saves through the back end and restores the defaults', async () => {
    const calls = backend()
    w = mount(ReminderSettingsEditor, { global: { plugins: [ElementPlus, i18n] }, attachTo: document.body })
    await settle()
    expect((w.get(`${q('reminder-input-earlyPercent')} input`).element as HTMLInputElement).value).toBe('66.7')
    expect(w.find(q('reminder-is-default')).exists()).toBe(true)
    expect(w.get(q('reminder-save')).attributes('disabled')).toBeDefined()

    await setNumber(w, 'urgentDays', '20')
    expect(w.get(q('reminder-error-middleDaysCriminalAdmin')).text()).toContain('中期天数不应少于紧急天数')
    expect(w.get(q('reminder-save')).attributes('disabled')).toBeDefined()

    await setNumber(w, 'urgentDays', '7')
    expect(w.find(q('reminder-error-middleDaysCriminalAdmin')).exists()).toBe(false)
    await w.get('form').trigger('submit')
    await settle()
    const saved = calls.find(([c]) => c === 'set_reminder_settings')![1] as { settings: typeof DEFAULTS }
    // 远期 untouched: still exactly 2/3.
    expect(saved.settings).toEqual({ ...DEFAULTS, urgent_days: 7 })
    expect(w.find(q('reminder-is-default')).exists()).toBe(false)

    await w.get(q('reminder-reset')).trigger('click')
    await settle()
    expect(calls.some(([c]) => c === 'reset_reminder_settings')).toBe(true)
    expect((w.get(`${q('reminder-input-urgentDays')} input`).element as HTMLInputElement).value).toBe('5')
  })
})

describe('设置 → 提醒阈值: the back end\'s refusal', () => {
  it('shows a threshold the back end refuses under its own field, not as a banner', async () => {
    backend()
    const fallback = invokeMock.getMockImplementation()!
    invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
      if (cmd === 'set_reminder_settings') {
        throw {
          code: 'settings_invalid',
          message: '设置无效：当事人期间的提前提醒天数应在 0–30 日之间',
          detail: [{ field: 'party_days_before', code: 'settings_invalid', message: '当事人期间的提前提醒天数应在 0–30 日之间' }],
        }
      }
      return fallback(cmd, args as Parameters<typeof fallback>[1])
    })
    w = mount(ReminderSettingsEditor, { global: { plugins: [ElementPlus, i18n] }, attachTo: document.body })
    await settle()
    await setNumber(w, 'partyDaysBefore', '3')
    await w.get('form').trigger('submit')
    await settle()
    expect(w.get(q('reminder-error-partyDaysBefore')).text()).toBe('当事人期间的提前提醒天数应在 0–30 日之间')
    expect(w.find(q('reminder-error-urgentDays')).exists()).toBe(false)
  })
})

describe('设置 → 指标口径', () => {
  async function choose(w: VueWrapper, file: File) {
    const input = w.get(q('definitions-file')).element as HTMLInputElement
    Object.defineProperty(input, 'files', { value: [file], configurable: true })
    await w.get(q('definitions-file')).trigger('change')
    await w.get(q('definitions-import')).trigger('submit')
    await settle()
  }

  it('refuses a wrong file visibly, imports a court file and restores the default', async () => {
    const calls = backend()
    w = mount(IndicatorDefinitions, { global: { plugins: [ElementPlus, i18n] }, attachTo: document.body })
    await settle()
    expect(w.get(q('definitions-in-force')).text()).toContain('案牍默认指标口径')
    expect(w.get(q('definitions-reset')).attributes('disabled')).toBeDefined()

    await choose(w, new File(['{}'], 'indicators.json'))
    expect(w.get(q('definitions-error')).attributes('data-code')).toBe('notToml')
    expect(calls.some(([c]) => c === 'import_indicator_definitions')).toBe(false)

    await choose(w, new File(['version = "x"'], '本院.toml'))
    const err = w.get(q('definitions-error'))
    expect(err.attributes('data-code')).toBe('definitions_invalid')
    expect(err.text()).toContain('缺少指标定义：结案率')
    expect(w.get(q('definitions-in-force')).text()).toContain('案牍默认指标口径')

    await choose(w, new File(['version = "粤0309-2026.1"\n[[indicator]]\n'], '本院.toml'))
    expect(w.find(q('definitions-error')).exists()).toBe(false)
    expect(w.get(q('definitions-in-force')).text()).toContain('本院指标口径（粤0309-2026.1）')
    expect(w.get(q('definitions-in-force')).attributes('data-custom')).toBe('true')

    await w.get(q('definitions-reset')).trigger('click')
    await settle()
    expect(w.get(q('definitions-in-force')).attributes('data-custom')).toBe('false')
  })
})

describe('设置 → 期间规则', () => {
  async function choose(w: VueWrapper, file: File) {
    const input = w.get(q('rule-file')).element as HTMLInputElement
    Object.defineProperty(input, 'files', { value: [file], configurable: true })
    await w.get(q('rule-file')).trigger('change')
    await w.get(q('rule-import')).trigger('submit')
    await settle()
  }
  const areas = (w: VueWrapper) => w.findAll(q('rule-area')).map((n) => [n.text(), n.attributes('data-source')])

  it('lists each area, refuses a wrong file, takes a court file into use with what it moved, and resets', async () => {
    const calls = backend()
    w = mount(RuleFiles, { global: { plugins: [ElementPlus, i18n] }, attachTo: document.body })
    await settle()
    expect(areas(w)).toEqual([
      ['民事', 'builtin'],
      ['刑事', 'builtin'],
      ['行政', 'builtin'],
      ['执行', 'builtin'],
    ])
    expect(w.find(q('rule-reset-civil')).exists()).toBe(false)

    await choose(w, new File(['{}'], 'civil.json'))
    expect(w.get(q('rule-error')).attributes('data-code')).toBe('notToml')
    expect(calls.some(([c]) => c === 'import_rule_file')).toBe(false)

    await choose(w, new File(['area = "civil"'], 'civil.toml'))
    expect(w.get(q('rule-error')).attributes('data-code')).toBe('rule_invalid')
    expect(w.get(q('rule-error')).text()).toContain('缺少 version')

    await choose(w, new File(['area = "civil"\nversion = "本院-2027"\n[[rule]]\n'], 'civil.toml'))
    expect(w.find(q('rule-error')).exists()).toBe(false)
    expect(areas(w)[0]).toEqual(['民事', 'court'])
    const moved = w.get(q('rule-moved'))
    expect(moved.attributes('data-count')).toBe('1')
    expect(moved.text()).toContain('已启用民事期间规则：本院-2027')
    expect(moved.text()).toContain('2025-10-09 → 2025-10-10')

    await w.get(q('rule-reset-civil')).trigger('click')
    await settle()
    expect(calls.some(([c, a]) => c === 'reset_rule_file' && (a as { area: string }).area === 'civil')).toBe(true)
    expect(areas(w)[0]).toEqual(['民事', 'builtin'])
    expect(w.get(q('rule-moved')).text()).toContain('已恢复内置民事期间规则')
  })
})
