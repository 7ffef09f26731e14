//! [`CaseFacts`] in a compact binary form: what the store keeps per case (`andu_docket::statistics`) and reads back
//! for every statistic. At 100,000 cases the JSON form was 40 MB to read and most of the time of `andu stats`;
//! this form has no field names, dates as day numbers and lengths as varints (about a third of the bytes), and
//! reads without a parser.
//!
//! Enumerations are written by their stable ids (`civil-simple`, `判决`), not by position, so adding a variant
//! never makes an old row read as another. A row that does not read back exactly is `None` (the caller says so;
//! a new version of the facts rebuilds every row anyway).

use andu_core::{AppealOutcome, ClosingMethod, DeductionKind, ExtensionLength, Procedure};
use andu_deadline::RecordedEvent;
use chrono::{Datelike, NaiveDate};

use crate::facts::{AppealFact, CaseFacts, DeductionFact, ExtensionFact, Name};

/// The names already read, so that every case naming the same court, division, judge or 案由 shares one
/// allocation: keep one while reading many rows ([`CaseFacts::unpack_sharing`]).
#[derive(Default)]
pub struct Names(std::collections::HashSet<Name>);

impl Names {
    /// The shared copy of `s`, made on its first sight.
    pub fn get(&mut self, s: &str) -> Name {
        if let Some(n) = self.0.get(s) {
            return n.clone();
        }
        let n: Name = s.into();
        self.0.insert(n.clone());
        n
    }
}

impl CaseFacts {
    /// Append the packed form of these facts to `out`.
    pub fn pack(&self, out: &mut Vec<u8>) {
        let mut w = Writer(out);
        w.str(&self.case_no);
        for s in [&self.cause, &self.court, &self.division, &self.judge] {
            w.str(s);
        }
        w.str(self.procedure.id());
        w.date(self.filed);
        w.opt(self.closed, |w, d| w.date(d));
        w.opt(self.closing_method, |w, m| w.str(m.as_str()));
        w.byte(self.custody as u8);
        w.uint(self.extensions.len() as u64);
        for x in &self.extensions {
            w.date(x.approved);
            match x.length {
                ExtensionLength::Months(n) => w.byte(0).uint(n.into()),
                ExtensionLength::Days(n) => w.byte(1).uint(n.into()),
            };
        }
        w.uint(self.deductions.len() as u64);
        for d in &self.deductions {
            w.str(d.kind.as_str());
            w.date(d.from);
            w.date(d.to);
        }
        w.opt(self.appeal, |w, a| {
            w.date(a.filed);
            w.opt(a.outcome, |w, o| w.str(o.as_str()));
        });
        w.opt(self.latest_note.as_deref(), |w, n| w.str(n));
        w.uint(self.limit_events.len() as u64);
        for e in &self.limit_events {
            w.str(&e.kind);
            w.date(e.date);
            w.opt(e.party.as_deref(), |w, p| w.str(p));
            w.byte(e.party_foreign as u8);
            w.opt(e.document.as_deref(), |w, d| w.str(d));
        }
        w.uint(self.hearing_days.len() as u64);
        for d in &self.hearing_days {
            w.date(*d);
        }
    }

    /// The facts [`CaseFacts::pack`] wrote, or `None` when `bytes` are not exactly one packed row.
    pub fn unpack(bytes: &[u8]) -> Option<CaseFacts> {
        Self::unpack_sharing(bytes, &mut Names::default())
    }

    /// As [`CaseFacts::unpack`], the names taken from (and added to) `names`: read every row with one `names`.
    pub fn unpack_sharing(bytes: &[u8], names: &mut Names) -> Option<CaseFacts> {
        let mut r = Reader(bytes);
        let case_no = r.string()?;
        let mut name = |r: &mut Reader<'_>| r.str().map(|s| names.get(s));
        let (cause, court, division, judge) = (name(&mut r)?, name(&mut r)?, name(&mut r)?, name(&mut r)?);
        let procedure = r.id(&Procedure::ALL, |p| p.id())?;
        let filed = r.date()?;
        let closed = r.opt(Reader::date)?;
        let closing_method = r.opt(|r| r.id(ClosingMethod::ALL, |m| m.as_str()))?;
        let custody = r.flag()?;
        let extensions = r.list(|r| {
            let approved = r.date()?;
            let length = match (r.byte()?, u32::try_from(r.uint()?).ok()?) {
                (0, n) => ExtensionLength::Months(n),
                (1, n) => ExtensionLength::Days(n),
                _ => return None,
            };
            Some(ExtensionFact { approved, length })
        })?;
        let deductions = r.list(|r| {
            Some(DeductionFact { kind: r.id(DeductionKind::ALL, |k| k.as_str())?, from: r.date()?, to: r.date()? })
        })?;
        let appeal = r.opt(|r| {
            Some(AppealFact { filed: r.date()?, outcome: r.opt(|r| r.id(AppealOutcome::ALL, |o| o.as_str()))? })
        })?;
        let latest_note = r.opt(Reader::string)?;
        let limit_events = r.list(|r| {
            Some(RecordedEvent {
                kind: r.string()?,
                date: r.date()?,
                party: r.opt(Reader::string)?,
                party_foreign: r.flag()?,
                document: r.opt(Reader::string)?,
            })
        })?;
        let hearing_days = r.list(Reader::date)?;
        r.0.is_empty().then_some(CaseFacts {
            case_no,
            cause,
            court,
            division,
            judge,
            procedure,
            filed,
            closed,
            closing_method,
            custody,
            extensions,
            deductions,
            appeal,
            latest_note,
            limit_events,
            hearing_days,
        })
    }
}

struct Writer<'a>(&'a mut Vec<u8>);

impl Writer<'_> {
    fn byte(&mut self, b: u8) -> &mut Self {
        self.0.push(b);
        self
    }

    /// LEB128: seven bits a byte, the high bit set on all but the last.
    fn uint(&mut self, mut v: u64) -> &mut Self {
        while v >= 0x80 {
            self.0.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
        self
    }

    fn str(&mut self, s: &str) {
        self.uint(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }

    /// Days from 0001-01-01 (CE day 1), zigzag-coded so a date before it stays small too.
    fn date(&mut self, d: NaiveDate) {
        let n = d.num_days_from_ce();
        self.uint(u64::from(((n << 1) ^ (n >> 31)) as u32));
    }

    fn opt<T>(&mut self, v: Option<T>, f: impl FnOnce(&mut Self, T)) {
        match v {
            None => {
                self.byte(0);
            }
            Some(v) => {
                self.byte(1);
                f(self, v);
            }
        }
    }
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }

    fn uint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }

    fn flag(&mut self) -> Option<bool> {
        match self.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    fn bytes(&mut self) -> Option<&[u8]> {
        let n = usize::try_from(self.uint()?).ok()?;
        let (head, rest) = (self.0.get(..n)?, self.0.get(n..)?);
        self.0 = rest;
        Some(head)
    }

    fn str(&mut self) -> Option<&str> {
        std::str::from_utf8(self.bytes()?).ok()
    }

    fn string(&mut self) -> Option<String> {
        self.str().map(str::to_string)
    }

    fn id<T: Copy>(&mut self, all: &[T], id: impl Fn(T) -> &'static str) -> Option<T> {
        let b = self.bytes()?;
        all.iter().copied().find(|&v| id(v).as_bytes() == b)
    }

    fn date(&mut self) -> Option<NaiveDate> {
        let z = u32::try_from(self.uint()?).ok()?;
        NaiveDate::from_num_days_from_ce_opt(((z >> 1) as i32) ^ -((z & 1) as i32))
    }

    fn opt<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        match self.byte()? {
            0 => Some(None),
            1 => f(self).map(Some),
            _ => None,
        }
    }

    fn list<T>(&mut self, mut f: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let n = usize::try_from(self.uint()?).ok()?;
        // Never trust a count before the bytes are there: each element takes at least one byte.
        if n > self.0.len() {
            return None;
        }
        (0..n).map(|_| f(self)).collect()
    }
}

#[cfg(test)]
mod tests {
    use andu_core::{AppealOutcome, ClosingMethod, DeductionKind, ExtensionLength, Procedure};
    use andu_deadline::RecordedEvent;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    use crate::facts::{AppealFact, CaseFacts, DeductionFact, ExtensionFact};

    fn date() -> impl Strategy<Value = NaiveDate> {
        (-800_000i32..=3_000_000).prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).unwrap())
    }

    fn pick<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
        (0..all.len()).prop_map(move |i| all[i])
    }

    fn facts() -> impl Strategy<Value = CaseFacts> {
        let text = ".{0,12}";
        let extension = (date(), any::<bool>(), any::<u32>()).prop_map(|(approved, months, n)| ExtensionFact {
            approved,
            length: if months { ExtensionLength::Months(n) } else { ExtensionLength::Days(n) },
        });
        let deduction =
            (pick(DeductionKind::ALL), date(), date()).prop_map(|(kind, from, to)| DeductionFact { kind, from, to });
        let event = (text, date(), proptest::option::of(text), any::<bool>(), proptest::option::of(text)).prop_map(
            |(kind, date, party, party_foreign, document)| RecordedEvent { kind, date, party, party_foreign, document },
        );
        (
            (text, text, text, text, text, pick(&Procedure::ALL), date()),
            (proptest::option::of(date()), proptest::option::of(pick(ClosingMethod::ALL)), any::<bool>()),
            (
                proptest::collection::vec(extension, 0..3),
                proptest::collection::vec(deduction, 0..3),
                proptest::option::of((date(), proptest::option::of(pick(AppealOutcome::ALL)))),
                proptest::option::of(text),
                proptest::collection::vec(event, 0..3),
            ),
            proptest::collection::vec(date(), 0..4),
        )
            .prop_map(
                |(
                    (case_no, cause, court, division, judge, procedure, filed),
                    (closed, closing_method, custody),
                    (extensions, deductions, appeal, latest_note, limit_events),
                    hearing_days,
                )| CaseFacts {
                    case_no,
                    cause: cause.into(),
                    court: court.into(),
                    division: division.into(),
                    judge: judge.into(),
                    procedure,
                    filed,
                    closed,
                    closing_method,
                    custody,
                    extensions,
                    deductions,
                    appeal: appeal.map(|(filed, outcome)| AppealFact { filed, outcome }),
                    latest_note,
                    limit_events,
                    hearing_days,
                },
            )
    }

    proptest! {
        #[test]
        fn packed_facts_read_back_exactly(f in facts()) {
            let mut bytes = Vec::new();
            f.pack(&mut bytes);
            prop_assert_eq!(CaseFacts::unpack(&bytes), Some(f));
        }

        /// Any truncation or trailing byte is refused, never read as other facts; no input panics.
        #[test]
        fn a_damaged_row_is_refused(f in facts(), cut in any::<prop::sample::Index>(), junk in any::<Vec<u8>>()) {
            let mut bytes = Vec::new();
            f.pack(&mut bytes);
            let at = cut.index(bytes.len());
            prop_assert_eq!(CaseFacts::unpack(&bytes[..at]), None);
            let mut longer = bytes.clone();
            longer.push(0);
            prop_assert_eq!(CaseFacts::unpack(&longer), None);
            let _ = CaseFacts::unpack(&junk);
        }
    }

    /// Rows read with one [`super::Names`] hold each court, division, judge and 案由 once (what keeps a million
    /// cases' facts small), and read as the same facts as rows read alone.
    #[test]
    fn rows_read_together_share_their_names() {
        let filed = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
        let rows: Vec<Vec<u8>> = ["（2025）粤0309民初1号", "（2025）粤0309民初2号"]
            .into_iter()
            .map(|no| {
                let mut f = CaseFacts::new(no, Procedure::CivilSimple, filed);
                (f.cause, f.court, f.division, f.judge) =
                    ("民间借贷纠纷".into(), "深圳市龙华区人民法院".into(), "民一庭".into(), "王建国".into());
                let mut bytes = Vec::new();
                f.pack(&mut bytes);
                bytes
            })
            .collect();
        let mut names = super::Names::default();
        let (a, b) = (
            CaseFacts::unpack_sharing(&rows[0], &mut names).unwrap(),
            CaseFacts::unpack_sharing(&rows[1], &mut names).unwrap(),
        );
        assert_eq!(Some(&a), CaseFacts::unpack(&rows[0]).as_ref());
        assert_eq!(Some(&b), CaseFacts::unpack(&rows[1]).as_ref());
        for (x, y) in [(&a.cause, &b.cause), (&a.court, &b.court), (&a.division, &b.division), (&a.judge, &b.judge)] {
            assert!(std::sync::Arc::ptr_eq(x, y), "{x} is held twice");
        }
    }

    #[test]
    fn a_packed_row_is_a_fraction_of_its_json() {
        let mut f = CaseFacts::new(
            "（2025）粤0309民初1234号",
            Procedure::CivilSimple,
            NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
        );
        (f.cause, f.court, f.division, f.judge) =
            ("民间借贷纠纷".into(), "深圳市龙华区人民法院".into(), "民一庭".into(), "王建国".into());
        f.closed = NaiveDate::from_ymd_opt(2025, 6, 1);
        f.closing_method = Some(ClosingMethod::Judgment);
        let mut bytes = Vec::new();
        f.pack(&mut bytes);
        let json = serde_json::to_vec(&f).unwrap();
        assert!(bytes.len() * 2 < json.len(), "{} packed, {} JSON", bytes.len(), json.len());
    }
}
