// Logic of the "new case" form, kept out of the component so it can be unit-tested.
import type { CaseInput, FieldError, PartyInput } from './api'

export interface PartyRow extends PartyInput {
  /** Local key for v-for; never sent. */
  key: number
}

export interface CaseForm {
  case_no: string
  cause: string
  procedure: string
  filed: string
  court: string
  division: string
  judge: string
  assistant: string
  clerk: string
  parties: PartyRow[]
}

let nextKey = 1
export function newParty(role = '', kind: 'person' | 'org' = 'person'): PartyRow {
  return { key: nextKey++, role, name: '', kind }
}

export function emptyForm(): CaseForm {
  return {
    case_no: '',
    cause: '',
    procedure: '',
    filed: '',
    court: '',
    division: '',
    judge: '',
    assistant: '',
    clerk: '',
    parties: [newParty('原告'), newParty('被告')],
  }
}

/** The exact `add_case` input: the documented keys only (the back end rejects unknown fields), text trimmed. */
export function toCaseInput(f: CaseForm): CaseInput {
  return {
    case_no: f.case_no.trim(),
    cause: f.cause.trim(),
    procedure: f.procedure,
    filed: f.filed ?? '',
    court: f.court.trim(),
    division: f.division.trim(),
    judge: f.judge.trim(),
    assistant: f.assistant.trim(),
    clerk: f.clerk.trim(),
    parties: f.parties.map((p) => ({ role: p.role, name: p.name.trim(), kind: p.kind })),
  }
}

const TOP_FIELDS = ['case_no', 'cause', 'procedure', 'filed', 'court', 'division', 'judge', 'assistant', 'clerk', 'parties']
const PARTY_FIELD = /^parties\[(\d+)\](?:\.(role|name|kind))?$/

/**
 * Splits back-end field errors into those the form can show next to a field (keyed by path, e.g.
 * `parties[1].name`; a whole-row error `parties[1]` is kept as is) and the rest, shown above the form.
 */
export function placeFieldErrors(errors: FieldError[], partyCount: number) {
  const byField: Record<string, string> = {}
  const other: FieldError[] = []
  for (const e of errors) {
    const m = PARTY_FIELD.exec(e.field)
    const shown = TOP_FIELDS.includes(e.field) || (m !== null && Number(m[1]) < partyCount)
    if (!shown) {
      other.push(e)
      continue
    }
    byField[e.field] = byField[e.field] ? `${byField[e.field]}；${e.message}` : e.message
  }
  return { byField, other }
}

/** After a party row is removed, the errors of later rows no longer match their index: drop the party errors. */
export function withoutPartyErrors(byField: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(byField).filter(([k]) => !k.startsWith('parties[')))
}
