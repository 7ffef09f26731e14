// Turns change-log entries into what a person reads in 变更记录. A field change has `field` and plain old/new
// text; adding, removing or replacing a whole party, hearing, note… has `field: null` and the row as JSON.
import type { ChangeEntry } from './api'
import { formatDate, formatDateTime } from './format'
import { closingMethodLabel, i18n, roleLabel } from './i18n'

export type ChangeAction = 'set' | 'added' | 'removed' | 'changed' | 'onServer'

export interface ChangeView {
  /** What changed: a field label (承办法官) or an entity label (当事人). */
  what: string
  action: ChangeAction
  old: string
  new: string
}

const ENTITIES = ['case', 'party', 'event', 'hearing', 'extension', 'deduction', 'appeal', 'note', 'appeal_review']
const DATE_FIELDS = new Set(['filed', 'closed'])

function t(key: string, named?: Record<string, unknown>): string {
  return named ? i18n.global.t(key, named) : i18n.global.t(key)
}

function parse(text: string | null): Record<string, unknown> | null {
  if (!text || !text.trimStart().startsWith('{')) return null
  try {
    const v: unknown = JSON.parse(text)
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null
  } catch {
    return null
  }
}

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v))
const join = (...parts: string[]) => parts.filter((p) => p.trim() !== '').join(' ')
const clip = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n)}…` : s)

/** A one-line summary of a stored row (party, hearing, note, …). */
export function summarize(entity: string, row: Record<string, unknown>): string {
  switch (entity) {
    case 'case':
      return join(str(row.case_no), str(row.cause))
    case 'party':
      return join(roleLabel(str(row.role)), str(row.name))
    case 'event':
      return join(formatDate(str(row.date)), str(row.kind), clip(str(row.note), 40))
    case 'hearing':
      return join(formatDateTime(str(row.start)), str(row.room))
    case 'extension': {
      const len = row.months
        ? t('caseDetail.extension.months', { n: row.months })
        : row.days
          ? t('caseDetail.extension.days', { n: row.days })
          : ''
      return join(formatDate(str(row.approved)), len, str(row.by))
    }
    case 'deduction':
      return join(str(row.kind), `${formatDate(str(row.from))} ~ ${formatDate(str(row.to))}`)
    case 'appeal':
      return join(formatDate(str(row.filed)), str(row.outcome))
    case 'note':
      return clip(str(row.text))
    case 'appeal_review':
      return join(
        str(row.reason),
        row.responsible ? t('supervision.appeal.responsibleYes') : t('supervision.appeal.responsibleNo'),
        clip(str(row.lesson), 40),
      )
    default:
      return clip(
        Object.entries(row)
          .filter(([k, v]) => k !== 'id' && k !== 'entity' && v !== null && typeof v !== 'object')
          .map(([, v]) => String(v))
          .join(' '),
      )
  }
}

function fieldValue(field: string, value: string | null): string {
  if (value === null || value === '') return ''
  if (DATE_FIELDS.has(field)) return formatDate(value)
  if (field === 'custody') return value === 'true' || value === '1' ? t('common.yes') : value === 'false' || value === '0' ? t('common.no') : value
  if (field === 'closing_method') return closingMethodLabel(value)
  return value
}

export function entityLabel(entity: string): string {
  return ENTITIES.includes(entity) ? t(`caseDetail.history.entities.${entity}`) : entity
}

export function fieldLabel(field: string): string {
  const key = `caseDetail.fields.${field}`
  return i18n.global.te(key) ? t(key) : field
}

/** The `field` of the one history row a device that joined the division keeps for each case it received: the
 * history before it is on the court server (the store's `HISTORY_ON_SERVER`). */
export const HISTORY_ON_SERVER = 'history_on_server'

export function describeChange(e: ChangeEntry): ChangeView {
  if (e.field === HISTORY_ON_SERVER) {
    return { what: entityLabel('case'), action: 'onServer', old: '', new: t('caseDetail.history.onServer') }
  }
  if (e.field) {
    return { what: fieldLabel(e.field), action: 'set', old: fieldValue(e.field, e.old), new: fieldValue(e.field, e.new) }
  }
  const oldRow = parse(e.old)
  const newRow = parse(e.new)
  const old = oldRow ? summarize(e.entity, oldRow) : str(e.old)
  const now = newRow ? summarize(e.entity, newRow) : str(e.new)
  const action: ChangeAction = e.old === null ? 'added' : e.new === null ? 'removed' : 'changed'
  return { what: entityLabel(e.entity), action, old, new: now }
}
