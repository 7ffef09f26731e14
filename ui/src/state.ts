// Small app-wide state shared between views (no store library needed at this size).
import { reactive, ref } from 'vue'
import { ElMessage } from 'element-plus'
import {
  api,
  AppError,
  inDesktopShell,
  NO_BACKEND,
  normalizeError,
  onRemindersUpdated,
  type CaseStatus,
  type DocTemplate,
  type EventKind,
  type Facets,
} from './api'
import { i18n } from './i18n'
import { reviewApi, type ReviewNav } from './api/review'

/** Bumped whenever cases were created in bulk (demo store), so open lists reload. */
export const dataVersion = ref(0)

/** Facets (judges, procedures) are cached and reloaded when data changes. */
export const facets = ref<Facets>({ judges: [], procedures: [], categories: [] })
let facetsVersion = -1
export async function loadFacets(force = false): Promise<Facets> {
  if (force || facetsVersion !== dataVersion.value) {
    facets.value = await api.listFacets()
    facetsVersion = dataVersion.value
  }
  return facets.value
}

/** The case list keeps its filters, search text and page while the user visits a case and comes back. */
export const listState = reactive({
  query: '',
  status: '' as '' | CaseStatus,
  procedure: '',
  judge: '',
  page: 1,
})

/** Shows an error to the user with the back end's message. Errors for "no back end" are silent: a banner says so. */
export function reportError(e: unknown): AppError {
  const err = normalizeError(e)
  if (err.code !== NO_BACKEND) {
    ElMessage({ type: 'error', message: err.message || i18n.global.t('common.unknownError'), showClose: true, duration: 6000 })
  }
  return err
}

/** The event kinds that start periods (they never change while the app runs). */
export const eventKinds = ref<EventKind[]>([])
let eventKindsP: Promise<EventKind[]> | null = null
export function loadEventKinds(): Promise<EventKind[]> {
  if (!eventKindsP) {
    eventKindsP = api.eventKinds().then(
      (kinds) => (eventKinds.value = kinds),
      (e: unknown) => {
        eventKindsP = null
        throw e
      },
    )
  }
  return eventKindsP
}

/** The 文书 templates: the built-ins, and the court's (which change only when a sync brings new ones). */
export const docTemplates = ref<DocTemplate[]>([])
let docTemplatesP: Promise<DocTemplate[]> | null = null
/**
 * A sync downloaded something: cases, or published data (court templates, rule files…). Views that watch
 * `dataVersion` reload; the template list is asked for again if it had been loaded.
 */
export function refreshAfterPull(): void {
  dataVersion.value++
  if (docTemplatesP) {
    docTemplatesP = null
    void loadDocTemplates().catch(() => {})
  }
}

export function loadDocTemplates(): Promise<DocTemplate[]> {
  if (!docTemplatesP) {
    docTemplatesP = api.docTemplates().then(
      (list) => (docTemplates.value = list),
      (e: unknown) => {
        docTemplatesP = null
        throw e
      },
    )
  }
  return docTemplatesP
}

/**
 * The count on the 今日 nav item: what is urgent, overdue or due today and not done/snoozed. The back end's
 * `reminders-updated` event is the source; the start-up check may run before the page listens, so the count is
 * also asked once with `reminder_count` (the tray's own number). An event that arrives first wins.
 */
export const urgentBadge = ref<number | null>(null)
let badgeStarted = false
export async function startReminderBadge(): Promise<() => void> {
  if (badgeStarted || !inDesktopShell()) return () => {}
  badgeStarted = true
  let fromEvent = false
  const stop = await onRemindersUpdated(({ urgent }) => {
    fromEvent = true
    urgentBadge.value = urgent
  }).catch(() => () => {})
  api
    .reminderCount()
    .then((n) => {
      if (!fromEvent) urgentBadge.value = Number.isFinite(n) && n > 0 ? Math.floor(n) : 0
    })
    .catch(() => {})
  return () => {
    stop()
    badgeStarted = false
  }
}

/** The 待我阅核 entry: shown to whoever reviews cases, with the count of cases waiting. Asked again when the store
 *  opens, after a sync brought data, and when the queue changes. */
export const reviewNav = ref<ReviewNav>({ shown: false, waiting: 0 })
export async function refreshReviewNav(): Promise<void> {
  if (!inDesktopShell()) return
  try {
    reviewNav.value = await reviewApi.nav()
  } catch {
    // A store being switched or closed: keep what is shown; the next refresh corrects it.
  }
}
