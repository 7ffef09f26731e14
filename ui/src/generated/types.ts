// Generated from the Rust definitions by src-tauri/src/contract.rs (`cargo xtask gen-types`). Do not edit:
// change the Rust type and regenerate; `cargo xtask test` fails while this file is stale.

export type AppealInput = { filed: string, outcome?: string | null, };

/**
 * 发改案件逐案评查: the reason category, whether the first-instance judge bears responsibility, the lesson
 * (一案一策), who recorded it and when (an RFC 3339 stamp).
 */
export type AppealReviewRow = { id: string, reason: string, responsible: boolean, lesson: string, reviewer: string, recorded: string, };

export type AppealRow = { id: string, filed: string, outcome: string | null, };

export type BackupFile = { path: string, name: string, bytes: number, };

export type BackupInfo = { dir: string, keep: number, key_mode: "keyring" | "passphrase" | "environment" | "demo", backups: Array<BackupFile>, };

export type BackupReport = { 
/**
 * The backup just written.
 */
file: BackupFile, cases: number, 
/**
 * Older backups deleted by rotation.
 */
removed: Array<string>, 
/**
 * Backups in the folder now, newest first.
 */
kept: Array<BackupFile>, };

export type BatchGenerated = { dir: string, items: Array<BatchItem>, };

/**
 * One case of a batch: the file written and the fields the case could not fill, or why it failed.
 */
export type BatchItem = { 
/**
 * As asked for (a 案号 that is not in the store stays as typed).
 */
case_no: string, 
/**
 * The canonical 案号, once the case was found: what the document is recorded against.
 */
canonical: string | null, path: string | null, missing: Array<string>, error: ErrorBody | null, };

export type BatchProgress = { done: number, total: number, case_no: string, ok: boolean, };

export type CaseCategory = "civil" | "criminal" | "administrative" | "enforcement" | "other";

export type CaseDeadlines = { case_no: string, closed: boolean, 
/**
 * The 审限, unless there is none or it could not be computed; then `trial_limit_error` says why
 * (`trial_limit_exempt`: a 涉外 case, CPL 287 — not a failure).
 */
trial_limit: TrialLimitView | null, trial_limit_error: ErrorBody | null, deadlines: Array<DeadlineView>, unresolved: Array<Unresolved>, };

export type CaseDetail = { court: string, assistant: string, clerk: string, custody: boolean, 
/**
 * 合议庭 (`审判长 张某、审判员 王建国`); empty for a judge sitting alone.
 */
panel: string, closing_method: string | null, parties_list: Array<PartyRow>, events: Array<EventRow>, hearings: Array<HearingRow>, extensions: Array<ExtensionRow>, deductions: Array<DeductionRow>, appeal: AppealRow | null, notes: Array<NoteRow>, 
/**
 * Documents generated for the case (文书), oldest first.
 */
documents: Array<DocumentRow>, 
/**
 * 发改案件逐案评查 records, oldest first (the latest counts).
 */
appeal_reviews: Array<AppealReviewRow>, id: string, case_no: string, cause: string, procedure: string, procedure_name: string, filed: string, status: "pending" | "closed", closed: string | null, judge: string, division: string, 
/**
 * "张三 诉 某某科技有限公司": the active side, then the passive side.
 */
parties: string, };

/**
 * One line of a JSON Lines import; also what `andu case add` reads on stdin.
 */
export type CaseInput = { case_no: string, cause: string, procedure: string, filed: string, court: string, division: string, judge: string, assistant: string, clerk: string, custody?: boolean, 
/**
 * 合议庭: `审判长 张某、审判员 王建国、人民陪审员 李某`; empty for a judge sitting alone.
 */
panel?: string, parties: Array<PartyInput>, closed?: string | null, closing_method?: string | null, extensions?: Array<ExtensionInput>, deductions?: Array<DeductionInput>, appeal?: AppealInput | null, hearings?: Array<HearingInput>, notes?: Array<string>, };

export type CaseSummary = { id: string, case_no: string, cause: string, procedure: string, procedure_name: string, filed: string, status: "pending" | "closed", closed: string | null, judge: string, division: string, 
/**
 * "张三 诉 某某科技有限公司": the active side, then the passive side.
 */
parties: string, };

/**
 * The values the case forms offer, from the domain's own lists (andu-core), so a form never offers what the
 * back end refuses nor misses what it accepts (the UI kept copies of these lists).
 */
export type CaseVocabulary = { 
/**
 * 结案方式.
 */
closing_methods: Array<string>, 
/**
 * 审限扣除 grounds.
 */
deduction_kinds: Array<string>, 
/**
 * 二审结果.
 */
appeal_outcomes: Array<string>, };

/**
 * One recorded change. `field` is `None` when a whole entity was created (`new` holds it as JSON) or deleted
 * (`old` holds it, `new` is `None`).
 */
export type ChangeEntry = { seq: number, change_id: string, case_id: string, entity: string, entity_id: string, field: string | null, old: string | null, new: string | null, at: string, device: string, };

/**
 * Whom a period binds: a party (上诉期) or the court itself (立案审查).
 */
export type Concerns = "party" | "court";

/**
 * A derived party/court period with its reminder state on `today`.
 */
export type DeadlineView = { days_left: number, remind_on: string, tier: Tier, tier_name: string, rule_id: string, name: string, concerns: Concerns, party: string | null, trigger_event: string, trigger_date: string, length: string, direction: Direction, regime: Regime, nominal: string, due: string, citation: string, explanation: Array<string>, warnings?: Array<string>, note?: string | null, 
/**
 * Set when `due` is the provisional date of domain.md §0 (its year, or the year of the service it runs
 * from, has no holiday table yet); `None` when the date is exact.
 */
provisional: Provisional | null, 
/**
 * The party's filing posted while the period ran (节点 `当事人交邮`), checked against `due`.
 */
posted?: Posting | null, };

/**
 * One deducted interval as counted (after clipping and the [`DeductionEnds`] setting).
 */
export type DeductedInterval = { kind: string, from: string, to: string, days: number, };

export type DeductionInput = { kind: string, from: string, to: string, approved_by?: string | null, reason?: string | null, };

export type DeductionRow = { id: string, kind: string, from: string, to: string, approved_by: string | null, reason: string | null, };

/**
 * Which indicator definitions the statistics use: the embedded file, or the one an administrator imported.
 */
export type DefinitionsInfo = { 
/**
 * An imported file is in force (`false`: the embedded 案牍默认指标口径).
 */
custom: boolean, name: string, version: string, indicators: number, };

export type DemoResult = { case_count: number, };

/**
 * After the trigger (上诉期: 送达后十五日) or before it (开庭三日前).
 */
export type Direction = "after" | "before";

export type DocumentRow = { id: string, name: string, template: string, party: string | null, path: string, created: string, };

export type DraftRow = { id: string, case_id: string, 
/**
 * What is being drafted, e.g. `civil-judgment` (民事判决书).
 */
kind: string, title: string, created_at: string, };

/**
 * What the editor opens with.
 */
export type DraftState = { draft: DraftRow, 
/**
 * The text to edit: the autosaved working copy when there is one, else the newest head's text.
 */
content: { [key in string]: string }, 
/**
 * The revision `content` is based on (the parent of the next save); `None` before the first save.
 */
base_revision: string | null, 
/**
 * When the working copy was last autosaved (RFC 3339), if ever.
 */
autosaved_at: string | null, 
/**
 * Every revision, oldest first.
 */
revisions: Array<RevisionMeta>, 
/**
 * Revision ids no other revision builds on, oldest first; more than one is a conflict to resolve.
 */
heads: Array<string>, };

/**
 * One line of "what is due": a 审限, a party period or a hearing.
 */
export type DueItem = { 
/**
 * Stable identity of this reminder (case, kind, name, party, date): what 完成/稍后提醒 are recorded against.
 */
key: string, 
/**
 * Marked done by the user (it stays listed, greyed, until its date passes).
 */
done: boolean, 
/**
 * Snoozed until this day: no notification before it.
 */
snoozed_until: string | null, case_no: string, cause: string, judge: string, 
/**
 * `trial_limit`, `period` or `hearing`.
 */
kind: "trial_limit" | "period" | "hearing", name: string, party: string | null, due: string, 
/**
 * Hearings: the start time (`YYYY-MM-DDTHH:MM`) and the courtroom.
 */
time?: string, room?: string, 
/**
 * The stored record the item is (a hearing's id), when there is one: a hearing keeps it when it moves.
 */
record_id?: string, days_left: number, tier: Tier, tier_name: string, citation: string, explanation: Array<string>, 
/**
 * `due` is the provisional date of domain.md §0: shown 暂定 with this reason, reminded on that date.
 */
provisional: Provisional | null, };

export type DueReport = { today: string | null, within_days: number, items: Array<DueItem>, 
/**
 * Deadlines that could not be computed (a year without holiday data): shown, never dropped.
 */
unresolved: Array<UnresolvedItem>, };

/**
 * The wire form of an error: `{"code": …, "message": …, "detail": …}`.
 */
export type ErrorBody = { code: string, message: string, detail?: unknown, };

export type EventKind = { id: string, meaning: string, 
/**
 * `period`: triggers statutory periods; `trial_limit`: changes the 审限 (程序转换, 重新计算).
 */
group: "period" | "trial_limit", 
/**
 * Procedure ids the kind applies to; empty: any.
 */
procedures: Array<string>, };

export type EventRow = { id: string, kind: string, date: string, party: string | null, note: string, };

export type Exported = { path: string, 
/**
 * Exported past a 阅核 not yet 同意签发, on the judge's recorded reason.
 */
overridden: boolean, case: CaseDetail, };

export type ExtensionInput = { approved: string, months?: number | null, days?: number | null, by: string, reason?: string | null, };

/**
 * The last day to ask for an extension of the 审限: a number of days before its expiry, by the text of the area.
 */
export type ExtensionRequest = { 
/**
 * The last day to file the request (moved earlier when it is a rest day: the request goes to someone who
 * must decide before the expiry).
 */
by: string, days_before: number, citation: string, 
/**
 * Counted from a provisional 审限 expiry (see [`TrialLimit::provisional`]).
 */
provisional: Provisional | null, };

export type ExtensionRow = { id: string, approved: string, months: number | null, days: number | null, by: string, reason: string | null, };

export type Facets = { judges: Array<string>, procedures: Array<ProcedureFacet>, };

/**
 * One problem with one field, e.g. `parties[1].role`.
 */
export type FieldError = { field: string, code: string, message: string, };

export type Generated = { paths: Array<string>, 
/**
 * Fields the case did not have (left blank in the document), per generated file.
 */
missing: Array<Array<string>>, case: CaseDetail, };

export type HearingInput = { 
/**
 * `YYYY-MM-DDTHH:MM` (local court time).
 */
start: string, room: string, };

export type HearingRow = { id: string, start: string, room: string, };

/**
 * One holiday of a year's notice: its 放假 days and the 调休上班 days that pay for them.
 */
export type Holiday = { name: string, off: Array<string>, work: Array<string>, };

export type HolidayImport = { year: number, moved: Array<MovedDeadline>, };

export type IcsExport = { path: string, count: number, };

/**
 * Months and days, counted months first. Criminal "half a month" is 15 days (CrimPL-I 202).
 */
export type LimitSpan = { months: number, days: number, };

export type ListFilter = { status?: string, procedure?: string, judge?: string, query?: string, };

export type MergeProposal = { 
/**
 * The two heads being merged; the merge revision names both as parents.
 */
heads: [string, string], 
/**
 * Their lowest common ancestor (`None`: unrelated histories, merged against empty text).
 */
ancestor: string | null, sections: Array<SectionMerge>, };

/**
 * A deadline whose date changed with a new holiday table or rule set (`None`: could not be computed).
 */
export type MovedDeadline = { case_no: string, name: string, party: string | null, from: string | null, to: string | null, 
/**
 * `from` was a provisional date (domain.md §0), now corrected by the imported year.
 */
from_provisional: boolean, };

export type NoteRow = { id: string, text: string, created: string, };

export type Page = { total: number, items: Array<CaseSummary>, };

/**
 * A pasted State Council notice, read and not stored: the holidays for the person to check on a calendar, and
 * the JSON `import_holiday_year` takes once they confirm (one import path for files and pasted notices).
 */
export type ParsedNotice = { year: number, holidays: Array<Holiday>, json: string, };

export type PartyInput = { role: string, name: string, kind: "person" | "org", id_number?: string | null, address?: string | null, phone?: string | null, agent?: string | null, 
/**
 * True when the party has no domicile in China (答辩期/上诉期 30 days, CPL 285/286).
 */
foreign?: boolean, };

export type PartyRow = { id: string, role: string, name: string, kind: "person" | "org", id_number: string | null, address: string | null, phone: string | null, agent: string | null, foreign: boolean, };

/**
 * 在途期间 (CPL 85 ¶4; CrimPL 105 ¶3; ALL 101): a document posted before the period ends is in time, whenever it
 * arrives. `in_time` is `None` when the period's end is only provisional and the posting is after it.
 */
export type Posting = { date: string, in_time: boolean | null, };

export type Procedure = "civil-ordinary" | "civil-simple" | "small-claims" | "civil-appeal-judgment" | "civil-appeal-ruling" | "civil-special" | "civil-retrial-review" | "criminal-public" | "criminal-private" | "criminal-simple" | "criminal-fast" | "criminal-appeal" | "admin-first" | "admin-simple" | "admin-appeal" | "enforcement";

export type ProcedureFacet = { id: string, name: string, };

export type Profile = { name: string, court: string, division: string, };

export type Progress = { done: number, total: number, };

/**
 * A date computed before the holiday table of its year was imported (domain.md §0): the nominal date without the
 * rest-day roll. A roll only moves a last day later, so this date is never later than the true one and reminders
 * can run on it; it is marked 暂定 with this reason wherever it is shown, and statistics treat it as unknown.
 */
export type Provisional = { 
/**
 * The year whose State Council arrangement is missing.
 */
year: number, 
/**
 * The day whose kind could not be told (the provisional due date).
 */
date: string, 
/**
 * Always `holiday_data_missing`: the typed reason the exact date is unknown.
 */
code: string, 
/**
 * One Chinese sentence for the 暂定 tag's hover text and the CLI.
 */
reason: string, };

/**
 * How many listed dates of a year are provisional (its holiday table is not imported, domain.md §0).
 */
export type ProvisionalYear = { year: number, n: number, };

/**
 * The counting regime: which statute's counting rules apply.
 */
export type Regime = "civil" | "admin" | "criminal" | "criminal-custody";

/**
 * What a restored store must do to sync again (`RestoreReport::rejoin`).
 */
export type Rejoin = { server: string, user: string, 
/**
 * The backup's own edits the server had not acknowledged when the backup was made: kept in the outbox and
 * pushed after the login (an edit the old device had sent since is then simply unchanged on the server).
 */
pending: number, };

export type ReminderCount = { urgent: number, };

/**
 * Thresholds, with the defaults the courts asked for.
 */
export type ReminderSettings = { 
/**
 * 远期: this share of the 审限 has elapsed (default 2/3).
 */
early_fraction: number, 
/**
 * 中期 for civil and enforcement cases: at most this many days remain (default 30).
 */
middle_days_civil: number, 
/**
 * 中期 for criminal and administrative cases (default 15).
 */
middle_days_criminal_admin: number, 
/**
 * 紧急: at most this many days remain (default 5).
 */
urgent_days: number, 
/**
 * Party periods: remind this many days before the last day (default 1, "the day before").
 */
party_days_before: number, };

/**
 * The reminder tiers in force and the built-in ones (设置 → 提醒阈值).
 */
export type ReminderThresholds = { settings: ReminderSettings, defaults: ReminderSettings, };

export type RestoreReport = { cases: number, 
/**
 * Where the store as it was before the restore was moved (nothing is deleted), when there was one.
 */
previous: string | null, 
/**
 * The court server the backup's store synced with, when it did: the restored store joins it again as a new
 * device (see [`restore`]) once the user logs in.
 */
rejoin: Rejoin | null, };

/**
 * A revision without its text, for the 历史版本 list.
 */
export type RevisionMeta = { id: string, parents: Array<string>, author: string, created_at: string, };

export type RevisionRow = { id: string, draft_id: string, parents: Array<string>, content: { [key in string]: string }, author: string, created_at: string, };

/**
 * One area of the rule set in force: its version and whether it is the court's file or the embedded one.
 */
export type RuleArea = { area: string, version: string, 
/**
 * `court` (published by the court or imported) or `builtin`.
 */
source: "court" | "builtin", };

/**
 * The result of taking a court's rule file into use.
 */
export type RuleImport = { 
/**
 * `civil`, `criminal`, `admin` or `enforcement`.
 */
area: string, version: string, moved: Array<MovedDeadline>, };

export type SearchHit = { id: string, case_no: string, cause: string, parties: string, judge: string, status: string, filed: string, 
/**
 * Which field matched best: 案号, 当事人, 当事人拼音, 案由, 承办人员, 备注.
 */
matched: string, score: number, };

export type Section = { 
/**
 * The key in the draft's content.
 */
key: string, label: string, 
/**
 * Generated from the case; the editor offers 重新生成.
 */
generated: boolean, };

export type SectionDiff = { key: string, changed: boolean, spans: Array<Span>, };

/**
 * One section of a proposed merge. `conflict` means `text` carries diffy's conflict markers for a person to edit.
 */
export type SectionMerge = { key: string, text: string, conflict: boolean, };

/**
 * A rest day the deadline moved over, with the reason shown to the judge (`国庆节、中秋节 放假`).
 */
export type SkippedDay = { date: string, reason: string, };

/**
 * A run of characters that is unchanged, inserted or deleted between two revisions.
 */
export type Span = { tag: SpanTag, text: string, };

export type SpanTag = "equal" | "insert" | "delete";

/**
 * What the UI shows at start: `first_run` (the first-run screens), `passphrase` (ask for it), `ready`, or
 * `error` (the store cannot be opened: `error` says why, e.g. `db_key_missing`).
 */
export type StartStatus = { stage: "first_run" | "passphrase" | "ready" | "error", path: string | null, demo: boolean, key_mode: "keyring" | "passphrase" | "environment" | "demo", case_count: number, profile: Profile, 
/**
 * Where a new store goes unless the user chooses another place.
 */
default_path: string, 
/**
 * A real store is configured (the demo can be left for it).
 */
has_real_store: boolean, error: ErrorBody | null, };

export type StoreStatus = { path: string, case_count: number, is_new: boolean, };

export type TemplateInfo = { name: string, template: string, description: string, addressee_role: string | null, 
/**
 * `builtin`, or `court`: published by the court server (a court's version of a built-in keeps its addressee).
 */
source: "builtin" | "court", };

export type Tier = "normal" | "early" | "middle" | "urgent" | "overdue" | "suspended";

/**
 * What 今日 asks for.
 */
export type TodayQuery = { 
/**
 * Only this 承办法官's items; none or empty: everyone's.
 */
judge?: string, 
/**
 * The first rows of each section to send ([`DEFAULT_ROWS`] when 0); the counts cover every item.
 */
rows?: number, 
/**
 * More rows for the sections "显示更多" was clicked in (at most [`MAX_ROWS`]).
 */
more?: { [key in TodaySection]?: number }, };

/**
 * A section of 今日, in the screen's order.
 */
export type TodaySection = "overdue" | "dueToday" | "hearings" | "week" | "limits" | "later";

/**
 * One section: how many items it has and the first of them.
 */
export type TodaySectionPage = { section: TodaySection, 
/**
 * Every item of the section (for the judge asked), not only the rows sent.
 */
total: number, items: Array<DueItem>, };

/**
 * The 今日 screen.
 */
export type TodayView = { today: string, 
/**
 * In the screen's order ([`TodaySection::ALL`]).
 */
sections: Array<TodaySectionPage>, 
/**
 * The judges with an item listed (whatever judge was asked), for the filter.
 */
judges: Array<string>, 
/**
 * Provisional dates among the listed items (whatever judge was asked), by year.
 */
provisional: Array<ProvisionalYear>, 
/**
 * What could not be computed (a year without holiday data): shown, never dropped.
 */
unresolved: Array<UnresolvedItem>, 
/**
 * The nav item's and the tray's count ([`Docket::urgent_count`]).
 */
urgent: number, };

export type TrialLimitStatus = { today: string, due: string, 
/**
 * Calendar days from today to the last day (0 on the last day, negative when overdue). While suspended:
 * the days that were left when the clock stopped.
 */
days_left: number, 
/**
 * Share of the counted (non-deducted) days elapsed; above 1 when overdue.
 */
fraction_elapsed: number, tier: Tier, tier_name: string, };

export type TrialLimitView = { status: TrialLimitStatus, procedure: Procedure, category: CaseCategory, filed: string, 
/**
 * The day counting starts after (立案, or the latest restart / criminal conversion).
 */
start: string, regime: Regime, base: LimitSpan, 
/**
 * Base period plus extensions, as counted from `start`.
 */
period: LimitSpan, 
/**
 * Calendar days the extensions added to the end.
 */
extended_by: number, 
/**
 * Days deducted (the union of all intervals, each day once).
 */
deducted_days: number, deducted: Array<DeductedInterval>, 
/**
 * The last day before the rest-day rule.
 */
nominal: string, 
/**
 * The 审限's last day.
 */
due: string, 
/**
 * Set while a 中止 has no resumption date: the clock is stopped and `due` will move.
 */
suspended_since: string | null, citation: string, skipped: Array<SkippedDay>, explanation: Array<string>, 
/**
 * The explanation lines of a change of procedure or a restart (shown beside the 审限, not only under 为什么).
 */
changes?: Array<string>, warnings?: Array<string>, 
/**
 * The last day to ask for an extension, where a text sets one and an extension is still possible.
 */
extension_request: ExtensionRequest | null, 
/**
 * Set when `due` is the provisional date of domain.md §0 (its year has no holiday table yet).
 */
provisional: Provisional | null, };

/**
 * A deadline that could not be computed (a year without holiday data): reported, never dropped silently.
 */
export type Unresolved = { rule_id: string, name: string, party: string | null, trigger_event: string, trigger_date: string, error: ErrorBody, };

export type UnresolvedItem = { case_no: string, name: string, error: ErrorBody, };
