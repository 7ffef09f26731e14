// The first run's form, checked before it is sent (the back end checks the same and has the last word), and the
// start state every screen shares: which stage the app is in and whether the open store is the demo.
import { ref } from 'vue'
import type { SetupInput, StartStatus } from './api/setup'

/** Same minimum as the shell (src-tauri/src/commands/setup.rs): the passphrase is the file's only protection. */
export const MIN_PASSPHRASE = 8
const MAX_FIELD = 50

export type StartChoice = 'empty' | 'server'

export interface FirstRunForm extends SetupInput {
  passphraseAgain: string
  start: StartChoice
  server: string
  user: string
  password: string
}

export function emptyForm(): FirstRunForm {
  return {
    path: '',
    keyMode: 'keyring',
    passphrase: '',
    passphraseAgain: '',
    name: '',
    court: '',
    division: '',
    start: 'empty',
    server: '',
    user: '',
    password: '',
  }
}

/** Problems by field, as i18n keys under `setup.problems`; empty when the form can be sent. */
export function formProblems(f: FirstRunForm): Record<string, string> {
  const out: Record<string, string> = {}
  const path = f.path.trim()
  if (path && !path.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(path)) out.path = 'pathNotAbsolute'
  if (f.keyMode === 'passphrase') {
    if ([...f.passphrase].length < MIN_PASSPHRASE) out.passphrase = 'passphraseShort'
    else if (f.passphrase !== f.passphraseAgain) out.passphraseAgain = 'passphraseMismatch'
  }
  for (const k of ['name', 'court', 'division'] as const) {
    const v = f[k].trim()
    // Logging in to the court server fills the name and 审判庭 from the account; the court is always typed.
    if (!v && !(f.start === 'server' && k !== 'court')) out[k] = 'required'
    else if ([...v].length > MAX_FIELD) out[k] = 'tooLong'
  }
  if (f.start === 'server') {
    if (!f.server.trim()) out.server = 'required'
    if (!f.user.trim()) out.user = 'required'
    if (!f.password) out.password = 'required'
  }
  return out
}

/** What goes to `first_run_setup`: trimmed, the passphrase only when it is the chosen key. */
export function setupInput(f: FirstRunForm): SetupInput {
  return {
    path: f.path.trim(),
    keyMode: f.keyMode,
    passphrase: f.keyMode === 'passphrase' ? f.passphrase : '',
    name: f.name.trim(),
    court: f.court.trim(),
    division: f.division.trim(),
    fromServer: f.start === 'server',
  }
}

/** The start state; `null` until the shell answered (or outside the shell). */
export const startStatus = ref<StartStatus | null>(null)

/** Screens render only on an open store; outside the shell they render (and say there is no back end). */
export function screensReady(s: StartStatus | null, inShell: boolean): boolean {
  return !inShell || s?.stage === 'ready'
}
