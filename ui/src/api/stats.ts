// Typed wrappers around the 统计 commands (docs/app-commands.md: stats, stats_cases, stats_export; get_case and
// add_note for the ledger's 一案一策; open_limits for the 审限 status chart). Kept apart from api.ts so the 统计 panel and other screens can grow without
// touching the same file; errors are the same AppError with the back end's stable `code`.
import { invoke, isTauri } from '@tauri-apps/api/core'
import { AppError, NO_BACKEND, normalizeError, type CaseDetail } from '../api'

import type {
  Balance,
  BalanceMonth,
  Drill,
  DrillRole,
  DrillRow,
  Floor,
  Fraction,
  IndicatorDef,
  Indicators,
  LedgerRow,
  MonthRow,
  OpenLimit,
  StatsPanel,
  StatsQuery,
  UnknownLimit,
  Written,
} from '../generated/types'

// The types are generated from the Rust ones (../generated/types.ts: andu-stats, andu-docket and the app's
// commands); the names the 统计 screens know are given here.
export type { Balance, BalanceMonth, Drill, DrillRole, DrillRow, IndicatorDef, Indicators, LedgerRow, OpenLimit, StatsPanel, StatsQuery }
/** Numerator and denominator of a ratio, as in `indicators.terms`. */
export type Terms = Fraction
export type MonthlyRow = MonthRow
export type BalanceFloor = Floor
export type UnknownLimitCase = UnknownLimit

async function call<T>(command: string, args: Record<string, unknown>): Promise<T> {
  if (!isTauri()) throw new AppError(NO_BACKEND, '请在案牍桌面程序中打开')
  try {
    return await invoke<T>(command, args)
  } catch (e) {
    throw normalizeError(e)
  }
}

/** The scope of the 统计 panel without its period (the 审限 chart is of today, not of a period). */
export type LimitScope = Pick<StatsQuery, 'division' | 'judge' | 'procedure' | 'category'>

/** Drops blank scope members: "all" is an absent key, not an empty string. */
export function cleanStatsQuery(q: StatsQuery): StatsQuery {
  const out: StatsQuery = { from: q.from, to: q.to }
  for (const k of ['division', 'judge', 'procedure', 'category'] as const) {
    const v = q[k]?.trim()
    if (v) out[k] = v
  }
  return out
}

export const statsApi = {
  stats: (query: StatsQuery) => call<StatsPanel>('stats', { query: cleanStatsQuery(query) }),
  cases: (indicator: string, query: StatsQuery) =>
    call<Drill>('stats_cases', { indicator, query: cleanStatsQuery(query) }),
  exportXlsx: (query: StatsQuery, court?: string) => {
    const query_ = cleanStatsQuery(query)
    return call<Written>('stats_export', court ? { query: query_, court } : { query: query_ })
  },
  /** The cases behind one number as an .xlsx 案件清单 (stats_cases_export). */
  exportCases: (indicator: string, query: StatsQuery) =>
    call<Written>('stats_cases_export', { indicator, query: cleanStatsQuery(query) }),
  /** The case with its notes (get_case), for the 一案一策 dialog of the ledger. */
  getCase: (caseNo: string) => call<CaseDetail>('get_case', { caseNo }),
  /** Adds a note (add_note; notes are kept, never overwritten); the case comes back with it. */
  addNote: (caseNo: string, text: string) => call<CaseDetail>('add_note', { caseNo, text: text.trim() }),
  /** Every pending case's 审限 and tier today (or on `todayDate`) in the scope (the back end applies it, as for
   *  the other 统计 commands; blank members are absent keys). */
  openLimits: (scope: LimitScope = {}, todayDate?: string) => {
    const { from: _from, to: _to, ...scoped } = cleanStatsQuery({ from: '', to: '', ...scope })
    return call<OpenLimit[]>('open_limits', todayDate ? { ...scoped, todayDate } : scoped)
  },
}
