import { afterEach, describe, expect, it, vi } from 'vitest'
import { createI18n } from 'vue-i18n'
import zhCN from './i18n/zh-CN'
import en from './i18n/en'
import {
  CLOSING_METHODS,
  closingMethodLabel,
  i18n,
  loadLocale,
  LOCALE_STORAGE_KEY,
  ROLES,
  roleLabel,
  setLocale,
} from './i18n'

type Tree = { [k: string]: string | Tree }

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`)))
}

describe('messages', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect(keys(en as Tree).sort()).toEqual(keys(zhCN as Tree).sort())
  })

  it('no message is empty or uses | (plural) or @ (linked message) by accident', () => {
    for (const [name, tree] of Object.entries({ zhCN, en })) {
      for (const k of keys(tree as Tree)) {
        const v = String(k.split('.').reduce<unknown>((o, p) => (o as Tree)[p], tree))
        expect(v.trim(), `${name}:${k}`).not.toBe('')
        expect(v, `${name}:${k}`).not.toMatch(/[|@]/)
      }
    }
  })

  it('every message compiles and resolves in both languages', () => {
    const onWarn = vi.fn()
    const onError = vi.fn()
    const test = createI18n({
      legacy: false,
      locale: 'zh-CN',
      messages: { 'zh-CN': zhCN, en },
      missing: (_l, key) => {
        onWarn(key)
        return key
      },
      warnHtmlMessage: false,
    })
    for (const locale of ['zh-CN', 'en'] as const) {
      test.global.locale.value = locale
      for (const k of keys(zhCN as Tree)) {
        let out = ''
        try {
          out = test.global.t(k, { n: 3, caseNo: 'X' })
        } catch (e) {
          onError(`${locale}:${k}: ${String(e)}`)
        }
        expect(out, `${locale}:${k}`).not.toBe(k)
        expect(out, `${locale}:${k}`).not.toBe('')
      }
    }
    expect(onWarn).not.toHaveBeenCalled()
    expect(onError).not.toHaveBeenCalled()
  })

  it('interpolates counts', () => {
    i18n.global.locale.value = 'zh-CN'
    expect(i18n.global.t('caseList.total', { n: 205 })).toBe('共 205 件')
    expect(i18n.global.t('setup.backup.done', { n: 12, file: 'a.db' })).toBe('已备份 12 件案件：a.db')
    expect(i18n.global.t('placeholder.comingLater')).toBe('将在后续版本提供')
  })

  it('the Chinese labels of roles and closing methods are the wire values themselves', () => {
    i18n.global.locale.value = 'zh-CN'
    for (const [value] of ROLES) expect(roleLabel(value)).toBe(value)
    for (const [value] of CLOSING_METHODS) expect(closingMethodLabel(value)).toBe(value)
  })

  it('translates known roles to English and shows unknown ones as is', () => {
    i18n.global.locale.value = 'en'
    expect(roleLabel('原告')).toBe('Plaintiff')
    expect(roleLabel('某种新角色')).toBe('某种新角色')
    expect(closingMethodLabel('调解')).toBe('Mediation')
    expect(closingMethodLabel(null)).toBe('')
    i18n.global.locale.value = 'zh-CN'
  })
})

describe('language choice', () => {
  afterEach(() => {
    localStorage.clear()
    i18n.global.locale.value = 'zh-CN'
  })

  it('defaults to Simplified Chinese', () => {
    localStorage.clear()
    expect(loadLocale()).toBe('zh-CN')
  })

  it('ignores a stored value that is not a supported language', () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'fr')
    expect(loadLocale()).toBe('zh-CN')
  })

  it('persists the chosen language and applies it', () => {
    setLocale('en')
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en')
    expect(loadLocale()).toBe('en')
    expect(i18n.global.locale.value).toBe('en')
    expect(document.documentElement.lang).toBe('en')
    expect(i18n.global.t('nav.cases')).toBe('Cases')
  })
})
