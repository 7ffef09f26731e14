// Generated from the Rust definitions by src-tauri/src/contract.rs (`cargo xtask gen-types`). Do not edit:
// change the Rust type and regenerate; `cargo xtask test` fails while this file is stale.

export type AppealInput = { filed: string, outcome?: string | null, };

export type AppealOutcome = "维持" | "改判" | "发回重审" | "撤诉" | "调解";

/**
 * What a person records in one 评查.
 */
export type AppealReviewInput = { case_no: string, reason: string, responsible: boolean, lesson: string, };

/**
 * The 评查 list with everything a screen shows beside it.
 */
export type AppealReviewList = { today: string, 
/**
 * The court setting 评查期限 (`[appeal_review] deadline_days` of the indicator definitions in force).
 */
deadline_days: number, 
/**
 * The reason categories a review picks from.
 */
reasons: Array<string>, definitions_version: string, rows: Array<AppealReviewListRow>, };

export type AppealReviewListRow = { case_no: string, cause: string, judge: string, division: string, closed: string | null, 
/**
 * 改判 or 发回重审.
 */
outcome: AppealOutcome, 
/**
 * The day the outcome was recorded (the list's entry day), from which the deadline runs.
 */
entered: string, due: string, state: ReviewState, 
/**
 * Pending after `due`, or reviewed after it.
 */
overdue: boolean, 
/**
 * Days from `today` to `due` while pending (negative when overdue); `None` once reviewed.
 */
days_left: number | null, review: ReviewRecord | null, };

/**
 * 发改案件逐案评查: the reason category, whether the first-instance judge bears responsibility, the lesson
 * (一案一策), who recorded it and when (an RFC 3339 stamp).
 */
export type AppealReviewRow = { id: string, reason: string, responsible: boolean, lesson: string, reviewer: string, recorded: string, };

export type AppealRow = { id: string, filed: string, outcome: string | null, };

export type Appendix = { 
/**
 * The judgment's date: the versions quoted are those in force that day.
 */
date: string, laws: Array<AppendixLaw>, 
/**
 * Citations not quoted, with why: repealed, unknown, renumbered, or a version the library has no text of.
 */
left_out: Array<CitationCheck>, 
/**
 * The appendix as lines of text: the heading, then each law's name and its articles (`第N条　…`, one 款 a
 * line). Empty when nothing could be quoted.
 */
text: string, };

export type AppendixLaw = { 
/**
 * The full name in 《》, an inner name in 〈〉 (裁判文书 style).
 */
title: string, 
/**
 * The first day of the version quoted.
 */
in_force_from: string | null, articles: Array<Article>, };

/**
 * An article as shown and cited.
 */
export type Article = { number: number, sub: number, 
/**
 * 第一百零七条 (之一)
 */
label: string, 
/**
 * The 款 in order, each with its 项 as printed.
 */
paragraphs: Array<string>, };

export type Author = { user: string, device_id: string, };

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

export type Balance = { floors: Array<Floor>, months: Array<BalanceMonth>, 
/**
 * Months whose year-to-date progress is below their floor.
 */
below_floor: Array<string>, };

/**
 * One month of 均衡结案: whole calendar months (up to the period's end), counted from 1 January of that year.
 */
export type BalanceMonth = { month: string, closed: number, 
/**
 * Closed in the month's year (1 January to 31 December, but not after the period's end).
 */
year_closed: number, 
/**
 * `closed / year_closed`.
 */
share_of_year: number | null, 
/**
 * Closed from 1 January to the end of the month.
 */
ytd_closed: number, 
/**
 * Pending on 1 January + received from 1 January to the end of the month.
 */
ytd_handled: number, 
/**
 * `ytd_closed / ytd_handled`: the year-to-date closure rate compared with the floor.
 */
ytd_progress: number | null, floor: number | null, 
/**
 * `None` when the month has no floor or nothing was handled.
 */
meets_floor: boolean | null, };

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
appeal_outcomes: Array<string>, 
/**
 * Who usually approves an extension or a deduction (suggested; the fields take free text).
 */
approvers: Array<string>, 
/**
 * 当事人诉讼地位 (`PartyRole::ALL`), the party forms' choices.
 */
party_roles: Array<PartyRole>, };

/**
 * A case category the 统计 filter offers: its id (what `stats_*`'s `category` takes) and its Chinese name.
 */
export type CategoryFacet = { id: CaseCategory, name: string, };

/**
 * One problem of one row, in the column it comes from (`None`: the row as a whole).
 */
export type CellError = { column: number | null, field: string, code: string, message: string, };

/**
 * One recorded change. `field` is `None` when a whole entity was created (`new` holds it as JSON) or deleted
 * (`old` holds it, `new` is `None`).
 */
export type ChangeEntry = { seq: number, change_id: string, case_id: string, entity: string, entity_id: string, field: string | null, old: string | null, new: string | null, at: string, device: string, };

/**
 * A citation with its verdict: the `andu cite check --json` row and what the editor underlines.
 */
export type CitationCheck = { text: string, 
/**
 * The full name when the law is known, else the name as written.
 */
law: string, article: number, paragraph: number | null, item: number | null, status: CiteStatus, 
/**
 * What to write instead, in the court's form (`《中华人民共和国民法典》第五百七十七条`).
 */
suggestion: string | null, message: string, 
/**
 * UTF-16 offsets in the text checked (what a browser's string indices count).
 */
from: number, to: number, };

export type CiteStatus = "ok" | "repealed" | "unknown_article" | "unknown_law" | "abbreviated" | "renumbered";

export type ClosingMethod = "判决" | "调解" | "撤诉" | "驳回起诉" | "移送" | "终结" | "其他";

export type ColumnMapping = { 
/**
 * 0-based column index; `letter` is how the spreadsheet labels it.
 */
index: number, letter: string, header: string, field: ImportField | null, source: MappingSource, 
/**
 * Why a column that looks like a field is not used (a second column for the same field).
 */
note?: string, };

/**
 * A comment on a quoted passage of the round's revision, or (`reply_to`) an answer in its thread.
 */
export type CommentRow = { id: string, case_id: string, round_id: string, reply_to: string | null, 
/**
 * The section the quote was found in (`reasoning` …).
 */
section: string | null, quote: string, text: string, by: string, at: string, };

/**
 * A comment with its thread (answers in order) and its withdrawal, if any.
 */
export type CommentView = { id: string, section: string | null, quote: string, text: string, by: string, at: string, withdrawn: WithdrawalRow | null, replies: Array<CommentView>, };

/**
 * Whom a period binds: a party (上诉期) or the court itself (立案审查).
 */
export type Concerns = "party" | "court";

export type ConflictStatus = "open" | "resolved";

export type ConflictView = { id: string, case_id: string, case_no: string, entity: string, entity_id: string, 
/**
 * `None` for a delete that met an edit.
 */
field: string | null, 
/**
 * The field as a judge calls it (承办法官 for `case.judge`).
 */
field_label: string, mine: unknown, mine_by: Author, theirs: unknown, theirs_by: Author, 
/**
 * The server kept my value (the other side's edit is the one waiting); the store already shows `mine`.
 */
kept_mine: boolean, 
/**
 * The edit that was not applied was made on this device.
 */
mine_here: boolean, status: ConflictStatus, resolution: unknown, resolved_by: Author | null, 
/**
 * The server's time the conflict was recorded / resolved (RFC 3339); `None` for older records.
 */
at: string | null, resolved_at: string | null, };

/**
 * The case weights and court settings in force, with the court's last publication of each (`None`: never
 * received from a court server — built-in, or set on this machine when `custom` says so). Each setting names its
 * own source: a court file sets some keys and leaves others at their default, and a key may be set here after it.
 */
export type CourtDataInForce = { weights: WeightsInfo, weights_published: Publication | null, settings: Array<SettingInForce>, settings_published: Publication | null, };

export type CourtImport = { 
/**
 * The court code the mapping was saved under, when it was.
 */
saved_for: string | null, created: number, updated: number, unchanged: number, skipped: Array<RowError>, };

/**
 * Where a client is in its feed. `epoch` counts the pages the client has stored: the server uses it to know
 * which case snapshots and revocations the client really committed (a page lost in a crash is sent again).
 */
export type Cursor = { seq: number, epoch: number, };

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
 * A reviewer's answer to a round. Wire and store form: `approve`, `return`, `discuss`.
 */
export type Decision = "approve" | "return" | "discuss";

export type DecisionRow = { id: string, case_id: string, round_id: string, 
/**
 * `approve` | `return` | `discuss` (`andu_core::review::Decision`). Kept as written: a record synced from a
 * newer version is kept even when its answer is one this version does not know.
 */
decision: Decision, 
/**
 * With `discuss`: `专业法官会议` | `审判委员会` (`andu_core::review::Forum`).
 */
forum: Forum | null, note: string | null, by: string, at: string, };

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

export type Drill = { indicator: string, name: string, definitions_version: string, period: Period, scope: Scope, 
/**
 * The indicator's value, as in `andu stats --json`.
 */
value: unknown, count: number, cases: Array<DrillRow>, };

/**
 * How a case enters the number.
 */
export type DrillRole = "counted" | "numerator_and_denominator" | "numerator" | "denominator" | "excluded";

export type DrillRow = { case_no: string, cause: string, judge: string, division: string, procedure: Procedure, filed: string, closed: string | null, closing_method: ClosingMethod | null, role: DrillRole, 
/**
 * For monthly figures: the month the case counts in (`2025-03`).
 */
month?: string, 
/**
 * For day averages and ages: the days counted.
 */
days?: number, 
/**
 * For 审限 indicators: the 审限届满日.
 */
due?: string, 
/**
 * For a case pending at the period's end: the whole months it has been pending, counted as the 超 N 个月未结
 * indicators count them ([`months_pending`]), so the 统计 age chart and the cards never disagree.
 */
months_pending?: number, 
/**
 * Why it counts, in Chinese.
 */
why: string, };

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

export type Facets = { judges: Array<string>, procedures: Array<ProcedureFacet>, 
/**
 * Every category (`CaseCategory::ALL`): the UI keeps no list of its own.
 */
categories: Array<CategoryFacet>, };

/**
 * One problem with one field, e.g. `parties[1].role`.
 */
export type FieldError = { field: string, code: string, message: string, };

/**
 * The 四类案件 flag set (`set`) or cleared, with its reason. The newest record is the case's flag.
 */
export type FlagRow = { id: string, case_id: string, flag: string, set: boolean, reason: string, by: string, at: string, };

/**
 * A 均衡结案 floor: by the end of `month`, the year-to-date closure rate should be at least `progress`.
 */
export type Floor = { month: number, progress: number, };

/**
 * Where a case is sent for discussion (最高人民法院《关于完善人民法院专业法官会议工作机制的指导意见》; 审判委员会).
 */
export type Forum = "专业法官会议" | "审判委员会";

/**
 * A ratio's parts, so that a reader can check it: `value = numerator / denominator` (null when 0).
 */
export type Fraction = { numerator: number, denominator: number, };

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
 * A field of 案牍's import a source column can fill.
 */
export type ImportField = "case_no" | "cause" | "procedure" | "filed" | "judge" | "presiding" | "panel" | "assistant" | "clerk" | "division" | "court" | "status" | "parties" | "active" | "passive" | "third_party" | "closed" | "closing_method" | "note";

/**
 * The header found and the mapping proposed for one file.
 */
export type ImportLayout = { format: SourceFormat, encoding?: string, 
/**
 * The header rows as the spreadsheet numbers them (two for a two-level header).
 */
header_rows: Array<number>, columns: Array<ColumnMapping>, 
/**
 * Required fields no column fills (案号, 案由, 立案日期, and the parties in one or two columns).
 */
missing: Array<ImportField>, 
/**
 * The court code of the file's 案号 (`粤0309`): the key its mapping is saved under.
 */
court_code?: string, 
/**
 * The saved court mapping that was applied, if any.
 */
saved_mapping?: string, };

/**
 * The mapping and the first rows as they would import; counts cover the whole file.
 */
export type ImportPreview = { layout: ImportLayout, rows: Array<PreviewRow>, total: number, invalid: number, 
/**
 * Rows left out as no case (a title, 合计, 制表人): row number and text.
 */
ignored: Array<[number, string]>, 
/**
 * The mapping as `andu import --mapping` reads it, to keep or correct.
 */
mapping_toml: string, 
/**
 * Every field a column can fill, in the order a mapping menu offers them (the app's column picker).
 */
fields: Array<ImportField>, };

/**
 * One indicator's texts: what the court reads next to the number.
 */
export type IndicatorDef = { key: string, 
/**
 * Chinese name, e.g. 结案率.
 */
name: string, definition: string, formula: string, 
/**
 * What no public source settled and what Andu chose (starts with 存疑（UNSURE）); absent when settled.
 */
unsure?: string | null, };

/**
 * Every indicator of one period and scope. Serialised flat: the keys of [`crate::KEYS`] are top-level fields.
 * Ratios are fractions in [0, 1] (except `close_receive_ratio`, `reversal_remand_ratio`, `case_matter_ratio`,
 * `litigation_per_10k` and the day averages), `null` when the denominator is 0.
 */
export type Indicators = { definitions_version: string, period: Period, scope: Scope, received: number, pending_start: number, closed: number, pending_end: number, closure_rate: number | null, close_receive_ratio: number | null, within_limit: number, within_limit_unknown: number, within_limit_unknown_cases: Array<UnknownLimit>, within_limit_rate: number | null, avg_days: number | null, avg_net_days: number | null, over_12m_pending: number, over_18m_pending: number, over_36m_pending: number, over_12m_ratio: number | null, mediation_withdrawal_rate: number | null, extension_rate: number | null, appeal_rate: number | null, reversed: number, remanded: number, reversal_remand_ratio: number | null, litigation_per_10k: number | null, 
/**
 * The population used for `litigation_per_10k` (sum over the courts in scope), when every court has one.
 */
population: number | null, case_matter_ratio: number | null, monthly: Array<MonthRow>, balance: Balance, 
/**
 * Numerator and denominator of every ratio, by key.
 */
terms: { [key in string]: Fraction }, 
/**
 * Things a reader must know about these numbers (cases left out, unconfigured population…), in Chinese.
 */
warnings: Array<string>, };

export type JudgeMetric = { key: string, 
/**
 * Chinese name from the definitions (结案数…).
 */
name: string, value: number | null, 
/**
 * The median over the judges of the division with cases in the store (this judge included).
 */
division_median: number | null, 
/**
 * The 12 calendar months ending with the period's last month, oldest first (the first and last month cut to
 * the month; the last month ends on the period's end).
 */
trend: Array<TrendPoint>, 
/**
 * How the value reads (the page formats it so; a rate's trend is drawn in per cent).
 */
unit: MetricUnit, 
/**
 * A value above the division's median is the better one (else the worse).
 */
higher_is_better: boolean, };

export type JudgePage = { judge: string, 
/**
 * The division of the judge's cases (the one most of them name).
 */
division: string, period: Period, definitions_version: string, weights_version: string, 
/**
 * Judges of the division the medians are taken over.
 */
division_judges: Array<string>, metrics: Array<JudgeMetric>, 
/**
 * The definition of each metric (name, text, formula, 存疑 note), for the page's tooltips.
 */
definitions: Array<IndicatorDef>, warnings: Array<string>, };

export type LawSearchResult = { 
/**
 * Laws whose name or abbreviation contains the query.
 */
laws: Array<LawSummary>, 
/**
 * Articles containing every word of the query.
 */
hits: Array<SearchHitView>, total: number, };

export type LawShowResult = { law: LawSummary, 
/**
 * How the name was found: `full` or `abbreviation`.
 */
name_match: NameMatch, 
/**
 * The version shown: in force on `on`, else the newest.
 */
version: VersionSummary, 
/**
 * The article asked for, or every article when none was.
 */
articles: Array<Article>, 
/**
 * The article in the court's form, ready to paste: 《中华人民共和国民事诉讼法》第一百四十七条.
 */
citation: string | null, };

export type LawSummary = { title: string, category: string, repealed: Repeal | null, versions: Array<VersionSummary>, };

export type LedgerRow = { case_no: string, cause: string, judge: string, division: string, procedure: Procedure, filed: string, 
/**
 * Calendar days from 立案 to the period's end.
 */
age_days: number, 
/**
 * Whole months from 立案 to the period's end.
 */
age_months: number, 
/**
 * The highest threshold passed: 12, 18 or 36 (months), as in `over_12m_pending` etc.
 */
over_months: number, 
/**
 * Recorded 审限扣除 days up to the period's end (for the reader; the age is not reduced by them).
 */
deducted_days: number, extensions: number, 
/**
 * The case's newest note (一案一策), if any.
 */
latest_note: string | null, };

/**
 * Months and days, counted months first. Criminal "half a month" is 15 days (CrimPL-I 202).
 */
export type LimitSpan = { months: number, days: number, };

export type ListFilter = { status?: string, procedure?: string, judge?: string, query?: string, };

/**
 * A column mapping as a person writes it (`andu import FILE --mapping mapping.toml`), and as it is kept per
 * court: header text (or column letter) → field id or its Chinese name, `忽略`/`ignore` to leave a column out.
 *
 * ```toml
 * header_row = 3          # optional: the (last) header row as the spreadsheet numbers it
 * [columns]
 * "收案日期" = "立案日期"
 * "承办人" = "judge"
 * "备注" = "忽略"
 * ```
 */
export type MappingFile = { header_row?: number | null, columns: { [key in string]: string }, };

export type MappingSource = "synonym" | "saved" | "user" | "none";

/**
 * Who is looking: the UI offers 送阅核 to the judge and the decisions to a 庭长/院长.
 */
export type Me = { name: string, role: string, division: string, };

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
 * How a per-judge indicator's value reads.
 */
export type MetricUnit = "rate" | "days" | "decimal" | "count";

/**
 * One month of 逐月收结 (the first and last month are cut to the period).
 */
export type MonthRow = { 
/**
 * `2025-03`.
 */
month: string, from: string, to: string, received: number, closed: number, 
/**
 * Since the start of the period.
 */
cumulative_received: number, cumulative_closed: number, 
/**
 * Cumulative closed ÷ (pending_start + cumulative received); the last month's equals `closure_rate`.
 */
progress: number | null, };

/**
 * A deadline whose date changed with a new holiday table or rule set (`None`: could not be computed).
 */
export type MovedDeadline = { case_no: string, name: string, party: string | null, from: string | null, to: string | null, 
/**
 * `from` was a provisional date (domain.md §0), now corrected by the imported year.
 */
from_provisional: boolean, };

/**
 * How a name given by a person was found.
 */
export type NameMatch = "full" | "abbreviation";

export type NoteRow = { id: string, text: string, created: string, };

/**
 * The 审限 of one pending case on `today` (the 统计 panel's "审限 status of open cases").
 */
export type OpenLimit = { case_no: string, cause: string, judge: string, division: string, procedure: string, filed: string, due: string | null, days_left: number | null, fraction_elapsed: number | null, 
/**
 * `None` when the 审限 cannot be computed (`error` says why).
 */
tier: Tier | null, tier_name: string, error: ErrorBody | null, 
/**
 * `due` is the provisional date of domain.md §0 (its year has no holiday table yet).
 */
provisional: Provisional | null, };

/**
 * The judge exported a judgment not 同意签发, with the reason given (where the court allows it).
 */
export type OverrideRow = { id: string, case_id: string, revision_id: string | null, reason: string, by: string, at: string, };

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

/**
 * 当事人诉讼地位.
 */
export type PartyRole = "原告" | "被告" | "第三人" | "上诉人" | "被上诉人" | "申请人" | "被申请人" | "申请执行人" | "被执行人" | "公诉机关" | "自诉人" | "被告人" | "被害人" | "原审原告" | "原审被告" | "原审第三人" | "再审申请人" | "被申请人（原审）" | "异议人" | "案外人";

export type PartyRow = { id: string, role: string, name: string, kind: "person" | "org", id_number: string | null, address: string | null, phone: string | null, agent: string | null, foreign: boolean, };

/**
 * `[from, to]`, both days included; `from <= to` (else `period_invalid`).
 */
export type Period = { from: string, to: string, };

/**
 * 在途期间 (CPL 85 ¶4; CrimPL 105 ¶3; ALL 101): a document posted before the period ends is in time, whenever it
 * arrives. `in_time` is `None` when the period's end is only provisional and the posting is after it.
 */
export type Posting = { date: string, in_time: boolean | null, };

/**
 * One row of the app's preview: every mapped cell's text by column index, and its errors.
 */
export type PreviewRow = { line: number, cells: { [key in number]: string }, errors: Array<CellError>, };

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
 * When (the server's stamp) and by whom the court published a file.
 */
export type Publication = { at: string, by: string, };

/**
 * One line of 待我阅核 (`andu review queue --json`, the app's queue screen).
 */
export type QueueRow = { case_no: string, judge: string, division: string, sent_at: string, sent_by: string, 
/**
 * Whole days since it was sent (the day it was sent is 0).
 */
waiting_days: number, 
/**
 * The 审限's last day, when it can be computed (none for a 涉外 case or one whose 审限 cannot be computed).
 */
trial_limit_due: string | null, trial_limit_days_left: number | null, trial_limit_tier: Tier | null, 
/**
 * The 审限 is in its urgent tier or over: read this one first.
 */
trial_limit_near: boolean, 
/**
 * The 审限's last day is only provisional (a year without holiday data).
 */
trial_limit_provisional: boolean, four_kinds: boolean, };

/**
 * The counting regime: which statute's counting rules apply.
 */
export type Regime = "civil" | "admin" | "criminal" | "criminal-custody";

/**
 * An edit the server refused, with what it was: kept here so nothing is silently lost.
 */
export type RejectionView = { device_seq: number, change_id: string, case_id: string, 
/**
 * `None` when the case is no longer in this store.
 */
case_no: string | null, entity: string | null, 
/**
 * `None` for a whole new row (or a deletion).
 */
field: string | null, 
/**
 * The refused value of a field edit.
 */
value: string | null, code: string, message: string, at: string, };

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
 * The ranges [`ReminderSettings::check`] allows, served with the settings so the 设置 editor checks as the user
 * types by the same numbers (it keeps none of its own).
 */
export type ReminderLimits = { 
/**
 * 中期 and 紧急: whole days, 0 to this.
 */
max_days: number, 
/**
 * A party period's reminder: whole days before its last day, 0 to this.
 */
max_party_days_before: number, };

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
export type ReminderThresholds = { settings: ReminderSettings, defaults: ReminderSettings, 
/**
 * The ranges the back end's check allows: the editor's input bounds and its check as the user types.
 */
limits: ReminderLimits, };

export type Repeal = { on: string, replaced_by: string | null, source: string, };

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
 * The result of the meeting a `discuss` decision sent the case to.
 */
export type ResultRow = { id: string, case_id: string, decision_id: string, result: string, by: string, at: string, };

/**
 * The counts of one person (or of the whole scope).
 */
export type ReviewCounts = { sent: number, approved: number, returned: number, discussed: number, pending: number, 
/**
 * The median of (answer day − sending day) over the rounds answered in the period; `None` without one.
 */
median_turnaround_days: number | null, };

export type ReviewDrill = { indicator: string, name: string, who: ReviewWho, period: Period, count: number, rounds: Array<ReviewDrillRow>, };

/**
 * One round behind a number.
 */
export type ReviewDrillRow = { case_no: string, judge: string, division: string, reviewer: string, sent: string, answered: string | null, answer: Decision | null, 
/**
 * Sending to answer, for rounds answered in the period.
 */
days?: number, 
/**
 * Why it counts, in Chinese.
 */
why: string, };

/**
 * One reviewer's or one judge's line.
 */
export type ReviewLine = { name: string, counts: ReviewCounts, };

/**
 * The 待我阅核 entry: shown to whoever reviews cases (the 院长; the 庭长 unless the court names the 院长), with the
 * number of cases waiting.
 */
export type ReviewNav = { shown: boolean, waiting: number, };

/**
 * One recorded 评查 (the latest one of a case counts).
 */
export type ReviewRecord = { 
/**
 * One of the definitions' reason categories (认定事实, 适用法律, 程序, 新证据, 其他…).
 */
reason: string, 
/**
 * Whether the first-instance judge bears responsibility for the outcome.
 */
responsible: boolean, 
/**
 * 一案一策: what the court takes from the case.
 */
lesson: string, 
/**
 * Who recorded it (the user or device name), and when.
 */
reviewer: string, recorded: string, };

/**
 * A case's 阅核 as it stands, and who is looking.
 */
export type ReviewShown = { me: Me, case_no: string, status: ReviewStatus, 
/**
 * Who reviews this case now: `庭长` or `院长`.
 */
reviewer: string, four_kinds: FlagRow | null, rounds: Array<RoundView>, overrides: Array<OverrideRow>, };

export type ReviewState = "待评查" | "已评查";

/**
 * `andu stats review --json`, the 统计 screen's 阅核 section.
 */
export type ReviewStats = { period: Period, scope: Scope, definitions_version: string, total: ReviewCounts, 
/**
 * By reviewer name, ascending.
 */
by_reviewer: Array<ReviewLine>, 
/**
 * By 承办法官, ascending.
 */
by_judge: Array<ReviewLine>, 
/**
 * The definition of each key (name, text, formula, 存疑 note).
 */
definitions: Array<IndicatorDef>, warnings: Array<string>, };

/**
 * Where a case's 阅核 stands: the state of its latest round.
 */
export type ReviewStatus = "未送阅核" | "待阅核" | "已退回" | "同意签发" | "提交讨论";

/**
 * Whose rounds a drill-down lists.
 */
export type ReviewWho = { "side": "everyone" } | { "side": "reviewer", "name": string } | { "side": "judge", "name": string };

/**
 * A revision without its text, for the 历史版本 list.
 */
export type RevisionMeta = { id: string, parents: Array<string>, author: string, created_at: string, };

export type RevisionRow = { id: string, draft_id: string, parents: Array<string>, content: { [key in string]: string }, author: string, created_at: string, };

/**
 * A revision sent to 阅核 (one round).
 */
export type RoundRow = { id: string, case_id: string, draft_id: string, revision_id: string, 
/**
 * `庭长` or `院长`: who the rule named when it was sent.
 */
reviewer: string, note: string | null, by: string, at: string, };

export type RoundView = { id: string, draft_id: string, 
/**
 * The revision sent (its id) and its number among the draft's revisions, from 1.
 */
revision: string, revision_no: number, reviewer: string, sent_by: string, sent_at: string, note: string | null, 
/**
 * The answer in force, `None` while waiting (or when the newest record holds an answer this version does not
 * know: the round then reads as waiting, as its status does).
 */
decision: Decision | null, 
/**
 * Where this round's answer left the case: `Decision::status`, 待阅核 while unanswered (the UI's tag).
 */
status: ReviewStatus, 
/**
 * Every decision recorded on the round (two reviewers offline may both answer; the newest is in force).
 */
decisions: Array<DecisionRow>, 
/**
 * The results recorded for a `discuss` decision.
 */
results: Array<ResultRow>, comments: Array<CommentView>, 
/**
 * What the judge changed since the revision the previous round sent (the sections that changed, as a
 * character diff); `None` for the first round.
 */
changes: Array<SectionDiff> | null, };

/**
 * One bad row of an import: 1-based line (JSON Lines) or spreadsheet row, and what is wrong with it.
 */
export type RowError = { line: number, case_no: string, errors: Array<FieldError>, 
/**
 * Court-layout tables: error field path → the column it came from (`D 列“收案日期”`).
 */
columns?: { [key in string]: string }, };

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

/**
 * Which cases count: all filters that are set must match (an empty scope is the whole store).
 */
export type Scope = { 
/**
 * 部门 (e.g. 民一庭), exact match.
 */
division: string | null, 
/**
 * 承办法官, exact match.
 */
judge: string | null, procedure: Procedure | null, category: CaseCategory | null, };

export type SearchHit = { id: string, case_no: string, cause: string, parties: string, judge: string, status: string, filed: string, 
/**
 * Which field matched best: 案号, 当事人, 当事人拼音, 案由, 承办人员, 备注.
 */
matched: string, score: number, };

export type SearchHitView = { law: string, article: number, label: string, snippet: string, in_force_from: string | null, repealed: boolean, };

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
 * One court setting in force: its key, its value, where that value comes from and, for the court's, the
 * publication that set it (when, by whom).
 */
export type SettingInForce = { key: string, value: string, source: SettingSource, published: Publication | null, };

/**
 * Where a setting in force comes from: `builtin` (not set: the default), `local` (set on this machine, not the
 * value the court's last publication gave it) or `court` (the value the court's last settings file gave it).
 */
export type SettingSource = "builtin" | "local" | "court";

/**
 * A rest day the deadline moved over, with the reason shown to the judge (`国庆节、中秋节 放假`).
 */
export type SkippedDay = { date: string, reason: string, };

export type SourceFormat = "xlsx" | "xls" | "csv";

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

export type StatsPanel = { indicators: Indicators, 
/**
 * Name, definition text and formula of every indicator, for the cards' tooltips.
 */
definitions: Array<IndicatorDef>, definitions_name: string, ledger: Array<LedgerRow>, divisions: Array<string>, judges: Array<string>, };

/**
 * The query of every 统计 command; an absent scope member is the whole court.
 */
export type StatsQuery = { 
/**
 * YYYY-MM-DD, both ends included.
 */
from: string, to: string, division?: string, judge?: string, procedure?: string, 
/**
 * 民事/刑事/行政/执行 (or civil/criminal/administrative/enforcement).
 */
category?: string, };

export type StoreStatus = { path: string, case_count: number, is_new: boolean, };

/**
 * What one sync did: `andu sync --json` prints it. `conflicts` counts the open conflicts after the sync (the ones
 * people must look at), `rejected` the edits the server refused in this sync.
 */
export type SyncReport = { pushed: number, pulled: number, conflicts: number, rejected: number, };

/**
 * What the status line shows: the store's sync state plus what this app knows about the connection.
 */
export type SyncState = { logged_in: boolean, online: boolean | null, syncing: boolean, 
/**
 * When the next background attempt is due (RFC 3339), when logged in.
 */
next_attempt: string | null, interval_secs: number, 
/**
 * Consecutive failed attempts (backing off while > 0).
 */
failures: number, 
/**
 * The stable code of the last failure in this session (`server_unreachable`, `bad_credentials`…).
 */
last_error_code: string | null, last_report: SyncReport | null, 
/**
 * Increases with every change; the UI keeps the state with the highest version (events and answers race).
 */
version: number, server: string | null, user: string | null, role: string | null, division: string | null, cursor: Cursor, acked: number, pending: number, conflicts: number, rejected: number, last_sync: string | null, last_error: string | null, 
/**
 * Published data received but not applied (a newer kind, a file a newer Andu wrote…), with the reason.
 */
waiting_assets: Array<WaitingAsset>, };

/**
 * Which side a person keeps.
 */
export type Take = "mine" | "theirs";

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
urgent: number, 
/**
 * The reminder tiers in force, which decide 审限预警 (the section's hint states them).
 */
reminders: ReminderSettings, 
/**
 * The sections' windows in days, for their hints.
 */
windows: TodayWindows, };

/**
 * How many days each section of 今日 looks back or ahead: the hints show these, never numbers of their own.
 */
export type TodayWindows = { 
/**
 * 已超期 lists periods that ended up to this many days ago ([`crate::RECENT_DAYS`]).
 */
recent_days: number, 
/**
 * 本周: periods ending in 1 to this many days ([`WEEK_DAYS`]).
 */
week_days: number, 
/**
 * 近30日: periods ending after 本周 up to this many days ([`LATER_DAYS`]).
 */
later_days: number, };

/**
 * One month of a trend: the judge's value and the division's median that month.
 */
export type TrendPoint = { 
/**
 * `2026-03`.
 */
month: string, value: number | null, division_median: number | null, };

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
 * A closed case whose 审限 could not be computed (e.g. `holiday_data_missing`): listed, never guessed.
 */
export type UnknownLimit = { case_no: string, code: string, message: string, };

/**
 * A deadline that could not be computed (a year without holiday data): reported, never dropped silently.
 */
export type Unresolved = { rule_id: string, name: string, party: string | null, trigger_event: string, trigger_date: string, error: ErrorBody, };

export type UnresolvedItem = { case_no: string, name: string, error: ErrorBody, };

export type VersionSummary = { in_force_from: string | null, in_force_until: string | null, in_force_basis: string, source: string, article_count: number, has_text: boolean, };

/**
 * Data the court server published that this store holds but could not apply yet; tried again at every sync.
 */
export type WaitingAsset = { kind: string, name: string, 
/**
 * Why the last try failed (`None` before the first try).
 */
reason: string | null, };

/**
 * Which weights are in force.
 */
export type WeightsInfo = { 
/**
 * The court's file is in force (`false`: the embedded one).
 */
custom: boolean, version: string, };

export type WithdrawalRow = { id: string, case_id: string, comment_id: string, by: string, at: string, };

export type Written = { 
/**
 * Where the file was written.
 */
path: string, };
