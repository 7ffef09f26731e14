//! [`Writer`] methods for draft judgments. Drafts and revisions are logged as ordinary creates (entity `draft` /
//! `draft_revision`, `new` = the row as JSON) so sync pushes them like any child row; the autosave is not logged.

use super::{Writer, json};
use crate::error::{Result, StoreError};
use crate::table::change_log::NewChange;
use crate::table::drafts::{self, AutosaveRow, DraftContent, DraftRow, RevisionRow};

impl Writer<'_> {
    /// Start a new draft of `kind` (e.g. `civil-judgment`) for a case. It has no revision until the first save.
    pub fn create_draft(&mut self, case_no: &str, kind: &str, title: &str) -> Result<DraftRow> {
        let case = self.case_by_no(case_no)?;
        let d = DraftRow {
            id: self.ids.next(),
            case_id: case.id.clone(),
            kind: kind.into(),
            title: title.into(),
            created_at: self.at.clone(),
        };
        drafts::insert_draft(&self.tx, &d)?;
        self.log(NewChange {
            case_id: &case.id,
            entity: "draft",
            entity_id: &d.id,
            field: None,
            old: None,
            new: Some(&json(&d)),
        })?;
        Ok(d)
    }

    /// Save an immutable revision on top of `parents` (normally the one revision the editor started from; both
    /// heads for a merge). The working copy then points at the new revision.
    pub fn save_draft_revision(
        &mut self,
        draft_id: &str,
        parents: &[String],
        content: &DraftContent,
        author: &str,
    ) -> Result<RevisionRow> {
        let d = drafts::draft(&self.tx, draft_id)?.ok_or_else(|| StoreError::DraftNotFound(draft_id.into()))?;
        // A NUL pasted into 本院认为 would be refused by the court server at the next sync; it is said here, under
        // its section, while the judge can still fix it. (The working copy keeps whatever was typed.)
        for (key, text) in content {
            if let Some(mut e) = andu_core::case::limits::check("draft.section", text) {
                e.field = format!("sections.{key}");
                return Err(StoreError::Invalid(andu_core::CaseInvalid { errors: vec![e] }));
            }
        }
        for p in parents {
            // A parent from another draft would splice two histories together.
            match drafts::revision(&self.tx, p)? {
                Some(r) if r.draft_id == d.id => {}
                _ => return Err(StoreError::RevisionNotFound(p.clone())),
            }
        }
        let r = RevisionRow {
            id: self.ids.next(),
            draft_id: d.id.clone(),
            parents: parents.to_vec(),
            content: content.clone(),
            author: author.into(),
            created_at: self.at.clone(),
        };
        drafts::insert_revision(&self.tx, &r)?;
        self.log(NewChange {
            case_id: &d.case_id,
            entity: "draft_revision",
            entity_id: &r.id,
            field: None,
            old: None,
            new: Some(&json(&r)),
        })?;
        drafts::set_autosave(
            &self.tx,
            &AutosaveRow {
                draft_id: d.id.clone(),
                content: content.clone(),
                saved_at: self.at.clone(),
                base_revision: Some(r.id.clone()),
            },
        )?;
        Ok(r)
    }

    /// Keep the editor's working copy. Not logged: it is this machine's unsaved text, written every few seconds.
    pub fn autosave_draft(
        &mut self,
        draft_id: &str,
        content: &DraftContent,
        base_revision: Option<&str>,
    ) -> Result<AutosaveRow> {
        drafts::draft(&self.tx, draft_id)?.ok_or_else(|| StoreError::DraftNotFound(draft_id.into()))?;
        let a = AutosaveRow {
            draft_id: draft_id.into(),
            content: content.clone(),
            saved_at: self.at.clone(),
            base_revision: base_revision.map(str::to_string),
        };
        drafts::set_autosave(&self.tx, &a)?;
        Ok(a)
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use crate::table::drafts::DraftContent;
    use crate::{DbKey, Store};

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("t.db"), &DbKey::new("k")).unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 8, 0, 0).unwrap();
        s.write(now, |w| {
            for c in crate::demo::generate(today, 3, 1) {
                w.add_case(&c.validate().unwrap())?;
            }
            Ok(())
        })
        .unwrap();
        (dir, s)
    }

    fn text(s: &str) -> DraftContent {
        [("reasoning".to_string(), s.to_string())].into_iter().collect()
    }

    #[test]
    fn revisions_are_logged_autosaves_are_not_and_two_saves_on_one_parent_are_two_heads() {
        let (_dir, mut s) = store();
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap();
        let no = crate::demo::FIXED_CASE_NO;
        let before = s.history(no).unwrap().len();
        let d = s.write(now, |w| w.create_draft(no, "civil-judgment", "民事判决书")).unwrap();
        let r1 = s.write(now, |w| w.save_draft_revision(&d.id, &[], &text("初稿"), "王建国")).unwrap();
        for i in 0..5 {
            s.write(now, |w| w.autosave_draft(&d.id, &text(&format!("初稿{i}")), Some(&r1.id))).unwrap();
        }
        let log = s.history(no).unwrap();
        assert_eq!(log.len(), before + 2, "a draft and one revision; autosaves stay local");
        assert_eq!((log[0].entity.as_str(), log[1].entity.as_str()), ("draft_revision", "draft"));
        let logged: crate::table::drafts::RevisionRow = serde_json::from_str(log[0].new.as_deref().unwrap()).unwrap();
        assert_eq!(logged, r1);

        let state = s.draft_state(&d.id).unwrap();
        assert_eq!(state.content, text("初稿4"));
        assert_eq!(state.base_revision.as_deref(), Some(r1.id.as_str()));
        assert_eq!(state.heads, std::slice::from_ref(&r1.id));
        assert!(s.draft_merge_proposal(&d.id).unwrap().is_none());

        // Two machines save on the same parent: two heads, and a proposal that merges them against r1.
        let a = s
            .write(now, |w| w.save_draft_revision(&d.id, std::slice::from_ref(&r1.id), &text("甲稿"), "王建国"))
            .unwrap();
        let b = s
            .write(now, |w| w.save_draft_revision(&d.id, std::slice::from_ref(&r1.id), &text("初稿"), "李晓燕"))
            .unwrap();
        assert_eq!(s.draft_state(&d.id).unwrap().heads, [a.id.clone(), b.id.clone()]);
        let p = s.draft_merge_proposal(&d.id).unwrap().unwrap();
        assert_eq!(p.ancestor.as_deref(), Some(r1.id.as_str()));
        assert_eq!(p.content(), text("甲稿"), "only one side changed the text");
        let m = s.write(now, |w| w.save_draft_revision(&d.id, &p.heads, &p.content(), "王建国")).unwrap();
        assert_eq!(s.draft_state(&d.id).unwrap().heads, [m.id]);
        assert_eq!(s.drafts(no).unwrap(), [d]);
    }

    /// Issue #12: NUL and other control characters in a judgment's text are refused under their section when a
    /// revision is saved (the court server would refuse the row); the working copy keeps what was typed.
    #[test]
    fn a_revision_with_control_characters_is_refused_under_its_section() {
        let (_dir, mut s) = store();
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap();
        let d = s.write(now, |w| w.create_draft(crate::demo::FIXED_CASE_NO, "civil-judgment", "民事判决书")).unwrap();
        let err = s.write(now, |w| w.save_draft_revision(&d.id, &[], &text("本院认为\u{0}。"), "王建国")).unwrap_err();
        let body = andu_core::Coded::to_body(&err);
        assert_eq!(body.detail.as_ref().unwrap()[0]["field"], "sections.reasoning", "{body:?}");
        assert_eq!(body.detail.as_ref().unwrap()[0]["code"], "field_invalid_chars");
        assert!(s.draft_state(&d.id).unwrap().heads.is_empty(), "nothing saved");
        // Line breaks and tabs are text a judgment has.
        s.write(now, |w| w.save_draft_revision(&d.id, &[], &text("本院认为：\n\t一、……"), "王建国")).unwrap();
        s.write(now, |w| w.autosave_draft(&d.id, &text("草稿\u{1}"), None)).unwrap();
    }

    #[test]
    fn a_newer_revision_from_another_machine_replaces_an_unedited_working_copy_but_never_an_edited_one() {
        let (_dir, mut s) = store();
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap();
        let d = s.write(now, |w| w.create_draft(crate::demo::FIXED_CASE_NO, "civil-judgment", "民事判决书")).unwrap();
        let r1 = s.write(now, |w| w.save_draft_revision(&d.id, &[], &text("初稿"), "王建国")).unwrap();
        // Pulled from the other machine: r2 on top of r1. The working copy (= r1) had no edits of its own.
        let r2 = crate::table::drafts::RevisionRow {
            id: crate::ids::random_id().unwrap(),
            draft_id: d.id.clone(),
            parents: vec![r1.id.clone()],
            content: text("另一台电脑的修改稿"),
            author: "李晓燕".into(),
            created_at: "2026-11-26T10:00:00.000Z".into(),
        };
        let json = serde_json::to_string(&r2).unwrap();
        crate::table::drafts::apply_remote_draft(s.conn(), "draft_revision", &json).unwrap();
        let state = s.draft_state(&d.id).unwrap();
        assert_eq!((state.content, state.base_revision.as_deref()), (text("另一台电脑的修改稿"), Some(r2.id.as_str())));

        // With edits of its own on r1, the working copy stays; saving it makes a second head (a visible conflict).
        s.write(now, |w| w.autosave_draft(&d.id, &text("本机未保存的修改"), Some(&r1.id))).unwrap();
        let state = s.draft_state(&d.id).unwrap();
        assert_eq!((state.content, state.base_revision.as_deref()), (text("本机未保存的修改"), Some(r1.id.as_str())));
    }

    #[test]
    fn remote_rows_apply_once_without_logging_and_foreign_parents_are_refused() {
        let (_dir, mut s) = store();
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap();
        let no = crate::demo::FIXED_CASE_NO;
        let d = s.write(now, |w| w.create_draft(no, "civil-judgment", "民事判决书")).unwrap();
        let other = s.write(now, |w| w.create_draft(no, "civil-judgment", "另一稿")).unwrap();
        let foreign = s.write(now, |w| w.save_draft_revision(&other.id, &[], &text("x"), "王建国")).unwrap();
        let err =
            s.write(now, |w| w.save_draft_revision(&d.id, std::slice::from_ref(&foreign.id), &text("y"), "王建国"));
        assert!(matches!(err, Err(crate::StoreError::RevisionNotFound(_))));

        let remote = crate::table::drafts::RevisionRow {
            id: crate::ids::random_id().unwrap(),
            draft_id: d.id.clone(),
            parents: vec![],
            content: text("另一台电脑"),
            author: "李晓燕".into(),
            created_at: "2026-11-26T09:00:00.000Z".into(),
        };
        let before = s.history(no).unwrap().len();
        let json = serde_json::to_string(&remote).unwrap();
        for _ in 0..2 {
            assert!(crate::table::drafts::apply_remote_draft(s.conn(), "draft_revision", &json).unwrap());
        }
        assert!(!crate::table::drafts::apply_remote_draft(s.conn(), "party", "{}").unwrap());
        assert_eq!(s.history(no).unwrap().len(), before);
        assert_eq!(s.draft_revision(&remote.id).unwrap(), remote);
    }
}
