import { describe, expect, it, vi } from 'vitest'

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn(), isTauri: () => true }))
vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn(async () => () => {}) }))

import { acceptSyncState, syncState } from './syncState'
import { dataVersion } from './state'
import type { SyncState } from './api/sync'

const current = (): SyncState | null => syncState.value
const state = (version: number, syncing: boolean) => ({ version, syncing, logged_in: true }) as SyncState

describe('acceptSyncState', () => {
  it('keeps the newest state when an older answer arrives after an event', () => {
    syncState.value = null
    acceptSyncState(state(5, true))
    acceptSyncState(state(6, false)) // the event: the sync ended
    acceptSyncState(state(5, true)) // a command's answer computed before it
    expect(current()?.version).toBe(6)
    expect(current()?.syncing).toBe(false)
    acceptSyncState(state(6, false))
    acceptSyncState(null)
    expect(current()?.version).toBe(6)
  })
})

describe('after a sync that downloaded something', () => {
  const synced = (version: number, at: string, pulled: number) =>
    ({ version, syncing: false, logged_in: true, last_sync: at, last_report: { pushed: 0, pulled, conflicts: 0, rejected: 0 } }) as SyncState

  it('asks the views to reload once, and not for a sync that brought nothing', () => {
    syncState.value = null
    acceptSyncState(synced(1, '2026-11-26T09:00:00Z', 3))
    const before = dataVersion.value
    acceptSyncState(synced(2, '2026-11-26T09:00:30Z', 0))
    expect(dataVersion.value).toBe(before)
    acceptSyncState(synced(3, '2026-11-26T09:01:00Z', 2))
    expect(dataVersion.value).toBe(before + 1)
    // The same sync reported again (a command's answer after the event) is not a second download.
    acceptSyncState(synced(3, '2026-11-26T09:01:00Z', 2))
    expect(dataVersion.value).toBe(before + 1)
  })
})
