//! Ids of new rows, never from the wall clock (time is a parameter, ARCHITECTURE.md). A row a write creates gets
//! a UUID v7 made from the `now` that write was given, so ids sort like the change log; an id that names no
//! moment (the device, a history row pulled from the server) is random (UUID v4).

use std::sync::Mutex;

use chrono::{DateTime, Utc};
use uuid::{Builder, ContextV7, Timestamp, Uuid};

/// The store's counter for ids made at the same millisecond: one per open store, so ids of successive writes
/// given the same `now` (tests, fast imports) still sort in the order they were made, as rows tied on their
/// date are listed by id. It never goes back: a write given an earlier `now` than one before it gets ids at the
/// later time (the uuid crate's `ContextV7`).
#[derive(Debug, Default)]
pub(crate) struct IdClock(Mutex<ContextV7>);

impl IdClock {
    /// The ids of one write, all at `now`.
    pub(crate) fn at(&self, now: DateTime<Utc>) -> Ids<'_> {
        // A write before 1970 does not happen; it would count from the epoch.
        let seconds = u64::try_from(now.timestamp()).unwrap_or(0);
        Ids { clock: self, seconds, nanos: now.timestamp_subsec_nanos() }
    }
}

/// Hands out the ids of one write.
#[derive(Clone, Copy)]
pub(crate) struct Ids<'a> {
    clock: &'a IdClock,
    seconds: u64,
    nanos: u32,
}

impl Ids<'_> {
    pub(crate) fn next(&self) -> String {
        // A panic while the lock was held leaves a counter that is still usable.
        let context = self.clock.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        Uuid::new_v7(Timestamp::from_unix(&*context, self.seconds, self.nanos)).to_string()
    }
}

/// Ids for rows that are never stored (an exported case's rows lose their ids).
pub(crate) fn unstored() -> IdClock {
    IdClock::default()
}

/// A random id (UUID v4) for what names no moment.
pub(crate) fn random_id() -> crate::error::Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(format!("无法生成随机编号：{e}")))?;
    Ok(Builder::from_random_bytes(bytes).into_uuid().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn ids_carry_the_time_of_the_write_and_sort_in_the_order_made_even_at_one_instant() {
        let clock = IdClock::default();
        let now = Utc.with_ymd_and_hms(2026, 3, 2, 9, 30, 0).unwrap();
        let made: Vec<String> = (0..3)
            .flat_map(|_| {
                let ids = clock.at(now);
                [ids.next(), ids.next()]
            })
            .collect();
        let mut sorted = made.clone();
        sorted.sort();
        assert_eq!(made, sorted);
        for id in &made {
            let uuid = Uuid::parse_str(id).unwrap();
            assert_eq!(uuid.get_version_num(), 7);
            let (seconds, _) = uuid.get_timestamp().unwrap().to_unix();
            assert_eq!(seconds as i64, now.timestamp(), "{id}");
        }
        let later = clock.at(now + chrono::Duration::days(1)).next();
        assert!(later > made[5]);
        // An earlier `now` afterwards still sorts after what was made.
        assert!(clock.at(now - chrono::Duration::days(1)).next() > later);
    }

    #[test]
    fn random_ids_are_version_4_and_differ() {
        let (a, b) = (random_id().unwrap(), random_id().unwrap());
        assert_ne!(a, b);
        assert_eq!(Uuid::parse_str(&a).unwrap().get_version_num(), 4);
    }
}
