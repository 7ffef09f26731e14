// The sync status shared by the status line, 设置 and the 冲突 screen: the back end's `sync-status` events are the
// source; the status is also asked once at start (the first event may come before the page listens).
import { ref } from 'vue'
import { inDesktopShell } from './api'
import { onSyncStatus, syncApi, type SyncReport, type SyncState } from './api/sync'
import { refreshAfterPull } from './state'

export const syncState = ref<SyncState | null>(null)
/** 立即同步 is running (from this window). */
export const syncBusy = ref(false)
/** Ticks every few seconds so "3 分钟前" and "12 秒后重试" stay current. */
export const syncClock = ref(new Date())

let started = false

/**
 * Takes a state from an event or a command's answer unless it is older than the one shown: an answer computed
 * before the last event may arrive after it, and the back end sends no new event while nothing changes.
 */
export function acceptSyncState(s: SyncState | null | undefined): void {
  if (!s) return
  const current = syncState.value
  if (current && (s.version ?? 0) < (current.version ?? 0)) return
  syncState.value = s
  // A new sync that brought something down: what the views show may be out of date.
  if (current && s.last_sync && s.last_sync !== current.last_sync && (s.last_report?.pulled ?? 0) > 0) refreshAfterPull()
}

export async function refreshSyncStatus(): Promise<SyncState | null> {
  if (!inDesktopShell()) return null
  acceptSyncState(await syncApi.status())
  return syncState.value
}

export async function startSyncStatus(): Promise<() => void> {
  if (started || !inDesktopShell()) return () => {}
  started = true
  const stop = await onSyncStatus(acceptSyncState).catch(() => () => {})
  syncApi
    .status()
    .then(acceptSyncState)
    .catch(() => {})
  const timer = setInterval(() => (syncClock.value = new Date()), 5000)
  return () => {
    stop()
    clearInterval(timer)
    started = false
  }
}

/** 立即同步: resolves to what was pushed and pulled; the status follows from the events (and is re-read here). */
export async function syncNow(): Promise<SyncReport> {
  syncBusy.value = true
  try {
    return await syncApi.now()
  } finally {
    syncBusy.value = false
    await refreshSyncStatus().catch(() => null)
  }
}
