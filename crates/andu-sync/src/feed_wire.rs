//! Reading a [`FeedRow`] from its flat JSON object in one pass. The derived reader of a struct with a
//! `#[serde(flatten)]` field first copies every row into serde's intermediate tree (`Content`: each key and string
//! allocated once there), then builds the entity's row from that copy; a new device joining a division reads
//! hundreds of thousands of feed rows, each with its whole entity row. The wire format is unchanged: the same keys,
//! unknown keys ignored, the same required fields (`row` and `field` may be missing or null).

use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, Error as _, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;

use crate::protocol::{EntityRow, FeedRow};

#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum Key {
    Seq,
    CaseId,
    Entity,
    EntityId,
    Row,
    Field,
    User,
    DeviceId,
    At,
    #[serde(other)]
    Other,
}

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

struct FeedRowVisitor;

impl<'de> Visitor<'de> for FeedRowVisitor {
    type Value = FeedRow;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a feed row")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FeedRow, A::Error> {
        let (mut seq, mut case_id, mut entity, mut entity_id) = (None::<i64>, None::<String>, None, None);
        let (mut row, mut field) = (None::<Option<Value>>, None::<Option<String>>);
        let (mut user, mut device_id, mut at) = (None, None, None::<String>);
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Seq => once(&mut seq, "seq", &mut map)?,
                Key::CaseId => once(&mut case_id, "case_id", &mut map)?,
                Key::Entity => once(&mut entity, "entity", &mut map)?,
                Key::EntityId => once(&mut entity_id, "entity_id", &mut map)?,
                Key::Row => once(&mut row, "row", &mut map)?,
                Key::Field => once(&mut field, "field", &mut map)?,
                Key::User => once(&mut user, "user", &mut map)?,
                Key::DeviceId => once(&mut device_id, "device_id", &mut map)?,
                Key::At => once(&mut at, "at", &mut map)?,
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(FeedRow {
            seq: seq.ok_or_else(|| A::Error::missing_field("seq"))?,
            case_id: case_id.ok_or_else(|| A::Error::missing_field("case_id"))?,
            entity: EntityRow {
                entity: entity.ok_or_else(|| A::Error::missing_field("entity"))?,
                entity_id: entity_id.ok_or_else(|| A::Error::missing_field("entity_id"))?,
                row: row.flatten(),
            },
            field: field.flatten(),
            user: user.ok_or_else(|| A::Error::missing_field("user"))?,
            device_id: device_id.ok_or_else(|| A::Error::missing_field("device_id"))?,
            at: at.ok_or_else(|| A::Error::missing_field("at"))?,
        })
    }
}

impl<'de> Deserialize<'de> for FeedRow {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<FeedRow, D::Error> {
        d.deserialize_map(FeedRowVisitor)
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};
    use serde_json::{Value, json};

    use crate::protocol::{EntityRow, FeedRow};

    /// The reader this replaces: the derived one, `flatten` and all. Both must read every input alike.
    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Derived {
        seq: i64,
        case_id: String,
        #[serde(flatten)]
        entity: EntityRow,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        field: Option<String>,
        user: String,
        device_id: String,
        at: String,
    }

    fn feed(row: Option<Value>, field: Option<&str>) -> FeedRow {
        FeedRow {
            seq: 42,
            case_id: "c1".into(),
            entity: EntityRow { entity: "party".into(), entity_id: "p1".into(), row },
            field: field.map(str::to_string),
            user: "王法官".into(),
            device_id: "A".into(),
            at: "2026-12-06T11:00:00.000Z".into(),
        }
    }

    fn rows() -> Vec<FeedRow> {
        vec![
            feed(
                Some(json!({"id": "p1", "name": "王建国", "role": "原告", "n": 3, "x": null, "a": [1, {"b": 2}]})),
                None,
            ),
            feed(Some(json!({"id": "p1", "name": "李四"})), Some("name")),
            feed(None, None),
            feed(None, Some("name")),
        ]
    }

    #[test]
    fn every_row_reads_back_as_written() {
        for f in rows() {
            let text = serde_json::to_string(&f).unwrap();
            assert_eq!(serde_json::from_str::<FeedRow>(&text).unwrap(), f, "{text}");
        }
    }

    /// Inputs the two readers must treat alike: accepted (the same row) or refused.
    #[test]
    fn reads_what_the_derived_reader_reads_and_refuses_what_it_refuses() {
        let mut inputs: Vec<Value> = rows().iter().map(|f| serde_json::to_value(f).unwrap()).collect();
        let base = inputs[0].clone();
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
            // Unknown keys are ignored (a newer server's additions).
            with("extra", json!({"a": [1, 2]})),
            with("row", Value::Null),
            with("field", Value::Null),
            with("row", json!([1, "x"])),
            with("row", json!("text")),
            without("row"),
            // Refused: a required field missing or of the wrong type.
            without("seq"),
            without("case_id"),
            without("entity"),
            without("entity_id"),
            without("user"),
            without("device_id"),
            without("at"),
            with("seq", json!("7")),
            with("seq", json!(1.5)),
            with("seq", json!(-3)),
            with("case_id", Value::Null),
            with("field", json!(1)),
            with("entity", json!(1)),
            json!([1, 2]),
            json!("row"),
        ]);
        for input in inputs {
            let text = input.to_string();
            let ours = serde_json::from_str::<FeedRow>(&text).ok();
            let theirs = serde_json::from_str::<Derived>(&text).ok().map(|d| FeedRow {
                seq: d.seq,
                case_id: d.case_id,
                entity: d.entity,
                field: d.field,
                user: d.user,
                device_id: d.device_id,
                at: d.at,
            });
            assert_eq!(ours, theirs, "{text}");
        }
    }

    #[test]
    fn a_key_given_twice_is_refused() {
        let text =
            r#"{"seq":1,"seq":2,"case_id":"c","entity":"case","entity_id":"c","user":"u","device_id":"d","at":""}"#;
        assert!(serde_json::from_str::<FeedRow>(text).is_err());
    }
}
