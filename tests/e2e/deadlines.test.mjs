// End-to-end test of 节点提醒 in the real desktop app: record an event on a case, see the period it starts (with
// its explanation) in the case's 期限, on 今日 and in the calendar; export the calendar; the counting settings.
// How to run: tests/e2e/README.md. Needs ANDU_APP (absolute path of an app binary built with embedded assets).
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { APP, helpers, sel, startApp } from './driver.mjs'

// Its own port pair: the files run one after the other, but a leftover driver of the other file cannot interfere.
const PORT = Number(process.env.TAURI_DRIVER_PORT_DEADLINES || 4446)
const NATIVE_PORT = Number(process.env.TAURI_NATIVE_PORT_DEADLINES || 4447)

const CASE_NO = '（2025）粤0309民初1234号'
const PARTY = '张三'
const EVENT = '送达判决书'
const PERIOD = '上诉期（判决）'

/** YYYY-MM-DD of the court day `days` from now: the app counts in Beijing time (UTC+8), whatever the zone here. */
function courtDay(days) {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10)
}
// Served five days ago: the 15-day appeal period ends in about ten days (later if that is a rest day).
const EVENT_DATE = courtDay(-5)

/**
 * A made-up State Council notice (11 days off: the back end wants a whole year's worth) for the year after the
 * newest embedded one, in the holiday-cn shape.
 */
function notice(year, extra = []) {
  const days = [
    ['元旦', `${year}-01-01`, true],
    ['春节', `${year}-02-08`, true],
    ['春节', `${year}-02-09`, true],
    ['春节', `${year}-02-10`, true],
    ['春节', `${year}-02-11`, true],
    ['春节', `${year}-02-12`, true],
    ['春节', `${year}-02-13`, true],
    ['春节', `${year}-02-14`, true],
    ['清明节', `${year}-04-05`, true],
    ['劳动节', `${year}-05-03`, true],
    ['国庆节', `${year}-10-01`, true],
    ...extra,
  ]
  return JSON.stringify({ year, days: days.map(([name, date, isOffDay]) => ({ name, date, isOffDay })) })
}

/**
 * A made-up notice for `year` in the State Council's published wording, as a person pastes it (the real one for
 * a year the app does not ship is not known to this test). Its 调休上班 day is a Saturday of that year.
 */
function pastedNotice(year) {
  const sat = [20, 21, 22, 23, 24, 25, 26].find((d) => new Date(`${year}-02-${d}T12:00:00`).getDay() === 6)
  return [
    `国务院办公厅关于${year}年部分节假日安排的通知`,
    '一、元旦：1月1日放假，共1天。',
    `二、春节：2月8日（农历除夕）至14日放假调休，共7天。2月${sat}日（周六）上班。`,
    '三、清明节：4月5日放假，共1天。',
    '四、劳动节：5月1日至3日放假调休，共3天。',
    '五、国庆节：10月1日至7日放假调休，共7天。',
  ].join('\n')
}

let app = null
let browser = null
let h = null
let exportDir = null

before(async () => {
  if (!APP) return
  exportDir = mkdtempSync(path.join(os.tmpdir(), 'andu-e2e-ics-'))
  app = await startApp({ name: 'deadlines', port: PORT, nativePort: NATIVE_PORT, env: { ANDU_EXPORT_DIR: exportDir } })
  browser = app.browser
  h = helpers(browser)
})

after(async () => {
  await app?.stop()
  if (exportDir) rmSync(exportDir, { recursive: true, force: true })
})

test('节点 → 期限 with its explanation → 今日 → 日历 and .ics → counting settings', { timeout: 300_000 }, async (t) => {
  if (!APP) {
    t.skip('ANDU_APP is not set (path of the app binary); see tests/e2e/README.md')
    return
  }
  try {
    await deadlinesWorkflow()
  } catch (e) {
    await h.shot('deadlines-failure').catch(() => {})
    throw e
  }
})

/** The first displayed element matching `selector` whose text contains every string of `parts`. */
async function findShown(selector, ...parts) {
  for (const el of await browser.$$(selector)) {
    if (!(await el.isDisplayed().catch(() => false))) continue
    const text = await h.textOf(el)
    if (parts.every((p) => text.includes(p))) return el
  }
  return null
}

async function waitShown(selector, parts, timeoutMsg, timeout = 15_000) {
  let found = null
  await browser.waitUntil(async () => (found = await findShown(selector, ...parts)) !== null, { timeout, interval: 250, timeoutMsg })
  return found
}

/** Opens an Element Plus select and clicks the option holding `optionSelector` in its (teleported) dropdown. */
async function pick(selectTestid, optionSelector, filter) {
  const select = await browser.$(sel(selectTestid))
  await select.click()
  if (filter) {
    const input = await select.$('input')
    await input.addValue(filter)
  }
  const option = await browser.$(optionSelector)
  await option.waitForDisplayed({ timeout: 5000, timeoutMsg: `no option ${optionSelector} in ${selectTestid}` })
  await option.click()
}

/** Closes an open popover as a person would: a click on something inert (a heading); waits until it is gone. */
async function dismiss(anchorTestid) {
  await browser.$(sel(anchorTestid)).click()
  await browser.waitUntil(async () => (await findShown(`${sel('why-popover')}, ${sel('calendar-popover')}`)) === null, {
    timeout: 5000,
    timeoutMsg: 'the popover did not close on a click elsewhere',
  })
}

/** Closes the toast messages (they sit over the top of the page). */
async function closeMessages() {
  for (const b of await browser.$$('.el-message__closeBtn')) await b.click().catch(() => {})
  await browser.waitUntil(async () => (await browser.$$('.el-message').length) === 0, { timeout: 5000 }).catch(() => {})
}

async function deadlinesWorkflow() {
  // 今日 is the start page; the demo store has overdue 审限, so the 已超期 section has rows and the nav a count.
  await browser.waitUntil(async () => (await browser.$$(`${sel('today-overdue')} ${sel('due-row')}`).length) > 0, {
    timeout: 60_000,
    interval: 500,
    timeoutMsg: '今日 did not list any overdue item of the demo store',
  })
  await browser.waitUntil(async () => Number(await h.textOf(sel('nav-today-badge'))) > 0, {
    timeout: 15_000,
    timeoutMsg: 'the 今日 nav item shows no count of urgent items',
  })
  const unresolved = await h.textOf(sel('today-unresolved'))
  if (unresolved) {
    assert.match(unresolved, /节假日数据/)
    // The warning points to 设置 → 节假日数据, where the year is imported, not to the command line.
    assert.match(unresolved, /设置 → 节假日数据/)
    assert.doesNotMatch(unresolved, /andu holidays/)
  }
  await h.shot('deadlines-01-today')
  if (unresolved) {
    await browser.$(sel('unresolved-holiday-link')).click()
    await browser.$(sel('holiday-import')).waitForDisplayed({ timeout: 10_000, timeoutMsg: 'the 今日 link does not open 设置 → 节假日数据' })
  }

  // Record 送达判决书 to 张三 on the case.
  await h.openCaseList()
  await h.searchAndOpen(PARTY, CASE_NO)
  await browser.$(sel('tab-events')).click()
  await browser.$(sel('event-add')).waitForDisplayed({ timeout: 10_000 })
  await pick('event-kind', `.andu-event-kind-popper [data-kind="${EVENT}"]`, EVENT)
  await browser.waitUntil(async () => (await h.textOf(sel('event-kind-meaning'))) !== '', {
    timeout: 5000,
    timeoutMsg: 'the meaning of the chosen event kind is not shown',
  })
  const dateInput = await browser.$(`${sel('event-date')} input`)
  await h.typeInto(dateInput, EVENT_DATE)
  await browser.keys('Enter')
  await pick('event-party', `.andu-event-party-popper [data-party="${PARTY}"]`)
  await browser.$(sel('event-note')).click()
  await h.typeInto(await browser.$(sel('event-note')), 'E2E：判决书已送达')
  await h.shot('deadlines-02-event-form')
  await browser.$(sel('event-save')).click()
  await browser.waitUntil(
    async () => {
      const events = await h.textOf(sel('case-events'))
      return events.includes(EVENT) && events.includes(EVENT_DATE) && events.includes(PARTY)
    },
    { timeout: 15_000, timeoutMsg: `the 节点 table does not list ${EVENT} ${EVENT_DATE} ${PARTY}` },
  )
  assert.equal(await browser.$(sel('error-kind')).isExisting(), false)
  assert.equal(await browser.$(sel('error-date')).isExisting(), false)
  await h.shot('deadlines-03-event-recorded')

  // 期限: the appeal period for 张三 with a due date and the statute in its explanation.
  await browser.$(sel('tab-deadlines')).click()
  await browser.$(sel('trial-limit')).waitForDisplayed({ timeout: 10_000 })
  const row = await waitShown(sel('deadline-row'), [PERIOD, PARTY, EVENT_DATE], `no ${PERIOD} row for ${PARTY} in 期限`)
  const due = await h.textOf(await row.$(sel('deadline-due')))
  assert.match(due, /^\d{4}-\d{2}-\d{2}$/, `the ${PERIOD} row has no due date: “${due}”`)
  assert.ok(due > EVENT_DATE, `the period ends (${due}) after the event (${EVENT_DATE})`)
  await (await row.$(sel('why-button'))).click()
  const why = await waitShown(sel('why-popover'), ['民事诉讼法'], 'the explanation popover does not cite 民事诉讼法')
  assert.ok((await h.textOf(why)).includes(due), 'the explanation ends on the due date shown')
  await h.shot('deadlines-04-case-deadlines')
  await dismiss('case-detail-no')
  await (await browser.$(sel('why-trial-limit'))).click()
  await waitShown(sel('why-popover'), ['审限'], 'the 审限 explanation does not open')
  // Esc closes it too.
  await browser.keys('Escape')
  await browser.waitUntil(async () => (await findShown(sel('why-popover'))) === null, {
    timeout: 5000,
    timeoutMsg: 'Esc did not close the explanation',
  })

  // 审限变更 has the forms and says how deductions count.
  await browser.$(sel('tab-extensions')).click()
  await browser.$(sel('extension-add')).waitForDisplayed({ timeout: 10_000 })
  assert.match(await h.textOf(sel('deduction-setting')), /开始日和结束日均计入扣除.*本系统设定/)
  await h.shot('deadlines-05-extensions')

  // 今日: the same period is listed (it ends within 30 days), with its explanation.
  await browser.$(sel('nav-today')).click()
  const todayRow = await waitShown(sel('due-row'), [CASE_NO, PERIOD, PARTY, due], `今日 does not list ${PERIOD} of ${CASE_NO}`)
  await (await todayRow.$(sel('why-button'))).click()
  await waitShown(sel('why-popover'), ['民事诉讼法', due], 'the 今日 row explains nothing')
  await dismiss('today-date')
  // 完成 greys it; 撤销 brings it back.
  const key = await todayRow.getAttribute('data-key')
  const rowByKey = async () => browser.$(`${sel('due-row')}[data-key="${key.replace(/"/g, '\\"')}"]`)
  await (await todayRow.$(sel('reminder-done'))).click()
  await browser.waitUntil(async () => ((await (await rowByKey()).getAttribute('class')) ?? '').includes('done'), {
    timeout: 10_000,
    timeoutMsg: '完成 did not grey the row',
  })
  await h.shot('deadlines-06-today-done')
  await (await (await rowByKey()).$(sel('reminder-undo'))).click()
  await browser.waitUntil(async () => !((await (await rowByKey()).getAttribute('class')) ?? '').includes('done'), {
    timeout: 10_000,
    timeoutMsg: '撤销 did not restore the row',
  })
  // After a reload the state comes from the store.
  await browser.$(sel('today-refresh')).click()
  await browser.waitUntil(async () => (await (await rowByKey()).isExisting()) && !((await (await rowByKey()).getAttribute('class')) ?? '').includes('done'), {
    timeout: 10_000,
    timeoutMsg: 'the row is not listed, or still done, after a reload',
  })

  // 日历: items of the visible month; one explained with a link to its case; export as .ics.
  await closeMessages()
  await browser.$(sel('nav-calendar')).click()
  await browser.waitUntil(async () => (await browser.$$(sel('calendar-item')).length) > 0, {
    timeout: 15_000,
    timeoutMsg: 'the calendar shows no items',
  })
  await h.shot('deadlines-07-calendar')
  // The period's day may be in the next month's grid.
  let chip = await findShown(`[data-date="${due}"] ${sel('calendar-item')}`, PERIOD)
  if (!chip) {
    await browser.$(sel('calendar-next')).click()
    chip = await waitShown(`[data-date="${due}"] ${sel('calendar-item')}`, [PERIOD], `the calendar has no ${PERIOD} on ${due}`)
  }
  await chip.click()
  const pop = await waitShown(sel('calendar-popover'), [CASE_NO, '民事诉讼法'], 'the calendar item explains nothing')
  assert.ok(await (await pop.$(sel('calendar-open-case'))).isExisting())
  await h.shot('deadlines-08-calendar-popover')
  await dismiss('calendar-title')
  await closeMessages()
  await browser.$(sel('export-ics')).click()
  const message = await waitShown('.el-message', ['.ics'], 'no message says where the .ics was written')
  const written = (await h.textOf(message)).match(/(\/\S+\.ics)/)?.[1]
  assert.ok(written && written.startsWith(exportDir), `the .ics path “${written}” is not in ANDU_EXPORT_DIR`)
  assert.ok(existsSync(written), `${written} does not exist`)
  assert.match(readFileSync(written, 'utf8'), /BEGIN:VCALENDAR[\s\S]*BEGIN:VEVENT/)
  await h.shot('deadlines-09-calendar-exported')
  await closeMessages()
  await browser.$(sel('calendar-week')).click()
  await browser.$(sel('calendar-week-list')).waitForDisplayed({ timeout: 10_000 })
  await h.shot('deadlines-10-calendar-week')

  // 设置: the counting settings in force, each marked as a setting of this system.
  await browser.$(sel('nav-settings')).click()
  await browser.$(sel('counting-settings')).waitForDisplayed({ timeout: 10_000 })
  const counting = await h.textOf(sel('counting-settings'))
  for (const s of ['调休上班日按工作日计算', '审限扣除期间首尾两日均扣除', '简易程序延长后审限为立案之日起累计四个月', '在押被告人案件的审限不因节假日顺延']) {
    assert.ok(counting.includes(s), `设置 does not say “${s}”`)
  }
  assert.equal(counting.split('本系统设定（依据 domain §0）').length - 1, 4)
  await h.shot('deadlines-11-settings')

  // 设置 → 节假日数据: the years covered; a wrong notice is refused with the back end's message; the next year's
  // notice is imported and the deadlines it moved are listed; 今日 no longer warns about that year.
  const yearsEl = await browser.$(sel('holiday-years'))
  await browser.waitUntil(async () => (await yearsEl.getAttribute('data-years')) !== '', {
    timeout: 10_000,
    timeoutMsg: '设置 does not list the holiday years',
  })
  const years = (await yearsEl.getAttribute('data-years')).split(',').map(Number)
  const next = Math.max(...years) + 1
  const bad = path.join(exportDir, `${next}-bad.json`)
  // A 调休上班 day on a weekday: the back end refuses it as holiday_table_invalid.
  const weekday = [1, 2, 3, 4, 5, 6, 7].map((d) => `${next}-03-0${d}`).find((d) => ![0, 6].includes(new Date(`${d}T12:00:00`).getDay()))
  writeFileSync(bad, notice(next, [['春节', weekday, false]]))
  const good = path.join(exportDir, `${next}.json`)
  writeFileSync(good, notice(next))

  const fileInput = await browser.$(sel('holiday-file'))
  await fileInput.scrollIntoView({ block: 'center' })
  await fileInput.addValue(bad)
  await browser.$(sel('holiday-import-submit')).click()
  const error = await browser.$(sel('holiday-import-error'))
  await error.waitForDisplayed({ timeout: 15_000, timeoutMsg: 'a wrong holiday notice was not refused' })
  assert.equal(await error.getAttribute('data-code'), 'holiday_table_invalid')
  assert.match(await h.textOf(error), /调休上班日/)
  await h.shot('deadlines-12-holiday-refused')

  await fileInput.addValue(good)
  await browser.$(sel('holiday-import-submit')).click()
  const moved = await browser.$(sel('holiday-moved'))
  await moved.waitForDisplayed({ timeout: 30_000, timeoutMsg: `importing ${next} shows no result` })
  assert.equal(await moved.getAttribute('data-year'), String(next))
  assert.match(await h.textOf(moved), new RegExp(`已导入 ${next} 年`))
  await browser.waitUntil(async () => (await yearsEl.getAttribute('data-years')).split(',').includes(String(next)), {
    timeout: 10_000,
    timeoutMsg: `${next} is not listed after the import`,
  })
  await h.shot('deadlines-13-holiday-imported')

  // 粘贴通知: the notice of the year after, pasted as published, is shown on a calendar and imported on confirmation.
  const pasted = next + 1
  await browser.$(sel('notice-text')).scrollIntoView({ block: 'center' })
  await browser.$(sel('notice-text')).setValue(pastedNotice(pasted))
  await browser.$(sel('notice-parse')).click()
  const parsed = await browser.$(sel('notice-parsed'))
  await parsed.waitForDisplayed({ timeout: 15_000, timeoutMsg: 'the pasted notice is not shown for checking' })
  assert.equal(await parsed.getAttribute('data-year'), String(pasted))
  assert.equal(await browser.$(`[data-date="${pasted}-02-10"]`).getAttribute('data-mark'), 'off')
  assert.match(await h.textOf(sel('notice-holidays')), new RegExp(`${pasted}-02-08 — ${pasted}-02-14（7）`))
  assert.ok(!(await yearsEl.getAttribute('data-years')).split(',').includes(String(pasted)), 'reading a notice imported it')
  await parsed.scrollIntoView({ block: 'start' })
  await h.shot('deadlines-13b-holiday-notice-pasted')
  await browser.$(sel('notice-import')).click()
  await browser.waitUntil(async () => (await yearsEl.getAttribute('data-years')).split(',').includes(String(pasted)), {
    timeout: 30_000,
    timeoutMsg: `${pasted} is not listed after confirming the pasted notice`,
  })
  assert.match(await h.textOf(sel('holiday-moved')), new RegExp(`已导入 ${pasted} 年`))

  await browser.$(sel('nav-today')).click()
  await browser.$(sel('today')).waitForDisplayed({ timeout: 10_000 })
  await browser.waitUntil(async () => !(await h.textOf(sel('today-unresolved'))).includes(`${next} 年`), {
    timeout: 20_000,
    timeoutMsg: `今日 still warns that ${next} has no holiday data`,
  })

  await removeMistakenEvent()
}

/** The 送达判决书 recorded above was a mistake: 删除 asks first, removes it, and its appeal period goes with it;
 *  the change record keeps what was removed. */
async function removeMistakenEvent() {
  await closeMessages()
  await h.openCaseList()
  await h.searchAndOpen(PARTY, CASE_NO)
  await browser.$(sel('tab-events')).click()
  const row = await waitShown(`${sel('case-events')} .el-table__row`, [EVENT, EVENT_DATE, PARTY], `the 节点 table does not list ${EVENT}`)
  await (await row.$(sel('remove-record'))).click()
  const panel = await waitShown(sel('remove-record-panel'), [`删除“${EVENT_DATE} ${EVENT}”？`], '删除 does not ask first')
  await h.shot('deadlines-14-remove-event-confirm')
  await (await panel.$(sel('remove-record-confirm'))).click()
  await waitShown('.el-message', [`已删除：${EVENT_DATE} ${EVENT}`], 'no message says the 节点 was removed')
  await browser.waitUntil(async () => !(await h.textOf(sel('case-events'))).includes(EVENT_DATE), {
    timeout: 10_000,
    timeoutMsg: 'the removed 节点 is still listed',
  })
  await browser.$(sel('tab-deadlines')).click()
  await browser.$(sel('trial-limit')).waitForDisplayed({ timeout: 10_000 })
  await browser.waitUntil(async () => (await findShown(sel('deadline-row'), PERIOD, PARTY, EVENT_DATE)) === null, {
    timeout: 10_000,
    timeoutMsg: `期限 still lists ${PERIOD} of ${PARTY} after its 节点 was removed`,
  })
  await browser.$(sel('tab-history')).click()
  await waitShown(sel('case-history'), ['删除'], 'the change record does not show the removal')
  await h.shot('deadlines-15-event-removed')
}
