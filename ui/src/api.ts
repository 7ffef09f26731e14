// Typed wrappers around the Tauri commands documented in docs/app-commands.md. This is the only module that calls
// `invoke`; views never pass command names or argument objects themselves.
import { invoke, isTauri } from '@tauri-apps/api/core'
import { listen } from '@tauri-apps/api/event'

// ---- types (exactly as in docs/app-commands.md) -----------------------------------------------------------

export type CaseStatus = 'pending' | 'closed'

export interface StoreStatus {
  path: string
  case_count: number
  is_new: boolean
}

export interface CaseFilter {
  status?: CaseStatus
  procedure?: string
  judge?: string
  query?: string
}

export interface CaseSummary {
  id: string
  case_no: string
  cause: string
  procedure: string
  procedure_name: string
  filed: string
  status: CaseStatus
  closed: string | null
  judge: string
  division: string
  /** e.g. "张三 诉 某某科技有限公司" */
  parties: string
}

export interface CasePage {
  total: number
  items: CaseSummary[]
}

export interface ProcedureFacet {
  id: string
  name: string
}

export interface Facets {
  judges: string[]
  procedures: ProcedureFacet[]
}

export interface Party {
  id: string
  role: string
  name: string
  kind: 'person' | 'org'
  id_number: string | null
  address: string | null
  phone: string | null
  agent: string | null
  foreign: boolean
}

export interface CaseEvent {
  id: string
  kind: string
  date: string
  /** The party the event concerns (送达判决书 to 张三), when recorded. */
  party?: string | null
  note: string
}

export interface Hearing {
  id: string
  start: string
  room: string
}

export interface Extension {
  id: string
  approved: string
  months: number | null
  days: number | null
  by: string
  reason: string | null
}

export interface Deduction {
  id: string
  kind: string
  from: string
  to: string
  approved_by: string | null
  reason: string | null
}

export interface Note {
  id: string
  text: string
  created: string
}

export interface Appeal {
  id: string
  filed: string
  outcome: string | null
}

export interface CaseDetail extends CaseSummary {
  court: string
  assistant: string
  clerk: string
  custody: boolean
  /** 合议庭: `审判长 张某、审判员 王建国、人民陪审员 李某`; '' for a judge sitting alone. */
  panel: string
  closing_method: string | null
  parties_list: Party[]
  events: CaseEvent[]
  hearings: Hearing[]
  extensions: Extension[]
  deductions: Deduction[]
  appeal: Appeal | null
  notes: Note[]
  /** 文书 generated for this case (the store lists them oldest first). */
  documents: DocumentRow[]
}

/** A generated document recorded on the case. `created` is a stored instant (UTC). */
export interface DocumentRow {
  id: string
  /** e.g. `传票（张三）` */
  name: string
  /** e.g. `builtin:传票` */
  template: string
  party: string | null
  path: string
  created: string
}

export interface ChangeEntry {
  seq: number
  entity: string
  entity_id: string
  field: string | null
  old: string | null
  new: string | null
  at: string
  device: string
}

export interface SearchHit {
  case_no: string
  cause: string
  parties: string
  judge: string
  status: string
  matched: string
  score: number
}

export interface PartyInput {
  role: string
  name: string
  kind: 'person' | 'org'
  id_number?: string
  address?: string
  phone?: string
  agent?: string
  foreign?: boolean
}

/** The JSON Lines import shape, restricted to what the UI's add form sends (the back end denies unknown fields). */
export interface CaseInput {
  case_no: string
  cause: string
  procedure: string
  filed: string
  court: string
  division: string
  judge: string
  assistant: string
  clerk: string
  parties: PartyInput[]
}

/** Fields `set_case_field` accepts (names as in the import format). */
export type EditableField =
  | 'cause'
  | 'judge'
  | 'assistant'
  | 'clerk'
  | 'division'
  | 'court'
  | 'procedure'
  | 'filed'
  | 'closed'
  | 'closing_method'
  | 'custody'
  | 'panel'

/** One entry of `detail` for case validation errors, e.g. `{field: "parties[1].name", code: "field_required", …}`. */
export interface FieldError {
  field: string
  code: string
  message: string
}

// ---- deadlines (节点提醒) -----------------------------------------------------------------------------------

/** 正常/远期/中期/紧急/超期/中止 */
export type Tier = 'normal' | 'early' | 'middle' | 'urgent' | 'overdue' | 'suspended'

/** The `{code, message, detail}` body of a back-end error, when it travels inside a result. */
export interface ErrorBody {
  code: string
  message: string
  detail?: unknown
}

/** An event kind (节点) and what it means: `period` kinds trigger statutory periods (`送达判决书`), `trial_limit`
 * kinds change the 审限 itself (`简易程序转普通程序`, `补充侦查完毕移送`). */
export interface EventKind {
  id: string
  meaning: string
  group?: 'period' | 'trial_limit'
  /** Procedure ids the kind applies to; empty or absent: any. */
  procedures?: string[]
}

export interface EventInput {
  kind: string
  /** YYYY-MM-DD */
  date: string
  party?: string
  note?: string
}

/** 延长审限: `months` or `days`, exactly one. */
export interface ExtensionInput {
  approved: string
  months?: number
  days?: number
  by: string
  reason?: string
}

/** 审限扣除: both end days are deducted (a setting of this system, domain.md §0). */
export interface DeductionInput {
  kind: string
  from: string
  to: string
  approved_by?: string
  reason?: string
}

/** A date counted before its year's holiday table was imported (domain.md §0): the nominal day, never later than
 *  the true one, shown 暂定 with the reason; `code` is always `holiday_data_missing`. */
export interface Provisional {
  year: number
  date: string
  code: string
  reason: string
}

export interface TrialLimitStatus {
  today: string
  due: string
  /** 0 on the last day, negative when overdue; while suspended, the days left when the clock stopped. */
  days_left: number
  /** Share of the counted days elapsed; above 1 when overdue. */
  fraction_elapsed: number
  tier: Tier
  tier_name: string
}

export interface TrialLimitView {
  procedure: string
  filed: string
  start?: string
  nominal: string
  due: string
  deducted_days: number
  extended_by: number
  suspended_since?: string | null
  citation: string
  explanation: string[]
  /** The explanation lines of a change of procedure (简易程序转普通程序) or a 重新计算审限, when there is one. */
  changes?: string[]
  warnings?: string[]
  /** The last day to ask for an extension (SPC-2019 art 1 ¶2, CrimPL-I 210 ¶2…); null where none is possible. */
  extension_request?: { by: string; days_before: number; citation: string; provisional?: Provisional | null } | null
  /** Set when `due` is provisional (its year has no holiday data yet). */
  provisional?: Provisional | null
  status: TrialLimitStatus
}

export interface DeadlineView {
  rule_id: string
  name: string
  party: string | null
  trigger_event: string
  trigger_date: string
  nominal: string
  due: string
  citation: string
  explanation: string[]
  warnings?: string[]
  note?: string
  /** Set when `due` is provisional (its year, or that of the service it runs from, has no holiday data yet). */
  provisional?: Provisional | null
  /** The party's filing posted while the period ran (节点 当事人交邮): in time when posted by the last day (CPL 85 ¶4);
   *  `in_time` null while the last day is only provisional. */
  posted?: { date: string; in_time: boolean | null }
  days_left: number
  remind_on: string
  tier: Tier
  tier_name: string
}

export interface UnresolvedDeadline {
  rule_id: string
  name: string
  party: string | null
  trigger_event: string
  trigger_date: string
  error: ErrorBody
}

export interface CaseDeadlines {
  case_no: string
  closed: boolean
  trial_limit: TrialLimitView | null
  trial_limit_error: ErrorBody | null
  deadlines: DeadlineView[]
  unresolved: UnresolvedDeadline[]
}

export type DueKind = 'trial_limit' | 'period' | 'hearing'

export interface DueItem {
  /** Stable identity of the reminder: what 完成/稍后提醒 are recorded against. */
  key: string
  done: boolean
  snoozed_until: string | null
  case_no: string
  cause: string
  judge: string
  kind: DueKind
  name: string
  party: string | null
  due: string
  /** Hearings: `YYYY-MM-DDTHH:MM`. */
  time?: string
  /** Hearings: the courtroom (`第一法庭`). */
  room?: string
  days_left: number
  tier: Tier
  tier_name: string
  citation: string
  explanation: string[]
  /** Set when `due` is provisional: shown 暂定, reminded on that date. */
  provisional?: Provisional | null
}

/** Why a 今日 row falls on its day (`due_explanation`): 今日's list comes without it. */
export interface ItemExplanation {
  key: string
  citation: string
  explanation: string[]
}

export interface UnresolvedItem {
  case_no: string
  name: string
  error: ErrorBody
}

export interface DueReport {
  today: string
  within_days: number
  items: DueItem[]
  unresolved: UnresolvedItem[]
}

export interface IcsExport {
  path: string
  count: number
}

/** An open deadline whose last day a newly imported holiday year changes; `null`: could not be computed. */
export interface MovedDeadline {
  case_no: string
  name: string
  party: string | null
  from: string | null
  to: string | null
  /** `from` was a provisional date (暂定), now corrected by the imported year. */
  from_provisional?: boolean
}

/** One area of the 期间规则 in force (`rule_areas`). */
export interface RuleArea {
  /** `civil`, `criminal`, `admin`, `enforcement`. */
  area: string
  version: string
  /** `court`: the court's file (published at sync or imported here), else the built-in one. */
  source: 'court' | 'builtin'
}

/** Result of `import_rule_file` / `reset_rule_file`: the area, its version now, the deadlines that moved. */
export interface RuleImport {
  area: string
  version: string
  moved: MovedDeadline[]
}

/** The reminder tiers (提醒阈值) as `andu reminders show --json` prints them. */
export interface ReminderSettings {
  /** 远期: this share of the 审限 has elapsed (0–1). */
  early_fraction: number
  /** 中期, civil and enforcement: at most this many days left. */
  middle_days_civil: number
  /** 中期, criminal and administrative. */
  middle_days_criminal_admin: number
  /** 紧急: at most this many days left. */
  urgent_days: number
  /** Party periods: remind this many days before the last day. */
  party_days_before: number
}

/** `reminder_settings` and friends: the thresholds in force and the built-in ones. */
export interface ReminderThresholds {
  settings: ReminderSettings
  defaults: ReminderSettings
}

/** The indicator definitions the statistics use (`custom`: the court's imported file). */
export interface DefinitionsInfo {
  custom: boolean
  name: string
  version: string
  indicators: number
}

/** Result of `import_holiday_year`: the year now covered and every open deadline it moved. */
export interface HolidayImport {
  year: number
  moved: MovedDeadline[]
}

/** One holiday of a pasted notice: its days off and its 调休上班 days (`YYYY-MM-DD`). */
export interface NoticeHoliday {
  name: string
  off: string[]
  work: string[]
}

/** Result of `parse_holiday_notice`: nothing stored; `json` is what `import_holiday_year` takes. */
export interface ParsedNotice {
  year: number
  holidays: NoticeHoliday[]
  json: string
}

// ---- 文书 ---------------------------------------------------------------------------------------------------

/** A document template (`doc_templates`): built in, or published by the court server. */
export interface DocTemplate {
  name: string
  /** What `generate_documents` takes: `builtin:传票`, `court:传票（本院）`. */
  template: string
  description: string
  /** Who receives it when no party is chosen (`被告`); null: no default addressee. */
  addressee_role: string | null
  /** `court`: the court's own template, received at sync. */
  source: 'builtin' | 'court'
}

/** Result of `generate_documents`: one path per file, and per file the fields the case did not have. */
export interface GeneratedDocuments {
  paths: string[]
  missing: string[][]
  case: CaseDetail
}

/** Payload of the `doc-progress` event while documents are generated. */
export interface DocProgress {
  done: number
  total: number
}

export const DOC_PROGRESS = 'doc-progress'

/** One case of `generate_documents_batch`: its file and blank fields, or why it failed (the others went on). */
export interface BatchItem {
  /** As asked for. */
  case_no: string
  /** The stored 案号, once the case was found. */
  canonical: string | null
  path: string | null
  missing: string[]
  error: ErrorBody | null
}

/** Result of `generate_documents_batch`: the folder the files went into and one item per case asked for. */
export interface BatchGenerated {
  dir: string
  items: BatchItem[]
}

/** Payload of the `doc-batch-progress` event, after each case of a batch. */
export interface BatchProgress {
  done: number
  total: number
  case_no: string
  ok: boolean
}

export const DOC_BATCH_PROGRESS = 'doc-batch-progress'

/** Payload of the `reminders-updated` event the background reminder check emits. */
export interface RemindersUpdated {
  urgent: number
}

export const REMINDERS_UPDATED = 'reminders-updated'

// ---- errors -----------------------------------------------------------------------------------------------

/** Code used when the page is not running inside the desktop shell (no back end to talk to). */
export const NO_BACKEND = 'no_backend'
/** Code used when the back end rejected with something that is not an ErrorBody. */
export const UNKNOWN_ERROR = 'unknown'

export class AppError extends Error {
  readonly code: string
  readonly detail: unknown

  constructor(code: string, message: string, detail: unknown = null) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.detail = detail
  }

  /** The per-field errors in `detail`, when the back end sent them (validation errors); otherwise empty. */
  get fieldErrors(): FieldError[] {
    return toFieldErrors(this.detail)
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * Turns whatever `invoke` rejected with into an AppError. The contract says an ErrorBody object, but a panic, a
 * missing command or a serialisation failure in the shell rejects with a plain string, and an ErrorBody may
 * arrive JSON-encoded as a string.
 */
export function normalizeError(raw: unknown): AppError {
  if (raw instanceof AppError) return raw
  if (typeof raw === 'string') {
    const text = raw.trim()
    if (text.startsWith('{')) {
      try {
        return normalizeError(JSON.parse(text))
      } catch {
        // not JSON after all: fall through and show the text
      }
    }
    return new AppError(UNKNOWN_ERROR, text || UNKNOWN_ERROR)
  }
  if (isRecord(raw)) {
    const code = typeof raw.code === 'string' && raw.code ? raw.code : UNKNOWN_ERROR
    let message: string
    if (typeof raw.message === 'string' && raw.message) message = raw.message
    else if (typeof raw.error === 'string' && raw.error) message = raw.error
    else message = code
    return new AppError(code, message, raw.detail ?? null)
  }
  if (raw instanceof Error) return new AppError(UNKNOWN_ERROR, raw.message || String(raw))
  if (raw === undefined || raw === null) return new AppError(UNKNOWN_ERROR, UNKNOWN_ERROR)
  return new AppError(UNKNOWN_ERROR, String(raw))
}

/** Picks the `{field, code, message}` entries out of an error's `detail`; anything else is ignored. */
export function toFieldErrors(detail: unknown): FieldError[] {
  if (!Array.isArray(detail)) return []
  return detail.filter(
    (d): d is FieldError => isRecord(d) && typeof d.field === 'string' && typeof d.message === 'string',
  ).map((d) => ({ field: d.field, code: typeof d.code === 'string' ? d.code : '', message: d.message }))
}

/** Groups field errors by path (`parties[1].name` → its messages joined), for showing next to form items. */
export function fieldErrorMap(errors: FieldError[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of errors) out[e.field] = out[e.field] ? `${out[e.field]}；${e.message}` : e.message
  return out
}

export function inDesktopShell(): boolean {
  return isTauri()
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  if (!isTauri()) throw new AppError(NO_BACKEND, '请在案牍桌面程序中打开')
  try {
    return await invoke<T>(command, args)
  } catch (e) {
    throw normalizeError(e)
  }
}

// ---- commands ---------------------------------------------------------------------------------------------

export const api = {
  storeStatus: () => call<StoreStatus>('store_status'),

  createDemoStore: (seed?: number) =>
    call<{ case_count: number }>('create_demo_store', seed === undefined ? {} : { seed }),

  listCases: (filter: CaseFilter, offset: number, limit: number) =>
    call<CasePage>('list_cases', { filter: cleanFilter(filter), offset, limit }),

  listFacets: () => call<Facets>('list_facets'),

  getCase: (caseNo: string) => call<CaseDetail>('get_case', { caseNo }),

  addCase: (input: CaseInput) => call<CaseDetail>('add_case', { input }),

  setCaseField: (caseNo: string, field: EditableField, value: string) =>
    call<CaseDetail>('set_case_field', { caseNo, field, value }),

  caseHistory: (caseNo: string) => call<ChangeEntry[]>('case_history', { caseNo }),

  search: (query: string, limit: number) => call<SearchHit[]>('search', { query, limit }),

  eventKinds: () => call<EventKind[]>('event_kinds'),

  addEvent: (caseNo: string, input: EventInput) =>
    call<CaseDetail>('add_event', { caseNo, ...cleanEvent(input) }),

  /** 改期: move a hearing (same id) to another time or room. */
  rescheduleHearing: (caseNo: string, id: string, input: { start: string; room: string }) =>
    call<CaseDetail>('reschedule_hearing', { caseNo, id, input }),

  /** Record the appeal of a closed case, or correct it / add the second instance's outcome (one per case). */
  setAppeal: (caseNo: string, input: { filed: string; outcome?: string }) => call<CaseDetail>('set_appeal', { caseNo, input }),

  /** Schedule a hearing (排期开庭): `start` as `YYYY-MM-DDTHH:MM` local court time. */
  addHearing: (caseNo: string, input: { start: string; room: string }) => call<CaseDetail>('add_hearing', { caseNo, input }),

  /** Add a party (`id` null) or change one; a renamed party's 节点 follow the new name. */
  saveParty: (caseNo: string, id: string | null, input: PartyInput) => call<CaseDetail>('save_party', { caseNo, id, input }),

  /** Remove a 当事人, 节点, 开庭, 审限延长 or 扣除 entered by mistake (a removed conversion restores the former 程序). */
  removeRecord: (caseNo: string, id: string) => call<CaseDetail>('remove_record', { caseNo, id }),

  addExtension: (caseNo: string, input: ExtensionInput) => call<CaseDetail>('add_extension', { caseNo, input }),

  addDeduction: (caseNo: string, input: DeductionInput) => call<CaseDetail>('add_deduction', { caseNo, input }),

  caseDeadlines: (caseNo: string, todayDate?: string) =>
    call<CaseDeadlines>('case_deadlines', todayDate ? { caseNo, todayDate } : { caseNo }),

  due: (withinDays: number, todayDate?: string) =>
    call<DueReport>('due', todayDate ? { withinDays, todayDate } : { withinDays }),

  /** The explanation of one 今日 row, fetched when its 为什么 is opened (`due_item_gone` when the case changed). */
  dueExplanation: (key: string) => call<ItemExplanation>('due_explanation', { key }),

  calendarItems: (from: string, to: string) => call<DueReport>('calendar_items', { from, to }),

  exportIcs: (from: string, to: string) => call<IcsExport>('export_ics', { from, to }),

  reminderDone: (key: string, done: boolean) => call<void>('reminder_done', { key, done }),

  reminderSnooze: (key: string, until: string) => call<void>('reminder_snooze', { key, until }),

  /** What the tray shows: urgent/overdue items, not done, not snoozed (for a listener that missed the event). */
  reminderCount: () => call<number>('reminder_count'),

  /** The years the holiday calendar covers (embedded and imported). */
  holidayYears: () => call<number[]>('holiday_years'),

  /** Imports a year of the State Council notice (holiday-cn JSON text). */
  importHolidayYear: (json: string) => call<HolidayImport>('import_holiday_year', { json }),

  /** Why `date` is no day for a hearing (放假, weekend, no holiday data), or null on a working day. */
  restDay: (date: string) => call<string | null>('rest_day', { date }),

  /** Reads a pasted State Council notice (nothing stored); `year` only when the text lacks the notice's title. */
  parseHolidayNotice: (text: string, year: number | null) =>
    call<ParsedNotice>('parse_holiday_notice', { text, year }),

  /** The 期间规则 in force, by area. */
  ruleAreas: () => call<RuleArea[]>('rule_areas'),

  /** Takes a court's rule file (one area, TOML) into use. */
  importRuleFile: (text: string) => call<RuleImport>('import_rule_file', { text }),

  /** Back to the built-in rule file of `area`. */
  resetRuleFile: (area: string) => call<RuleImport>('reset_rule_file', { area }),

  reminderSettings: () => call<ReminderThresholds>('reminder_settings'),

  setReminderSettings: (settings: ReminderSettings) => call<ReminderThresholds>('set_reminder_settings', { settings }),

  resetReminderSettings: () => call<ReminderThresholds>('reset_reminder_settings'),

  indicatorDefinitions: () => call<DefinitionsInfo>('indicator_definitions'),

  importIndicatorDefinitions: (text: string) => call<DefinitionsInfo>('import_indicator_definitions', { text }),

  resetIndicatorDefinitions: () => call<DefinitionsInfo>('reset_indicator_definitions'),

  /** The built-in 文书 templates. */
  docTemplates: () => call<DocTemplate[]>('doc_templates'),

  /** One .docx per party (none: one for the template's default addressee), recorded on the case. */
  generateDocuments: (caseNo: string, template: string, parties: string[]) =>
    call<GeneratedDocuments>('generate_documents', { caseNo, template, parties }),

  /** One template for each of several cases, into one folder; each file recorded on its case. */
  generateDocumentsBatch: (template: string, caseNos: string[]) =>
    call<BatchGenerated>('generate_documents_batch', { template, caseNos }),

  /** Opens a document recorded on the case in the system's editor (WPS/Word/LibreOffice). */
  openDocument: (caseNo: string, path: string) => call<void>('open_document', { caseNo, path }),
}

/** Optional event members are sent only when filled in (a blank party is "no party", not a party named ""). */
export function cleanEvent(input: EventInput): EventInput {
  const out: EventInput = { kind: input.kind.trim(), date: input.date }
  const party = input.party?.trim()
  if (party) out.party = party
  const note = input.note?.trim()
  if (note) out.note = note
  return out
}

/**
 * Calls `handler` whenever the background reminder check ran (start-up, every few minutes, after 完成/稍后提醒).
 * Resolves to the function that stops listening; outside the desktop shell it listens to nothing.
 */
export async function onRemindersUpdated(handler: (payload: RemindersUpdated) => void): Promise<() => void> {
  if (!isTauri()) return () => {}
  return listen<RemindersUpdated>(REMINDERS_UPDATED, (e) => {
    const urgent = Number((e.payload as Partial<RemindersUpdated> | null)?.urgent)
    handler({ urgent: Number.isFinite(urgent) && urgent > 0 ? Math.floor(urgent) : 0 })
  })
}

/** Calls `handler` with each `doc-progress` while documents are generated; resolves to the function that stops. */
export async function onDocProgress(handler: (payload: DocProgress) => void): Promise<() => void> {
  if (!isTauri()) return () => {}
  return listen<DocProgress>(DOC_PROGRESS, (e) => {
    const p = (e.payload ?? {}) as Partial<DocProgress>
    const done = Number(p.done)
    const total = Number(p.total)
    handler({ done: Number.isFinite(done) ? done : 0, total: Number.isFinite(total) ? total : 0 })
  })
}

/** Calls `handler` after each case of a batch (`doc-batch-progress`); resolves to the function that stops. */
export async function onDocBatchProgress(handler: (payload: BatchProgress) => void): Promise<() => void> {
  if (!isTauri()) return () => {}
  return listen<BatchProgress>(DOC_BATCH_PROGRESS, (e) => {
    const p = (e.payload ?? {}) as Partial<BatchProgress>
    const done = Number(p.done)
    const total = Number(p.total)
    handler({
      done: Number.isFinite(done) ? done : 0,
      total: Number.isFinite(total) ? total : 0,
      case_no: String(p.case_no ?? ''),
      ok: p.ok === true,
    })
  })
}

/** Drops empty filter members, so "all" is an absent key rather than an empty string. */
export function cleanFilter(filter: CaseFilter): CaseFilter {
  const out: CaseFilter = {}
  if (filter.status) out.status = filter.status
  if (filter.procedure) out.procedure = filter.procedure
  if (filter.judge) out.judge = filter.judge
  const q = filter.query?.trim()
  if (q) out.query = q
  return out
}
