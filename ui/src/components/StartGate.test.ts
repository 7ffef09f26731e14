import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn(), isTauri: () => true }))
vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn(async () => () => {}) }))

import { invoke } from '@tauri-apps/api/core'
import { i18n } from '../i18n'
import StartGate from './StartGate.vue'
import type { StartStatus } from '../api/setup'
import { startStatus } from '../firstRun'

const invokeMock = vi.mocked(invoke)
/** Form-item errors appear after a watcher and a transition. */
const settle = async () => {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 50))
  await flushPromises()
}
const q = (id: string) => `[data-testid="${id}"]`
/** Element Plus puts a component's data-testid on its <input> (el-input) or on the wrapper (el-radio). */
const field = (w: ReturnType<typeof mountGate>, id: string) => {
  const el = w.find(q(id))
  return el.element.tagName === 'INPUT' ? el : el.find('input')
}

const status = (over: Partial<StartStatus> = {}): StartStatus => ({
  stage: 'first_run',
  path: null,
  demo: false,
  key_mode: 'keyring',
  case_count: 0,
  profile: { name: '', court: '', division: '' },
  default_path: '/home/u/.local/share/andu/andu.db',
  has_real_store: false,
  error: null,
  ...over,
})

function mountGate(s: StartStatus) {
  return mount(StartGate, { props: { status: s }, global: { plugins: [ElementPlus, i18n] }, attachTo: document.body })
}

beforeEach(() => {
  i18n.global.locale.value = 'zh-CN'
  invokeMock.mockReset()
  startStatus.value = null
})

describe('the first run', () => {
  it('explains both ways of keeping the key and shows the default place', () => {
    const w = mountGate(status())
    expect(w.find(q('setup-key-keyring')).text()).toContain('系统钥匙串')
    expect(w.find(q('setup-key-keyring')).text()).toContain('只在这台电脑上')
    expect(w.find(q('setup-key-passphrase')).text()).toContain('忘记口令')
    expect(field(w, 'setup-path').attributes('placeholder')).toContain('/home/u/.local/share/andu/andu.db')
    w.unmount()
  })

  it('does not send an incomplete form, then sends a passphrase store with name, court and 审判庭', async () => {
    const ready = status({ stage: 'ready', path: '/tmp/c.db', key_mode: 'passphrase' })
    invokeMock.mockImplementation(async (cmd: string) => {
      if (cmd === 'first_run_setup') return ready
      throw { code: 'unknown', message: cmd }
    })
    const w = mountGate(status())
    await w.find('form').trigger('submit')
    await settle()
    expect(invokeMock).not.toHaveBeenCalled()
    expect(w.text()).toContain('请填写此项')

    await field(w, 'setup-key-passphrase').setValue(true)
    await field(w, 'setup-name').setValue('王建国')
    await field(w, 'setup-court').setValue('深圳市龙华区人民法院')
    await field(w, 'setup-division').setValue('民一庭')
    await flushPromises()
    await field(w, 'setup-passphrase').setValue('正确的口令12345')
    await field(w, 'setup-passphrase-again').setValue('正确的口令12345')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(invokeMock.mock.calls).toEqual([
      [
        'first_run_setup',
        {
          input: {
            path: '',
            keyMode: 'passphrase',
            passphrase: '正确的口令12345',
            name: '王建国',
            court: '深圳市龙华区人民法院',
            division: '民一庭',
            fromServer: false,
          },
        },
      ],
    ])
    expect(w.emitted('ready')).toHaveLength(1)
    expect(startStatus.value?.stage).toBe('ready')
    w.unmount()
  })

  it('logging in to the court server fills name and 审判庭 from the account', async () => {
    const created = status({ stage: 'ready', path: '/tmp/c.db', profile: { name: '', court: '深圳市龙华区人民法院', division: '' } })
    const afterLogin = { ...created, profile: { name: '王建国', court: '深圳市龙华区人民法院', division: '民一庭' } }
    invokeMock.mockImplementation(async (cmd: string) => {
      if (cmd === 'first_run_setup') return created
      if (cmd === 'sync_login') return { server: 'https://andu.court', logged_in: true }
      if (cmd === 'app_start') return afterLogin
      throw { code: 'unknown', message: cmd }
    })
    const w = mountGate(status())
    await field(w, 'setup-start-server').setValue(true)
    await flushPromises()
    expect(w.find(q('setup-who-from-server')).text()).toContain('按法院账户自动填入')
    await field(w, 'setup-court').setValue('深圳市龙华区人民法院')
    await field(w, 'setup-server').setValue('https://andu.court')
    await field(w, 'setup-user').setValue('王建国')
    await field(w, 'setup-password').setValue('口令')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(invokeMock.mock.calls.map((c) => c[0])).toEqual(['first_run_setup', 'sync_login', 'app_start'])
    const sent = (invokeMock.mock.calls[0][1] as { input: Record<string, unknown> }).input
    expect(sent).toMatchObject({ name: '', division: '', court: '深圳市龙华区人民法院', fromServer: true })
    expect(startStatus.value?.profile).toEqual(afterLogin.profile)
    expect(w.emitted('ready')).toHaveLength(1)
    w.unmount()
  })

  it('shows the back end’s refusal (no keyring) and stays on the form', async () => {
    invokeMock.mockRejectedValue({ code: 'db_key_missing', message: '未找到数据库密钥：系统钥匙串不可用' })
    const w = mountGate(status())
    await field(w, 'setup-name').setValue('王建国')
    await field(w, 'setup-court').setValue('某法院')
    await field(w, 'setup-division').setValue('民一庭')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(w.find(q('setup-error')).attributes('data-code')).toBe('db_key_missing')
    expect(w.emitted('ready')).toBeUndefined()
    w.unmount()
  })

  it('opens the demo in one click', async () => {
    invokeMock.mockResolvedValue(status({ stage: 'ready', demo: true, key_mode: 'demo' }))
    const w = mountGate(status())
    await w.find(q('setup-demo')).trigger('click')
    await flushPromises()
    expect(invokeMock.mock.calls).toEqual([['open_demo', {}]])
    expect(startStatus.value?.demo).toBe(true)
    expect(w.emitted('ready')).toHaveLength(1)
    w.unmount()
  })
})

describe('a store under a passphrase', () => {
  it('says clearly that a wrong passphrase changed nothing, and opens with the right one', async () => {
    invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
      if (cmd !== 'unlock_store') throw { code: 'unknown', message: cmd }
      if ((args as { passphrase: string }).passphrase !== '对的口令123') {
        throw { code: 'db_wrong_key', message: '密钥错误：无法用给定的密钥打开数据库' }
      }
      return status({ stage: 'ready', path: '/tmp/c.db' })
    })
    const w = mountGate(status({ stage: 'passphrase', path: '/tmp/c.db' }))
    expect(w.text()).toContain('/tmp/c.db')
    await field(w, 'unlock-passphrase').setValue('错的')
    await w.find('form').trigger('submit')
    await settle()
    expect(w.text()).toContain('口令不正确，数据库未被改动')
    expect(w.emitted('ready')).toBeUndefined()
    await field(w, 'unlock-passphrase').setValue('对的口令123')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(w.emitted('ready')).toHaveLength(1)
    w.unmount()
  })
})
