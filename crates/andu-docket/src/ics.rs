//! iCalendar (RFC 5545) export of docket items, for Outlook and WPS calendars.
//!
//! Deadlines are all-day events (`DTSTART;VALUE=DATE`); hearings are timed in floating local time, which is what a
//! court's wall clock says. A UID names the case and the item (the hearing's record id; the period's name and
//! party; the 审限), never its date: a hearing moved or a 审限 extended keeps its UID, and its higher SEQUENCE tells
//! the calendar to update the event instead of adding a second one (RFC 5545 §3.8.4.7, §3.8.7.4).

use chrono::{DateTime, NaiveDateTime, Utc};

use crate::DueItem;

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Lines longer than 75 octets are folded (RFC 5545 §3.1), never inside a UTF-8 character.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

fn uid_part(s: &str) -> String {
    // FNV-1a: a short stable token for the case and item, so a UID is ASCII whatever the 案号 says.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The UID of an item: who and what, not when.
pub fn uid(i: &DueItem) -> String {
    let identity = match &i.record_id {
        Some(id) => format!("{}|{}|{id}", i.case_no, i.kind),
        None => format!("{}|{}|{}|{}", i.case_no, i.kind, i.name, i.party.as_deref().unwrap_or("")),
    };
    format!("{}@andu", uid_part(&identity))
}

/// RFC 5545 wants SEQUENCE to grow with every revision an organizer sends. Nothing here remembers earlier exports,
/// so the revision is the export time: minutes since 2020-01-01 UTC, which grows with every later export and fits
/// the 31-bit integer calendars expect for another four thousand years.
fn sequence(now: DateTime<Utc>) -> i64 {
    const EPOCH_2020: i64 = 1_577_836_800;
    ((now.timestamp() - EPOCH_2020) / 60).clamp(0, i64::from(i32::MAX))
}

pub fn calendar(items: &[DueItem], now: DateTime<Utc>) -> String {
    let mut out = String::new();
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Andu//案牍 1.0//ZH",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:案牍日程",
    ] {
        fold(l, &mut out);
    }
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    for i in items {
        let who = i.party.as_deref().map(|p| format!("（{p}）")).unwrap_or_default();
        fold("BEGIN:VEVENT", &mut out);
        fold(&format!("UID:{}", uid(i)), &mut out);
        fold(&format!("DTSTAMP:{stamp}"), &mut out);
        fold(&format!("SEQUENCE:{}", sequence(now)), &mut out);
        let timed = i.time.as_deref().and_then(|t| NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M").ok());
        match timed {
            Some(start) => {
                fold(&format!("DTSTART:{}", start.format("%Y%m%dT%H%M%S")), &mut out);
                // A hearing is shown two hours long; at the calendar's very end it is shown without an end.
                if let Some(end) = start.checked_add_signed(chrono::Duration::hours(2)) {
                    fold(&format!("DTEND:{}", end.format("%Y%m%dT%H%M%S")), &mut out);
                }
            }
            None => {
                fold(&format!("DTSTART;VALUE=DATE:{}", i.due.format("%Y%m%d")), &mut out);
                if let Some(next) = i.due.succ_opt() {
                    fold(&format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")), &mut out);
                }
            }
        }
        fold(&format!("SUMMARY:{}", escape(&format!("{}{} {} {}", i.name, who, i.case_no, i.cause))), &mut out);
        let mut desc = i.explanation.join("\n");
        if !i.citation.is_empty() {
            desc.push_str(&format!("\n依据：{}", i.citation));
        }
        fold(&format!("DESCRIPTION:{}", escape(&desc)), &mut out);
        if i.kind != "hearing" {
            // Remind the day before at 09:00 local (a party period acts the day before it ends).
            for l in [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                "TRIGGER:-PT15H",
                &format!("DESCRIPTION:{}", escape(&i.name)),
                "END:VALARM",
            ] {
                fold(l, &mut out);
            }
        }
        fold("END:VEVENT", &mut out);
    }
    fold("END:VCALENDAR", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use andu_deadline::Tier;
    use chrono::{NaiveDate, TimeZone};

    fn item(kind: &'static str, time: Option<&str>) -> DueItem {
        DueItem {
            key: "k".into(),
            done: false,
            snoozed_until: None,
            case_no: "（2025）粤0309民初1234号".into(),
            cause: "民间借贷纠纷".into(),
            judge: "王法官".into(),
            kind,
            name: "上诉期（判决）".into(),
            party: Some("张三".into()),
            due: NaiveDate::from_ymd_opt(2025, 10, 9).unwrap(),
            time: time.map(str::to_string),
            room: None,
            record_id: time.map(|_| "hearing-1".to_string()),
            days_left: 3,
            tier: Tier::Urgent,
            tier_name: "紧急",
            citation: "《民事诉讼法》第一百七十一条".into(),
            provisional: None,
            explanation: vec!["期间 15日；逗号, 分号; 顺延".into(); 4],
        }
    }

    #[test]
    fn rfc5545_shape_escaping_and_folding() {
        let now = Utc.with_ymd_and_hms(2025, 10, 6, 8, 0, 0).unwrap();
        let ics = calendar(&[item("period", None), item("hearing", Some("2025-10-09T09:30"))], now);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(ics.contains("DTSTART;VALUE=DATE:20251009\r\n") && ics.contains("DTEND;VALUE=DATE:20251010\r\n"));
        assert!(ics.contains("DTSTART:20251009T093000\r\n"));
        assert!(ics.contains("\\, 分号\\;"));
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
        assert_eq!(ics.matches("BEGIN:VALARM").count(), 1, "hearings carry no alarm");
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "folded: {line}");
        }
        // Unfolding restores the text, and UIDs are stable across exports.
        assert!(ics.replace("\r\n ", "").contains("依据：《民事诉讼法》第一百七十一条"));
        assert_eq!(ics, calendar(&[item("period", None), item("hearing", Some("2025-10-09T09:30"))], now));
    }

    /// Issue #12: the UID held the due date, so a moved hearing or an extended 审限 became a second event on
    /// re-import. Now the UID names the item, and a later export carries a higher SEQUENCE.
    #[test]
    fn a_moved_item_keeps_its_uid_and_a_later_export_has_a_higher_sequence() {
        let first = Utc.with_ymd_and_hms(2025, 10, 6, 8, 0, 0).unwrap();
        let later = Utc.with_ymd_and_hms(2025, 10, 20, 8, 0, 0).unwrap();
        let (period, hearing) = (item("period", None), item("hearing", Some("2025-10-09T09:30")));
        let mut moved_period = period.clone();
        moved_period.due = NaiveDate::from_ymd_opt(2025, 11, 9).unwrap();
        let mut moved_hearing = hearing.clone();
        moved_hearing.due = NaiveDate::from_ymd_opt(2025, 10, 30).unwrap();
        moved_hearing.time = Some("2025-10-30T14:00".into());
        assert_eq!(uid(&period), uid(&moved_period));
        assert_eq!(uid(&hearing), uid(&moved_hearing));
        let mut other_party = period.clone();
        other_party.party = Some("李四".into());
        let mut other_hearing = hearing.clone();
        other_hearing.record_id = Some("hearing-2".into());
        assert_ne!(uid(&period), uid(&other_party));
        assert_ne!(uid(&hearing), uid(&other_hearing));

        let seq = |ics: &str| -> i64 {
            let line = ics.lines().find(|l| l.starts_with("SEQUENCE:")).unwrap();
            line["SEQUENCE:".len()..].parse().unwrap()
        };
        let a = calendar(std::slice::from_ref(&period), first);
        let b = calendar(&[moved_period], later);
        assert!(a.contains(&format!("UID:{}\r\n", uid(&period))));
        assert!(seq(&b) > seq(&a), "{} > {}", seq(&b), seq(&a));
        assert!(a.contains("DTSTAMP:20251006T080000Z\r\n"));
    }
}
