// Typed wrappers around the 同步 commands (docs/app-commands.md: sync_*), and the `sync-status` event the
// background sync sends whenever its state changes. Errors are the same AppError with the back end's `code`.
import { invoke, isTauri } from '@tauri-apps/api/core'
import { listen } from '@tauri-apps/api/event'
import { AppError, NO_BACKEND, normalizeError } from '../api'

export const SYNC_STATUS_EVENT = 'sync-status'

import type { Author, ConflictView, RejectionView, SyncReport, SyncState, Take, WaitingAsset } from '../generated/types'

// The types are generated from the Rust ones (../generated/types.ts: andu-sync-client, andu-store and the app's
// sync worker); the names the 同步 screens know are given here.
export type { Author, ConflictView, RejectionView, SyncReport, SyncState, Take, WaitingAsset }

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
