// Typed wrappers around the 同步 commands (docs/app-commands.md: sync_*), and the `sync-status` event the
// background sync sends whenever its state changes. Errors are the same AppError with the back end's `code`.
import { invoke, isTauri } from '@tauri-apps/api/core'
import { listen } from '@tauri-apps/api/event'
import { AppError, NO_BACKEND, normalizeError } from '../api'

export const SYNC_STATUS_EVENT = 'sync-status'

export interface SyncReport {
  pushed: number
  pulled: number
  conflicts: number
  rejected: number
}

export interface SyncState {
  server: string | null
  user: string | null
  /** judge | assistant | clerk | chief | president | admin */
  role: string | null
  division: string | null
  acked: number
  /** Local edits the server has not acknowledged yet (待上传). */
  pending: number
  /** Open conflicts. */
  conflicts: number
  /** Edits the server refused (kept, listed in 冲突 → 被拒绝的修改). */
  rejected: number
  /** RFC 3339 time of the last successful sync. */
  last_sync: string | null
  last_error: string | null
  logged_in: boolean
  /** Reached the server on the last attempt; null before the first attempt. */
  online: boolean | null
  syncing: boolean
  next_attempt: string | null
  interval_secs: number
  failures: number
  last_error_code: string | null
  last_report: SyncReport | null
  /** Increases with every change: a command's answer older than an event already received is dropped. */
  version: number
  /** Published data received from the court server but not applied here yet, with the reason of the last try. */
  waiting_assets?: WaitingAsset[]
}

export interface WaitingAsset {
  /** holidays | rules | templates | indicators | a kind a newer server publishes */
  kind: string
  name: string
  reason: string | null
}

export interface Author {
  user: string
  device_id: string
}

export interface ConflictView {
  id: string
  case_id: string
  case_no: string
  entity: string
  entity_id: string
  field: string | null
  /** Chinese name of the field (承办法官); the UI translates known fields itself. */
  field_label: string
  mine: unknown
  mine_by: Author
  theirs: unknown
  theirs_by: Author
  /** The server kept my value; the other side's edit waits here. */
  kept_mine: boolean
  /** The edit that was not applied was made on this computer. */
  mine_here: boolean
  status: 'open' | 'resolved'
  resolution?: unknown
  resolved_by?: Author | null
  /** The server's time the conflict was recorded (RFC 3339); absent for records made before it was kept. */
  at?: string | null
  resolved_at?: string | null
}

export interface RejectionView {
  device_seq: number
  change_id: string
  case_id: string
  case_no: string | null
  entity: string | null
  field: string | null
  value: string | null
  code: string
  message: string
  at: string
}

export type Take = 'mine' | 'theirs'

async function call<T>(command: string, args: Record<string, unknown> = {}): Promise<T> {
  if (!isTauri()) throw new AppError(NO_BACKEND, '请在案牍桌面程序中打开')
  try {
    return await invoke<T>(command, args)
  } catch (e) {
    throw normalizeError(e)
  }
}

export const syncApi = {
  status: () => call<SyncState>('sync_status'),
  login: (server: string, user: string, password: string) => call<SyncState>('sync_login', { server, user, password }),
  /** Ends the session; refused with `logout_pending` while edits wait to be uploaded. */
  logout: () => call<SyncState>('sync_logout'),
  now: () => call<SyncReport>('sync_now'),
  setInterval: (secs: number) => call<SyncState>('sync_set_interval', { secs }),
  conflicts: (all = false) => call<ConflictView[]>('sync_conflicts', { all }),
  resolve: (id: string, take: Take) => call<ConflictView[]>('sync_resolve', { id, take }),
  rejections: () => call<RejectionView[]>('sync_rejections'),
}

/** Calls `handler` with each status the background sync sends; resolves to the function that stops listening. */
export async function onSyncStatus(handler: (s: SyncState) => void): Promise<() => void> {
  if (!isTauri()) return () => {}
  return listen<SyncState>(SYNC_STATUS_EVENT, (e) => {
    if (e.payload && typeof e.payload === 'object') handler(e.payload)
  })
}
