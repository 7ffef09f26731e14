//! Derive and evaluate every deadline (审限 + party periods) of 100,000 synthetic cases on one core.
//! Target: ≤ 1 s for the whole batch. Run with `cargo bench -p andu-deadline --bench derive`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use andu_core::{DeductionKind, Procedure};
use andu_deadline::{
    CaseFacts, HolidayCalendar, RecordedEvent, ReminderSettings, RuleSet, TrialLimitInput, derive_deadlines,
    party_period_status, trial_limit,
};
use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};

const CASES: usize = 100_000;

struct Synthetic {
    input: TrialLimitInput,
    facts: CaseFacts,
    events: Vec<RecordedEvent>,
}

/// Deterministic cases filed across 2024-01 … 2025-06 (so that their deadlines stay inside the embedded
/// holiday years), every procedure, a share with deductions and extensions, five recorded events each.
fn synthetic_cases() -> Vec<Synthetic> {
    let first = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    (0..CASES)
        .map(|i| {
            let procedure = Procedure::ALL[i % Procedure::ALL.len()];
            let filed = first + chrono::Duration::days((next() % 540) as i64);
            let mut input = TrialLimitInput::new(procedure, filed);
            input.custody = next() % 3 == 0;
            if next() % 4 == 0 {
                let from = filed + chrono::Duration::days(20 + (next() % 40) as i64);
                let to = from + chrono::Duration::days((next() % 30) as i64);
                input.deductions = vec![andu_deadline::Interval { from, to }.deduction(DeductionKind::Appraisal)];
            }
            if next() % 5 == 0 {
                input.extensions = vec![andu_core::ExtensionLength::Months(1).into()];
            }
            let at = |days: i64| filed + chrono::Duration::days(days);
            let events = vec![
                RecordedEvent::new("送达起诉状副本", at(5)).for_party("被告"),
                RecordedEvent::new("举证通知送达", at(6)).for_party("原告"),
                RecordedEvent::new("开庭", at(45)),
                RecordedEvent::new("送达判决书", at(80)).for_party("原告"),
                RecordedEvent::new("送达判决书", at(82)).for_party("被告"),
            ];
            Synthetic { facts: CaseFacts { procedure, custody: input.custody }, input, events }
        })
        .collect()
}

/// One full pass; returns the number of deadlines computed so that nothing is optimised away.
fn run(cases: &[Synthetic], rules: &RuleSet, cal: &HolidayCalendar, today: NaiveDate) -> usize {
    let reminders = ReminderSettings::default();
    let mut n = 0;
    for case in cases {
        if let Ok(limit) = trial_limit(&case.input, cal) {
            black_box(limit.status_with(today, &reminders));
            n += 1;
        }
        let derived = derive_deadlines(case.facts, &case.events, rules, cal);
        for deadline in &derived.deadlines {
            black_box(party_period_status(deadline.due, today, &reminders));
        }
        n += derived.deadlines.len() + derived.unresolved.len();
    }
    n
}

fn bench(c: &mut Criterion) {
    let (rules, cal) = (RuleSet::embedded(), HolidayCalendar::embedded());
    let cases = synthetic_cases();
    let today = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();

    let started = Instant::now();
    let computed = run(&cases, &rules, &cal, today);
    let elapsed = started.elapsed();
    println!(
        "andu-deadline: {CASES} cases, {computed} deadlines (审限 + party periods) derived and evaluated in {:.0} ms on one core ({:.2} µs per case; target ≤ 1000 ms)",
        elapsed.as_secs_f64() * 1000.0,
        elapsed.as_secs_f64() * 1e6 / CASES as f64
    );

    let mut group = c.benchmark_group("derive");
    group.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(8));
    group.bench_function("100k_cases", |b| b.iter(|| run(&cases, &rules, &cal, today)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
