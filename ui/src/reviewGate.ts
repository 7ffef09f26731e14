import { normalizeError } from './api'

/** A judgment export refused by 阅核 (`review_pending`): the message to show and whether the court lets the judge
 *  export anyway with a recorded reason (the editor then offers the override dialog). `null` for any other error. */
export interface ExportRefusal {
  message: string
  overrideAllowed: boolean
}

export function exportRefusal(raw: unknown): ExportRefusal | null {
  const e = normalizeError(raw)
  if (e.code !== 'review_pending') return null
  const d = e.detail
  const allowed = typeof d === 'object' && d !== null && (d as Record<string, unknown>).override_allowed === true
  return { message: e.message, overrideAllowed: allowed }
}

/** The override reason as recorded: trimmed; empty is no reason (the dialog refuses it before asking the app). */
export function overrideReason(text: string | null | undefined): string | null {
  const r = (text ?? '').trim()
  return r ? r : null
}
