// Typed wrappers around the 统计 commands (docs/app-commands.md: stats, stats_cases, stats_export; get_case and
// add_note for the ledger's 一案一策; open_limits for the 审限 status chart). Kept apart from api.ts so the 统计 panel and other screens can grow without
// touching the same file; errors are the same AppError with the back end's stable `code`.
import { invoke, isTauri } from '@tauri-apps/api/core'
import { AppError, NO_BACKEND, normalizeError, type CaseDetail, type ErrorBody, type Provisional, type Tier } from '../api'

/** The query of every 统计 command. Empty scope members are dropped before sending (see `cleanStatsQuery`). */
export interface StatsQuery {
  /** YYYY-MM-DD, both ends included */
  from: string
  to: string
  division?: string
  judge?: string
  /** procedure id, e.g. `civil-simple` */
  procedure?: string
  /** 民事/刑事/行政/执行 (or civil/criminal/administrative/enforcement) */
  category?: string
}

/** Numerator and denominator of a ratio, as in `indicators.terms`. */
export interface Terms {
  numerator: number
  denominator: number
}

export interface MonthlyRow {
  month: string
  from: string
  to: string
  received: number
  closed: number
  cumulative_received: number
  cumulative_closed: number
  progress: number | null
}

export interface BalanceFloor {
  month: number
  progress: number
}

export interface BalanceMonth {
  month: string
  closed: number
  year_closed: number
  share_of_year: number | null
  ytd_closed: number
  ytd_handled: number
  ytd_progress: number | null
  floor: number | null
  meets_floor: boolean | null
}

export interface Balance {
  floors: BalanceFloor[]
  months: BalanceMonth[]
  below_floor: string[]
}

export interface UnknownLimitCase {
  case_no: string
  code: string
  message: string
}

/** `andu stats --json`. Ratios are fractions (0–1, some may exceed 1) or null when the denominator is 0. */
export interface Indicators {
  definitions_version: string
  period: { from: string; to: string }
  received: number
  pending_start: number
  closed: number
  pending_end: number
  closure_rate: number | null
  close_receive_ratio: number | null
  within_limit: number
  within_limit_unknown: number
  within_limit_unknown_cases?: UnknownLimitCase[]
  within_limit_rate: number | null
  avg_days: number | null
  avg_net_days: number | null
  over_12m_pending: number
  over_18m_pending: number
  over_36m_pending: number
  over_12m_ratio: number | null
  mediation_withdrawal_rate: number | null
  extension_rate: number | null
  appeal_rate: number | null
  reversed: number
  remanded: number
  reversal_remand_ratio: number | null
  litigation_per_10k: number | null
  case_matter_ratio: number | null
  monthly: MonthlyRow[]
  balance: Balance
  terms: Record<string, Terms>
  warnings: string[]
}

export interface IndicatorDef {
  key: string
  name: string
  definition: string
  formula: string
  /** Starts with 存疑（UNSURE）; absent when the definition is settled. */
  unsure?: string
}

export interface LedgerRow {
  case_no: string
  cause: string
  judge: string
  division: string
  procedure: string
  filed: string
  age_days: number
  age_months: number
  /** 12, 18 or 36 */
  over_months: number
  deducted_days: number
  extensions: number
}

export interface StatsPanel {
  indicators: Indicators
  definitions: IndicatorDef[]
  definitions_name: string
  ledger: LedgerRow[]
  divisions: string[]
  judges: string[]
}

export type DrillRole = 'counted' | 'numerator_and_denominator' | 'numerator' | 'denominator' | 'excluded'

export interface DrillRow {
  case_no: string
  cause: string
  judge: string
  division: string
  procedure: string
  filed: string
  closed: string | null
  closing_method: string | null
  role: DrillRole
  month?: string
  days?: number
  due?: string
  /** For a case pending at the period's end: whole months pending, as the 超 N 个月未结 indicators count them. */
  months_pending?: number
  why: string
}

export interface Drill {
  indicator: string
  name: string
  definitions_version: string
  value: unknown
  count: number
  cases: DrillRow[]
}

/** One pending case's 审限 on the day asked (open_limits); `tier` null when it cannot be computed (`error` says why). */
export interface OpenLimit {
  case_no: string
  cause: string
  judge: string
  division: string
  /** procedure id, e.g. `civil-simple` */
  procedure: string
  filed: string
  due: string | null
  days_left: number | null
  fraction_elapsed: number | null
  tier: Tier | null
  /** 正常…中止, or 无法计算 */
  tier_name: string
  error: ErrorBody | null
  /** Set when `due` is provisional (its year has no holiday data yet): shown 暂定 with the reason, as on 今日. */
  provisional?: Provisional | null
}

async function call<T>(command: string, args: Record<string, unknown>): Promise<T> {
  if (!isTauri()) throw new AppError(NO_BACKEND, '请在案牍桌面程序中打开')
  try {
    return await invoke<T>(command, args)
  } catch (e) {
    throw normalizeError(e)
  }
}

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
    return call<{ path: string }>('stats_export', court ? { query: query_, court } : { query: query_ })
  },
  /** The cases behind one number as an .xlsx 案件清单 (stats_cases_export). */
  exportCases: (indicator: string, query: StatsQuery) =>
    call<{ path: string }>('stats_cases_export', { indicator, query: cleanStatsQuery(query) }),
  /** The case with its notes (get_case), for the 一案一策 dialog of the ledger. */
  getCase: (caseNo: string) => call<CaseDetail>('get_case', { caseNo }),
  /** Adds a note (add_note; notes are kept, never overwritten); the case comes back with it. */
  addNote: (caseNo: string, text: string) => call<CaseDetail>('add_note', { caseNo, text: text.trim() }),
  /** Every pending case's 审限 and tier today (or on `todayDate`); not scoped: filter with statsLimits.ts. */
  openLimits: (todayDate?: string) => call<OpenLimit[]>('open_limits', todayDate ? { todayDate } : {}),
}
