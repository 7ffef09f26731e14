// End-to-end test of 法条 in the real desktop app: find a law by its abbreviation, jump to 民诉法 第二百六十四条 and
// see its text and the citation in the court's form; then in the 判决书 editor, type a citation of the repealed
// 合同法 and see it underlined with the check's message, take the suggestion in one click; the check runs on the
// 落款 date, 上诉于 names the demo court's appellate court, and 由引用生成 fills 附：本判决适用的法律条文 with the text of
// the cited article, which the exported .docx carries after the 落款.
// How to run: tests/e2e/README.md. Needs ANDU_APP (absolute path of an app binary built with embedded assets).
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { inflateRawSync } from 'node:zlib'
import { APP, helpers, sel, sleep, startApp } from './driver.mjs'

const PORT = Number(process.env.TAURI_DRIVER_PORT_LAW || 4456)
const NATIVE_PORT = Number(process.env.TAURI_NATIVE_PORT_LAW || 4457)
const CASE_NO = '（2025）粤0309民初1234号'
const PARTY = '张三'
const CITED = '依照《中华人民共和国合同法》第一百零七条之规定，'

let app = null
let dir = null

/** One part of a .docx (a zip), read through its central directory: no unzip tool needed. */
function zipPart(file, name) {
  const buf = readFileSync(file)
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  let at = buf.readUInt32LE(eocd + 16)
  for (let n = buf.readUInt16LE(eocd + 10); n > 0; n--) {
    const [method, size, nameLen, extraLen, commentLen, local] = [
      buf.readUInt16LE(at + 10), buf.readUInt32LE(at + 20), buf.readUInt16LE(at + 28),
      buf.readUInt16LE(at + 30), buf.readUInt16LE(at + 32), buf.readUInt32LE(at + 42),
    ]
    if (buf.toString('utf8', at + 46, at + 46 + nameLen) === name) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28)
      const data = buf.subarray(start, start + size)
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8')
    }
    at += 46 + nameLen + extraLen + commentLen
  }
  throw new Error(`${name} not in ${file}`)
}

before(() => {
  if (!APP) return
  dir = mkdtempSync(path.join(os.tmpdir(), 'andu-e2e-law-'))
})

after(async () => {
  await app?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

test('法条: 民间借贷规定 → 民诉法 第二百六十四条 → 判决书 citation check', { timeout: 300_000 }, async (t) => {
  if (!APP) {
    t.skip('ANDU_APP is not set (path of the app binary); see tests/e2e/README.md')
    return
  }
  const env = { ANDU_DB: path.join(dir, 'law.db'), ANDU_DB_KEY: `e2e-法条-${process.pid}`, ANDU_EXPORT_DIR: path.join(dir, 'export') }
  app = await startApp({ name: 'law', port: PORT, nativePort: NATIVE_PORT, env })
  const browser = app.browser
  const h = helpers(browser)
  try {
    await h.openCaseList() // the demo store is created on first start
    await browser.$(sel('nav-law')).click()
    await browser.$(sel('law-page')).waitForDisplayed({ timeout: 10_000, timeoutMsg: 'the 法条 page did not open' })
    await h.typeInto(await browser.$(sel('law-query')), '民间借贷规定')
    await browser.$(sel('law-search')).click()
    await browser.waitUntil(async () => (await h.textOf(sel('law-results'))).includes('最高人民法院关于审理民间借贷案件适用法律若干问题的规定'), {
      timeout: 20_000,
      timeoutMsg: 'the abbreviation did not find the 民间借贷 规定',
    })
    await h.typeInto(await browser.$(sel('law-name')), '民诉法')
    await h.typeInto(await browser.$(sel('law-article')), '264')
    await browser.$(sel('law-jump')).click()
    await browser.waitUntil(async () => (await h.textOf(sel('law-citation'))) === '《中华人民共和国民事诉讼法》第二百六十四条', {
      timeout: 10_000,
      timeoutMsg: 'no citation in the court form',
    })
    assert.match(await h.textOf(sel('law-article-text')), /迟延履行/)
    assert.match(await h.textOf(sel('law-version')), /2024-01-01/)
    await h.shot('law-01-article')

    // The editor: a citation of the repealed 合同法 is underlined and its suggestion taken in one click.
    await h.openCaseList()
    await h.searchAndOpen(PARTY, CASE_NO)
    await browser.$(sel('case-draft-judgment')).click()
    const reasoning = await browser.$(sel('draft-text-reasoning'))
    await reasoning.waitForDisplayed({ timeout: 15_000, timeoutMsg: 'the editor did not open' })
    await reasoning.click()
    await browser.execute((e) => e.setSelectionRange(e.value.length, e.value.length), reasoning)
    await reasoning.addValue(CITED)
    const mark = () => browser.$(`${sel('draft-section-reasoning')} [data-testid="cite-mark"][data-status="repealed"]`)
    await browser.waitUntil(async () => (await mark()).isExisting(), { timeout: 15_000, timeoutMsg: 'the repealed citation is not underlined' })
    await (await mark()).moveTo()
    const take = await browser.$('[data-testid="cite-take"]')
    await take.waitForDisplayed({ timeout: 5000, timeoutMsg: 'no 采用建议 on hover' })
    await h.shot('law-02-editor-check')
    await take.click()
    await browser.waitUntil(async () => (await reasoning.getValue()).includes('《中华人民共和国民法典》第五百七十七条之规定'), {
      timeout: 5000,
      timeoutMsg: 'the suggestion was not taken into the text',
    })
    // The check runs on the 落款's date (a new draft is signed today), and 上诉于 names the demo court's appellate court.
    assert.equal(await browser.$(sel('draft-check-date')).getAttribute('data-signed'), 'yes')
    assert.match(await browser.$(sel('draft-text-appeal')).getValue(), /上诉于广东省深圳市中级人民法院。/)

    // 附：本判决适用的法律条文 from the citations, each article whole in the version in force on that date.
    await browser.$(sel('draft-appendix-generate')).click()
    const appendix = await browser.$(sel('draft-text-appendix'))
    await browser.waitUntil(async () => (await appendix.getValue()).startsWith('附：本判决适用的法律条文\n'), {
      timeout: 10_000,
      timeoutMsg: 'the appendix was not generated',
    })
    assert.match(await appendix.getValue(), /《中华人民共和国民法典》\n(.|\n)*第五百七十七条　当事人一方不履行合同义务/)
    await h.shot('law-03-appendix')
    await browser.$(sel('draft-export')).click()
    await browser.$(sel('draft-exported')).waitForDisplayed({ timeout: 30_000, timeoutMsg: 'no result after 导出' })
    const xml = zipPart(path.join(env.ANDU_EXPORT_DIR, CASE_NO, '民事判决书.docx'), 'word/document.xml')
    assert.ok(xml.indexOf('本件与原本核对无异') < xml.indexOf('附：本判决适用的法律条文'), 'the appendix follows the 落款')
    assert.match(xml, /第五百七十七条　当事人一方不履行合同义务/)
    await sleep(300)
  } catch (e) {
    await h.shot('law-failure').catch(() => {})
    throw e
  }
})
