//! When to try again: background sync every `interval`, and after a transient failure (server unreachable, busy)
//! an exponential backoff with jitter, so a court full of laptops does not knock on a recovering server at once.

use std::time::Duration;

/// The longest wait after repeated failures.
pub const MAX_BACKOFF: Duration = Duration::from_secs(300);
/// The first wait after a failure.
pub const FIRST_BACKOFF: Duration = Duration::from_secs(5);
/// Allowed background intervals.
pub const MIN_INTERVAL: Duration = Duration::from_secs(10);
pub const MAX_INTERVAL: Duration = Duration::from_secs(3600);
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(30);

/// The wait after `failures` consecutive transient failures (≥ 1): 5 s, 10 s, 20 s … capped at 5 min, of which a
/// random half (`jitter` in 0..1) is added to the other half ("equal jitter").
pub fn backoff(failures: u32, jitter: f64) -> Duration {
    let exp = failures.saturating_sub(1).min(16);
    let full = FIRST_BACKOFF.saturating_mul(1u32 << exp).min(MAX_BACKOFF);
    let half = full / 2;
    half + half.mul_f64(jitter.clamp(0.0, 1.0))
}

/// A requested interval in seconds, kept within [`MIN_INTERVAL`]..[`MAX_INTERVAL`].
pub fn clamp_interval(secs: u64) -> Duration {
    Duration::from_secs(secs).clamp(MIN_INTERVAL, MAX_INTERVAL)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_five_minutes() {
        assert_eq!(backoff(1, 1.0), Duration::from_secs(5));
        assert_eq!(backoff(2, 1.0), Duration::from_secs(10));
        assert_eq!(backoff(3, 1.0), Duration::from_secs(20));
        assert_eq!(backoff(7, 1.0), Duration::from_secs(300));
        assert_eq!(backoff(40, 1.0), Duration::from_secs(300));
        assert_eq!(backoff(0, 1.0), Duration::from_secs(5));
    }

    #[test]
    fn jitter_spreads_over_the_upper_half() {
        assert_eq!(backoff(3, 0.0), Duration::from_secs(10));
        assert_eq!(backoff(3, 0.5), Duration::from_secs(15));
        assert_eq!(backoff(40, 0.0), Duration::from_secs(150));
        assert_eq!(backoff(3, 7.0), Duration::from_secs(20));
    }

    #[test]
    fn interval_is_clamped() {
        assert_eq!(clamp_interval(1), MIN_INTERVAL);
        assert_eq!(clamp_interval(30), Duration::from_secs(30));
        assert_eq!(clamp_interval(1_000_000), MAX_INTERVAL);
    }
}
