// Small app-wide state shared between views (no store library needed at this size).
import { reactive, ref } from 'vue'
import { ElMessage } from 'element-plus'
import { api, AppError, NO_BACKEND, normalizeError, type CaseStatus, type Facets } from './api'
import { i18n } from './i18n'

/** Bumped whenever cases were created in bulk (demo store), so open lists reload. */
export const dataVersion = ref(0)

/** Facets (judges, procedures) are cached and reloaded when data changes. */
export const facets = ref<Facets>({ judges: [], procedures: [] })
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
