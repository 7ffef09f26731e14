// The state every small 记录 form of a case shares (节点, 延长审限, 扣除审限, 排期开庭, 上诉): the messages under
// its fields, the ones no field holds, and whether a save is running.
import { ref } from 'vue'
import { NO_BACKEND, normalizeError, type FieldError } from './api'
import { formFieldErrors } from './deadlines'

/**
 * `list`/`rowField` say where the back end's messages go: `extensions[0].approved` → `approved`, a whole-row
 * message (`extensions[0]`) → `rowField`, a plain field (`by`) → itself.
 */
export function useRecordForm(list: 'extensions' | 'deductions' | 'hearings' | null, rowField: string) {
  const errors = ref<Record<string, string>>({})
  const otherErrors = ref<FieldError[]>([])
  const saving = ref(false)

  function clearError(field: string) {
    if (errors.value[field]) {
      const { [field]: _dropped, ...rest } = errors.value
      errors.value = rest
    }
  }

  /** Shows the form's own messages (field → message); true when there are none and the form may be sent. */
  function check(local: Record<string, string>): boolean {
    errors.value = local
    otherErrors.value = []
    return Object.keys(local).length === 0
  }

  /** Runs a save; a refusal is placed under its fields, anything else listed under the form. */
  async function submit(run: () => Promise<void>, rename: (f: FieldError) => FieldError = (f) => f): Promise<void> {
    saving.value = true
    try {
      await run()
    } catch (e) {
      const err = normalizeError(e)
      const fields = err.fieldErrors.map(rename)
      if (fields.length) {
        const placed = formFieldErrors(fields, list, rowField)
        errors.value = placed.byField
        otherErrors.value = placed.other
      } else if (err.code !== NO_BACKEND) {
        otherErrors.value = [{ field: '', code: err.code, message: err.message }]
      }
    } finally {
      saving.value = false
    }
  }

  return { errors, otherErrors, saving, clearError, check, submit }
}
