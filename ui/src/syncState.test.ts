import { describe, expect, it, vi } from 'vitest'

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn(), isTauri: () => true }))
vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn(async () => () => {}) }))

import { acceptSyncState, syncState } from './syncState'
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
