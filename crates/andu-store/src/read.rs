//! Read models for the CLI and the app: [`CaseSummary`] for lists, [`CaseDetail`] for one case.

use andu_core::{CaseInput, CaseNumber, Procedure};
use rusqlite::Connection;
use serde::Serialize;

use crate::Store;
use crate::error::{Result, StoreError};
use crate::table::cases::{self, CaseFilter, CaseRow};
use crate::table::change_log::{self, ChangeEntry};
use crate::table::children::{
    self, AppealReviewRow, AppealRow, Child, DeductionRow, DocumentRow, EventRow, ExtensionRow, HearingRow, NoteRow,
};
use crate::table::parties::{self, PartyRow};

pub(crate) mod scan;
pub use scan::Which;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CaseSummary {
    pub id: String,
    pub case_no: String,
    pub cause: String,
    pub procedure: String,
    pub procedure_name: String,
    pub filed: String,
    #[cfg_attr(feature = "ts", ts(type = "\"pending\" | \"closed\""))]
    pub status: &'static str,
    pub closed: Option<String>,
    pub judge: String,
    pub division: String,
    /// "张三 诉 某某科技有限公司": the active side, then the passive side.
    pub parties: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CaseDetail {
    #[serde(flatten)]
    pub summary: CaseSummary,
    pub court: String,
    pub assistant: String,
    pub clerk: String,
    pub custody: bool,
    /// 合议庭 (`审判长 张某、审判员 王建国`); empty for a judge sitting alone.
    pub panel: String,
    pub closing_method: Option<String>,
    pub parties_list: Vec<PartyRow>,
    pub events: Vec<EventRow>,
    pub hearings: Vec<HearingRow>,
    pub extensions: Vec<ExtensionRow>,
    pub deductions: Vec<DeductionRow>,
    pub appeal: Option<AppealRow>,
    pub notes: Vec<NoteRow>,
    /// Documents generated for the case (文书), oldest first.
    pub documents: Vec<DocumentRow>,
    /// 发改案件逐案评查 records, oldest first (the latest counts).
    pub appeal_reviews: Vec<AppealReviewRow>,
}

const ACTIVE_ROLES: &[&str] = &["原告", "上诉人", "申请人", "申请执行人", "公诉机关", "自诉人", "再审申请人", "异议人"];

pub(crate) fn parties_line(parties: &[PartyRow]) -> String {
    let names = |active: bool| {
        parties
            .iter()
            .filter(|p| ACTIVE_ROLES.contains(&p.role.as_str()) == active && p.role != "第三人")
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join("、")
    };
    match (names(true), names(false)) {
        (a, b) if a.is_empty() => b,
        (a, b) if b.is_empty() => a,
        (a, b) => format!("{a} 诉 {b}"),
    }
}

fn summary(row: CaseRow, parties: &[PartyRow]) -> CaseSummary {
    let procedure_name =
        Procedure::parse(&row.procedure).map(|p| p.name_zh().to_string()).unwrap_or_else(|_| row.procedure.clone());
    CaseSummary {
        status: if row.closed.is_some() { "closed" } else { "pending" },
        parties: parties_line(parties),
        id: row.id,
        case_no: row.case_no,
        cause: row.cause,
        procedure: row.procedure,
        procedure_name,
        filed: row.filed,
        closed: row.closed,
        judge: row.judge,
        division: row.division,
    }
}

pub(crate) fn detail(conn: &Connection, row: CaseRow) -> Result<CaseDetail> {
    let parties_list = parties::for_case(conn, &row.id)?;
    let kids = children::for_case(conn, &row.id)?;
    Ok(assemble(row, parties_list, kids))
}

/// One case from its row, its parties (in order) and its child rows (grouped by kind, each in its order).
pub(crate) fn assemble(row: CaseRow, parties_list: Vec<PartyRow>, kids: Vec<Child>) -> CaseDetail {
    let mut d = CaseDetail {
        court: row.court.clone(),
        assistant: row.assistant.clone(),
        clerk: row.clerk.clone(),
        custody: row.custody,
        panel: row.panel.clone(),
        closing_method: row.closing_method.clone(),
        summary: summary(row, &parties_list),
        parties_list,
        events: vec![],
        hearings: vec![],
        extensions: vec![],
        deductions: vec![],
        appeal: None,
        notes: vec![],
        documents: vec![],
        appeal_reviews: vec![],
    };
    for c in kids {
        match c {
            Child::Event(r) => d.events.push(r),
            Child::Hearing(r) => d.hearings.push(r),
            Child::Extension(r) => d.extensions.push(r),
            Child::Deduction(r) => d.deductions.push(r),
            Child::Appeal(r) => d.appeal = Some(r),
            Child::Note(r) => d.notes.push(r),
            Child::Document(r) => d.documents.push(r),
            Child::AppealReview(r) => d.appeal_reviews.push(r),
        }
    }
    d
}

/// The stored case in the import/export format.
pub(crate) fn case_input(conn: &Connection, row: &CaseRow) -> Result<CaseInput> {
    let d = detail(conn, row.clone())?;
    Ok(d.to_input())
}

impl CaseDetail {
    pub fn to_input(&self) -> CaseInput {
        use andu_core::case::*;
        CaseInput {
            case_no: self.summary.case_no.clone(),
            cause: self.summary.cause.clone(),
            procedure: self.summary.procedure.clone(),
            filed: self.summary.filed.clone(),
            court: self.court.clone(),
            division: self.summary.division.clone(),
            judge: self.summary.judge.clone(),
            assistant: self.assistant.clone(),
            clerk: self.clerk.clone(),
            custody: self.custody,
            panel: self.panel.clone(),
            parties: self
                .parties_list
                .iter()
                .map(|p| PartyInput {
                    role: p.role.clone(),
                    name: p.name.clone(),
                    kind: p.kind.clone(),
                    id_number: p.id_number.clone(),
                    address: p.address.clone(),
                    phone: p.phone.clone(),
                    agent: p.agent.clone(),
                    foreign: p.foreign,
                })
                .collect(),
            closed: self.summary.closed.clone(),
            closing_method: self.closing_method.clone(),
            extensions: self
                .extensions
                .iter()
                .map(|x| ExtensionInput {
                    approved: x.approved.clone(),
                    months: x.months,
                    days: x.days,
                    by: x.by.clone(),
                    reason: x.reason.clone(),
                })
                .collect(),
            deductions: self
                .deductions
                .iter()
                .map(|d| DeductionInput {
                    kind: d.kind.clone(),
                    from: d.from.clone(),
                    to: d.to.clone(),
                    approved_by: d.approved_by.clone(),
                    reason: d.reason.clone(),
                })
                .collect(),
            appeal: self.appeal.as_ref().map(|a| AppealInput { filed: a.filed.clone(), outcome: a.outcome.clone() }),
            hearings: self
                .hearings
                .iter()
                .map(|h| HearingInput { start: h.start.clone(), room: h.room.clone() })
                .collect(),
            notes: self.notes.iter().map(|n| n.text.clone()).collect(),
        }
    }
}

impl Store {
    fn row_by_no(&self, case_no: &str) -> Result<CaseRow> {
        let canonical = CaseNumber::parse(case_no)?.canonical();
        cases::by_case_no(self.conn(), &canonical)?.ok_or(StoreError::CaseNotFound(canonical))
    }

    pub fn get_case(&self, case_no: &str) -> Result<CaseDetail> {
        detail(self.conn(), self.row_by_no(case_no)?)
    }

    pub fn get_case_by_id(&self, id: &str) -> Result<CaseDetail> {
        let row = cases::by_id(self.conn(), id)?.ok_or_else(|| StoreError::CaseNotFound(id.to_string()))?;
        detail(self.conn(), row)
    }

    /// One page of cases. With `query`, the search decides membership and order.
    pub fn list_cases(
        &mut self,
        filter: &CaseFilter,
        query: Option<&str>,
        offset: usize,
        limit: usize,
    ) -> Result<(usize, Vec<CaseSummary>)> {
        let (total, rows) = match query.map(str::trim).filter(|q| !q.is_empty()) {
            // With a query, the search index filters, ranks and pages; only the page's rows are read.
            Some(q) => {
                let sf = crate::search::SearchFilter {
                    status: filter.status.clone(),
                    procedure: filter.procedure.clone(),
                    judge: filter.judge.clone(),
                };
                let (total, hits) = self.search_page(q, &sf, offset, limit)?;
                let mut rows = Vec::with_capacity(hits.len());
                for h in hits {
                    rows.extend(cases::by_id(self.conn(), &h.id)?);
                }
                (total, rows)
            }
            None => cases::list(self.conn(), filter, offset, limit)?,
        };
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let parties = parties::for_case(self.conn(), &row.id)?;
            out.push(summary(row, &parties));
        }
        Ok((total, out))
    }

    pub fn history(&self, case_no: &str) -> Result<Vec<ChangeEntry>> {
        let row = self.row_by_no(case_no)?;
        Ok(change_log::for_case(self.conn(), &row.id)?)
    }

    pub fn judges(&self) -> Result<Vec<String>> {
        Ok(cases::judges(self.conn())?)
    }

    /// Every case in the export format, in 案号 order.
    pub fn all_inputs(&self) -> Result<Vec<CaseInput>> {
        let mut out = Vec::new();
        self.for_each_case(Which::All, |d| -> Result<()> {
            out.push(d.to_input());
            Ok(())
        })?;
        out.sort_by(|a, b| a.case_no.cmp(&b.case_no));
        Ok(out)
    }

    /// Every case, whole (with its 节点, which an import line does not carry), by 案号. Prefer
    /// [`Store::for_each_case`], which holds one case in memory at a time.
    pub fn all_cases(&self) -> Result<Vec<CaseDetail>> {
        let mut out = Vec::new();
        self.for_each_case(Which::All, |d| -> Result<()> {
            out.push(d);
            Ok(())
        })?;
        out.sort_by(|a, b| a.summary.case_no.cmp(&b.summary.case_no));
        Ok(out)
    }

    /// Call `f` with every case of `which`, whole, in creation order: nine statements in one read transaction,
    /// whatever the number of cases (see [`scan`]).
    pub fn for_each_case<E: From<StoreError>>(
        &self,
        which: Which,
        f: impl FnMut(CaseDetail) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        scan::for_each(self.conn(), which, f)
    }
}
