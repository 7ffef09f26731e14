// The 统计 panel's 未结案件审限状态 chart: the pending cases' 审限 in the panel's scope (open_limits applies the
// scope, as the other 统计 commands do) grouped by tier.
// Pure functions (no Vue, no back end): unit-tested in statsLimits.test.ts.
import type { OpenLimit } from './api/stats'
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

export interface LimitGroup {
  tier: LimitTier
  /** most pressing first: fewest days left (overdue first), then 案号; 无法计算 by 案号 */
  rows: OpenLimit[]
}

/** The cases by tier, every tier of LIMIT_TIERS present (empty ones too), in that order. */
export function groupLimits(rows: readonly OpenLimit[]): LimitGroup[] {
  const groups = new Map<LimitTier, OpenLimit[]>(LIMIT_TIERS.map((t) => [t, []]))
  for (const r of rows) groups.get(limitTier(r))!.push(r)
  const days = (r: OpenLimit) => r.days_left ?? Number.POSITIVE_INFINITY
  return LIMIT_TIERS.map((tier) => ({
    tier,
    rows: groups.get(tier)!.sort((a, b) => days(a) - days(b) || a.case_no.localeCompare(b.case_no, 'zh-CN')),
  }))
}
