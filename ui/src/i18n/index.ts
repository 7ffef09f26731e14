import { computed } from 'vue'
import { createI18n } from 'vue-i18n'
import elZhCn from 'element-plus/es/locale/lang/zh-cn'
import elEn from 'element-plus/es/locale/lang/en'
import zhCN from './zh-CN'
import en from './en'

export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'zh-CN'
export const LOCALE_STORAGE_KEY = 'andu.locale'

export const messages = { 'zh-CN': zhCN, en }

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v)
}

/** The saved language, or Simplified Chinese. Never throws (storage may be unavailable). */
export function loadLocale(): Locale {
  try {
    const saved = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY)
    return isLocale(saved) ? saved : DEFAULT_LOCALE
  } catch {
    return DEFAULT_LOCALE
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: loadLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  messages,
  missingWarn: import.meta.env.DEV,
  fallbackWarn: false,
})

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale)
  } catch {
    // not persisted; the choice still applies for this session
  }
  document.documentElement.lang = locale
}

/** Element Plus's own strings (date picker, pagination, empty table) follow the app language. */
export const elementLocale = computed(() => (i18n.global.locale.value === 'en' ? elEn : elZhCn))

// The wire values of the back end's enumerations (Chinese) mapped to message keys. Unknown values are shown as is.
export const ROLES: ReadonlyArray<readonly [string, string]> = [
  ['原告', 'plaintiff'],
  ['被告', 'defendant'],
  ['第三人', 'thirdParty'],
  ['上诉人', 'appellant'],
  ['被上诉人', 'appellee'],
  ['申请人', 'applicant'],
  ['被申请人', 'respondent'],
  ['申请执行人', 'executor'],
  ['被执行人', 'executed'],
  ['公诉机关', 'prosecutor'],
  ['自诉人', 'privateProsecutor'],
  ['被告人', 'accused'],
  ['被害人', 'victim'],
  ['原审原告', 'originalPlaintiff'],
  ['原审被告', 'originalDefendant'],
  ['原审第三人', 'originalThirdParty'],
  ['再审申请人', 'retrialApplicant'],
  ['被申请人（原审）', 'retrialRespondent'],
  ['异议人', 'objector'],
  ['案外人', 'outsider'],
]

/** The 结案方式 values' translation keys (the values a form offers come from the back end: `useCaseVocabulary`). */
export const CLOSING_METHODS: ReadonlyArray<readonly [string, string]> = [
  ['判决', 'judgment'],
  ['调解', 'mediation'],
  ['撤诉', 'withdrawal'],
  ['驳回起诉', 'dismissal'],
  ['移送', 'transfer'],
  ['终结', 'termination'],
  ['其他', 'other'],
]

const roleKeys = new Map(ROLES)
const closingKeys = new Map(CLOSING_METHODS)

/** Label for a party role value such as 原告, in the current language. */
export function roleLabel(value: string): string {
  const k = roleKeys.get(value)
  return k ? i18n.global.t(`roles.${k}`) : value
}

export function closingMethodLabel(value: string | null | undefined): string {
  if (!value) return ''
  const k = closingKeys.get(value)
  return k ? i18n.global.t(`closingMethods.${k}`) : value
}
