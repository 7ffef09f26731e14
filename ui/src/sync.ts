// Pure view logic of 同步: what the status line says, how long ago / how soon, how a conflict's values and
// fields are shown. No Vue, no invoke: tested in sync.test.ts.
import type { SyncState } from './api/sync'
import { courtDateTime } from './dates'

/** What the status line shows first. */
export type SyncKind = 'notLoggedIn' | 'connecting' | 'syncing' | 'synced' | 'online' | 'offline' | 'error'

export function syncKind(s: SyncState | null | undefined): SyncKind {
  if (!s || !s.logged_in) return 'notLoggedIn'
  if (s.syncing) return 'syncing'
  if (s.online === false) return 'offline'
  if (s.failures > 0 && s.last_error_code) return 'error'
  if (s.online === true) return s.pending === 0 ? 'synced' : 'online'
  return 'connecting'
}

/** Colour of the status dot. */
export function kindTone(kind: SyncKind): 'success' | 'warning' | 'danger' | 'info' | 'primary' {
  switch (kind) {
    case 'synced':
    case 'online':
      return 'success'
    case 'offline':
      return 'warning'
    case 'error':
      return 'danger'
    case 'syncing':
    case 'connecting':
      return 'primary'
    default:
      return 'info'
  }
}

/** A message key under `sync.when` and its number, for "刚刚", "3 分钟前", "昨天 14:05"… */
export interface Relative {
  key: 'justNow' | 'secondsAgo' | 'minutesAgo' | 'hoursAgo' | 'at'
  n?: number
  /** For `at`: the date and time by the courts' clock (Beijing time). */
  text?: string
}


/** How long ago an RFC 3339 instant was, as seen at `now`; null when there is no (valid) instant. */
export function relativeTime(iso: string | null | undefined, now: Date): Relative | null {
  if (!iso) return null
  const t = new Date(iso)
  if (Number.isNaN(t.getTime())) return null
  const secs = Math.floor((now.getTime() - t.getTime()) / 1000)
  if (secs < 10) return { key: 'justNow' }
  if (secs < 60) return { key: 'secondsAgo', n: secs }
  if (secs < 3600) return { key: 'minutesAgo', n: Math.floor(secs / 60) }
  if (secs < 6 * 3600) return { key: 'hoursAgo', n: Math.floor(secs / 3600) }
  return { key: 'at', text: courtDateTime(t).slice(0, 16) }
}

/** Whole seconds from `now` until an RFC 3339 instant (0 when past); null without one. */
export function secondsUntil(iso: string | null | undefined, now: Date): number | null {
  if (!iso) return null
  const t = new Date(iso).getTime()
  if (Number.isNaN(t)) return null
  return Math.max(0, Math.ceil((t - now.getTime()) / 1000))
}

/** A wait as a message key under `sync.wait` and its number: 45 → seconds 45; 150 → minutes 3 (rounded up). */
export function waitParts(secs: number): { key: 'seconds' | 'minutes'; n: number } {
  if (secs < 60) return { key: 'seconds', n: Math.max(0, Math.round(secs)) }
  return { key: 'minutes', n: Math.ceil(secs / 60) }
}

/** The interval choices of 设置 → 同步服务器, in seconds. */
export const INTERVALS = [10, 30, 60, 300, 900] as const

/** Conflict and refused-edit fields the UI names itself (`sync.fields.<entity>_<field>`); others use the back end's. */
export const KNOWN_FIELDS = [
  'case_case_no',
  'case_cause',
  'case_procedure',
  'case_court',
  'case_division',
  'case_filed',
  'case_closed',
  'case_closing_method',
  'case_judge',
  'case_assistant',
  'case_clerk',
  'case_custody',
  'case_panel',
  'party_role',
  'party_name',
  'party_kind',
  'party_id_number',
  'party_address',
  'party_phone',
  'party_agent',
  'party_foreign',
  'event_kind',
  'event_date',
  'event_party',
  'event_note',
  'hearing_start',
  'hearing_room',
  'note_text',
] as const

/** The message key of a field, or null when the UI does not know it (then show the back end's label). */
export function fieldKey(entity: string | null | undefined, field: string | null | undefined): string | null {
  if (!entity || !field) return null
  const k = `${entity}_${field}`
  return (KNOWN_FIELDS as readonly string[]).includes(k) ? `sync.fields.${k}` : null
}

export interface ValueWords {
  empty: string
  yes: string
  no: string
}

/** A conflicting value as text: strings as they are, booleans as 是/否, nothing as （空）, rows as JSON. */
export function valueText(v: unknown, words: ValueWords): string {
  if (v === null || v === undefined || v === '') return words.empty
  if (typeof v === 'boolean') return v ? words.yes : words.no
  if (typeof v === 'string') return v
  if (typeof v === 'number') return String(v)
  return JSON.stringify(v)
}

/** Error codes the UI explains itself (`sync.errors.<key>`); others show the back end's message. */
export function errorKey(code: string | null | undefined): string | null {
  switch (code) {
    case 'server_unreachable':
      return 'sync.errors.unreachable'
    case 'bad_credentials':
      return 'sync.errors.badCredentials'
    case 'unauthorized':
    case 'token_expired':
    case 'not_logged_in':
      return 'sync.errors.relogin'
    case 'upgrade_required':
      return 'sync.errors.upgrade'
    case 'login_incomplete':
      return 'sync.errors.incomplete'
    case 'logout_pending':
      return 'sync.errors.logoutPending'
    default:
      return null
  }
}

/** Roles the server sends (`judge`…) → `sync.roles.<role>`; unknown roles are shown as sent. */
export const ROLE_KEYS = ['judge', 'assistant', 'clerk', 'chief', 'president', 'admin'] as const

export function roleKey(role: string | null | undefined): string | null {
  return role && (ROLE_KEYS as readonly string[]).includes(role) ? `sync.roles.${role}` : null
}

/** Short form of a counter for the status line: 0 … 99, then 99+. */
export function countText(n: number | null | undefined): string {
  const v = Number.isFinite(n) && (n as number) > 0 ? Math.floor(n as number) : 0
  return v > 99 ? '99+' : String(v)
}
