//! Reading an [`Op`] from its flat JSON object in one pass. The derived reader of a struct with a `#[serde(flatten)]`
//! internally tagged enum first copies every op into serde's intermediate tree, then the enum copies its part again,
//! and only then is the row built; a first upload sends hundreds of thousands of ops, each with its whole row. The
//! wire format is unchanged: the same keys, unknown keys ignored, the same required fields.

use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, Error as _, IgnoredAny, MapAccess, Visitor};
use serde_json::{Map, Value};

use crate::protocol::{Op, OpKind};

#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum Key {
    OpId,
    DeviceSeq,
    CaseId,
    Entity,
    EntityId,
    Kind,
    Row,
    Fields,
    ConflictId,
    Value,
    Base,
    At,
    #[serde(other)]
    Other,
}

/// The kinds' names, as `OpKind` is tagged.
const KINDS: &[&str] = &["create", "patch", "delete", "resolve"];

struct OpVisitor;

/// Set a field once: a key given twice is refused, as the derived reader does.
fn once<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    slot: &mut Option<T>,
    name: &'static str,
    map: &mut A,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(A::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

impl<'de> Visitor<'de> for OpVisitor {
    type Value = Op;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an op")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Op, A::Error> {
        let (mut op_id, mut device_seq, mut case_id, mut entity, mut entity_id) = (None, None, None, None, None);
        let (mut kind, mut row, mut fields, mut conflict_id, mut value) =
            (None::<String>, None::<Value>, None::<Map<String, Value>>, None::<String>, None::<Value>);
        let (mut base, mut at) = (None, None);
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::OpId => once(&mut op_id, "op_id", &mut map)?,
                Key::DeviceSeq => once(&mut device_seq, "device_seq", &mut map)?,
                Key::CaseId => once(&mut case_id, "case_id", &mut map)?,
                Key::Entity => once(&mut entity, "entity", &mut map)?,
                Key::EntityId => once(&mut entity_id, "entity_id", &mut map)?,
                Key::Kind => once(&mut kind, "kind", &mut map)?,
                Key::Row => once(&mut row, "row", &mut map)?,
                Key::Fields => once(&mut fields, "fields", &mut map)?,
                Key::ConflictId => once(&mut conflict_id, "conflict_id", &mut map)?,
                Key::Value => once(&mut value, "value", &mut map)?,
                Key::Base => once(&mut base, "base", &mut map)?,
                Key::At => once(&mut at, "at", &mut map)?,
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let kind = match kind.as_deref() {
            Some("create") => OpKind::Create { row: row.ok_or_else(|| A::Error::missing_field("row"))? },
            Some("patch") => OpKind::Patch { fields: fields.ok_or_else(|| A::Error::missing_field("fields"))? },
            Some("delete") => OpKind::Delete,
            Some("resolve") => OpKind::Resolve {
                conflict_id: conflict_id.ok_or_else(|| A::Error::missing_field("conflict_id"))?,
                value: value.ok_or_else(|| A::Error::missing_field("value"))?,
            },
            Some(other) => return Err(A::Error::unknown_variant(other, KINDS)),
            None => return Err(A::Error::missing_field("kind")),
        };
        Ok(Op {
            op_id: op_id.ok_or_else(|| A::Error::missing_field("op_id"))?,
            device_seq: device_seq.ok_or_else(|| A::Error::missing_field("device_seq"))?,
            case_id: case_id.ok_or_else(|| A::Error::missing_field("case_id"))?,
            entity: entity.ok_or_else(|| A::Error::missing_field("entity"))?,
            entity_id: entity_id.ok_or_else(|| A::Error::missing_field("entity_id"))?,
            kind,
            base: base.ok_or_else(|| A::Error::missing_field("base"))?,
            at: at.ok_or_else(|| A::Error::missing_field("at"))?,
        })
    }
}

impl<'de> Deserialize<'de> for Op {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Op, D::Error> {
        d.deserialize_map(OpVisitor)
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};
    use serde_json::{Value, json};

    use crate::protocol::{Op, OpKind};

    /// The reader this replaces: the derived one, `flatten` and all. Both must read every input alike.
    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Derived {
        op_id: String,
        device_seq: i64,
        case_id: String,
        entity: String,
        entity_id: String,
        #[serde(flatten)]
        kind: OpKind,
        base: i64,
        at: String,
    }

    fn op(kind: OpKind) -> Op {
        Op {
            op_id: "0193a-op".into(),
            device_seq: 7,
            case_id: "c1".into(),
            entity: "party".into(),
            entity_id: "p1".into(),
            kind,
            base: 42,
            at: "2026-12-06T11:00:00+08:00".into(),
        }
    }

    fn kinds() -> Vec<OpKind> {
        vec![
            OpKind::Create { row: json!({"id": "p1", "name": "王建国", "role": "原告", "n": 3, "x": null}) },
            OpKind::Patch { fields: json!({"name": "李四", "address": null}).as_object().unwrap().clone() },
            OpKind::Delete,
            OpKind::Resolve { conflict_id: "op:name".into(), value: json!("张三") },
            OpKind::Resolve { conflict_id: "op:*".into(), value: Value::Null },
        ]
    }

    #[test]
    fn every_kind_reads_back_as_written() {
        for kind in kinds() {
            let o = op(kind);
            let text = serde_json::to_string(&o).unwrap();
            assert_eq!(serde_json::from_str::<Op>(&text).unwrap(), o, "{text}");
        }
    }

    /// Inputs the two readers must treat alike: accepted (the same op) or refused.
    #[test]
    fn reads_what_the_derived_reader_reads_and_refuses_what_it_refuses() {
        let mut inputs: Vec<Value> = kinds().into_iter().map(|k| serde_json::to_value(op(k)).unwrap()).collect();
        let base = serde_json::to_value(op(OpKind::Delete)).unwrap();
        let with = |k: &str, v: Value| {
            let mut o = base.clone();
            o[k] = v;
            o
        };
        let without = |k: &str| {
            let mut o = base.clone();
            o.as_object_mut().unwrap().remove(k);
            o
        };
        inputs.extend([
            // Unknown keys are ignored (a newer client's additions), also ones of another kind.
            with("extra", json!({"a": [1, 2]})),
            with("row", json!({"id": "p1"})),
            // Refused: a missing or unknown kind, a required field missing or of the wrong type.
            without("kind"),
            with("kind", json!("merge")),
            with("kind", json!("create")),
            with("kind", json!("patch")),
            with("kind", json!("resolve")),
            without("op_id"),
            without("base"),
            without("at"),
            with("device_seq", json!("7")),
            with("device_seq", json!(1.5)),
            with("base", json!(-3)),
            with("case_id", json!(null)),
            with("kind", json!(1)),
            json!([1, 2]),
            json!("op"),
        ]);
        let mut patch_not_a_map = with("kind", json!("patch"));
        patch_not_a_map["fields"] = json!([1]);
        inputs.push(patch_not_a_map);
        let mut resolve_null = with("kind", json!("resolve"));
        resolve_null["conflict_id"] = json!("op:*");
        resolve_null["value"] = Value::Null;
        inputs.push(resolve_null);
        for input in inputs {
            let text = input.to_string();
            let ours = serde_json::from_str::<Op>(&text).ok();
            let theirs = serde_json::from_str::<Derived>(&text).ok().map(|d| Op {
                op_id: d.op_id,
                device_seq: d.device_seq,
                case_id: d.case_id,
                entity: d.entity,
                entity_id: d.entity_id,
                kind: d.kind,
                base: d.base,
                at: d.at,
            });
            assert_eq!(ours, theirs, "{text}");
        }
    }

    #[test]
    fn a_key_given_twice_is_refused() {
        let text = r#"{"op_id":"a","op_id":"b","device_seq":1,"case_id":"c","entity":"case","entity_id":"c","kind":"delete","base":0,"at":""}"#;
        assert!(serde_json::from_str::<Op>(text).is_err());
    }
}
