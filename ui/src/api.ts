// Typed wrappers around the Tauri commands documented in docs/app-commands.md. This is the only module that calls
// `invoke`; views never pass command names or argument objects themselves.
import { invoke, isTauri } from '@tauri-apps/api/core'
import { listen } from '@tauri-apps/api/event'

// ---- types --------------------------------------------------------------------------------------------------
// Every type a command answers or takes is generated from its Rust definition (src-tauri/src/contract.rs →
// ./generated/types.ts, `cargo xtask gen-types`); the names the views know are given here. Only what is no Rust
// type (a command's loose arguments, the fields `set_case_field` edits) is written out below.

import type {
  AppealRow,
  BatchItem,
  BatchProgress,
  CaseDeadlines,
  CaseDetail,
  CaseInput,
  CaseSummary,
  CaseVocabulary,
  CourtDataInForce,
  ChangeEntry,
  DeadlineView,
  DeductionInput,
  DeductionRow,
  DefinitionsInfo,
  DemoResult,
  DocumentRow,
  DueItem,
  DueReport,
  ErrorBody,
  EventKind,
  EventRow,
  ExtensionInput,
  ExtensionRow,
  Facets,
  FieldError,
  Generated,
  HearingRow,
  Holiday,
  HolidayImport,
  IcsExport,
  ListFilter,
  MovedDeadline,
  NoteRow,
  Page,
  ParsedNotice,
  PartyInput,
  PartyRow,
  CategoryFacet,
  ProcedureFacet,
  Progress,
  Provisional,
  Publication,
  SettingInForce,
  SettingSource,
  ReminderCount,
  ReminderLimits,
  ReminderSettings,
  ReminderThresholds,
  RuleArea,
  RuleImport,
  SearchHit,
  StoreStatus,
  TemplateInfo,
  Tier,
  TodayQuery,
  TodaySection,
  TodayView,
  TrialLimitStatus,
  TrialLimitView,
  UnresolvedItem,
  BatchGenerated,
} from './generated/types'

export type {
  CourtDataInForce,
  Publication,
  SettingInForce,
  SettingSource,
  TodayQuery,
  TodaySection,
  TodayView,
  CaseVocabulary,
  BatchGenerated,
  BatchItem,
  BatchProgress,
  CaseDeadlines,
  CaseDetail,
  CaseInput,
  CaseSummary,
  ChangeEntry,
  DeadlineView,
  DeductionInput,
  DefinitionsInfo,
  DocumentRow,
  DueItem,
  DueReport,
  ErrorBody,
  EventKind,
  ExtensionInput,
  Facets,
  FieldError,
  HolidayImport,
  IcsExport,
  MovedDeadline,
  ParsedNotice,
  PartyInput,
  CategoryFacet,
  ProcedureFacet,
  Provisional,
  ReminderLimits,
  ReminderSettings,
  ReminderThresholds,
  RuleArea,
  RuleImport,
  SearchHit,
  StoreStatus,
  Tier,
  TrialLimitStatus,
  TrialLimitView,
  UnresolvedItem,
}

export type CaseStatus = CaseSummary['status']
export type CaseFilter = ListFilter
export type CasePage = Page
export type Party = PartyRow
export type CaseEvent = EventRow
export type Hearing = HearingRow
export type Extension = ExtensionRow
export type Deduction = DeductionRow
export type Note = NoteRow
export type Appeal = AppealRow
export type UnresolvedDeadline = CaseDeadlines['unresolved'][number]
export type DueKind = DueItem['kind']
export type NoticeHoliday = Holiday
export type DocTemplate = TemplateInfo
export type GeneratedDocuments = Generated
export type DocProgress = Progress
export type RemindersUpdated = ReminderCount

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

/** The arguments of `add_event` (sent as separate arguments, not one struct). */
/** Why a 今日 row falls on its day (`due_explanation`): 今日's list comes without it. */
export interface ItemExplanation {
  key: string
  citation: string
  explanation: string[]
}

export interface EventInput {
  kind: string
  /** YYYY-MM-DD */
  date: string
  party?: string
  note?: string
}

/** Events: `doc-progress` (DocProgress), `doc-batch-progress` (BatchProgress), `reminders-updated` (RemindersUpdated). */
export const DOC_PROGRESS = 'doc-progress'

export const DOC_BATCH_PROGRESS = 'doc-batch-progress'

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
    call<DemoResult>('create_demo_store', seed === undefined ? {} : { seed }),

  listCases: (filter: CaseFilter, offset: number, limit: number) =>
    call<CasePage>('list_cases', { filter: cleanFilter(filter), offset, limit }),

  listFacets: () => call<Facets>('list_facets'),

  getCase: (caseNo: string) => call<CaseDetail>('get_case', { caseNo }),

  addCase: (input: CaseInput) => call<CaseDetail>('add_case', { input }),

  setCaseField: (caseNo: string, field: EditableField, value: string) =>
    call<CaseDetail>('set_case_field', { caseNo, field, value }),

  caseHistory: (caseNo: string) => call<ChangeEntry[]>('case_history', { caseNo }),
  /** 从法院服务器获取完整历史: how many history rows the case now has from the server. */
  caseHistoryFromServer: (caseNo: string) => call<number>('case_history_from_server', { caseNo }),

  search: (query: string, limit: number) => call<SearchHit[]>('search', { query, limit }),

  eventKinds: () => call<EventKind[]>('event_kinds'),

  /** The values the case forms offer (结案方式, 审限扣除 grounds, 二审结果), from the back end's lists. */
  caseVocabulary: () => call<CaseVocabulary>('case_vocabulary'),

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

  /** 今日: each section's count and first rows (more where asked), the judges, the tray's count. */
  today: (query: TodayQuery, todayDate?: string) =>
    call<TodayView>('today_view', todayDate ? { query, todayDate } : { query }),

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

  /** 设置 → 本院数据: the 案件权重 and court settings in force, built-in or the court's (published when, by whom). */
  courtDataInForce: () => call<CourtDataInForce>('court_data_in_force'),

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
