// End-to-end test of the first run with the key kept in the OS keyring (issue #14), the default a user is offered:
// the real app on a session bus of its own with gnome-keyring's Secret Service (headless: `--unlock` with a
// password on stdin, as a desktop login would). The first run keeps a random key in the keyring, nothing secret
// goes to the config, and the next start opens the store without asking anything.
// How to run: tests/e2e/README.md. Needs ANDU_APP, and dbus-daemon, gnome-keyring-daemon and secret-tool
// (`cargo xtask setup` installs gnome-keyring and libsecret-tools); without them the test is skipped, saying why.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { APP, helpers, sel, sleep, startApp } from './driver.mjs'

const PORT = Number(process.env.TAURI_DRIVER_PORT_KEYRING || 4480)
const NATIVE_PORT = Number(process.env.TAURI_NATIVE_PORT_KEYRING || 4481)
const PROFILE = { name: '王建国', court: '深圳市龙华区人民法院', division: '民一庭' }
const TOOLS = ['dbus-daemon', 'gnome-keyring-daemon', 'secret-tool', 'dbus-send']

let home = null
let bus = null
let keyringDaemon = null
let busAddress = ''
let app = null
let browser = null
let h = null

const onPath = (tool) =>
  (process.env.PATH || '').split(path.delimiter).some((dir) => existsSync(path.join(dir, tool)))
const missingTools = () => TOOLS.filter((t) => !onPath(t))

const storePath = () => path.join(home, '案件', 'cases.db')

/** The app as installed, on the test's own session bus; no ANDU_DB, no key, no demo. */
function env() {
  return {
    ANDU_DB: '',
    ANDU_DB_KEY: '',
    ANDU_DEMO: '0',
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    DBUS_SESSION_BUS_ADDRESS: busAddress,
  }
}

/** A private session bus with gnome-keyring's Secret Service on it, unlocked; resolves once the service answers. */
async function startSecretService() {
  bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], { stdio: ['ignore', 'pipe', 'ignore'] })
  busAddress = await new Promise((resolve, reject) => {
    let out = ''
    bus.stdout.on('data', (d) => {
      out += d
      if (out.includes('\n')) resolve(out.split('\n')[0].trim())
    })
    bus.once('exit', (code) => reject(new Error(`dbus-daemon exited (${code})`)))
  })
  // Not the app's whole environment: the driver ends every process whose environment names the app's ANDU_DB.
  const { ANDU_DB, ANDU_DB_KEY, ANDU_DEMO, ...session } = env()
  const daemonEnv = { ...process.env, ...session }
  keyringDaemon = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], {
    env: daemonEnv,
    stdio: ['pipe', 'ignore', 'ignore'],
  })
  // The password of the (new) login keyring, as a desktop session passes it at login.
  keyringDaemon.stdin.end('e2e-keyring-password')
  for (let i = 0; i < 50; i++) {
    const reply = execFileSync(
      'dbus-send',
      ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus',
        'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.secrets'],
      { env: daemonEnv, encoding: 'utf8' },
    )
    if (reply.includes('boolean true')) return
    await sleep(200)
  }
  throw new Error('the Secret Service did not appear on the test bus')
}

/** The store key as the Secret Service holds it (service "andu", user "db:PATH": andu-store key.rs); '' if none. */
function keyInSecretService() {
  try {
    return execFileSync('secret-tool', ['lookup', 'service', 'andu', 'username', `db:${storePath()}`], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: busAddress },
      encoding: 'utf8',
    }).trim()
  } catch {
    return ''
  }
}

async function start(name) {
  app = await startApp({ name, port: PORT, nativePort: NATIVE_PORT, env: env() })
  browser = app.browser
  h = helpers(browser)
}

before(async () => {
  if (!APP || missingTools().length) return
  home = mkdtempSync(path.join(os.tmpdir(), 'andu-e2e-keyring-'))
  mkdirSync(path.join(home, '.config'), { recursive: true })
  await startSecretService()
})

after(async () => {
  await app?.stop()
  for (const p of [keyringDaemon, bus]) {
    if (p && p.exitCode === null) p.kill('SIGTERM')
  }
  if (home) rmSync(home, { recursive: true, force: true })
})

test('first run with the key in the OS keyring; the next start opens the store without a question', { timeout: 420_000 }, async (t) => {
  if (!APP) {
    t.skip('ANDU_APP is not set (path of the app binary); see tests/e2e/README.md')
    return
  }
  if (missingTools().length) {
    t.skip(`no headless Secret Service here: ${missingTools().join(', ')} not found (cargo xtask setup installs them)`)
    return
  }
  try {
    await start('keyring-first-run')
    await browser.$(sel('first-run')).waitForDisplayed({ timeout: 60_000, timeoutMsg: 'the first-run screen did not appear' })
    // The keyring is the offered default: only the place and who are filled in.
    assert.equal(await browser.$(sel('setup-passphrase')).isExisting(), false, 'no passphrase asked for by default')
    await h.typeInto(await browser.$(sel('setup-path')), storePath())
    await h.typeInto(await browser.$(sel('setup-name')), PROFILE.name)
    await h.typeInto(await browser.$(sel('setup-court')), PROFILE.court)
    await h.typeInto(await browser.$(sel('setup-division')), PROFILE.division)
    await browser.$(sel('setup-submit')).click()
    await browser.$(sel('today-empty-store')).waitForDisplayed({ timeout: 60_000, timeoutMsg: '今日 did not open' })
    await h.shot('keyring-01-created')

    const key = keyInSecretService()
    assert.match(key, /^x'[0-9a-f]{64}'$/, `the Secret Service holds no store key (a raw key: andu-store key.rs): “${key}”`)
    const config = readFileSync(path.join(home, '.config', 'andu', 'app.json'), 'utf8')
    assert.deepEqual(JSON.parse(config), { store: storePath(), key: 'keyring' })
    assert.ok(!config.includes(key), 'the key is not in the config file')
    assert.ok(existsSync(storePath()))

    await browser.$(sel('nav-settings')).click()
    await browser.$(sel('settings-key-mode')).waitForDisplayed({ timeout: 10_000 })
    assert.equal(await (await browser.$(sel('settings-key-mode'))).getAttribute('data-mode'), 'keyring')

    await app.stop()
    app = null
    await start('keyring-next-start')
    await browser.$(sel('today-empty-store')).waitForDisplayed({
      timeout: 60_000,
      timeoutMsg: 'the store did not open by itself with the key from the keyring',
    })
    assert.equal(await browser.$(sel('unlock')).isExisting(), false, 'nothing is asked at the next start')
    await browser.$(sel('nav-settings')).click()
    await browser.$(sel('settings-profile')).waitForDisplayed({ timeout: 10_000 })
    assert.match(await h.textOf(sel('settings-profile')), /王建国.*深圳市龙华区人民法院 民一庭/)
    await h.shot('keyring-02-next-start')
  } catch (e) {
    await h?.shot('keyring-failure').catch(() => {})
    throw e
  }
})
