//! Reading draft judgments: the editor's state (autosaved text, revision history, heads), a diff between any two
//! revisions, and the proposed merge when two machines saved concurrently (two heads).
//!
//! Merges are only ever *proposed*: a person reads the proposal (clean, or with conflict markers), edits it and
//! saves it as a merge revision naming both heads as parents. Nothing is merged automatically.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

use crate::Store;
use crate::error::{Result, StoreError};
use crate::table::drafts::{self, AutosaveRow, DraftContent, DraftRow, RevisionRow};

/// A revision without its text, for the 历史版本 list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RevisionMeta {
    pub id: String,
    pub parents: Vec<String>,
    pub author: String,
    pub created_at: String,
}

/// What the editor opens with.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DraftState {
    pub draft: DraftRow,
    /// The text to edit: the autosaved working copy when there is one, else the newest head's text.
    pub content: DraftContent,
    /// The revision `content` is based on (the parent of the next save); `None` before the first save.
    pub base_revision: Option<String>,
    /// When the working copy was last autosaved (RFC 3339), if ever.
    pub autosaved_at: Option<String>,
    /// Every revision, oldest first.
    pub revisions: Vec<RevisionMeta>,
    /// Revision ids no other revision builds on, oldest first; more than one is a conflict to resolve.
    pub heads: Vec<String>,
}

/// One section of a proposed merge. `conflict` means `text` carries diffy's conflict markers for a person to edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SectionMerge {
    pub key: String,
    pub text: String,
    pub conflict: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MergeProposal {
    /// The two heads being merged; the merge revision names both as parents.
    pub heads: [String; 2],
    /// Their lowest common ancestor (`None`: unrelated histories, merged against empty text).
    pub ancestor: Option<String>,
    pub sections: Vec<SectionMerge>,
}

impl MergeProposal {
    pub fn has_conflicts(&self) -> bool {
        self.sections.iter().any(|s| s.conflict)
    }
    pub fn content(&self) -> DraftContent {
        self.sections.iter().map(|s| (s.key.clone(), s.text.clone())).collect()
    }
}

/// Three-way merge of every section against `ancestor`. A section equal on both sides, or changed on one side only,
/// is taken as is; otherwise diffy merges by line (a paragraph is a line) and marks what overlaps.
pub fn merge_contents(ancestor: &DraftContent, a: &DraftContent, b: &DraftContent) -> Vec<SectionMerge> {
    let keys: BTreeSet<&String> = ancestor.keys().chain(a.keys()).chain(b.keys()).collect();
    let get = |c: &DraftContent, k: &str| c.get(k).cloned().unwrap_or_default();
    keys.into_iter()
        .map(|k| {
            let (o, x, y) = (get(ancestor, k), get(a, k), get(b, k));
            let (text, conflict) = if x == y || y == o {
                (x, false)
            } else if x == o {
                (y, false)
            } else {
                match diffy::merge(&o, &x, &y) {
                    Ok(t) => (t, false),
                    Err(t) => (t, true),
                }
            };
            SectionMerge { key: k.clone(), text, conflict }
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum SpanTag {
    Equal,
    Insert,
    Delete,
}

/// A run of characters that is unchanged, inserted or deleted between two revisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Span {
    pub tag: SpanTag,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SectionDiff {
    pub key: String,
    pub changed: bool,
    pub spans: Vec<Span>,
}

/// Character diff of every section (Chinese has no spaces to split words on, so a character is the unit a
/// reader notices). Adjacent characters with the same tag are joined into one span.
pub fn diff_contents(old: &DraftContent, new: &DraftContent) -> Vec<SectionDiff> {
    let keys: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    keys.into_iter()
        .map(|k| {
            let a = old.get(k).map(String::as_str).unwrap_or("");
            let b = new.get(k).map(String::as_str).unwrap_or("");
            let diff = TextDiff::configure().algorithm(similar::Algorithm::Myers).diff_chars(a, b);
            let mut spans: Vec<Span> = Vec::new();
            for c in diff.iter_all_changes() {
                let tag = match c.tag() {
                    ChangeTag::Equal => SpanTag::Equal,
                    ChangeTag::Insert => SpanTag::Insert,
                    ChangeTag::Delete => SpanTag::Delete,
                };
                match spans.last_mut() {
                    Some(s) if s.tag == tag => s.text.push_str(c.value()),
                    _ => spans.push(Span { tag, text: c.value().to_string() }),
                }
            }
            SectionDiff { key: k.clone(), changed: a != b, spans }
        })
        .collect()
}

fn meta(r: &RevisionRow) -> RevisionMeta {
    RevisionMeta {
        id: r.id.clone(),
        parents: r.parents.clone(),
        author: r.author.clone(),
        created_at: r.created_at.clone(),
    }
}

impl Store {
    /// Drafts of a case, oldest first.
    pub fn drafts(&self, case_no: &str) -> Result<Vec<DraftRow>> {
        let case = self.get_case(case_no)?;
        Ok(drafts::for_case(self.conn(), &case.summary.id)?)
    }

    fn draft_row(&self, draft_id: &str) -> Result<DraftRow> {
        drafts::draft(self.conn(), draft_id)?.ok_or_else(|| StoreError::DraftNotFound(draft_id.to_string()))
    }

    pub fn draft_revision(&self, revision_id: &str) -> Result<RevisionRow> {
        drafts::revision(self.conn(), revision_id)?.ok_or_else(|| StoreError::RevisionNotFound(revision_id.to_string()))
    }

    pub fn draft_state(&self, draft_id: &str) -> Result<DraftState> {
        let draft = self.draft_row(draft_id)?;
        let revs = drafts::revisions(self.conn(), draft_id)?;
        let heads = drafts::heads_of(revs.clone());
        let autosave: Option<AutosaveRow> = drafts::autosave(self.conn(), draft_id)?;
        // A working copy with no edits of its own on a revision that has since been built on (a newer revision
        // pulled from another machine) would hide that revision: open the newest head instead.
        let stale = |a: &AutosaveRow| {
            let base = a.base_revision.as_deref().and_then(|b| revs.iter().find(|r| r.id == b));
            base.is_some_and(|b| b.content == a.content && !heads.iter().any(|h| h.id == b.id))
        };
        let (content, base_revision, autosaved_at) = match (autosave, heads.last()) {
            (Some(a), Some(h)) if stale(&a) => (h.content.clone(), Some(h.id.clone()), Some(a.saved_at)),
            (Some(a), _) => (a.content, a.base_revision, Some(a.saved_at)),
            (None, Some(h)) => (h.content.clone(), Some(h.id.clone()), None),
            (None, None) => (DraftContent::new(), None, None),
        };
        Ok(DraftState {
            draft,
            content,
            base_revision,
            autosaved_at,
            revisions: revs.iter().map(meta).collect(),
            heads: heads.iter().map(|h| h.id.clone()).collect(),
        })
    }

    /// Per-section character diff from revision `from` to revision `to`.
    pub fn diff_draft_revisions(&self, from: &str, to: &str) -> Result<Vec<SectionDiff>> {
        Ok(diff_contents(&self.draft_revision(from)?.content, &self.draft_revision(to)?.content))
    }

    /// The proposed merge of the draft's two oldest heads, or `None` when there is a single head (no conflict).
    pub fn draft_merge_proposal(&self, draft_id: &str) -> Result<Option<MergeProposal>> {
        self.draft_row(draft_id)?;
        let revs = drafts::revisions(self.conn(), draft_id)?;
        let heads = drafts::heads_of(revs.clone());
        let [a, b, ..] = heads.as_slice() else { return Ok(None) };
        let parents: HashMap<String, Vec<String>> = revs.iter().map(|r| (r.id.clone(), r.parents.clone())).collect();
        let ancestor = drafts::lowest_common_ancestor(&parents, &a.id, &b.id);
        let base = ancestor
            .as_ref()
            .and_then(|id| revs.iter().find(|r| &r.id == id))
            .map(|r| r.content.clone())
            .unwrap_or_default();
        Ok(Some(MergeProposal {
            heads: [a.id.clone(), b.id.clone()],
            ancestor,
            sections: merge_contents(&base, &a.content, &b.content),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn content(pairs: &[(&str, &str)]) -> DraftContent {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn disjoint_paragraph_edits_merge_cleanly_and_overlaps_are_marked() {
        let base = content(&[("reasoning", "第一段。\n第二段。\n第三段。\n"), ("items", "驳回原告的诉讼请求。")]);
        let a = content(&[("reasoning", "第一段（改）。\n第二段。\n第三段。\n"), ("items", "驳回原告的诉讼请求。")]);
        let b = content(&[("reasoning", "第一段。\n第二段。\n第三段（改）。\n"), ("items", "被告支付原告借款本金。")]);
        let m = merge_contents(&base, &a, &b);
        assert_eq!(m[0].key, "items");
        assert_eq!(m[0].text, "被告支付原告借款本金。");
        assert_eq!(m[1].text, "第一段（改）。\n第二段。\n第三段（改）。\n");
        assert!(!m.iter().any(|s| s.conflict));

        let c = content(&[("reasoning", "第一段（另改）。\n第二段。\n第三段。\n")]);
        let m = merge_contents(&base, &a, &c);
        let r = m.iter().find(|s| s.key == "reasoning").unwrap();
        assert!(r.conflict);
        assert!(r.text.contains("<<<<<<<") && r.text.contains("第一段（改）") && r.text.contains("第一段（另改）"));
    }

    #[test]
    fn diff_spans_are_joined_by_tag() {
        let d = diff_contents(
            &content(&[("reasoning", "本院认为原告诉请成立")]),
            &content(&[("reasoning", "本院认为原告诉请部分成立")]),
        );
        assert!(d[0].changed);
        let tags: Vec<_> = d[0].spans.iter().map(|s| (s.tag, s.text.as_str())).collect();
        assert_eq!(tags, [(SpanTag::Equal, "本院认为原告诉请"), (SpanTag::Insert, "部分"), (SpanTag::Equal, "成立")]);
    }

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(vec!["原告", "被告", "借款", "利息", "。", "\n", "本院认为"]), 0..20)
            .prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn merge_with_one_side_unchanged_equals_the_other_side(o in text(), x in text(), key in "[a-z]{1,6}") {
            let base = content(&[(&key, &o)]);
            let other = content(&[(&key, &x)]);
            // diffy itself agrees, so the shortcut in merge_contents changes nothing but speed.
            prop_assert_eq!(diffy::merge(&o, &o, &x), Ok(x.clone()));
            prop_assert_eq!(diffy::merge(&o, &x, &o), Ok(x.clone()));
            for m in [merge_contents(&base, &base, &other), merge_contents(&base, &other, &base)] {
                prop_assert_eq!(&m[0].text, &x);
                prop_assert!(!m[0].conflict);
            }
        }

        #[test]
        fn diff_spans_rebuild_both_sides(a in text(), b in text()) {
            let d = diff_contents(&content(&[("s", &a)]), &content(&[("s", &b)]));
            let side = |keep: SpanTag| d[0].spans.iter().filter(|s| s.tag == SpanTag::Equal || s.tag == keep)
                .map(|s| s.text.as_str()).collect::<String>();
            prop_assert_eq!(side(SpanTag::Delete), a);
            prop_assert_eq!(side(SpanTag::Insert), b);
        }
    }
}
