// The 统计 panel's 未结案件审限状态 chart: every pending case's 审限 (open_limits) narrowed to the panel's scope
// (审判庭/承办法官/程序/案件类别) and grouped by tier. open_limits is not scoped, so the filter runs here.
// Pure functions (no Vue, no back end): unit-tested in statsLimits.test.ts.
import type { OpenLimit, StatsQuery } from './api/stats'
import { isTier, tierMeta } from './deadlines'
import type { Tier } from './api'

/** A tier, or `unknown` for a 审限 that cannot be computed (无法计算). */
export type LimitTier = Tier | 'unknown'

/** The bars, left to right: 正常/远期/中期/紧急/超期/中止/无法计算. */
export const LIMIT_TIERS: readonly LimitTier[] = ['normal', 'early', 'middle', 'urgent', 'overdue', 'suspended', 'unknown']

/** 无法计算 is not a tier of 今日: a brown-grey apart from 正常's grey. */
export const UNKNOWN_COLOR = '#8d6e63'

/** The bar colour: the tier's colour on 今日 (deadlines.ts), or UNKNOWN_COLOR. */
export function limitTierColor(tier: LimitTier): string {
  return tier === 'unknown' ? UNKNOWN_COLOR : tierMeta(tier).color
}

/** The tier a case counts under: none → unknown; a tier this UI does not know (a newer back end) → like 正常. */
export function limitTier(row: Pick<OpenLimit, 'tier'>): LimitTier {
  if (row.tier === null || row.tier === undefined) return 'unknown'
  return isTier(row.tier) ? row.tier : 'normal'
}

export type CaseCategory = 'civil' | 'criminal' | 'administrative' | 'enforcement' | 'other'

/** 案件类别 of a procedure id: civil-* and small-claims 民事, criminal-* 刑事, admin-* 行政, enforcement 执行. */
export function procedureCategory(procedure: string): CaseCategory {
  const p = procedure.trim()
  if (p.startsWith('civil-') || p === 'small-claims') return 'civil'
  if (p.startsWith('criminal-')) return 'criminal'
  if (p.startsWith('admin-')) return 'administrative'
  if (p === 'enforcement') return 'enforcement'
  return 'other'
}

const CATEGORY_WORDS: Record<string, CaseCategory> = {
  civil: 'civil',
  民事: 'civil',
  criminal: 'criminal',
  刑事: 'criminal',
  administrative: 'administrative',
  admin: 'administrative',
  行政: 'administrative',
  enforcement: 'enforcement',
  执行: 'enforcement',
  other: 'other',
  其他: 'other',
}

/** The category of the query (`civil` or `民事`…); null when blank (all). An unknown word matches nothing. */
function queryCategory(category: string | undefined): CaseCategory | 'none' | null {
  const c = category?.trim()
  if (!c) return null
  return CATEGORY_WORDS[c.toLowerCase()] ?? 'none'
}

export type LimitScope = Pick<StatsQuery, 'division' | 'judge' | 'procedure' | 'category'>

/** Is the case inside the scope? Blank scope members mean "all", like the 统计 commands. */
export function inLimitScope(row: OpenLimit, scope: LimitScope): boolean {
  const same = (want: string | undefined, have: string) => !want?.trim() || want.trim() === have.trim()
  if (!same(scope.division, row.division) || !same(scope.judge, row.judge) || !same(scope.procedure, row.procedure)) return false
  const cat = queryCategory(scope.category)
  return cat === null || cat === procedureCategory(row.procedure)
}

export interface LimitGroup {
  tier: LimitTier
  /** most pressing first: fewest days left (overdue first), then 案号; 无法计算 by 案号 */
  rows: OpenLimit[]
}

/** The cases of the scope by tier, every tier of LIMIT_TIERS present (empty ones too), in that order. */
export function groupLimits(rows: readonly OpenLimit[], scope: LimitScope = {}): LimitGroup[] {
  const groups = new Map<LimitTier, OpenLimit[]>(LIMIT_TIERS.map((t) => [t, []]))
  for (const r of rows) if (inLimitScope(r, scope)) groups.get(limitTier(r))!.push(r)
  const days = (r: OpenLimit) => r.days_left ?? Number.POSITIVE_INFINITY
  return LIMIT_TIERS.map((tier) => ({
    tier,
    rows: groups.get(tier)!.sort((a, b) => days(a) - days(b) || a.case_no.localeCompare(b.case_no, 'zh-CN')),
  }))
}
