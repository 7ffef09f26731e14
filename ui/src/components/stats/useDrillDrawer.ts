// The 统计 panel's drill-down drawer: which cases it lists (the cases behind a number, a slice of them picked on a
// chart, or a 审限 tier's pending cases), the drill-downs of the current query it fetched (the charts share them),
// and exporting a whole drill-down as it stands. Stats.vue renders <StatsDrill> from `drawer`.
import { reactive } from 'vue'
import { statsApi, type Drill, type DrillRow, type OpenLimit, type StatsQuery } from '../../api/stats'
import { CARDS, rowsInMonth } from '../../statsHelpers'
import { reportError } from '../../state'
import type { Translate } from '../../statsCharts'

/** A part of a drill-down: one month, one judge, or rows picked on the age chart (`ageMonths` names them). */
export interface DrillFilter {
  month?: string
  judge?: string
  ageMonths?: number
  rows?: DrillRow[]
}

export interface DrillDrawerDeps {
  /** The query of the panel as it stands (the drill-downs are of it). */
  query: () => StatsQuery
  /** An indicator's name from the definitions, and its card's value as shown. */
  name: (key: string) => string
  cardValue: (key: string) => string
  t: Translate
  /** Called after an export: where the file went. */
  exported: (path: string) => void
}

export function useDrillDrawer(deps: DrillDrawerDeps) {
  const drawer = reactive({
    open: false,
    title: '',
    valueText: '',
    rows: [] as DrillRow[] | OpenLimit[],
    loading: false,
    showRole: false,
    kind: 'indicator' as 'indicator' | 'limits',
    /** Set when the drawer lists all the cases behind a number, which can then be exported as they are. */
    exportIndicator: '',
  })
  let seq = 0
  /** Drill-downs of the current query, by indicator. */
  let drills = new Map<string, Promise<Drill>>()

  /** The query changed: drill-downs fetched before are of another one. */
  function forget() {
    drills = new Map()
  }

  function drill(indicator: string): Promise<Drill> {
    let p = drills.get(indicator)
    if (!p) {
      p = statsApi.cases(indicator, deps.query())
      drills.set(indicator, p)
      p.catch(() => drills.delete(indicator))
    }
    return p
  }

  async function openDrill(indicator: string, filter: DrillFilter = {}) {
    const { t } = deps
    const mine = ++seq
    const name = deps.name(indicator)
    Object.assign(drawer, { open: true, loading: true, rows: [], title: name, valueText: '', showRole: false, kind: 'indicator', exportIndicator: '' })
    try {
      const d = await drill(indicator)
      if (mine !== seq) return
      let rows = filter.rows ?? d.cases
      if (filter.month) rows = rowsInMonth(indicator, rows, filter.month)
      if (filter.judge !== undefined) rows = rows.filter((r) => r.judge === filter.judge)
      const n = rows.length
      drawer.rows = rows
      drawer.showRole = rows.some((r) => r.role !== 'counted')
      if (filter.month) drawer.title = t('stats.drill.titleMonth', { name, month: filter.month, n })
      else if (filter.judge !== undefined) drawer.title = t('stats.drill.titleJudge', { name, judge: filter.judge, n })
      else if (filter.ageMonths !== undefined) drawer.title = t('stats.drill.titleAge', { name, months: filter.ageMonths, n })
      else drawer.title = t('stats.drill.title', { name, n })
      const isWhole = !filter.month && filter.judge === undefined && filter.ageMonths === undefined
      drawer.valueText = isWhole && CARDS.some((c) => c.key === indicator) ? t('stats.drill.value', { value: deps.cardValue(indicator) }) : ''
      drawer.exportIndicator = isWhole && !filter.rows ? indicator : ''
    } catch (e) {
      if (mine === seq) {
        drawer.open = false
        reportError(e)
      }
    } finally {
      if (mine === seq) drawer.loading = false
    }
  }

  /** Today's pending cases of one 审限 tier (already loaded: nothing to fetch). */
  function openLimits(rows: OpenLimit[], title: string) {
    if (!rows.length) return
    seq++ // an indicator drill-down still loading must not replace these rows
    Object.assign(drawer, { open: true, loading: false, rows, title, valueText: '', showRole: false, kind: 'limits', exportIndicator: '' })
  }

  async function exportDrill() {
    if (!drawer.exportIndicator) return
    try {
      const { path } = await statsApi.exportCases(drawer.exportIndicator, deps.query())
      deps.exported(path)
    } catch (e) {
      reportError(e)
    }
  }

  return { drawer, drill, forget, openDrill, openLimits, exportDrill }
}
