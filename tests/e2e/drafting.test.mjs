// End-to-end test of the 判决书 editor in the real desktop app: from 张三's case, 起草判决书 → type into 本院认为 →
// wait for 已自动保存 → close the app (end the session) → start it again on the same database → the text is still
// there → 保存版本 → 导出 .docx → the file is in ANDU_EXPORT_DIR/<案号>/ and is a zip. 打开 is not clicked (no editor
// installed). How to run: tests/e2e/README.md. Needs ANDU_APP (absolute path of an app binary with embedded assets).
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { closeSync, existsSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { APP, helpers, sel, startApp } from './driver.mjs'

// Its own port pair (cases 4444/4445, deadlines 4446/4447, stats 4448/4449, documents 4450/4451).
const PORT = Number(process.env.TAURI_DRIVER_PORT_DRAFTING || 4452)
const NATIVE_PORT = Number(process.env.TAURI_NATIVE_PORT_DRAFTING || 4453)

const CASE_NO = '（2025）粤0309民初1234号'
const PARTY = '张三'
const TYPED = '原告与被告之间的借贷关系合法有效，被告应当偿还借款本金。'

let app = null
let dir = null
let env = null

before(() => {
  if (!APP) return
  // The database and the export folder outlive the first app: the second start must find the autosaved text.
  dir = mkdtempSync(path.join(os.tmpdir(), 'andu-e2e-drafting-'))
  env = {
    ANDU_DB: path.join(dir, 'andu-e2e.db'),
    ANDU_DB_KEY: `e2e-起草-${process.pid}-${Date.now()}`,
    ANDU_EXPORT_DIR: path.join(dir, 'export'),
  }
})

after(async () => {
  await app?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

test('起草判决书 → autosave survives a restart → 保存版本 → 导出 .docx', { timeout: 360_000 }, async (t) => {
  if (!APP) {
    t.skip('ANDU_APP is not set (path of the app binary); see tests/e2e/README.md')
    return
  }
  let h = null
  try {
    // First start: a fresh demo store.
    app = await startApp({ name: 'drafting', port: PORT, nativePort: NATIVE_PORT, env })
    h = helpers(app.browser)
    await openEditor(app.browser, h)
    await h.shot('drafting-01-editor')
    const reasoning = await app.browser.$(sel('draft-text-reasoning'))
    const before = await reasoning.getValue()
    assert.ok(before.startsWith('本院认为'), `本院认为 starts with its opening words: “${before}”`)
    // Opening a new draft already autosaved its generated text; the next 已自动保存 must be a later one.
    const opened = await h.textOf(sel('draft-autosave-status'))
    // Type at the end, as a person continues the paragraph.
    await reasoning.click()
    await app.browser.execute((e) => e.setSelectionRange(e.value.length, e.value.length), reasoning)
    await reasoning.addValue(TYPED)
    assert.equal(await reasoning.getValue(), before + TYPED)
    await app.browser.waitUntil(
      async () => {
        const status = await h.textOf(sel('draft-autosave-status'))
        return status !== opened && /^已自动保存 \d\d:\d\d:\d\d$/.test(status)
      },
      {
      timeout: 15_000,
      interval: 250,
        timeoutMsg: 'the editor never said 已自动保存 after typing',
      },
    )
    await h.shot('drafting-02-autosaved')
    await app.stop()
    app = null

    // Second start on the same database: the draft opens with the typed text.
    app = await startApp({ name: 'drafting-restart', port: PORT, nativePort: NATIVE_PORT, env })
    const browser = app.browser
    h = helpers(browser)
    await openEditor(browser, h)
    assert.equal(await (await browser.$(sel('draft-text-reasoning'))).getValue(), before + TYPED)
    assert.ok((await h.textOf(sel('draft-history'))).includes('尚未保存版本'), 'autosave is not a revision')

    await browser.$(sel('draft-save')).click()
    await browser.waitUntil(async () => (await browser.$$(sel('draft-revision'))).length === 1, {
      timeout: 10_000,
      timeoutMsg: '保存版本 did not add 版本 1 to 历史版本',
    })
    assert.match(await h.textOf(sel('draft-history')), /版本 1/)

    await browser.$(sel('draft-export')).click()
    await browser.$(sel('draft-exported')).waitForDisplayed({ timeout: 30_000, timeoutMsg: 'no result after 导出' })
    const shown = await h.textOf(sel('draft-exported-path'))
    const file = path.join(env.ANDU_EXPORT_DIR, CASE_NO, '民事判决书.docx')
    assert.ok(shown.includes(file), `the result names ${file}: ${shown}`)
    assert.ok(existsSync(file), `no ${file}`)
    assert.equal(magic(file).slice(0, 2), 'PK', 'a .docx is a zip')
    await h.shot('drafting-03-exported')
  } catch (e) {
    await h?.shot('drafting-failure').catch(() => {})
    throw e
  }
})

/** Case list → 张三's case → 起草判决书, and wait for the sections. */
async function openEditor(browser, h) {
  await h.openCaseList()
  await h.searchAndOpen(PARTY, CASE_NO)
  await browser.$(sel('case-draft-judgment')).click()
  await browser.$(sel('draft-text-reasoning')).waitForDisplayed({ timeout: 15_000, timeoutMsg: 'the editor did not open' })
  assert.ok((await h.textOf(sel('draft-section-header'))).includes('重新生成'))
}

/** The first 4 bytes of a file as text ("PK\x03\x04" for a zip). */
function magic(file) {
  const fd = openSync(file, 'r')
  try {
    const buf = Buffer.alloc(4)
    readSync(fd, buf, 0, 4, 0)
    return buf.toString('latin1')
  } finally {
    closeSync(fd)
  }
}
