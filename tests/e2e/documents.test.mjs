// End-to-end test of 文书 in the real desktop app: on a case's 文书 tab, generate a 传票 for 张三, see it listed
// on the case, and find the .docx (a zip) in ANDU_EXPORT_DIR/<案号>/. 打开 is not clicked (no editor installed).
// How to run: tests/e2e/README.md. Needs ANDU_APP (absolute path of an app binary built with embedded assets).
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, openSync, readSync, closeSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { APP, helpers, sel, sleep, startApp } from './driver.mjs'

// Its own port pair (cases 4444/4445, deadlines 4446/4447, stats 4448/4449).
const PORT = Number(process.env.TAURI_DRIVER_PORT_DOCUMENTS || 4450)
const NATIVE_PORT = Number(process.env.TAURI_NATIVE_PORT_DOCUMENTS || 4451)

const CASE_NO = '（2025）粤0309民初1234号'
const PARTY = '张三'
const TEMPLATE = '传票'
const DOC_NAME = `${TEMPLATE}（${PARTY}）`

let app = null
let browser = null
let h = null
let exportDir = null

before(async () => {
  if (!APP) return
  exportDir = mkdtempSync(path.join(os.tmpdir(), 'andu-e2e-docs-'))
  app = await startApp({ name: 'documents', port: PORT, nativePort: NATIVE_PORT, env: { ANDU_EXPORT_DIR: exportDir } })
  browser = app.browser
  h = helpers(browser)
})

after(async () => {
  await app?.stop()
  if (exportDir) rmSync(exportDir, { recursive: true, force: true })
})

test('文书 tab → 传票 for 张三 → listed on the case → .docx in the export folder', { timeout: 240_000 }, async (t) => {
  if (!APP) {
    t.skip('ANDU_APP is not set (path of the app binary); see tests/e2e/README.md')
    return
  }
  try {
    await documentsWorkflow()
  } catch (e) {
    await h.shot('documents-failure').catch(() => {})
    throw e
  }
})

/** Opens an Element Plus select and clicks the option holding `optionSelector` in its (teleported) dropdown. */
async function pick(selectTestid, optionSelector, filter) {
  const select = await browser.$(sel(selectTestid))
  await select.click()
  if (filter) await (await select.$('input')).addValue(filter)
  const option = await browser.$(optionSelector)
  await option.waitForDisplayed({ timeout: 5000, timeoutMsg: `no option ${optionSelector} in ${selectTestid}` })
  await option.click()
}

/** The first 4 bytes of a file as text ("PK\x03\x04" for a zip, which a .docx is). */
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

async function documentsWorkflow() {
  await h.openCaseList()
  await h.searchAndOpen(PARTY, CASE_NO)
  await browser.$(sel('tab-documents')).click()
  await browser.$(sel('case-documents')).waitForDisplayed({ timeout: 10_000, timeoutMsg: 'the 文书 tab did not open' })
  await h.shot('documents-01-tab')

  // 传票, shown with its description.
  await pick('doc-template', `.andu-doc-template-popper [data-template="${TEMPLATE}"]`, TEMPLATE)
  await browser.waitUntil(async () => (await h.textOf(sel('doc-template-description'))).includes('传唤'), {
    timeout: 5000,
    timeoutMsg: 'the description of 传票 is not shown',
  })
  // Addressee 张三 (a multi-select: the dropdown stays open; a click on the description closes it).
  await pick('doc-parties', `.andu-doc-party-popper [data-party="${PARTY}"]`)
  await browser.$(sel('doc-template-description')).click()
  await browser.waitUntil(async () => (await h.textOf(sel('doc-parties'))).includes(PARTY), {
    timeout: 5000,
    timeoutMsg: `${PARTY} was not chosen as addressee`,
  })
  await sleep(300)
  await h.shot('documents-02-chosen')

  await browser.$(sel('doc-generate')).click()
  await browser.$(sel('doc-result')).waitForDisplayed({ timeout: 30_000, timeoutMsg: 'no result after 生成' })
  const result = await h.textOf(sel('doc-result'))
  assert.match(result, /已生成 1 份文书/)
  assert.ok(result.includes(CASE_NO), `the result names the file in the 案号 folder: ${result}`)
  assert.equal(await h.textOf(sel('doc-error')), '')
  await browser.waitUntil(
    async () => (await browser.$$(sel('doc-name'))).length > 0 && (await h.textOf(sel('doc-list'))).includes(DOC_NAME),
    { timeout: 10_000, timeoutMsg: `the documents table does not list ${DOC_NAME}` },
  )
  const first = await browser.$$(sel('doc-name'))
  assert.equal(await h.textOf(first[0]), DOC_NAME, 'the newest document is listed first')
  assert.ok((await browser.$$(sel('doc-open'))).length >= 1, 'each row has 打开')
  await h.shot('documents-03-generated')

  // The file: <export dir>/<案号>/….docx, a zip.
  const dir = path.join(exportDir, CASE_NO)
  assert.ok(existsSync(dir), `no folder ${dir}`)
  const docs = readdirSync(dir).filter((f) => f.endsWith('.docx') && f.includes(PARTY))
  assert.equal(docs.length, 1, `expected one .docx for ${PARTY} in ${dir}: ${readdirSync(dir).join(', ')}`)
  assert.equal(magic(path.join(dir, docs[0])).slice(0, 2), 'PK', `${docs[0]} is not a zip`)

  // The 文书 page lists the built-in templates.
  await browser.$(sel('nav-documents')).click()
  await browser.waitUntil(async () => (await h.textOf(sel('doc-templates'))).includes(TEMPLATE), {
    timeout: 10_000,
    timeoutMsg: 'the 文书 page does not list 传票',
  })
  assert.match(await h.textOf(sel('documents-hint')), /andu doc fields/)
  await h.shot('documents-04-page')
}
