import { computed } from 'vue'
import { createI18n } from 'vue-i18n'
import elZhCn from 'element-plus/es/locale/lang/zh-cn'
import elEn from 'element-plus/es/locale/lang/en'
import zhCN from './zh-CN'
import en from './en'
import type { ClosingMethod, PartyRole } from '../generated/types'

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

// The wire values of the back end's enumerations (Chinese) mapped to message keys, typed by the generated
// enumerations: a value added to or removed from andu-core's `PartyRole` or `ClosingMethod` fails vue-tsc here
// until its label is. The values a form offers come from the back end (`useCaseVocabulary`). Unknown values (a
// newer back end) are shown as is.
const ROLE_KEYS: Record<PartyRole, string> = {
  原告: 'plaintiff',
  被告: 'defendant',
  第三人: 'thirdParty',
  上诉人: 'appellant',
  被上诉人: 'appellee',
  申请人: 'applicant',
  被申请人: 'respondent',
  申请执行人: 'executor',
  被执行人: 'executed',
  公诉机关: 'prosecutor',
  自诉人: 'privateProsecutor',
  被告人: 'accused',
  被害人: 'victim',
  原审原告: 'originalPlaintiff',
  原审被告: 'originalDefendant',
  原审第三人: 'originalThirdParty',
  再审申请人: 'retrialApplicant',
  '被申请人（原审）': 'retrialRespondent',
  异议人: 'objector',
  案外人: 'outsider',
}
export const ROLES = Object.entries(ROLE_KEYS) as ReadonlyArray<readonly [PartyRole, string]>

const CLOSING_KEYS: Record<ClosingMethod, string> = {
  判决: 'judgment',
  调解: 'mediation',
  撤诉: 'withdrawal',
  驳回起诉: 'dismissal',
  移送: 'transfer',
  终结: 'termination',
  其他: 'other',
}
/** The 结案方式 values' translation keys. */
export const CLOSING_METHODS = Object.entries(CLOSING_KEYS) as ReadonlyArray<readonly [ClosingMethod, string]>

const roleKeys = new Map<string, string>(ROLES)
const closingKeys = new Map<string, string>(CLOSING_METHODS)

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
