// Typed wrappers around the start and first-run commands (docs/app-commands.md: app_start, first_run_setup,
// unlock_store, open_demo, leave_demo, backup_info, backup_now, restore_backup, court_profile, set_appellate_court).
import { invoke, isTauri } from '@tauri-apps/api/core'
import { AppError, NO_BACKEND, normalizeError } from '../api'

import type { BackupFile, BackupInfo, BackupReport, Profile, Rejoin, RestoreReport, StartStatus } from '../generated/types'

// The results are generated from the Rust types (../generated/types.ts); the names the screens know are given here.
export type { BackupFile, BackupInfo, BackupReport, Profile, Rejoin, RestoreReport, StartStatus }
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
  /** The user logs in next: name and division may be empty, the court account fills them. */
  fromServer?: boolean
}

/** 设置 → 本院信息 (court_profile): the appellate court for the 上诉于… line of judgments. */
export interface CourtProfile {
  court: string
  /** null while unset: judgments then say so where the court's name belongs. */
  appellate_court: string | null
  /** The court one level up by the court's name, to check and take; null when the name does not say. */
  suggestion: string | null
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
  courtProfile: () => call<CourtProfile>('court_profile'),
  setAppellateCourt: (name: string) => call<CourtProfile>('set_appellate_court', { name }),
  restore: (file: string, passphrase?: string) =>
    call<RestoreReport>('restore_backup', passphrase ? { file, passphrase } : { file }),
}
