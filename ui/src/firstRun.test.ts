import { describe, expect, it } from 'vitest'
import { emptyForm, formProblems, MIN_PASSPHRASE, screensReady, setupInput, type FirstRunForm } from './firstRun'
import type { StartStatus } from './api/setup'

const filled = (over: Partial<FirstRunForm> = {}): FirstRunForm => ({
  ...emptyForm(),
  name: ' 王建国 ',
  court: '深圳市龙华区人民法院',
  division: '民一庭',
  ...over,
})

describe('the first-run form', () => {
  it('asks for name, court and 审判庭', () => {
    expect(formProblems(emptyForm())).toEqual({ name: 'required', court: 'required', division: 'required' })
    expect(formProblems(filled())).toEqual({})
    expect(formProblems(filled({ division: '庭'.repeat(51) }))).toEqual({ division: 'tooLong' })
  })

  it('takes an empty path as the default place and refuses a relative one', () => {
    expect(formProblems(filled({ path: '' }))).toEqual({})
    expect(formProblems(filled({ path: '/home/wang/案牍/cases.db' }))).toEqual({})
    expect(formProblems(filled({ path: 'cases.db' }))).toEqual({ path: 'pathNotAbsolute' })
  })

  it('wants a passphrase of at least 8 characters, typed twice the same, only when it is the key', () => {
    const seven = '口令'.repeat(3) + 'x'
    expect([...seven].length).toBe(MIN_PASSPHRASE - 1)
    expect(formProblems(filled({ keyMode: 'passphrase', passphrase: seven, passphraseAgain: seven }))).toEqual({
      passphrase: 'passphraseShort',
    })
    expect(formProblems(filled({ keyMode: 'passphrase', passphrase: seven + 'y', passphraseAgain: seven + 'z' }))).toEqual({
      passphraseAgain: 'passphraseMismatch',
    })
    expect(formProblems(filled({ keyMode: 'passphrase', passphrase: seven + 'y', passphraseAgain: seven + 'y' }))).toEqual({})
    expect(formProblems(filled({ keyMode: 'keyring', passphrase: 'x' }))).toEqual({})
  })

  it('needs server, user and password only to log in', () => {
    expect(formProblems(filled({ start: 'server' }))).toEqual({ server: 'required', user: 'required', password: 'required' })
    expect(formProblems(filled({ start: 'server', server: '10.1.2.3:8443', user: 'wangjg', password: 'pw' }))).toEqual({})
  })

  it('leaves name and 审判庭 to the court account when logging in, never the court', () => {
    const login = { start: 'server' as const, server: '10.1.2.3:8443', user: 'wangjg', password: 'pw' }
    expect(formProblems(filled({ ...login, name: '', division: ' ' }))).toEqual({})
    expect(formProblems(filled({ ...login, court: '' }))).toEqual({ court: 'required' })
    expect(formProblems(filled({ ...login, name: '名'.repeat(51) }))).toEqual({ name: 'tooLong' })
    expect(setupInput(filled({ ...login, name: '' }))).toMatchObject({ name: '', fromServer: true })
  })

  it('sends the trimmed values and the passphrase only when it is the key', () => {
    expect(setupInput(filled({ passphrase: 'leftover-from-typing' }))).toEqual({
      path: '',
      keyMode: 'keyring',
      passphrase: '',
      name: '王建国',
      court: '深圳市龙华区人民法院',
      division: '民一庭',
      fromServer: false,
    })
    expect(setupInput(filled({ keyMode: 'passphrase', passphrase: ' 带空格的口令 ' })).passphrase).toBe(' 带空格的口令 ')
  })
})

describe('the screens', () => {
  const status = (stage: StartStatus['stage']): StartStatus => ({
    stage,
    path: null,
    demo: false,
    key_mode: 'keyring',
    case_count: 0,
    profile: { name: '', court: '', division: '' },
    default_path: '/home/u/.local/share/andu/andu.db',
    has_real_store: false,
    error: null,
  })
  it('render only on an open store in the shell', () => {
    expect(screensReady(null, true)).toBe(false)
    expect(screensReady(status('first_run'), true)).toBe(false)
    expect(screensReady(status('passphrase'), true)).toBe(false)
    expect(screensReady(status('error'), true)).toBe(false)
    expect(screensReady(status('ready'), true)).toBe(true)
    expect(screensReady(null, false)).toBe(true)
  })
})
