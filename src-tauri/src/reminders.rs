//! 节点提醒 in the desktop: a background thread that, at start-up and every few minutes, asks the docket what is
//! urgent or overdue, shows the count on the tray icon, and raises a desktop notification for anything new —
//! including what came due while the app was closed. Offline by construction: it reads only the local store.

use std::collections::HashSet;
use std::sync::Mutex;
use std::time::Duration;

use andu_docket::{Docket, ReminderState, set_reminder_state, to_notify};
use serde::Serialize;
use tauri::menu::{Menu, MenuItem};
use tauri::tray::{TrayIcon, TrayIconBuilder};
use tauri::{AppHandle, Emitter, Manager, State};
use tauri_plugin_notification::NotificationExt;

use crate::error::{CmdResult, coded};
use crate::state::AppState;

const INTERVAL: Duration = Duration::from_secs(300);
/// How long after start the background pass first runs (the UI asks for the count itself at once).
const FIRST_PASS_DELAY: Duration = Duration::from_secs(5);
/// The window the reminders look ahead (the same as the tray's count); urgency comes from the reminder tiers.
const LOOKAHEAD_DAYS: i64 = andu_docket::URGENT_AHEAD_DAYS;

#[derive(Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub(crate) struct ReminderCount {
    urgent: usize,
}

fn tray(app: &AppHandle) -> tauri::Result<TrayIcon> {
    let show = MenuItem::with_id(app, "show", "显示案牍", true, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", "退出", true, None::<&str>)?;
    let menu = Menu::with_items(app, &[&show, &quit])?;
    let mut builder = TrayIconBuilder::with_id("andu").menu(&menu).title("案牍").tooltip("案牍");
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    builder
        .on_menu_event(|app, event| match event.id.as_ref() {
            "show" => {
                if let Some(w) = app.get_webview_window("main") {
                    let _ = w.show();
                    let _ = w.set_focus();
                }
            }
            "quit" => app.exit(0),
            _ => {}
        })
        .build(app)
}

fn urgent_count(app: &AppHandle) -> CmdResult<usize> {
    let state = app.state::<AppState>();
    let today = crate::clock::today();
    state.with_store(|s| Docket::for_store(s)?.urgent_count(s, today))
}

/// The tray's number, for a page that starts listening after the first `reminders-updated` event.
#[tauri::command]
pub async fn reminder_count(app: AppHandle) -> CmdResult<usize> {
    urgent_count(&app)
}

/// The reminders already raised as desktop notifications in this run of the app, shared by the background pass and
/// the commands that re-check at once (完成, 稍后提醒, new thresholds). It once started empty on each of those
/// calls, so marking one reminder done raised a notification again for every urgent item.
#[derive(Default)]
pub struct Notified(Mutex<HashSet<String>>);

impl Notified {
    /// The keys not notified before, now remembered.
    pub fn fresh<'a, I: IntoIterator<Item = &'a str>>(&self, keys: I) -> Vec<&'a str> {
        let mut seen = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        keys.into_iter().filter(|k| seen.insert(k.to_string())).collect()
    }
}

/// One pass: count what needs attention, update the tray, notify what was not notified before.
fn check(app: &AppHandle) {
    let state = app.state::<AppState>();
    let today = crate::clock::today();
    let report = state.with_store(|s| Docket::for_store(s)?.due_overview(s, today, LOOKAHEAD_DAYS));
    let Ok(report) = report else { return };
    let urgent = to_notify(&report, today);
    if let Some(tray) = app.tray_by_id("andu") {
        let label =
            if urgent.is_empty() { "案牍".to_string() } else { format!("案牍 · {} 项紧急", urgent.len()) };
        let _ = tray.set_title(Some(&label));
        let _ = tray.set_tooltip(Some(&label));
    }
    let _ = app.emit("reminders-updated", ReminderCount { urgent: urgent.len() });
    let fresh_keys = app.state::<Notified>().fresh(urgent.iter().map(|i| i.key.as_str()));
    let fresh: Vec<_> = urgent.into_iter().filter(|i| fresh_keys.contains(&i.key.as_str())).collect();
    let body = match fresh.as_slice() {
        [] => return,
        [one] => format!("{} {}：{}（{}）", one.case_no, one.name, one.due, one.tier_name),
        many => format!("有 {} 项期限今日到期、即将到期或已超期，请在“今日”中查看", many.len()),
    };
    // No notification daemon (e.g. under Xvfb) is not an error worth surfacing: the tray and 今日 still show it.
    let _ = app.notification().builder().title("案牍 · 节点提醒").body(body).show();
}

/// Starts the tray and the background pass; [`Notified`] must be managed (see `lib.rs`).
pub fn start(app: &AppHandle) {
    if let Err(e) = tray(app) {
        eprintln!("案牍: tray icon unavailable ({e}); reminders still show in 今日");
    }
    let handle = app.clone();
    std::thread::Builder::new()
        .name("reminders".into())
        .spawn(move || {
            // The first screen goes first: at start 今日 and the tray count (`reminder_count`) each read what is due
            // behind the store's lock, and this pass queued before them made the first screen wait for a third
            // read (100,000 cases: see README 性能). The count reaches the tray a few seconds later.
            std::thread::sleep(FIRST_PASS_DELAY);
            loop {
                check(&handle);
                std::thread::sleep(INTERVAL);
            }
        })
        .expect("spawn the reminder thread");
}

#[tauri::command]
pub async fn reminder_done(app: AppHandle, state: State<'_, AppState>, key: String, done: bool) -> CmdResult<()> {
    state.with_store(|s| set_reminder_state(s, &key, &ReminderState { done, snoozed_until: None }))?;
    check(&app);
    Ok(())
}

#[tauri::command]
pub async fn reminder_snooze(app: AppHandle, state: State<'_, AppState>, key: String, until: String) -> CmdResult<()> {
    let until = andu_core::date::parse_date(&until).map_err(coded)?;
    state.with_store(|s| set_reminder_state(s, &key, &ReminderState { done: false, snoozed_until: Some(until) }))?;
    check(&app);
    Ok(())
}

/// The reminder tiers in force and the built-in ones (设置 → 提醒阈值).
#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ReminderThresholds {
    settings: andu_deadline::ReminderSettings,
    defaults: andu_deadline::ReminderSettings,
    /// The ranges the back end's check allows: the editor's input bounds and its check as the user types.
    limits: andu_deadline::ReminderLimits,
}

impl ReminderThresholds {
    fn of(settings: andu_deadline::ReminderSettings) -> Self {
        ReminderThresholds { settings, defaults: Default::default(), limits: andu_deadline::ReminderSettings::LIMITS }
    }
}

#[tauri::command]
pub async fn reminder_settings(state: State<'_, AppState>) -> CmdResult<ReminderThresholds> {
    let settings = state.with_store(|s| Docket::for_store(s).map(|d| d.reminders))?;
    Ok(ReminderThresholds::of(settings))
}

/// Checked and kept by the docket exactly as `andu reminders set` does; then the reminder check runs again.
#[tauri::command]
pub async fn set_reminder_settings(
    app: AppHandle,
    state: State<'_, AppState>,
    settings: andu_deadline::ReminderSettings,
) -> CmdResult<ReminderThresholds> {
    let settings = state.with_store(|s| Docket::save_reminder_settings(s, &settings))?;
    check(&app);
    Ok(ReminderThresholds::of(settings))
}

#[tauri::command]
pub async fn reset_reminder_settings(app: AppHandle, state: State<'_, AppState>) -> CmdResult<ReminderThresholds> {
    let settings = state.with_store(Docket::reset_reminder_settings)?;
    check(&app);
    Ok(ReminderThresholds::of(settings))
}

#[cfg(test)]
mod tests {
    use super::Notified;

    /// Issue #12: after 完成 on one reminder the re-check raised a notification for every urgent item again.
    #[test]
    fn a_second_check_notifies_only_what_is_new() {
        let notified = Notified::default();
        assert_eq!(notified.fresh(["a", "b"]), ["a", "b"]);
        assert!(notified.fresh(["a", "b"]).is_empty(), "a re-check after 完成 raises nothing again");
        assert_eq!(notified.fresh(["a", "b", "c"]), ["c"]);
    }
}
