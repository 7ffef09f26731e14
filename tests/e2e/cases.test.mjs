// End-to-end test of the case workflow in the real desktop app, through tauri-driver + WebKitWebDriver.
// How to run: tests/e2e/README.md. Needs ANDU_APP (absolute path of an app binary built with embedded assets).
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
// webdriverio is a devDependency of ui/ (one lockfile, one `npm ci`); resolve it from there.
const requireFromUi = createRequire(path.join(ROOT, 'ui', 'package.json'))
const { remote } = requireFromUi('webdriverio')

const APP = process.env.ANDU_APP
const DRIVER = process.env.TAURI_DRIVER || path.join(os.homedir(), '.cargo', 'bin', 'tauri-driver')
const PORT = Number(process.env.TAURI_DRIVER_PORT || 4444)
const NATIVE_PORT = Number(process.env.TAURI_NATIVE_PORT || 4445)
const OUT = path.resolve(ROOT, process.env.ANDU_TEST_OUTPUT || 'test-output/e2e')

// Always in the demo store (see the brief for create_demo_store).
const CASE_NO = '（2025）粤0309民初1234号'
const PLAINTIFF = '张三'
const DEFENDANT = '深圳市某某科技有限公司'
const NEW_JUDGE = '测试法官'

const sel = (id) => `[data-testid="${id}"]`
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

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

let driver = null
let browser = null
let tmp = null

before(async () => {
  if (!APP) return
  assert.ok(path.isAbsolute(APP) && existsSync(APP), `ANDU_APP must be the absolute path of the app binary: ${APP}`)
  assert.ok(existsSync(DRIVER), `tauri-driver not found at ${DRIVER} (set TAURI_DRIVER)`)
  mkdirSync(OUT, { recursive: true })
  tmp = mkdtempSync(path.join(os.tmpdir(), 'andu-e2e-'))

  // The app reads these at start-up; tauri-driver → WebKitWebDriver → app inherit them.
  const env = {
    ...process.env,
    ANDU_DB: path.join(tmp, 'andu-e2e.db'),
    ANDU_DB_KEY: `e2e-密钥-${process.pid}-${Date.now()}`,
    ANDU_DEMO: '1',
  }
  for (const port of [PORT, NATIVE_PORT]) {
    assert.ok(
      await portFree(port),
      `port ${port} is in use (another E2E run or tauri-driver?); stop it or set TAURI_DRIVER_PORT / TAURI_NATIVE_PORT`,
    )
  }
  const args = ['--port', String(PORT), '--native-port', String(NATIVE_PORT)]
  if (process.env.TAURI_NATIVE_DRIVER) args.push('--native-driver', process.env.TAURI_NATIVE_DRIVER)
  driver = spawn(DRIVER, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
  const log = createWriteStream(path.join(OUT, 'tauri-driver.log'))
  driver.stdout.pipe(log)
  driver.stderr.pipe(log)
  const exited = new Promise((resolve) => driver.once('exit', (code, signal) => resolve({ code, signal })))
  void exited.then(({ code, signal }) => {
    if (browser) console.error(`tauri-driver exited early (code ${code}, signal ${signal}); see ${OUT}/tauri-driver.log`)
  })

  const ready = Promise.all([waitForPort(PORT, 30_000), waitForPort(NATIVE_PORT, 30_000)])
  const early = exited.then(({ code }) => {
    throw new Error(`tauri-driver exited (code ${code}) before it was ready; see ${OUT}/tauri-driver.log`)
  })
  await Promise.race([ready, early])
  early.catch(() => {})

  // tauri-driver may accept the connection before WebKitWebDriver is ready: retry session creation.
  let lastError
  for (let i = 0; i < 5 && !browser; i++) {
    try {
      browser = await remote({
        hostname: '127.0.0.1',
        port: PORT,
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
  assert.ok(browser, `could not start a WebDriver session: ${lastError}`)
  browser.setTimeout({ implicit: 0 })
})

after(async () => {
  const b = browser
  browser = null
  if (b) await b.deleteSession().catch(() => {})
  if (driver && driver.exitCode === null) {
    driver.kill('SIGTERM')
    await Promise.race([new Promise((r) => driver.once('exit', r)), sleep(5000)])
    if (driver.exitCode === null && driver.signalCode === null) driver.kill('SIGKILL')
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true })
})

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

async function shot(name) {
  await browser.saveScreenshot(path.join(OUT, `${name}.png`))
}

/** Waits for the case list to show rows; if the first-run dialog is up (ANDU_DEMO ignored), creates the demo. */
async function waitForCaseRows() {
  await browser.waitUntil(
    async () => {
      const demo = await browser.$(sel('create-demo'))
      if ((await demo.isExisting()) && (await demo.isDisplayed())) await demo.click()
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
  let link = null
  await browser.waitUntil(
    async () => {
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
  await link.click()
  await browser.waitUntil(async () => (await textOf(sel('case-detail-no'))) === caseNo, {
    timeout: 15_000,
    timeoutMsg: `the detail view of ${caseNo} did not open`,
  })
}

async function judgeShown() {
  return textOf(sel('value-judge'))
}

test('case list → search → detail → edit judge → change log → still saved after reload', { timeout: 240_000 }, async (t) => {
  if (!APP) {
    t.skip('ANDU_APP is not set (path of the app binary); see tests/e2e/README.md')
    return
  }
  try {
    await caseWorkflow()
  } catch (e) {
    await shot('failure').catch(() => {})
    throw e
  }
})

async function caseWorkflow() {
  assert.equal(await browser.getTitle(), '案牍')
  await waitForCaseRows()
  await shot('01-case-list')

  await searchAndOpen(PLAINTIFF, CASE_NO)
  await shot('02-case-detail')
  await browser.$(sel('tab-parties')).click()
  await browser.waitUntil(async () => (await textOf(sel('case-parties'))).includes(DEFENDANT), {
    timeout: 5000,
    timeoutMsg: 'the parties tab does not list the defendant',
  })
  assert.ok((await textOf(sel('case-parties'))).includes(PLAINTIFF))
  await browser.$(sel('tab-basic')).click()

  // Edit the judge inline.
  await browser.$(sel('edit-judge')).click()
  const input = await browser.$(sel('input-judge'))
  await input.waitForDisplayed({ timeout: 5000 })
  await typeInto(input, NEW_JUDGE)
  await browser.$(sel('save-judge')).click()
  await browser.waitUntil(async () => (await judgeShown()) === NEW_JUDGE, {
    timeout: 10_000,
    timeoutMsg: 'the judge field did not show the saved value',
  })
  assert.equal(await browser.$(sel('error-judge')).isExisting(), false)

  // The change log lists the new value.
  await browser.$(sel('tab-history')).click()
  await browser.waitUntil(async () => (await textOf(sel('case-history'))).includes(NEW_JUDGE), {
    timeout: 10_000,
    timeoutMsg: 'the change log does not show the new judge',
  })
  await shot('03-change-log')

  // Leave the case, come back: the value comes from the store again.
  await browser.$(sel('nav-cases')).click()
  await waitForCaseRows()
  await searchAndOpen(PLAINTIFF, CASE_NO)
  assert.equal(await judgeShown(), NEW_JUDGE)

  // A full reload of the web view as well.
  await browser.refresh()
  await browser.waitUntil(async () => (await textOf(sel('case-detail-no'))) === CASE_NO, {
    timeout: 15_000,
    timeoutMsg: 'the detail view did not come back after a reload',
  })
  await browser.$(sel('value-judge')).waitForExist({ timeout: 10_000 })
  assert.equal(await judgeShown(), NEW_JUDGE)
  await shot('04-after-reload')
}
