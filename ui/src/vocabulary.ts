// The choices of the case forms (结案方式, 审限扣除 grounds, 二审结果, the usual approvers, 诉讼地位) as the back end serves them (`case_vocabulary`,
// from andu-core's own lists): the UI keeps no copy that could drift from what the back end accepts.
import { ref, type Ref } from 'vue'
import { api, type CaseVocabulary } from './api'

const vocabulary = ref<CaseVocabulary>({ closing_methods: [], deduction_kinds: [], appeal_outcomes: [], approvers: [], party_roles: [] })
let loaded: Promise<void> | null = null

/** The served lists, loaded once per app run (empty until they arrive; a failure is retried on the next use). */
export function useCaseVocabulary(): Ref<CaseVocabulary> {
  if (!loaded) {
    loaded = api.caseVocabulary().then(
      (v) => {
        vocabulary.value = v
      },
      () => {
        loaded = null
      },
    )
  }
  return vocabulary
}
