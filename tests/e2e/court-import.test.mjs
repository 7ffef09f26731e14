// End-to-end test of importing a court system's export through the mapping preview, in the real desktop app.
// How to run: tests/e2e/README.md. Needs ANDU_APP, and LibreOffice (soffice) to write the .xlsx the way a court
// clerk's office suite does.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { APP, helpers, sel, startApp } from './driver.mjs'

const PORT = Number(process.env.TAURI_DRIVER_PORT || 4464)
const NATIVE_PORT = Number(process.env.TAURI_NATIVE_PORT || 4465)

const GOOD = '（2026）粤0309民初9901号'
const SECOND = '（2026）粤0309民初9902号'
// A title row above the header, the court system's own column names (主办人 is no known synonym: the user maps it),
// 案号 with ASCII brackets and spaces, dates as text in three spellings, the parties in one column; row 5 has a
// date that does not exist.
const CSV = [
  '深圳市龙华区人民法院 案件信息一览表,,,,,,',
  '序号,案号,案由,收案日期,主办人,当事人,适用程序',
  '1,(2026)粤0309民初9901号,买卖合同纠纷,2026年3月2日,导入测试法官,原告：导入甲；被告：深圳市导入乙有限公司,简易程序',
  '2,( 2026 )粤0309 民初 9902 号,民间借贷纠纷,2026/3/5,导入测试法官,原告：导入丙；被告：导入丁,普通程序',
  '3,(2026)粤0309民初9903号,离婚纠纷,2026年2月30日,导入测试法官,原告：导入戊；被告：导入己,简易程序',
].join('\n')

let app = null
let browser = null
let h = null
let dir = null

before(async () => {
  if (!APP) return
  dir = mkdtempSync(path.join(os.tmpdir(), 'andu-court-import-'))
  app = await startApp({ name: 'court-import', port: PORT, nativePort: NATIVE_PORT })
  browser = app.browser
  h = helpers(browser)
})

after(async () => {
  await app?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

/** The export as LibreOffice writes it from the CSV (comma, quote, UTF-8, from line 1). */
function courtXlsx() {
  const csv = path.join(dir, '案件导出.csv')
  writeFileSync(csv, CSV + '\n')
  execFileSync(
    'soffice',
    [`-env:UserInstallation=file://${dir}/lo-profile`, '--headless', '--infilter=CSV:44,34,76,1', '--convert-to', 'xlsx', '--outdir', dir, csv],
    { stdio: 'ignore', timeout: 120_000 },
  )
  const xlsx = path.join(dir, '案件导出.xlsx')
  assert.ok(existsSync(xlsx), 'LibreOffice did not write the .xlsx')
  return xlsx
}

test('court export .xlsx → proposed mapping → correct a column → errors in their cells → import', { timeout: 300_000 }, async (t) => {
  if (!APP) {
    t.skip('ANDU_APP is not set (path of the app binary); see tests/e2e/README.md')
    return
  }
  try {
    await importFlow()
  } catch (e) {
    await h.shot('court-import-failure').catch(() => {})
    throw e
  }
})

async function importFlow() {
  const xlsx = courtXlsx()
  await h.openCaseList()
  await browser.$(sel('court-import-open')).click()
  const fileInput = await browser.$(sel('court-import-file'))
  await fileInput.waitForExist({ timeout: 10_000 })
  await fileInput.addValue(xlsx)

  // The header is found below the title; 3 case rows, one of them wrong.
  const summary = await browser.$(sel('court-import-summary'))
  await summary.waitForDisplayed({ timeout: 30_000, timeoutMsg: 'no preview after choosing the file' })
  assert.equal(await summary.getAttribute('data-total'), '3')
  assert.equal(await summary.getAttribute('data-invalid'), '1')
  assert.match(await h.textOf(summary), /列名在第 2 行/)
  assert.equal(await browser.$(sel('court-import-field-B')).getValue(), 'case_no')
  assert.equal(await browser.$(sel('court-import-field-D')).getValue(), 'filed', '收案日期 is proposed as 立案日期')
  assert.equal(await browser.$(sel('court-import-field-E')).getValue(), '', '主办人 is not known yet')

  // The impossible date is shown in its cell: row 5, column D.
  const badCell = await browser.$(`${sel('court-import-row')}[data-line="5"] td[data-column="D"]`)
  await badCell.waitForExist({ timeout: 10_000, timeoutMsg: 'row 5 is not in the preview' })
  assert.match(await h.textOf(badCell), /2月没有30日/)
  assert.equal(await badCell.$(sel('court-import-cell-error')).getAttribute('data-code'), 'date_invalid')
  await h.shot('court-import-01-preview')

  // The user says what 主办人 is; the preview shows the column as 承办法官.
  await browser.$(sel('court-import-field-E')).selectByAttribute('value', 'judge')
  await browser.waitUntil(async () => (await h.textOf(sel('court-import-preview'))).includes('承办法官'), {
    timeout: 15_000,
    timeoutMsg: 'the preview does not show the corrected column',
  })
  assert.equal(await browser.$(sel('court-import-field-E')).getValue(), 'judge')

  // Importing as is is refused (one bad row refuses the file); with 跳过错误行 the two good rows go in.
  await browser.$(sel('court-import-submit')).click()
  const error = await browser.$(sel('court-import-error'))
  await error.waitForDisplayed({ timeout: 15_000, timeoutMsg: 'a file with a bad row was not refused' })
  assert.equal(await error.getAttribute('data-code'), 'import_invalid_rows')
  assert.match(await h.textOf(error), /有 1 行错误.*跳过错误行/)
  await browser.$(sel('court-import-skip-invalid')).click()
  await h.shot('court-import-02-corrected')
  await browser.$(sel('court-import-submit')).click()
  await browser.$(sel('court-import-dialog')).waitForDisplayed({ reverse: true, timeout: 30_000, timeoutMsg: 'the import did not finish' })

  await h.searchAndOpen('导入甲', GOOD)
  assert.equal(await h.textOf(sel('value-judge')), '导入测试法官')
  await h.shot('court-import-03-imported')
  await browser.$(sel('nav-cases')).click()
  await h.searchAndOpen('导入丙', SECOND)
}
