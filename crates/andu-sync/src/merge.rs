//! The per-field merge rule (sync.md §2.6). The server keeps, for every field of every entity, the sequence and
//! device of its last change. An incoming change of that field:
//!
//! - to the value the server already has → nothing to do (two people agreeing is not a conflict);
//! - made after seeing the server's last change of the field (`base ≥ version`), or by the same device that made
//!   it (one device's edits are ordered by its `device_seq`) → applied;
//! - otherwise → a conflict: the server keeps its value (first committed wins) and records both for people.
//!
//! Client clocks play no part.

use serde_json::Value;

/// The server's knowledge of one field.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldState<'a> {
    pub seq: i64,
    pub device_id: &'a str,
    pub value: &'a Value,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Apply,
    Unchanged,
    Conflict,
}

/// Decide one field. `server` is `None` when the field was never written on the server.
pub fn decide(server: Option<&FieldState<'_>>, base: i64, device_id: &str, new: &Value) -> Decision {
    let Some(s) = server else { return Decision::Apply };
    if s.value == new {
        Decision::Unchanged
    } else if s.seq <= base || s.device_id == device_id {
        Decision::Apply
    } else {
        Decision::Conflict
    }
}

/// A delete meets the entity's fields: it conflicts when any field was changed, unseen, by another device.
pub fn decide_delete<'a>(fields: impl IntoIterator<Item = FieldState<'a>>, base: i64, device_id: &str) -> Decision {
    let unseen = fields.into_iter().any(|s| s.seq > base && s.device_id != device_id);
    if unseen { Decision::Conflict } else { Decision::Apply }
}

/// The fields whose values differ between two rows (a whole-row replacement becomes field edits).
pub fn changed_fields(old: &Value, new: &Value) -> Vec<(String, Value)> {
    let (Some(o), Some(n)) = (old.as_object(), new.as_object()) else { return Vec::new() };
    let mut out: Vec<(String, Value)> = n
        .iter()
        .filter(|(k, v)| k.as_str() != "id" && o.get(k.as_str()) != Some(v))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    for k in o.keys().filter(|k| k.as_str() != "id" && !n.contains_key(k.as_str())) {
        out.push((k.clone(), Value::Null));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn st<'a>(seq: i64, dev: &'a str, v: &'a Value) -> FieldState<'a> {
        FieldState { seq, device_id: dev, value: v }
    }

    #[test]
    fn table_of_field_decisions() {
        let x = json!("x");
        let y = json!("y");
        // (server state, base, device, new) → decision
        let cases: Vec<(Option<FieldState<'_>>, i64, &str, &Value, Decision)> = vec![
            (None, 0, "a", &x, Decision::Apply),                              // never written
            (Some(st(5, "b", &x)), 5, "a", &y, Decision::Apply),              // seen the last change
            (Some(st(6, "b", &x)), 5, "a", &y, Decision::Conflict),           // unseen change by another device
            (Some(st(6, "b", &x)), 5, "a", &x, Decision::Unchanged),          // both chose the same value
            (Some(st(6, "a", &x)), 5, "a", &y, Decision::Apply),              // my own earlier edit
            (Some(st(6, "b", &Value::Null)), 0, "a", &y, Decision::Conflict), // clearing is a value too
        ];
        for (i, (s, base, dev, new, want)) in cases.into_iter().enumerate() {
            assert_eq!(decide(s.as_ref(), base, dev, new), want, "case {i}");
        }
    }

    #[test]
    fn a_delete_conflicts_only_with_unseen_edits_of_others() {
        let v = json!(1);
        assert_eq!(decide_delete([st(3, "b", &v)], 3, "a"), Decision::Apply);
        assert_eq!(decide_delete([st(4, "b", &v)], 3, "a"), Decision::Conflict);
        assert_eq!(decide_delete([st(4, "a", &v)], 3, "a"), Decision::Apply);
    }

    #[test]
    fn replacement_becomes_field_edits() {
        let old = json!({"id": "1", "name": "张三", "address": "深圳", "phone": null});
        let new = json!({"id": "1", "name": "张三", "address": "广州", "phone": "138"});
        assert_eq!(
            changed_fields(&old, &new),
            vec![("address".to_string(), json!("广州")), ("phone".to_string(), json!("138"))]
        );
    }

    /// A tiny model of the server's field table, to check the algebra of the rule.
    fn run(ops: &[(i64, &str, i64)]) -> (Option<(i64, String, i64)>, usize) {
        // op = (base, device, value); returns the final (seq, device, value) and the number of conflicts.
        let mut state: Option<(i64, String, Value)> = None;
        let mut conflicts = 0;
        for (i, (base, dev, v)) in ops.iter().enumerate() {
            let new = json!(v);
            let s = state.as_ref().map(|(q, d, val)| FieldState { seq: *q, device_id: d, value: val });
            match decide(s.as_ref(), *base, dev, &new) {
                Decision::Apply => state = Some((i as i64 + 1, dev.to_string(), new)),
                Decision::Unchanged => {}
                Decision::Conflict => conflicts += 1,
            }
        }
        (state.map(|(q, d, v)| (q, d, v.as_i64().unwrap())), conflicts)
    }

    proptest! {
        /// Applying the same op twice in a row (a duplicate that got past dedup) never creates a conflict and
        /// leaves the value as once.
        #[test]
        fn same_value_twice_is_idempotent(base in 0i64..5, v in 0i64..3) {
            let (once, c1) = run(&[(base, "a", v)]);
            let (twice, c2) = run(&[(base, "a", v), (base, "b", v)]);
            prop_assert_eq!(c1, 0);
            prop_assert_eq!(c2, 0);
            prop_assert_eq!(once.map(|s| s.2), twice.map(|s| s.2));
        }

        /// Two devices editing from the same base: a conflict exactly when their values differ, and the first
        /// committed value stays.
        #[test]
        fn concurrent_edits_conflict_iff_values_differ(x in 0i64..3, y in 0i64..3) {
            let (state, conflicts) = run(&[(0, "a", x), (0, "b", y)]);
            prop_assert_eq!(conflicts, usize::from(x != y));
            prop_assert_eq!(state.unwrap().2, x);
        }

        /// Edits of different fields never interact: each field's decision depends only on its own state, so the
        /// order of two disjoint edits does not change the result.
        #[test]
        fn disjoint_fields_commute(a in 0i64..3, b in 0i64..3) {
            let f1 = run(&[(0, "a", a)]);
            let f2 = run(&[(0, "b", b)]);
            prop_assert_eq!(f1.1 + f2.1, 0);
        }
    }
}
