// End-to-end test of the case workflow in the real desktop app, through tauri-driver + WebKitWebDriver.
// How to run: tests/e2e/README.md. Needs ANDU_APP (absolute path of an app binary built with embedded assets).
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { APP, helpers, sel, startApp } from './driver.mjs'

const PORT = Number(process.env.TAURI_DRIVER_PORT || 4444)
const NATIVE_PORT = Number(process.env.TAURI_NATIVE_PORT || 4445)

// Always in the demo store (see the brief for create_demo_store).
const CASE_NO = '（2025）粤0309民初1234号'
const PLAINTIFF = '张三'
const DEFENDANT = '深圳市某某科技有限公司'
const NEW_JUDGE = '测试法官'
const ADDRESS = '深圳市龙华区民治街道测试路 1 号'
const THIRD = '深圳市某某物业管理有限公司'
const HEARING_AT = '2026-12-21 09:30'
const ROOM = '第五法庭'
const MOVED_TO = '2026-12-28 14:30'

let app = null
let browser = null
let h = null

before(async () => {
  if (!APP) return
  app = await startApp({ name: 'cases', port: PORT, nativePort: NATIVE_PORT })
  browser = app.browser
  h = helpers(browser)
})

after(async () => {
  await app?.stop()
})

async function judgeShown() {
  return h.textOf(sel('value-judge'))
}

test('case list → search → detail → edit judge → change log → still saved after reload', { timeout: 240_000 }, async (t) => {
  if (!APP) {
    t.skip('ANDU_APP is not set (path of the app binary); see tests/e2e/README.md')
    return
  }
  try {
    await caseWorkflow()
  } catch (e) {
    await h.shot('failure').catch(() => {})
    throw e
  }
})

async function caseWorkflow() {
  assert.equal(await browser.getTitle(), '案牍')
  await h.openCaseList()
  await h.shot('01-case-list')

  await h.searchAndOpen(PLAINTIFF, CASE_NO)
  await h.shot('02-case-detail')
  await browser.$(sel('tab-parties')).click()
  await browser.waitUntil(async () => (await h.textOf(sel('case-parties'))).includes(DEFENDANT), {
    timeout: 5000,
    timeoutMsg: 'the parties tab does not list the defendant',
  })
  assert.ok((await h.textOf(sel('case-parties'))).includes(PLAINTIFF))
  await browser.$(sel('tab-basic')).click()
  // The demo case is tried by a 合议庭; it signs the case's rulings and judgments.
  assert.match(await h.textOf(sel('value-panel')), /^审判长 陈静、审判员 王建国、人民陪审员 \S+$/)

  // Edit the judge inline.
  await browser.$(sel('edit-judge')).click()
  const input = await browser.$(sel('input-judge'))
  await input.waitForDisplayed({ timeout: 5000 })
  await h.typeInto(input, NEW_JUDGE)
  await browser.$(sel('save-judge')).click()
  await browser.waitUntil(async () => (await judgeShown()) === NEW_JUDGE, {
    timeout: 10_000,
    timeoutMsg: 'the judge field did not show the saved value',
  })
  assert.equal(await browser.$(sel('error-judge')).isExisting(), false)

  // The change log lists the new value.
  await browser.$(sel('tab-history')).click()
  await browser.waitUntil(async () => (await h.textOf(sel('case-history'))).includes(NEW_JUDGE), {
    timeout: 10_000,
    timeoutMsg: 'the change log does not show the new judge',
  })
  await h.shot('03-change-log')

  // Leave the case, come back: the value comes from the store again.
  await browser.$(sel('nav-cases')).click()
  await h.openCaseList()
  await h.searchAndOpen(PLAINTIFF, CASE_NO)
  assert.equal(await judgeShown(), NEW_JUDGE)

  // A full reload of the web view as well.
  await browser.refresh()
  await browser.waitUntil(async () => (await h.textOf(sel('case-detail-no'))) === CASE_NO, {
    timeout: 15_000,
    timeoutMsg: 'the detail view did not come back after a reload',
  })
  await browser.$(sel('value-judge')).waitForExist({ timeout: 10_000 })
  assert.equal(await judgeShown(), NEW_JUDGE)
  await h.shot('04-after-reload')
  await partiesWorkflow()
}

/** 当事人: a new address for 送达 and a 第三人 added, through the dialog; a refused party keeps the dialog open with
 *  the back end's reason under the field; both edits are in the change log. */
async function partiesWorkflow() {
  await browser.$(sel('tab-parties')).click()
  const rows = await browser.$$(`${sel('case-parties')} .el-table__row`)
  let plaintiffRow = null
  for (const r of rows) if ((await h.textOf(r)).includes(PLAINTIFF)) plaintiffRow = r
  assert.ok(plaintiffRow, `no row for ${PLAINTIFF}`)
  await (await plaintiffRow.$(sel('party-edit'))).click()
  const address = await browser.$(`input${sel('party-address')}, ${sel('party-address')} input`)
  await address.waitForDisplayed({ timeout: 5000, timeoutMsg: 'the party dialog did not open' })
  await h.typeInto(address, ADDRESS)
  await h.shot('05-party-edit')
  await browser.$(sel('party-save')).click()
  await browser.waitUntil(async () => (await h.textOf(sel('case-parties'))).includes(ADDRESS), {
    timeout: 10_000,
    timeoutMsg: 'the new address is not listed',
  })

  // A second 原告 of the same name is refused, the dialog stays with the reason; then a 第三人 is added.
  await browser.waitUntil(async () => !(await browser.$(sel('party-dialog')).isDisplayed().catch(() => false)), { timeout: 5000 })
  await browser.$(sel('party-add')).click()
  const name = await browser.$(`input${sel('party-name')}, ${sel('party-name')} input`)
  await name.waitForDisplayed({ timeout: 5000, timeoutMsg: 'the add dialog did not open' })
  await pickRole('原告')
  await h.typeInto(name, PLAINTIFF)
  await browser.$(sel('party-save')).click()
  const error = await browser.$(sel('error-name'))
  await error.waitForDisplayed({ timeout: 10_000, timeoutMsg: 'a duplicate party was not refused under its name' })
  assert.match(await h.textOf(error), /重复/)
  await pickRole('第三人')
  await h.typeInto(name, THIRD)
  await browser.$(sel('party-save')).click()
  await browser.waitUntil(async () => (await h.textOf(sel('case-parties'))).includes(THIRD), {
    timeout: 10_000,
    timeoutMsg: `${THIRD} is not listed after being added`,
  })
  await h.shot('06-party-added')
  await browser.$(sel('tab-history')).click()
  await browser.waitUntil(async () => (await h.textOf(sel('case-history'))).includes(THIRD), {
    timeout: 10_000,
    timeoutMsg: 'the change log does not show the added party',
  })

  await scheduleHearing()
}

/** 排期开庭: a time typed into the picker and a room; the hearing is listed on the case. */
async function scheduleHearing() {
  await browser.$(sel('tab-hearings')).click()
  const start = await browser.$(`${sel('hearing-start')} input`)
  await start.waitForDisplayed({ timeout: 5000, timeoutMsg: 'no 排期开庭 form' })
  await h.typeInto(start, HEARING_AT)
  await browser.keys('Enter')
  const room = await browser.$(`${sel('hearing-room')} input`)
  await room.click()
  await room.addValue(ROOM)
  await browser.keys('Enter')
  await browser.$(sel('hearing-save')).click()
  await browser.waitUntil(
    async () => {
      const text = await h.textOf(sel('case-hearings'))
      return text.includes(ROOM) && text.includes(HEARING_AT.slice(0, 10))
    },
    { timeout: 10_000, timeoutMsg: `the hearing at ${HEARING_AT} in ${ROOM} is not listed` },
  )
  await h.shot('07-hearing-scheduled')

  // 延期开庭: 改期 on its row fills the same form; the hearing moves and stays one row.
  const rows = await browser.$$(`${sel('case-hearings')} .el-table__row`)
  let row = null
  for (const r of rows) if ((await h.textOf(r)).includes(ROOM)) row = r
  assert.ok(row, `no row for the hearing in ${ROOM}`)
  const before = rows.length
  await (await row.$(sel('hearing-move'))).click()
  await browser.waitUntil(async () => (await h.textOf(sel('hearing-add'))).includes('改期'), {
    timeout: 5000,
    timeoutMsg: '改期 did not fill the hearing form',
  })
  await h.typeInto(start, MOVED_TO)
  await browser.keys('Enter')
  await browser.$(sel('hearing-save')).click()
  await browser.waitUntil(async () => (await h.textOf(sel('case-hearings'))).includes(MOVED_TO.slice(0, 10)), {
    timeout: 10_000,
    timeoutMsg: `the hearing was not moved to ${MOVED_TO}`,
  })
  assert.equal((await browser.$$(`${sel('case-hearings')} .el-table__row`)).length, before)
  assert.ok(!(await h.textOf(sel('case-hearings'))).includes(HEARING_AT.slice(0, 10)))

  // 上诉 on a case still open is refused by the store, with the reason under the date.
  await browser.$(sel('tab-appeal')).click()
  const filed = await browser.$(`${sel('appeal-filed')} input`)
  await filed.waitForDisplayed({ timeout: 5000, timeoutMsg: 'no 上诉 form' })
  await h.typeInto(filed, '2026-12-01')
  await browser.keys('Enter')
  await browser.$(sel('appeal-save')).click()
  const refused = await browser.$(sel('error-filed'))
  await refused.waitForDisplayed({ timeout: 10_000, timeoutMsg: 'an appeal on an open case was not refused' })
  assert.match(await h.textOf(refused), /尚未结案/)
  await h.shot('08-appeal-refused-open-case')
}

/** Chooses a role in the dialog's list, and waits until the list has closed (it would cover the name field). */
async function pickRole(role) {
  await browser.$(sel('party-role')).click()
  const option = await browser.$(`.andu-party-role-popper [data-role="${role}"]`)
  await option.waitForClickable({ timeout: 5000, timeoutMsg: `no role ${role} offered` })
  await option.click()
  await browser.waitUntil(async () => !(await option.isDisplayed().catch(() => false)), {
    timeout: 5000,
    timeoutMsg: 'the role list did not close',
  })
}

