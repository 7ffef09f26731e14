// Shared set-up of the E2E tests: start tauri-driver (→ WebKitWebDriver → the app) with a fresh demo store, open
// a WebDriver session, and helpers that work around WebKitWebDriver's quirks (tests/e2e/README.md).
// Each test file starts its own driver and app on its own port pair, so files never share state.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
// webdriverio is a devDependency of ui/ (one lockfile, one `npm ci`); resolve it from there.
const requireFromUi = createRequire(path.join(ROOT, 'ui', 'package.json'))
const { remote } = requireFromUi('webdriverio')

export const APP = process.env.ANDU_APP
export const DRIVER = process.env.TAURI_DRIVER || path.join(os.homedir(), '.cargo', 'bin', 'tauri-driver')
export const OUT = path.resolve(ROOT, process.env.ANDU_TEST_OUTPUT || 'test-output/e2e')

export const sel = (id) => `[data-testid="${id}"]`
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const sock = net.connect({ host: '127.0.0.1', port })
      sock.once('connect', () => {
        sock.destroy()
        resolve()
      })
      sock.once('error', () => {
        sock.destroy()
        if (Date.now() > deadline) reject(new Error(`port ${port} did not open within ${timeoutMs} ms`))
        else setTimeout(attempt, 200)
      })
    }
    attempt()
  })
}

/** True when nothing listens on the port (so the tauri-driver we start is the one we talk to). */
function portFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer()
    srv.once('error', () => resolve(false))
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)))
  })
}

/**
 * Starts tauri-driver on `port`/`nativePort` with the app on a fresh demo store (ANDU_DB in a temp dir, a random
 * ANDU_DB_KEY, ANDU_DEMO=1) and opens a session. `name` prefixes the driver log in OUT. Returns a handle whose
 * `browser` is the session and whose `stop()` ends it all.
 */
/** End every process whose environment names `dbPath` (the app of one test; tests run one at a time). */
function killAppsUsing(dbPath) {
  for (const pid of readdirSync('/proc').filter((d) => /^[0-9]+$/.test(d))) {
    try {
      const environ = readFileSync(`/proc/${pid}/environ`, 'utf8')
      if (Number(pid) !== process.pid && environ.split('\0').includes(`ANDU_DB=${dbPath}`)) {
        process.kill(Number(pid), 'SIGKILL')
      }
    } catch {
      // gone already, or not ours to read
    }
  }
}

export async function startApp({ name, port, nativePort, env: extraEnv = {} }) {
  assert.ok(path.isAbsolute(APP) && existsSync(APP), `ANDU_APP must be the absolute path of the app binary: ${APP}`)
  assert.ok(existsSync(DRIVER), `tauri-driver not found at ${DRIVER} (set TAURI_DRIVER)`)
  mkdirSync(OUT, { recursive: true })
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'andu-e2e-'))
  const handle = { browser: null, driver: null, tmp, stop: async () => {} }

  // The app reads these at start-up; tauri-driver → WebKitWebDriver → app inherit them.
  const env = {
    ...process.env,
    ANDU_DB: path.join(tmp, 'andu-e2e.db'),
    ANDU_DB_KEY: `e2e-密钥-${process.pid}-${Date.now()}`,
    ANDU_DEMO: '1',
    ...extraEnv,
  }
  for (const p of [port, nativePort]) {
    assert.ok(
      await portFree(p),
      `port ${p} is in use (another E2E run or tauri-driver?); stop it or set TAURI_DRIVER_PORT / TAURI_NATIVE_PORT`,
    )
  }
  const args = ['--port', String(port), '--native-port', String(nativePort)]
  if (process.env.TAURI_NATIVE_DRIVER) args.push('--native-driver', process.env.TAURI_NATIVE_DRIVER)
  // The log is a file descriptor, not a pipe: the app (a grandchild, via WebKitWebDriver) inherits it, and a pipe
  // held open by an app that outlived its session would keep this test process from ever exiting.
  const logFile = path.join(OUT, `${name}-tauri-driver.log`)
  const logFd = openSync(logFile, 'w')
  const driver = spawn(DRIVER, args, { env, stdio: ['ignore', logFd, logFd] })
  closeSync(logFd)
  handle.driver = driver
  const exited = new Promise((resolve) => driver.once('exit', (code, signal) => resolve({ code, signal })))
  void exited.then(({ code, signal }) => {
    if (handle.browser) console.error(`tauri-driver exited early (code ${code}, signal ${signal}); see ${logFile}`)
  })

  handle.stop = async () => {
    const b = handle.browser
    handle.browser = null
    if (b) await b.deleteSession().catch(() => {})
    if (driver.exitCode === null && driver.signalCode === null) {
      driver.kill('SIGTERM')
      await Promise.race([exited, sleep(5000)])
      if (driver.exitCode === null && driver.signalCode === null) driver.kill('SIGKILL')
    }
    // An app left running after its session (WebKitWebDriver gone) would hold the store and the ports: end it.
    // Only this test's app has this store path in its environment.
    killAppsUsing(env.ANDU_DB)
    rmSync(tmp, { recursive: true, force: true })
  }

  try {
    const ready = Promise.all([waitForPort(port, 30_000), waitForPort(nativePort, 30_000)])
    const early = exited.then(({ code }) => {
      throw new Error(`tauri-driver exited (code ${code}) before it was ready; see ${logFile}`)
    })
    await Promise.race([ready, early])
    early.catch(() => {})

    // tauri-driver may accept the connection before WebKitWebDriver is ready: retry session creation.
    let lastError
    for (let i = 0; i < 5 && !handle.browser; i++) {
      try {
        handle.browser = await remote({
          hostname: '127.0.0.1',
          port,
          logLevel: 'error',
          connectionRetryCount: 2,
          capabilities: {
            'tauri:options': { application: APP },
            'wdio:enforceWebDriverClassic': true,
          },
        })
      } catch (e) {
        lastError = e
        await sleep(1000 * (i + 1))
      }
    }
    assert.ok(handle.browser, `could not start a WebDriver session: ${lastError}`)
    await handle.browser.setTimeout({ implicit: 0 })
  } catch (e) {
    await handle.stop()
    throw e
  }
  return handle
}

/** Helpers bound to one session. */
export function helpers(browser) {
  /**
   * The DOM text of an element. WebKitWebDriver's getText() returns '' for most Element Plus table cells (their
   * `.cell` boxes clip overflow), so read textContent instead; '' when the element is gone or stale.
   */
  async function textOf(selectorOrElement) {
    try {
      const el = typeof selectorOrElement === 'string' ? await browser.$(selectorOrElement) : selectorOrElement
      if (!(await el.isExisting())) return ''
      return String(await browser.execute((e) => e.textContent, el)).trim()
    } catch {
      return ''
    }
  }

  /**
   * Replaces the text of an input as a person would: focus, select all, type. (WebDriver's clear() is not seen by
   * Element Plus inputs: the component writes its model value back, and setValue() then appends.)
   */
  async function typeInto(input, text) {
    await input.click()
    await browser.execute((e) => e.select(), input)
    await input.addValue(text)
    const value = await input.getValue()
    assert.equal(value, text, `the input holds “${value}” instead of “${text}”`)
  }

  /** A screenshot once transitions (popovers fading in, the loading mask) have settled. */
  async function shot(name) {
    await sleep(400)
    await browser.saveScreenshot(path.join(OUT, `${name}.png`))
  }

  /** Goes to the case list (the start page is 今日) and waits for rows; creates the demo if the dialog is up. */
  async function openCaseList() {
    await browser.waitUntil(
      async () => {
        const demo = await browser.$(sel('create-demo'))
        if ((await demo.isExisting()) && (await demo.isDisplayed())) await demo.click()
        if (!(await browser.$(sel('case-search')).isExisting())) {
          const nav = await browser.$(sel('nav-cases'))
          if (await nav.isExisting()) await nav.click()
        }
        return (await browser.$$(sel('case-row')).length) > 0
      },
      { timeout: 60_000, interval: 500, timeoutMsg: 'the case list showed no rows' },
    )
  }

  async function searchAndOpen(text, caseNo) {
    const search = await browser.$(sel('case-search'))
    await search.waitForDisplayed({ timeout: 10_000 })
    await typeInto(search, text)
    // The list reloads (debounced): wait until the wanted case is listed, then click its case number (a link;
    // WebKitWebDriver does not consider Element Plus table cells interactable).
    // The reload can replace the rows between finding the link and clicking it (a click on a replaced row is
    // lost), so a click that did not open the case is tried again on the link listed now.
    const opened = async (ms) =>
      browser
        .waitUntil(async () => (await textOf(sel('case-detail-no'))) === caseNo, { timeout: ms, interval: 250 })
        .then(() => true, () => false)
    for (let attempt = 1; ; attempt++) {
      let link = null
      await browser.waitUntil(
        async () => {
          // A slow earlier click may have opened it after all.
          if (attempt > 1 && (await textOf(sel('case-detail-no'))) === caseNo) return true
          for (const a of await browser.$$(sel('case-link'))) {
            if ((await textOf(a)) === caseNo) {
              link = a
              return true
            }
          }
          return false
        },
        { timeout: 15_000, interval: 250, timeoutMsg: `${caseNo} was not listed after searching “${text}”` },
      )
      if (!link) return
      await link.click().catch(() => {})
      if (await opened(attempt < 3 ? 5_000 : 15_000)) return
      if (attempt >= 3) throw new Error(`the detail view of ${caseNo} did not open`)
    }
  }

  return { textOf, typeInto, shot, openCaseList, searchAndOpen }
}
