// End-to-end test of the 统计 panel in the real desktop app: open 统计, widen the period to start on 2025-01-01,
// open the cases behind 结案 and check the drawer lists exactly as many cases as the card says; open the cases of a
// 审限 tier from the list beside the 审限 status chart, as many as its count; on the 长期未结案件台账 add a 一案一策
// note to the first case and check the row shows it and the dialog lists it.
// How to run: tests/e2e/README.md. Needs ANDU_APP (absolute path of an app binary built with embedded assets).
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { APP, helpers, sel, sleep, startApp } from './driver.mjs'

// Its own port pair, so a leftover driver of another file cannot interfere.
const PORT = Number(process.env.TAURI_DRIVER_PORT_STATS || 4448)
const NATIVE_PORT = Number(process.env.TAURI_NATIVE_PORT_STATS || 4449)
const FROM = '2025-01-01'

let app = null
let browser = null
let h = null
let exportDir = null

before(async () => {
  if (!APP) return
  exportDir = mkdtempSync(path.join(os.tmpdir(), 'andu-e2e-stats-'))
  // The webview saves 导出图表 PNG downloads in the XDG download directory: point it (and HOME) at a temp dir so
  // the test never writes into the real ~/Downloads.
  const config = path.join(exportDir, '.config')
  mkdirSync(config)
  mkdirSync(path.join(exportDir, 'Downloads'))
  writeFileSync(path.join(config, 'user-dirs.dirs'), `XDG_DOWNLOAD_DIR="${path.join(exportDir, 'Downloads')}"\n`)
  app = await startApp({
    name: 'stats',
    port: PORT,
    nativePort: NATIVE_PORT,
    env: { ANDU_EXPORT_DIR: exportDir, HOME: exportDir, XDG_CONFIG_HOME: config },
  })
  browser = app.browser
  h = helpers(browser)
})

after(async () => {
  await app?.stop()
  if (exportDir) rmSync(exportDir, { recursive: true, force: true })
})

test('统计: period → 结案 card → the cases behind it', { timeout: 300_000 }, async (t) => {
  if (!APP) {
    t.skip('ANDU_APP is not set (path of the app binary); see tests/e2e/README.md')
    return
  }
  try {
    await statsWorkflow()
  } catch (e) {
    await h.shot('stats-failure').catch(() => {})
    throw e
  }
})

const cardValue = (key) => h.textOf(`${sel(`stats-card-${key}`)} ${sel('stats-card-value')}`)

async function statsWorkflow() {
  // The demo store exists once the case list shows rows (the app fills it on first start).
  await h.openCaseList()
  await browser.$(sel('nav-stats')).click()
  await browser.$(sel('stats-panel')).waitForDisplayed({ timeout: 15_000 })
  await browser.waitUntil(async () => /^\d+$/.test(await cardValue('closed')), {
    timeout: 30_000,
    interval: 250,
    timeoutMsg: 'the 结案 card showed no number',
  })
  const defs = await h.textOf(sel('stats-definitions'))
  assert.match(defs, /指标口径/)
  // The charts draw after the drill-downs behind them arrived.
  await sleep(1500)
  const before = Number(await cardValue('closed'))
  await h.shot('stats-1-panel')

  // Period start → 2025-01-01: type into the date picker and confirm with Enter.
  const fromInput = await browser.$(`${sel('stats-period-from')} input`)
  await h.typeInto(fromInput, FROM)
  await browser.keys('Enter')
  await browser.$(sel('stats-definitions')).click()
  await browser.waitUntil(async () => Number(await cardValue('closed')) > before, {
    timeout: 30_000,
    interval: 250,
    timeoutMsg: `the 结案 card did not grow after setting the start to ${FROM} (was ${before})`,
  })
  assert.equal(await fromInput.getValue(), FROM)
  await sleep(1500)
  const closed = Number(await cardValue('closed'))
  const over12 = Number(await cardValue('over_12m_pending'))
  await h.shot('stats-2-period')

  // The charts below the cards.
  await browser.execute((e) => e.scrollIntoView({ block: 'end' }), await browser.$(sel('stats-chart-balance')))
  await sleep(500)
  await h.shot('stats-3-charts')

  await limitsStep()

  // 导出 Excel: the court-report workbook is written to the export directory and its path is shown.
  await browser.$(sel('stats-export')).click()
  await browser.waitUntil(async () => (await h.textOf(sel('stats-export-path'))).includes('.xlsx'), {
    timeout: 30_000,
    interval: 250,
    timeoutMsg: 'the export path was not shown',
  })
  const written = readdirSync(exportDir).filter((f) => f.endsWith('.xlsx'))
  const to = await browser.$(`${sel('stats-period-to')} input`).getValue()
  assert.deepEqual(written, [`审判质效指标-${FROM}-${to}.xlsx`])
  assert.ok((await h.textOf(sel('stats-export-path'))).includes(path.join(exportDir, written[0])))

  // 导出图表 PNG: the monthly chart is downloaded as a PNG.
  await browser.$(sel('stats-png-monthly')).click()
  const png = `逐月收结-${FROM}-${to}.png`
  await browser.waitUntil(
    async () => readdirSync(path.join(exportDir, 'Downloads')).includes(png) && statSync(path.join(exportDir, 'Downloads', png)).size > 1000,
    { timeout: 15_000, interval: 250, timeoutMsg: `${png} was not downloaded` },
  )

  // 长期未结案件台账: one row per case pending over 12 months, as many as the card says.
  await browser.$('#tab-ledger').click()
  await browser.waitUntil(async () => (await browser.$$(sel('stats-ledger-row'))).length === over12, {
    timeout: 15_000,
    interval: 250,
    timeoutMsg: `the ledger does not list the ${over12} cases of the 超12个月未结 card`,
  })
  await h.shot('stats-4-ledger')
  await ledgerNoteStep()
  await browser.$('#tab-indicators').click()
  await browser.$(sel('stats-card-closed')).waitForDisplayed({ timeout: 10_000 })

  // The cases behind 结案: as many rows as the card says.
  await browser.$(sel('stats-card-closed')).click()
  await browser.$(sel('stats-drill')).waitForDisplayed({ timeout: 15_000 })
  let rows = 0
  await browser.waitUntil(
    async () => {
      const n = (await browser.$$(sel('stats-drill-row'))).length
      const stable = n > 0 && n === rows
      rows = n
      return stable
    },
    { timeout: 30_000, interval: 500, timeoutMsg: 'the drill-down listed no cases' },
  )
  assert.equal(rows, closed, `the 结案 card says ${closed} but the drill-down lists ${rows} cases`)
  const title = await h.textOf(sel('stats-drill-title'))
  assert.ok(title.includes(String(closed)), `the drill-down title “${title}” does not show ${closed}`)
  const firstCase = await h.textOf(sel('stats-drill-case'))
  assert.match(firstCase, /^（\d{4}）.+号$/)
  await h.shot('stats-5-drill')

  // The same list as a workbook (案件清单).
  await browser.$(sel('stats-drill-export')).click()
  await browser.waitUntil(() => readdirSync(exportDir).some((f) => f.includes('案件清单') && f.endsWith('.xlsx')), {
    timeout: 15_000,
    timeoutMsg: 'the case list of 结案 was not exported',
  })

  // A case number opens the case.
  await browser.$(sel('stats-drill-case')).click()
  await browser.waitUntil(async () => (await h.textOf(sel('case-detail-no'))) === firstCase, {
    timeout: 15_000,
    timeoutMsg: `the detail view of ${firstCase} did not open from the drill-down`,
  })
  await h.shot('stats-6-case')
}

/** 审限 status: the chart is drawn; the first tier with cases opens a drawer listing as many cases as its count. */
async function limitsStep() {
  const box = browser.$(sel('stats-limits-chart'))
  await box.waitForDisplayed({ timeout: 10_000 })
  await browser.execute((e) => e.scrollIntoView({ block: 'end' }), await box)
  assert.ok(await box.$('canvas').isExisting(), 'the 审限 status chart has no canvas')
  const tiers = ['normal', 'early', 'middle', 'urgent', 'overdue', 'suspended', 'unknown']
  const counts = {}
  await browser.waitUntil(
    async () => {
      for (const tier of tiers) counts[tier] = Number(await h.textOf(`${sel(`stats-limits-tier-${tier}`)} ${sel('stats-limits-count')}`))
      return Object.values(counts).some((n) => n > 0)
    },
    { timeout: 30_000, interval: 250, timeoutMsg: 'the 审限 status chart counted no pending case' },
  )
  const total = Object.values(counts).reduce((a, b) => a + b, 0)
  assert.equal(await h.textOf(sel('stats-limits-total')), `共 ${total} 件`)
  await sleep(500)
  await h.shot('stats-3a-limits')

  const tier = tiers.find((t) => counts[t] > 0)
  await browser.$(sel(`stats-limits-tier-${tier}`)).click()
  await browser.$(sel('stats-drill')).waitForDisplayed({ timeout: 10_000 })
  await browser.waitUntil(async () => (await browser.$$(sel('stats-drill-row'))).length === counts[tier], {
    timeout: 10_000,
    interval: 250,
    timeoutMsg: `the ${tier} tier counts ${counts[tier]} cases but the drawer lists another number`,
  })
  assert.match(await h.textOf(sel('stats-drill-title')), new RegExp(`^未结案件审限状态（.+）：${counts[tier]} 件$`))
  await h.shot('stats-3b-limits-drill')
  await browser.$(sel('stats-drill-close')).click()
  await browser.$(sel('stats-drill')).waitForDisplayed({ reverse: true, timeout: 10_000 })

  // 无法计算: each case says why.
  if (counts.unknown > 0) {
    await browser.$(sel('stats-limits-tier-unknown')).click()
    await browser.$(sel('stats-drill')).waitForDisplayed({ timeout: 10_000 })
    await browser.waitUntil(async () => (await browser.$$(sel('stats-drill-error'))).length === counts.unknown, {
      timeout: 10_000,
      interval: 250,
      timeoutMsg: `无法计算 counts ${counts.unknown} cases but the drawer does not give as many reasons`,
    })
    for (const e of await browser.$$(sel('stats-drill-error'))) assert.notEqual(await h.textOf(e), '', 'a 无法计算 case without a reason')
    await h.shot('stats-3c-limits-unknown')
    await browser.$(sel('stats-drill-close')).click()
    await browser.$(sel('stats-drill')).waitForDisplayed({ reverse: true, timeout: 10_000 })
  }
}

/** 一案一策: a note on the first ledger case shows in its row, and the dialog lists it first when opened again. */
async function ledgerNoteStep() {
  const firstRow = async () => (await browser.$$(sel('stats-ledger-row')))[0]
  const caseNo = await h.textOf(await (await firstRow()).$('.case-link'))
  assert.match(caseNo, /^（\d{4}）.+号$/)
  const dialog = browser.$(sel('ledger-note-dialog'))
  const openDialog = async () => {
    await (await firstRow()).$(sel('ledger-note')).click()
    await dialog.waitForDisplayed({ timeout: 10_000 })
    // loaded: the list's loading mask is gone
    await browser.waitUntil(async () => !(await browser.$(`${sel('ledger-note-list')} .el-loading-mask`).isExisting()), {
      timeout: 15_000,
      interval: 200,
      timeoutMsg: `the notes of ${caseNo} did not load`,
    })
    assert.equal(await h.textOf(sel('ledger-note-error')), '', 'the dialog shows an error')
  }
  const items = async () => {
    const out = []
    for (const e of await browser.$$(sel('ledger-note-item-text'))) out.push(await h.textOf(e))
    return out
  }

  await openDialog()
  const before = await items()
  const text = `一案一策 E2E：${new Date().toISOString().slice(11, 19)} 约谈双方`
  await h.typeInto(await browser.$(sel('ledger-note-text')), text)
  await h.shot('stats-4a-ledger-note')
  await browser.$(sel('ledger-note-save')).click()
  await dialog.waitForDisplayed({ reverse: true, timeout: 10_000 })
  await browser.waitUntil(async () => (await h.textOf(await (await firstRow()).$(sel('ledger-note-latest')))) === text, {
    timeout: 10_000,
    interval: 200,
    timeoutMsg: `the first ledger row does not show the new note “${text}”`,
  })
  // The row shows it cut short; hovering shows the whole note.
  await (await firstRow()).$(sel('ledger-note-latest')).moveTo()
  await browser.waitUntil(async () => (await h.textOf('.ledger-note-tip')) === text, {
    timeout: 5_000,
    interval: 200,
    timeoutMsg: 'hovering the note did not show it in a tooltip',
  })
  await h.shot('stats-4b-ledger-noted')
  await browser.$(sel('stats-definitions')).moveTo()

  // Opened again, the dialog lists the new note first (newest first), with its time, above the older ones.
  await openDialog()
  const after = await items()
  assert.deepEqual(after, [text, ...before])
  assert.match(await h.textOf(sel('ledger-note-time')), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
  await h.shot('stats-4c-ledger-note-reopened')
  await browser.$(sel('ledger-note-cancel')).click()
  await dialog.waitForDisplayed({ reverse: true, timeout: 10_000 })
}
