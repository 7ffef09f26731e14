// 设置 → 期间规则: the rule set in force by area, and checks on a court's rule file before it is read and sent to
// the back end (which checks the content with the deadline engine's own parser).
import type { RuleArea } from './api'
import { tomlFileProblem, type TomlFileProblem } from './definitionsFile'

/** The built-in files are 5–20 KB; anything far bigger is the wrong file. */
export const MAX_RULE_FILE_BYTES = 512 * 1024

/** Why a chosen file is refused before reading it, or '' when it may be read. */
export function ruleFileProblem(file: Pick<File, 'name' | 'size'>): TomlFileProblem {
  return tomlFileProblem(file, MAX_RULE_FILE_BYTES)
}

const ORDER = ['civil', 'criminal', 'admin', 'enforcement']

/** Areas in the order judges think of them (民事, 刑事, 行政, 执行); an unknown area last. */
export function sortedAreas(areas: readonly RuleArea[]): RuleArea[] {
  const rank = (a: RuleArea) => {
    const i = ORDER.indexOf(a.area)
    return i < 0 ? ORDER.length : i
  }
  return [...areas].sort((a, b) => rank(a) - rank(b) || a.area.localeCompare(b.area))
}
