//! Failed-login counters, per user name and per client address, kept in memory: after a few free failures each
//! further one doubles the wait before the next try (`too_many_attempts` with `Retry-After`), up to a cap; a quiet
//! spell forgets them. The lockout an administrator lifts lives in the database (`service::accounts`); this only
//! paces guessing. The clock is a parameter (`now`, milliseconds), so every rule here is tested without waiting.

use std::collections::HashMap;
use std::sync::Mutex;

/// How one kind of key (a user name, an address) is paced.
#[derive(Debug, Clone, Copy)]
pub struct Pace {
    /// Failures allowed before any wait.
    pub free: u32,
    /// The first wait; each further failure doubles it.
    pub first_wait_ms: i64,
    /// The longest wait.
    pub max_wait_ms: i64,
    /// Failures are forgotten this long after the last one.
    pub forget_after_ms: i64,
}

impl Pace {
    /// The wait after `failures` failures.
    pub fn wait_ms(&self, failures: u32) -> i64 {
        if failures <= self.free {
            return 0;
        }
        let doublings = (failures - self.free - 1).min(30);
        self.first_wait_ms.saturating_mul(1 << doublings).min(self.max_wait_ms)
    }
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    failures: u32,
    last_ms: i64,
}

/// Counters for one kind of key, bounded in number: when full, the quietest entries go first.
pub struct Throttle {
    pace: Pace,
    capacity: usize,
    entries: Mutex<HashMap<String, Entry>>,
}

impl Throttle {
    pub fn new(pace: Pace, capacity: usize) -> Throttle {
        Throttle { pace, capacity: capacity.max(1), entries: Mutex::new(HashMap::new()) }
    }

    fn live(&self, e: &Entry, now_ms: i64) -> bool {
        now_ms - e.last_ms < self.pace.forget_after_ms
    }

    /// Failures counted for `key` now (0 once forgotten).
    pub fn failures(&self, key: &str, now_ms: i64) -> u32 {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.get(key).filter(|e| self.live(e, now_ms)).map_or(0, |e| e.failures)
    }

    /// `Some(seconds)` to wait when `key` may not try yet.
    pub fn retry_after(&self, key: &str, now_ms: i64) -> Option<u64> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        let e = entries.get(key).filter(|e| self.live(e, now_ms))?;
        let until = e.last_ms + self.pace.wait_ms(e.failures);
        (until > now_ms).then(|| ((until - now_ms + 999) / 1000) as u64)
    }

    /// Count a failure of `key`; the number of failures now counted.
    pub fn failed(&self, key: &str, now_ms: i64) -> u32 {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if entries.len() >= self.capacity && !entries.contains_key(key) {
            entries.retain(|_, e| now_ms - e.last_ms < self.pace.forget_after_ms);
            while entries.len() >= self.capacity {
                let quietest = entries.iter().min_by_key(|(_, e)| e.last_ms).map(|(k, _)| k.clone());
                match quietest {
                    Some(k) => entries.remove(&k),
                    None => break,
                };
            }
        }
        let forget = self.pace.forget_after_ms;
        let e = entries.entry(key.to_string()).or_insert(Entry { failures: 0, last_ms: now_ms });
        if now_ms - e.last_ms >= forget {
            e.failures = 0;
        }
        e.failures += 1;
        e.last_ms = now_ms;
        e.failures
    }

    /// Forget `key` (a successful login, an administrator's unlock).
    pub fn clear(&self, key: &str) {
        self.entries.lock().unwrap_or_else(|p| p.into_inner()).remove(key);
    }

    /// When `key` last failed, if its failures are still counted.
    pub fn last_failure_ms(&self, key: &str, now_ms: i64) -> Option<i64> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.get(key).filter(|e| self.live(e, now_ms)).map(|e| e.last_ms)
    }

    pub fn len(&self) -> usize {
        self.entries.lock().unwrap_or_else(|p| p.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::{Pace, Throttle};

    const PACE: Pace = Pace { free: 3, first_wait_ms: 1000, max_wait_ms: 60_000, forget_after_ms: 3_600_000 };

    #[test]
    fn waits_double_after_the_free_failures_up_to_the_cap() {
        let waits: Vec<i64> = (0..=12).map(|f| PACE.wait_ms(f)).collect();
        assert_eq!(waits, [0, 0, 0, 0, 1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
    }

    #[test]
    fn a_key_waits_after_failures_and_is_forgotten_after_a_quiet_hour() {
        let t = Throttle::new(PACE, 100);
        for i in 0..4 {
            assert_eq!(t.retry_after("王法官", 10_000 + i), None);
            t.failed("王法官", 10_000 + i);
        }
        assert_eq!(t.retry_after("王法官", 10_003), Some(1), "fourth failure: one second");
        assert_eq!(t.retry_after("王法官", 11_003), None, "after the wait");
        assert_eq!(t.retry_after("李助理", 10_003), None, "other keys are not affected");
        t.failed("王法官", 11_003);
        assert_eq!(t.retry_after("王法官", 11_004), Some(2));
        assert_eq!(t.failures("王法官", 11_004 + 3_600_000), 0, "forgotten after an hour");
        assert_eq!(t.failed("王法官", 11_004 + 3_600_000), 1, "and counted from one again");
        t.clear("王法官");
        assert_eq!(t.failures("王法官", 11_004 + 3_600_000), 0);
    }

    #[test]
    fn the_table_stays_bounded_and_drops_the_quietest_first() {
        let t = Throttle::new(PACE, 3);
        for (i, k) in ["a", "b", "c", "d", "e"].iter().enumerate() {
            t.failed(k, i as i64);
        }
        assert_eq!(t.len(), 3);
        assert_eq!(t.failures("a", 10), 0);
        assert_eq!(t.failures("e", 10), 1);
    }
}
