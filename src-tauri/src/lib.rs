//! 案牍 desktop shell. Tauri glue only: state, command registration, window setup.
//! Commands live in `commands/*`, one small module per screen; they call the library crates and convert errors
//! to the `{code, message, detail}` body the UI acts on.

mod clock;
mod commands;
#[cfg(test)]
mod contract;
mod error;
mod first_run;
mod reminders;
mod state;
mod sync;

/// Where exported files go: `ANDU_EXPORT_DIR`, else ~/Downloads when it exists, else the temp dir.
pub(crate) fn export_dir() -> std::path::PathBuf {
    std::env::var_os("ANDU_EXPORT_DIR")
        .map(std::path::PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join("Downloads")).filter(|p| p.is_dir())
        })
        .unwrap_or_else(std::env::temp_dir)
}

pub fn run() {
    let app_state = state::AppState::from_env();
    tauri::Builder::default()
        .plugin(tauri_plugin_notification::init())
        .manage(app_state)
        .manage(reminders::Notified::default())
        .setup(|app| {
            reminders::start(app.handle());
            sync::start(app.handle());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::setup::app_start,
            commands::setup::first_run_setup,
            commands::setup::unlock_store,
            commands::setup::open_demo,
            commands::setup::leave_demo,
            commands::setup::court_profile,
            commands::setup::set_appellate_court,
            commands::setup::backup_info,
            commands::setup::backup_now,
            commands::setup::restore_backup,
            commands::cases::store_status,
            commands::cases::create_demo_store,
            commands::cases::list_cases,
            commands::cases::list_facets,
            commands::cases::get_case,
            commands::cases::add_case,
            commands::cases::set_case_field,
            commands::cases::case_history,
            commands::cases::search,
            commands::cases::add_note,
            commands::docket::event_kinds,
            commands::docket::case_vocabulary,
            commands::docket::add_event,
            commands::docket::remove_record,
            commands::docket::save_party,
            commands::docket::add_hearing,
            commands::docket::reschedule_hearing,
            commands::docket::set_appeal,
            commands::docket::add_extension,
            commands::docket::add_deduction,
            commands::docket::case_deadlines,
            commands::docket::today_view,
            commands::docket::due_explanation,
            commands::docket::calendar_items,
            commands::docket::export_ics,
            commands::documents::doc_templates,
            commands::documents::generate_documents,
            commands::documents::generate_documents_batch,
            commands::documents::open_document,
            commands::drafting::draft_sections,
            commands::drafting::draft_item_labels,
            commands::drafting::draft_open,
            commands::drafting::draft_autosave,
            commands::drafting::draft_save,
            commands::drafting::draft_revision,
            commands::drafting::draft_diff,
            commands::drafting::draft_merge_proposal,
            commands::drafting::draft_generate_section,
            commands::drafting::draft_export,
            commands::review::review_show,
            commands::review::review_send,
            commands::review::review_send_document,
            commands::review::review_queue,
            commands::review::review_comment,
            commands::review::review_decide,
            commands::review::review_withdraw,
            commands::review::review_result,
            commands::review::review_flag,
            commands::review::review_nav,
            commands::law::law_search,
            commands::law::law_show,
            commands::law::cite_check,
            commands::law::cite_appendix,
            commands::stats::stats,
            commands::stats::stats_cases,
            commands::stats::stats_export,
            commands::stats::stats_cases_export,
            commands::stats::indicator_definitions,
            commands::stats::import_indicator_definitions,
            commands::stats::reset_indicator_definitions,
            commands::stats::court_data_in_force,
            commands::supervision::appeal_reviews,
            commands::supervision::record_appeal_review,
            commands::supervision::appeal_reviews_export,
            commands::supervision::judge_performance,
            commands::supervision::review_statistics,
            commands::supervision::review_statistics_drill,
            commands::docket::import_holiday_year,
            commands::docket::parse_holiday_notice,
            commands::docket::rest_day,
            commands::docket::rule_areas,
            commands::docket::import_rule_file,
            commands::docket::reset_rule_file,
            commands::docket::holiday_years,
            commands::docket::open_limits,
            commands::court_import::preview_court_import,
            commands::court_import::import_court_file,
            reminders::reminder_count,
            reminders::reminder_done,
            reminders::reminder_snooze,
            reminders::reminder_settings,
            reminders::set_reminder_settings,
            reminders::reset_reminder_settings,
            sync::sync_status,
            sync::sync_login,
            sync::sync_logout,
            sync::sync_now,
            sync::case_history_from_server,
            sync::sync_set_interval,
            sync::sync_conflicts,
            sync::sync_resolve,
            sync::sync_rejections,
        ])
        .run(tauri::generate_context!())
        .expect("案牍 failed to start the window system (is DISPLAY set?)");
}
