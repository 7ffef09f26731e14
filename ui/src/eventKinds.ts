import type { CaseEvent, EventKind } from './api'

/** 审限 events: a change of procedure or 重新计算审限, recorded as a 节点 like the others. */
export function isLimitKind(k: EventKind): boolean {
  return k.group === 'trial_limit'
}

/** The kind applies to a case under `procedure` (kinds without a list apply to any). */
export function appliesTo(k: EventKind, procedure: string | undefined): boolean {
  return !procedure || !k.procedures?.length || k.procedures.includes(procedure)
}

export interface KindGroup {
  group: 'trial_limit' | 'period'
  kinds: EventKind[]
}

/**
 * The choices of the 节点 form, 审限 events first: only those that fit the case's procedure (a criminal restart is
 * not offered on a civil case), then the period triggers. `limitOnly`: the 审限变更 tab's form.
 */
export function groupEventKinds(kinds: EventKind[], procedure?: string, limitOnly = false): KindGroup[] {
  const limit = kinds.filter((k) => isLimitKind(k) && appliesTo(k, procedure))
  const periods = limitOnly ? [] : kinds.filter((k) => !isLimitKind(k))
  const groups: KindGroup[] = []
  if (limit.length) groups.push({ group: 'trial_limit', kinds: limit })
  if (periods.length) groups.push({ group: 'period', kinds: periods })
  return groups
}

/** The recorded 节点 that changed the 审限, oldest first (the 审限变更 tab's table). */
export function limitEvents(events: CaseEvent[], kinds: EventKind[]): CaseEvent[] {
  const ids = new Set(kinds.filter(isLimitKind).map((k) => k.id))
  return events.filter((e) => ids.has(e.kind)).sort((a, b) => a.date.localeCompare(b.date))
}
