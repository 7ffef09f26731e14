// End-to-end test of 院庭长阅核 (issue #18) on a real court server: the judge (the app) sends the judgment's draft to
// 阅核; the 庭长 (a second client, the `andu` CLI on its own store) sees it in 待我阅核 and comments on a passage and
// returns it; the judge syncs, sees the comment in the case's 阅核 tab, revises and sends again with a note; the 庭长 — now the app opened on the 庭长's own store, a second app instance — sees the case in 待我阅核 (the
// nav entry with its count), reads the text beside the case's facts and 审限 with the first round's comment and
// the diff, comments and withdraws the comment (it stays, marked), refers the case to the 专业法官会议 and records
// its result on the case's 阅核 tab; the judge reads the result and sends again; the 庭长 approves and reads
// 统计 → 阅核统计 (three rounds: one returned, one discussed, one approved); the judge syncs and exports the .docx
// with no override.
// How to run: tests/e2e/README.md. Needs ANDU_APP; andu-server and andu are taken from the same target dir
// (or ANDU_SERVER_BIN / ANDU_CLI).
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync, spawn } from 'node:child_process'
import { closeSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { APP, helpers, OUT, sel, sleep, startApp } from './driver.mjs'

// The judge's app, and the 庭长's app started later on the CLI's store.
const PORT = Number(process.env.TAURI_DRIVER_PORT_REVIEW || 4458)
const NATIVE_PORT = Number(process.env.TAURI_NATIVE_PORT_REVIEW || 4459)
const CHIEF_PORT = Number(process.env.TAURI_DRIVER_PORT_REVIEW_CHIEF || 4460)
const CHIEF_NATIVE_PORT = Number(process.env.TAURI_NATIVE_PORT_REVIEW_CHIEF || 4461)
const BIN_DIR = APP ? path.dirname(APP) : ''
const SERVER_BIN = process.env.ANDU_SERVER_BIN || path.join(BIN_DIR, 'andu-server')
const CLI_BIN = process.env.ANDU_CLI || path.join(BIN_DIR, 'andu')

// The demo's fixed case: 民一庭, judge 王建国 (crates/andu-store/src/demo.rs). The judge's account has the case's
// judge's name: only the case's judge sends its draft to 阅核.
const CASE_NO = '（2025）粤0309民初1234号'
const DIVISION = '民一庭'
const JUDGE = { name: '王建国', password: 'e2e-阅核-口令-1' }
const CHIEF = { name: '陈庭长', password: 'e2e-阅核-口令-2' }
const COMMENT = '请写明借款交付的证据'
const ANSWER = '已按意见补充转账凭证'
const REVISED = '原告提交的银行转账凭证证明借款已实际交付。'
const THREAD_ANSWER = '转账凭证已补充，见本院认为部分'
// The 庭长's second look: a comment made and withdrawn (it stays, marked), then 提交讨论 and the meeting's result.
const WITHDRAWN = '转账金额请与借条核对'
const RESULT = '专业法官会议讨论：同意合议庭意见，可以签发'
const RESEND = '已按专业法官会议意见送签'

let tmp = null
let server = null
let serverUrl = ''
let judgeApp = null
let chiefApp = null
const judgeEnv = () => ({
  ANDU_DB: path.join(tmp, 'judge.db'),
  ANDU_DB_KEY: 'e2e-judge-key',
  ANDU_DEMO: '0',
  ANDU_EXPORT_DIR: path.join(tmp, 'export'),
})
const cliEnv = () => ({ ...process.env, ANDU_DB_KEY: 'e2e-chief-key', ANDU_PASSWORD: CHIEF.password })
const cliDb = () => path.join(tmp, 'chief.db')

/** `andu --db <tmp>/chief.db --json …`, parsed. */
function andu(args) {
  const out = execFileSync(CLI_BIN, ['--db', cliDb(), '--json', ...args], { env: cliEnv(), encoding: 'utf8', timeout: 120_000 })
  return JSON.parse(out)
}

function serverCmd(args, password) {
  execFileSync(SERVER_BIN, ['--data', path.join(tmp, 'server'), ...args], {
    env: { ...process.env, ANDU_PASSWORD: password },
    encoding: 'utf8',
    timeout: 60_000,
  })
}

/** Starts andu-server on a free port and resolves to its URL (the line it prints when listening). */
function startServer() {
  const child = spawn(SERVER_BIN, ['--data', path.join(tmp, 'server'), '--listen', '127.0.0.1:0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  server = child
  const log = createWriteStream(path.join(OUT, 'review-server.log'))
  child.stdout.pipe(log)
  child.stderr.pipe(log)
  return new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`andu-server did not start: ${out}`)), 30_000)
    child.stdout.on('data', (d) => {
      out += d
      const m = /listening on (https?:\/\/\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
    child.stderr.on('data', (d) => (out += d))
    child.once('exit', (code) => reject(new Error(`andu-server exited (${code}): ${out}`)))
  })
}

async function stopServer() {
  const s = server
  server = null
  if (!s || s.exitCode !== null || s.signalCode !== null) return
  const gone = new Promise((r) => s.once('exit', r))
  s.kill('SIGTERM')
  await Promise.race([gone, sleep(5000)])
  if (s.exitCode === null && s.signalCode === null) s.kill('SIGKILL')
}

const ready = () => APP && existsSync(SERVER_BIN) && existsSync(CLI_BIN)

before(async () => {
  if (!ready()) return
  tmp = mkdtempSync(path.join(os.tmpdir(), 'andu-e2e-review-'))
  mkdirSync(OUT, { recursive: true })
  serverCmd(['user', 'add', '--name', JUDGE.name, '--role', 'judge', '--division', DIVISION], JUDGE.password)
  serverCmd(['user', 'add', '--name', CHIEF.name, '--role', 'chief', '--division', DIVISION], CHIEF.password)
  serverUrl = await startServer()
  // A store with the demo's cases that is not marked as a demo store (a demo store is never synced, issue #14).
  execFileSync(CLI_BIN, ['--db', judgeEnv().ANDU_DB, '--json', 'demo', '--cases', '20', '--not-demo'], {
    env: { ...process.env, ANDU_DB_KEY: judgeEnv().ANDU_DB_KEY },
    encoding: 'utf8',
    timeout: 120_000,
  })
})

after(async () => {
  await chiefApp?.stop()
  await judgeApp?.stop()
  await stopServer()
  if (tmp) rmSync(tmp, { recursive: true, force: true })
})

test('送阅核 → 庭长 comments and returns → the judge revises and resends → 撤回意见, 提交讨论 and its result → resent → 同意签发 → 阅核统计 → 导出 without override', { timeout: 900_000 }, async (t) => {
  if (!ready()) {
    t.skip(`needs ANDU_APP, ${SERVER_BIN} and ${CLI_BIN} (see tests/e2e/README.md)`)
    return
  }
  let current = null
  try {
    judgeApp = await startApp({ name: 'review', port: PORT, nativePort: NATIVE_PORT, env: judgeEnv() })
    current = judgeApp.browser
    await reviewFlow((b) => (current = b))
  } catch (e) {
    if (current) await helpers(current).shot('review-failure').catch(() => {})
    throw e
  }
})

/** What one session needs: its helpers and a few steps every screen here uses. */
function session(browser) {
  const h = helpers(browser)
  const attr = async (id, name) => {
    const el = await browser.$(sel(id))
    return (await el.isExisting()) ? el.getAttribute(name) : null
  }
  const waitAttr = (id, name, want, timeout, what) =>
    browser.waitUntil(async () => (await attr(id, name)) === want, {
      timeout,
      interval: 300,
      timeoutMsg: `${what}: ${id} ${name} is not “${want}”`,
    })
  // Toasts sit over the top of the page and intercept clicks.
  const closeToasts = () => browser.execute(() => document.querySelectorAll('.el-message').forEach((m) => m.remove()))
  /** 立即同步 and wait for 已同步 with nothing left to upload. */
  async function syncNow(what) {
    await closeToasts()
    const button = await browser.$(sel('sync-now'))
    await button.waitForEnabled({ timeout: 180_000, timeoutMsg: '立即同步 stayed busy' })
    // A sync of its own: the last sync's time changes (the state may say 已同步 from before).
    const before = await attr('sync-last', 'data-time')
    await button.click()
    await browser.waitUntil(async () => (await attr('sync-last', 'data-time')) !== before, {
      timeout: 180_000,
      interval: 300,
      timeoutMsg: `立即同步 did not sync (${what})`,
    })
    await waitAttr('sync-state', 'data-kind', 'synced', 60_000, what)
    assert.equal(await attr('sync-pending', 'data-count'), '0', `${what}: nothing waits to upload`)
    assert.equal(await attr('sync-conflicts', 'data-count'), '0', `${what}: no conflict`)
  }
  async function openCase() {
    await closeToasts()
    await h.openCaseList()
    await h.searchAndOpen('张三', CASE_NO)
  }
  async function openEditor() {
    await openCase()
    await browser.$(sel('case-draft-judgment')).click()
    await browser.$(sel('draft-text-reasoning')).waitForDisplayed({ timeout: 15_000, timeoutMsg: 'the editor did not open' })
  }
  /** The case's 阅核 tab, once it shows `status`. */
  async function reviewTab(status) {
    await openCase()
    await browser.$(sel('tab-review')).click()
    await browser.waitUntil(async () => (await h.textOf(sel('review-status'))) === status, {
      timeout: 15_000,
      timeoutMsg: `the 阅核 tab does not say ${status}`,
    })
  }
  /** 保存版本 until `n` revisions are listed, then 送阅核 with its prompt confirmed. */
  async function saveAndSend(n, note) {
    await browser.$(sel('draft-save')).click()
    await browser.waitUntil(async () => (await browser.$$(sel('draft-revision'))).length === n, {
      timeout: 15_000,
      timeoutMsg: `保存版本 did not list 版本 ${n}`,
    })
    await send(note)
  }
  /** 送阅核 of the latest revision, with its prompt confirmed. */
  async function send(note) {
    await closeToasts()
    await browser.$(sel('draft-send-review')).click()
    const dialog = await browser.$('.review-send-dialog')
    await dialog.waitForDisplayed({ timeout: 10_000, timeoutMsg: 'the 送阅核 prompt did not open' })
    await h.typeInto(await dialog.$('input'), note)
    await dialog.$('.el-button--primary').click()
    const toasts = () => browser.execute(() => [...document.querySelectorAll('.el-message')].map((m) => m.textContent).join(' '))
    await browser.waitUntil(async () => (await toasts()).includes('已送阅核'), {
      timeout: 10_000,
      timeoutMsg: '送阅核 did not say 已送阅核',
    })
  }
  return { h, attr, waitAttr, closeToasts, syncNow, openCase, openEditor, reviewTab, saveAndSend, send }
}

/** 设置 → 同步服务器: a long interval (only the test's actions sync), then log in. */
async function logIn(browser, s, user) {
  await browser.$(sel('nav-settings')).click()
  const serverInput = await browser.$(sel('sync-server'))
  await serverInput.waitForDisplayed({ timeout: 10_000 })
  await browser.$(sel('sync-interval')).click()
  const option = await browser.$('.andu-sync-interval-popper [data-secs="900"]')
  await option.waitForDisplayed({ timeout: 5000 })
  await option.click()
  await s.waitAttr('sync-settings', 'data-interval', '900', 5000, 'the interval of 15 minutes')
  await s.h.typeInto(serverInput, serverUrl)
  await s.h.typeInto(await browser.$(sel('sync-user')), user.name)
  await s.h.typeInto(await browser.$(sel('sync-password')), user.password)
  await browser.$(sel('sync-login')).click()
  await s.waitAttr('sync-account', 'data-user', user.name, 20_000, 'after login')
}

async function reviewFlow(onSession) {
  const judge = judgeApp.browser
  const j = session(judge)

  // The judge logs in and syncs; the nav has no 待我阅核 (a judge reviews nothing).
  await j.h.openCaseList()
  await logIn(judge, j, JUDGE)
  await j.syncNow('the first sync')
  assert.equal(await judge.$(sel('nav-review')).isExisting(), false, 'a judge has no 待我阅核')

  // 起草判决书 → 保存版本 (版本 1) → 送阅核 → sync.
  await j.openEditor()
  await j.saveAndSend(1, '请庭长阅核')
  await j.syncNow('after 送阅核')

  // The 庭长 (the CLI on its own store) sees it waiting, comments on a passage of the text and returns it.
  execFileSync(CLI_BIN, ['--db', cliDb(), 'login', '--server', serverUrl, '--user', CHIEF.name], { env: cliEnv(), encoding: 'utf8' })
  andu(['sync'])
  const queue = andu(['review', 'queue'])
  const row = queue.find((r) => r.case_no === CASE_NO)
  assert.ok(row, `the 庭长's queue lists the case: ${JSON.stringify(queue)}`)
  assert.equal(row.judge, JUDGE.name)
  const sent = andu(['draft', 'show', CASE_NO])
  const reasoning = JSON.stringify(sent)
  const quote = '本院认为'
  assert.ok(reasoning.includes(quote), `the draft the 庭长 reads holds “${quote}”`)
  andu(['review', 'comment', CASE_NO, '--quote', quote, '--text', COMMENT])
  andu(['review', 'decide', CASE_NO, '--return', '--note', '请补充后再送'])
  andu(['sync'])

  // The judge syncs: the case's 阅核 tab says 已退回 with the comment on its passage; the judge answers in the thread.
  await j.syncNow('after the 庭长 returned it')
  await j.reviewTab('已退回')
  const comment = await judge.$(sel('review-comment'))
  assert.match(await j.h.textOf(comment), new RegExp(`${quote}[\\s\\S]*${CHIEF.name}[\\s\\S]*${COMMENT}`))
  // The returned round is the latest: its thread stays open, so the judge answers the comment there (new comments
  // and decisions on it are still refused), then revises, with a note on the new round.
  await j.h.typeInto(await judge.$(sel('review-reply-text')), THREAD_ANSWER)
  await (await judge.$(sel('review-reply-send'))).click()
  await judge.waitUntil(async () => (await j.h.textOf(await judge.$(sel('review-reply')))).includes(THREAD_ANSWER), {
    timeout: 10000,
    timeoutMsg: 'the judge’s answer is shown in the comment’s thread',
  })
  await j.h.shot('review-01-returned')

  // Revise: add a sentence at the end of 本院认为 → 保存版本 (版本 2) → 送阅核 → sync.
  await j.openEditor()
  const text = await judge.$(sel('draft-text-reasoning'))
  await text.click()
  await judge.execute((e) => e.setSelectionRange(e.value.length, e.value.length), text)
  await text.addValue(REVISED)
  await j.saveAndSend(2, ANSWER)
  await j.syncNow('after sending the revision')

  // The 庭长 opens the app on the 庭长's store (a second app instance): 立即同步 brings the new round.
  chiefApp = await startApp({
    name: 'review-chief',
    port: CHIEF_PORT,
    nativePort: CHIEF_NATIVE_PORT,
    env: { ANDU_DB: cliDb(), ANDU_DB_KEY: 'e2e-chief-key', ANDU_DEMO: '0' },
  })
  const chief = chiefApp.browser
  onSession(chief)
  const c = session(chief)
  await c.syncNow('the 庭长 syncs')
  // 待我阅核 is in the nav for the 庭长, with the count.
  await chief.waitUntil(async () => (await c.h.textOf(sel('nav-review-badge'))) === '1', {
    timeout: 15_000,
    timeoutMsg: '待我阅核 does not count 1 case',
  })
  await chief.$(sel('nav-review')).click()
  await chief.$(sel('review-queue-open')).waitForDisplayed({ timeout: 15_000, timeoutMsg: 'the queue lists nothing' })
  assert.match(await c.h.textOf(sel('review-queue-table')), new RegExp(`${CASE_NO}[\\s\\S]*${JUDGE.name}`))
  assert.match(await c.h.textOf(sel('review-queue-waiting')), /^\d+ 天$/)
  assert.match(await c.h.textOf(sel('review-queue-limit')), /\d{4}-\d\d-\d\d（(剩|已超) \d+ 天）/)
  await c.h.shot('review-02-queue')

  // The review view: the text sent (with the revision), beside it the case's facts and 审限; the history shows round
  // 1's thread and what changed in round 2.
  await chief.$(sel('review-queue-open')).click()
  await chief.$(sel('review-facts-limit')).waitForDisplayed({ timeout: 15_000, timeoutMsg: 'the review view did not open' })
  assert.ok((await c.h.textOf(sel('review-text'))).includes(REVISED), 'the 庭长 reads the revised text')
  assert.match(await c.h.textOf(sel('review-facts-limit')), /^审限：\d{4}-\d\d-\d\d/)
  assert.match(await c.h.textOf(sel('review-facts-parties')), /张三/)
  await chief.waitUntil(async () => (await chief.$$(sel('review-round'))).length === 2, {
    timeout: 10_000,
    timeoutMsg: 'the history does not show two rounds',
  })
  const history = await c.h.textOf(sel('review-rounds'))
  assert.ok(history.includes(COMMENT) && history.includes(ANSWER), "round 1's comment and the judge's note on round 2")
  assert.ok(history.includes(THREAD_ANSWER), "the judge's answer in round 1's thread reached the 庭长")
  assert.ok((await c.h.textOf(sel('review-changes'))).includes(REVISED), 'round 2 shows what the judge changed')
  // 阅核 time counts: beside the text, the 审限 is listed among what runs for the case (the demo case has no 节点,
  // so a list of party periods alone would be empty), counted by the 庭长's store from what sync brought.
  await chief.waitUntil(async () => (await chief.$$('[data-testid="review-facts-deadline"][data-kind="limit"]')).length === 1, {
    timeout: 10_000,
    timeoutMsg: 'the facts beside the text do not list the running 审限',
  })
  const limitLine = (await c.h.textOf('[data-testid="review-facts-deadline"][data-kind="limit"]')).replace(/\s+/g, ' ')
  assert.match(limitLine, /^审限届满：\d{4}-\d\d-\d\d (剩|已超) \d+ 天$/)
  await c.h.shot('review-03-view')

  // 撤回意见: the 庭长 comments on the revised passage, then withdraws it; it stays in the history, marked.
  await c.h.typeInto(await chief.$(sel('review-quote')), '银行转账凭证')
  await c.h.typeInto(await chief.$(sel('review-comment-text')), WITHDRAWN)
  await chief.$(sel('review-add-comment')).click()
  const commentOf = async (text) => {
    for (const el of await chief.$$(sel('review-comment'))) if ((await c.h.textOf(el)).includes(text)) return el
    return null
  }
  await chief.waitUntil(async () => (await commentOf(WITHDRAWN)) !== null, { timeout: 10_000, timeoutMsg: 'the new comment is not shown' })
  await c.closeToasts()
  await (await (await commentOf(WITHDRAWN)).$(sel('review-withdraw'))).click()
  const confirm = await chief.$('.review-withdraw-dialog')
  await confirm.waitForDisplayed({ timeout: 10_000, timeoutMsg: 'the 撤回 prompt did not open' })
  await confirm.$('.el-button--primary').click()
  await chief.waitUntil(async () => (await (await commentOf(WITHDRAWN))?.$(sel('review-comment-withdrawn')).isExisting()) === true, {
    timeout: 10_000,
    timeoutMsg: 'the withdrawn comment is not marked 已撤回',
  })
  const withdrawn = await commentOf(WITHDRAWN)
  assert.ok((await c.h.textOf(withdrawn)).includes(WITHDRAWN), 'a withdrawn comment keeps its text in the history')
  assert.equal(await withdrawn.$('.withdrawn').isExisting(), true, 'and is struck through')
  assert.equal(await withdrawn.$(sel('review-withdraw')).isExisting(), false, 'a withdrawn comment cannot be withdrawn again')
  await c.h.shot('review-05-withdrawn')

  // 提交讨论 (专业法官会议, the default choice): the case leaves the queue.
  await c.closeToasts()
  await chief.$(sel('review-discuss')).click()
  await chief.$(sel('review-queue-table')).waitForDisplayed({ timeout: 10_000, timeoutMsg: 'back to the queue after 提交讨论' })
  await chief.waitUntil(async () => !(await chief.$(sel('nav-review-badge')).isExisting()), {
    timeout: 10_000,
    timeoutMsg: 'the count stays after 提交讨论',
  })
  // The meeting's result, recorded later on the case's 阅核 tab.
  await c.reviewTab('提交讨论')
  assert.match(await c.h.textOf(sel('review-forum-shown')), /专业法官会议/)
  await c.h.typeInto(await chief.$(sel('review-result-text')), RESULT)
  await chief.$(sel('review-result-save')).click()
  await chief.waitUntil(async () => (await chief.$(sel('review-result')).isExisting()) && (await c.h.textOf(sel('review-result'))).includes(RESULT), {
    timeout: 10_000,
    timeoutMsg: "the meeting's result is not shown",
  })
  assert.match(await c.h.textOf(sel('review-result')), new RegExp(`专业法官会议[\\s\\S]*${RESULT}[\\s\\S]*${CHIEF.name}`))
  await c.h.shot('review-06-discussed')
  await c.syncNow('after the meeting result')

  // The judge syncs: 提交讨论 with the meeting's result, the withdrawn comment still there and marked; the judge
  // sends the same revision again, as the meeting agreed.
  await j.syncNow('after the meeting result reached the server')
  await j.reviewTab('提交讨论')
  assert.ok((await j.h.textOf(sel('review-result'))).includes(RESULT), "the judge reads the meeting's result")
  const judgeHistory = await j.h.textOf(sel('review-rounds'))
  assert.ok(judgeHistory.includes(WITHDRAWN), 'the withdrawn comment reached the judge, not erased')
  assert.equal((await judge.$$(sel('review-comment-withdrawn'))).length, 1, 'marked as withdrawn')
  await j.openEditor()
  await j.send(RESEND)
  await j.syncNow('after sending again')

  // The 庭长 syncs, finds it waiting again and approves.
  await c.syncNow('the 庭长 syncs the third round')
  await chief.waitUntil(async () => (await c.h.textOf(sel('nav-review-badge'))) === '1', {
    timeout: 15_000,
    timeoutMsg: '待我阅核 does not count the case sent again',
  })
  await chief.$(sel('nav-review')).click()
  await chief.$(sel('review-queue-open')).waitForDisplayed({ timeout: 15_000, timeoutMsg: 'the queue lists nothing' })
  await chief.$(sel('review-queue-open')).click()
  await chief.waitUntil(async () => (await chief.$$(sel('review-round'))).length === 3, {
    timeout: 10_000,
    timeoutMsg: 'the history does not show three rounds',
  })
  await c.closeToasts()
  await chief.$(sel('review-approve')).click()
  await chief.$(sel('review-queue-table')).waitForDisplayed({ timeout: 10_000, timeoutMsg: 'back to the queue after 同意签发' })
  await chief.waitUntil(async () => !(await chief.$(sel('nav-review-badge')).isExisting()), {
    timeout: 10_000,
    timeoutMsg: 'the count stays after 同意签发',
  })
  await c.syncNow('after 同意签发')

  // 统计 → 阅核统计 on the 庭长's store: three rounds sent this year, one returned, one discussed, one approved.
  await c.closeToasts()
  await chief.$(sel('nav-stats')).click()
  const reviewTabOfStats = await chief.$('#tab-review')
  await reviewTabOfStats.waitForDisplayed({ timeout: 30_000, timeoutMsg: 'the 统计 tabs did not show' })
  await reviewTabOfStats.click()
  const total = async (key) => (await c.h.textOf(sel(`review-total-${key}`))).replace(/\s+/g, ' ').trim()
  await chief.waitUntil(async () => (await chief.$(sel('review-total-review_sent')).isExisting()) && /3$/.test(await total('review_sent')), {
    timeout: 30_000,
    timeoutMsg: '阅核统计 does not count three rounds sent',
  })
  for (const [key, n] of [['review_approved', 1], ['review_returned', 1], ['review_discussed', 1], ['review_pending', 0]]) {
    assert.match(await total(key), new RegExp(` ${n}$`), `阅核统计 ${key}`)
  }
  assert.match(await c.h.textOf(sel('review-stats-reviewer')), new RegExp(CHIEF.name))
  assert.match(await c.h.textOf(sel('review-stats-judge')), new RegExp(JUDGE.name))
  await c.h.shot('review-07-stats')
  await chiefApp.stop()
  chiefApp = null
  onSession(judge)

  // The judge syncs: 同意签发; 导出 writes the .docx with no override asked.
  await j.syncNow('after 同意签发 reached the server')
  await j.reviewTab('同意签发')
  await j.openEditor()
  await judge.$(sel('draft-export')).click()
  await judge.$(sel('draft-exported')).waitForDisplayed({ timeout: 30_000, timeoutMsg: 'no result after 导出' })
  assert.equal(await judge.$('.review-override-dialog').isExisting(), false, 'no override was asked')
  const file = path.join(judgeEnv().ANDU_EXPORT_DIR, CASE_NO, '民事判决书.docx')
  assert.ok((await j.h.textOf(sel('draft-exported-path'))).includes(file), `the result names ${file}`)
  assert.equal(magic(file), 'PK', 'a .docx is a zip')
  await j.h.shot('review-04-exported')
}

/** The first 2 bytes of a file as text ("PK" for a zip). */
function magic(file) {
  const fd = openSync(file, 'r')
  try {
    const buf = Buffer.alloc(2)
    readSync(fd, buf, 0, 2, 0)
    return buf.toString('latin1')
  } finally {
    closeSync(fd)
  }
}
