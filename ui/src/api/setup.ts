// Typed wrappers around the start and first-run commands (docs/app-commands.md: app_start, first_run_setup,
// unlock_store, open_demo, leave_demo, backup_info, backup_now, restore_backup).
import { invoke, isTauri } from '@tauri-apps/api/core'
import { AppError, NO_BACKEND, normalizeError } from '../api'

import type { BackupFile, BackupInfo, BackupReport, Profile, RestoreReport, StartStatus } from '../generated/types'

// The results are generated from the Rust types (../generated/types.ts); the names the screens know are given here.
export type { BackupFile, BackupInfo, BackupReport, Profile, RestoreReport, StartStatus }
export type Stage = StartStatus['stage']
/** How the open store's key is kept: `environment` is ANDU_DB_KEY (developers), `demo` the demo's fixed key. */
export type KeyMode = StartStatus['key_mode']

export interface SetupInput {
  /** Empty: the default place (`default_path`). */
  path: string
  keyMode: 'keyring' | 'passphrase'
  passphrase: string
  name: string
  court: string
  division: string
}

async function call<T>(command: string, args: Record<string, unknown> = {}): Promise<T> {
  if (!isTauri()) throw new AppError(NO_BACKEND, '请在案牍桌面程序中打开')
  try {
    return await invoke<T>(command, args)
  } catch (e) {
    throw normalizeError(e)
  }
}

export const setupApi = {
  start: () => call<StartStatus>('app_start'),
  firstRun: (input: SetupInput) => call<StartStatus>('first_run_setup', { input }),
  unlock: (passphrase: string) => call<StartStatus>('unlock_store', { passphrase }),
  openDemo: () => call<StartStatus>('open_demo'),
  leaveDemo: () => call<StartStatus>('leave_demo'),
  backupInfo: () => call<BackupInfo>('backup_info'),
  backupNow: (input: { dir?: string; keep?: number; passphrase?: string }) => call<BackupReport>('backup_now', { input }),
  restore: (file: string, passphrase?: string) =>
    call<RestoreReport>('restore_backup', passphrase ? { file, passphrase } : { file }),
}
