//! What the court publishes — rule files, templates, indicator definitions, holiday years (the holiday test is in
//! rules.rs) — is checked at `publish` with the clients' own parsers and reaches every client at its next sync,
//! applied through the same imports an administrator uses on one machine.

use andu_core::Coded;
use andu_docket::in_force::SettingSource;
use andu_server::backend::Backend;
use andu_server::{Service, Sqlite, db};
use andu_store::Store;
use andu_sync::access::Role;
use andu_sync::codes;
use chrono::{DateTime, TimeZone, Utc};

use crate::support::{add_user, open_store, sync_cleanly};

const CIVIL: &str = include_str!("../../../../assets/rules/civil.toml");
const INDICATORS: &str = include_str!("../../../../assets/indicators/indicators.toml");
const SUMMONS: &[u8] = include_bytes!("../../../../assets/templates/传票.docx");

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap()
}

fn service(dir: &std::path::Path) -> Service<Sqlite> {
    let svc = Service::new(Sqlite::open(dir).unwrap());
    add_user(&svc, "wang", Role::Judge, "民一庭");
    svc
}

fn sync(svc: &Service<Sqlite>, store: &mut Store) {
    sync_cleanly(svc, "wang", store, now());
}

/// A court's civil file: the embedded one under the court's own version.
fn court_civil() -> String {
    let version = CIVIL.lines().find(|l| l.starts_with("version")).unwrap();
    CIVIL.replacen(version, "version = \"2027.01-本院\"", 1)
}

#[test]
fn a_published_rule_file_template_and_definitions_reach_the_client() {
    let dir = tempfile::tempdir().unwrap();
    let svc = service(dir.path());
    let civil = court_civil();
    assert_eq!(svc.publish("rules", "civil.toml", civil.as_bytes(), "admin", now()).unwrap().0, "civil");
    let (name, _) = svc.publish("templates", "传票（本院）.docx", SUMMONS, "admin", now()).unwrap();
    assert_eq!(name, "传票（本院）", "a template is published under its file name");
    let indicators = INDICATORS.replacen("andu-default-2025.1", "本院-2027", 1);
    assert_eq!(
        svc.publish("indicators", "本院指标.toml", indicators.as_bytes(), "admin", now()).unwrap().0,
        "indicators"
    );

    let mut store = open_store(&dir.path().join("a.db"));
    sync(&svc, &mut store);
    assert!(store.pending_assets().unwrap().is_empty(), "every published file was applied");

    let areas = andu_docket::Docket::rule_areas(&store).unwrap();
    let civil_area = areas.iter().find(|a| a.area == "civil").unwrap();
    assert_eq!((civil_area.version.as_str(), civil_area.source), ("2027.01-本院", "court"));
    assert!(areas.iter().filter(|a| a.area != "civil").all(|a| a.source == "builtin"), "{areas:?}");
    assert!(andu_docket::Docket::for_store(&store).unwrap().rules.version().contains("civil@2027.01-本院"));

    let templates = andu_docket::court_templates::court_templates(&store).unwrap();
    assert_eq!(templates.len(), 1);
    assert_eq!((templates[0].template.as_str(), templates[0].size), ("court:传票（本院）", SUMMONS.len()));
    let t = andu_docket::court_templates::load_template(&store, "court:传票（本院）").unwrap();
    assert!(t.has_tags(), "the court's template is the real .docx, placeholders and all");

    let info = andu_docket::statistics::definitions_info(&store).unwrap();
    assert!(info.custom);
    assert_eq!(info.version, "本院-2027");

    // A corrected file of the same area replaces the first at the next sync.
    let corrected = civil.replacen("2027.01-本院", "2027.02-本院", 1);
    svc.publish("rules", "civil.toml", corrected.as_bytes(), "admin", now()).unwrap();
    sync(&svc, &mut store);
    let areas = andu_docket::Docket::rule_areas(&store).unwrap();
    assert_eq!(areas.iter().find(|a| a.area == "civil").unwrap().version, "2027.02-本院");
}

/// What was published by mistake is withdrawn: clients go back to their built-in rule file, template list and
/// definitions at the next sync, and a machine that first syncs afterwards never shows it. A holiday year is
/// corrected, not withdrawn; nothing unpublished can be withdrawn.
#[test]
fn a_withdrawn_rule_file_template_or_definitions_file_leaves_every_client() {
    let dir = tempfile::tempdir().unwrap();
    let svc = service(dir.path());
    svc.publish("rules", "civil.toml", court_civil().as_bytes(), "admin", now()).unwrap();
    svc.publish("templates", "传票（本院）.docx", SUMMONS, "admin", now()).unwrap();
    let indicators = INDICATORS.replacen("andu-default-2025.1", "本院-2027", 1);
    svc.publish("indicators", "本院指标.toml", indicators.as_bytes(), "admin", now()).unwrap();
    let mut store = open_store(&dir.path().join("a.db"));
    sync(&svc, &mut store);
    assert_eq!(andu_docket::court_templates::court_templates(&store).unwrap().len(), 1);

    svc.withdraw("rules", "civil", "admin", now()).unwrap();
    svc.withdraw("templates", "传票（本院）", "admin", now()).unwrap();
    svc.withdraw("indicators", "本院指标", "admin", now()).unwrap();
    let late = &mut open_store(&dir.path().join("b.db"));
    for store in [&mut store, late] {
        sync(&svc, store);
        assert!(store.sync_status().unwrap().waiting_assets.is_empty());
        let areas = andu_docket::Docket::rule_areas(store).unwrap();
        assert!(areas.iter().all(|a| a.source == "builtin"), "{areas:?}");
        assert!(andu_docket::court_templates::court_templates(store).unwrap().is_empty());
        assert!(!andu_docket::statistics::definitions_info(store).unwrap().custom);
    }

    let refused = |kind: &str, name: &str| svc.withdraw(kind, name, "admin", now()).unwrap_err();
    assert!(refused("templates", "传票（本院）").to_string().contains("没有已发布的"), "withdrawn twice");
    assert!(refused("holidays", "2027").to_string().contains("不能撤回"));
    assert_eq!(refused("fonts", "仿宋").code(), codes::BAD_REQUEST);
    // A rule file of the withdrawn area may be published again.
    svc.publish("rules", "civil.toml", court_civil().as_bytes(), "admin", now()).unwrap();
}

#[test]
fn files_a_client_would_refuse_are_refused_at_publish() {
    let dir = tempfile::tempdir().unwrap();
    let svc = service(dir.path());
    let refused = |kind: &str, file: &str, bytes: &[u8]| {
        let err = svc.publish(kind, file, bytes, "admin", now()).unwrap_err();
        assert_eq!(err.code(), codes::BAD_REQUEST, "{kind} {file}: {err}");
        err.to_string()
    };
    // A rule with an unknown length unit.
    let broken = court_civil().replacen("length = \"7d\"", "length = \"7x\"", 1);
    assert!(refused("rules", "civil.toml", broken.as_bytes()).contains("期间规则文件无效"));
    // An admin file that reuses a civil rule's id clashes with the civil file in force.
    let admin_clash = court_civil().replacen("area = \"civil\"", "area = \"admin\"", 1);
    refused("rules", "admin.toml", admin_clash.as_bytes());
    refused("templates", "传票.docx", b"not a zip");
    refused("templates", ".docx", SUMMONS);
    refused("indicators", "x.toml", b"version = ''");
    refused("holidays", "2031.json", b"{}");
    assert!(refused("fonts", "simsun.ttf", b"..").contains("templates"), "the message lists what can be published");
    // Nothing refused was published.
    assert!(svc.backend().read(|tx| db::assets_after(tx, 0)).unwrap().is_empty());
}

/// Data this version cannot use (a kind a newer server publishes) stays pending and is tried again at every sync;
/// it never stops cases from syncing.
#[test]
fn an_asset_this_version_cannot_apply_stays_pending_and_sync_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let svc = service(dir.path());
    let newer = andu_sync::Asset {
        seq: 0,
        kind: "fonts".into(),
        name: "仿宋".into(),
        content: "…".into(),
        published_by: "admin".into(),
        at: "2026-11-26T09:00:00Z".into(),
    };
    svc.backend().write(|tx| db::publish_asset(tx, &newer)).unwrap();
    svc.publish("rules", "civil.toml", court_civil().as_bytes(), "admin", now()).unwrap();
    let mut store = open_store(&dir.path().join("a.db"));
    sync(&svc, &mut store);
    let pending = store.pending_assets().unwrap();
    assert_eq!(pending.iter().map(|(k, n, _)| (k.as_str(), n.as_str())).collect::<Vec<_>>(), [("fonts", "仿宋")]);
    let civil = andu_docket::Docket::rule_areas(&store).unwrap().into_iter().find(|a| a.area == "civil").unwrap();
    assert_eq!(civil.source, "court", "the rest was applied");
    sync(&svc, &mut store);
    assert_eq!(store.pending_assets().unwrap().len(), 1);
    // The status line says what waits and why (设置 → 同步 lists it).
    let waiting = store.sync_status().unwrap().waiting_assets;
    assert_eq!(waiting.len(), 1);
    assert_eq!((waiting[0].kind.as_str(), waiting[0].name.as_str()), ("fonts", "仿宋"));
    assert!(waiting[0].reason.as_deref().unwrap().contains("请更新案牍"), "{waiting:?}");
}

/// A published file that fails on this machine (here: indicator definitions that do not parse, put on the server
/// behind its check) waits with the reason; once a good file is published under the same name it is applied and the
/// reason goes.
#[test]
fn a_published_file_that_fails_here_waits_with_its_reason_until_a_good_one_replaces_it() {
    let dir = tempfile::tempdir().unwrap();
    let svc = service(dir.path());
    let broken = andu_sync::Asset {
        seq: 0,
        kind: "indicators".into(),
        name: "indicators".into(),
        content: "version = ".into(),
        published_by: "admin".into(),
        at: "2026-11-26T09:00:00Z".into(),
    };
    svc.backend().write(|tx| db::publish_asset(tx, &broken)).unwrap();
    let mut store = open_store(&dir.path().join("a.db"));
    sync(&svc, &mut store);
    let waiting = store.sync_status().unwrap().waiting_assets;
    assert_eq!(waiting.len(), 1, "{waiting:?}");
    assert!(waiting[0].reason.is_some(), "{waiting:?}");
    let good = include_str!("../../../../assets/indicators/indicators.toml");
    svc.publish("indicators", "本院.toml", good.as_bytes(), "admin", now()).unwrap();
    sync(&svc, &mut store);
    assert!(store.sync_status().unwrap().waiting_assets.is_empty());
}

/// 设置 shows which 案件权重 and court settings are in force and since when: before any publication the built-in
/// ones; after a sync the court's, with the server's stamp and the publisher.
#[test]
fn the_weights_and_settings_in_force_name_their_publication() {
    let dir = tempfile::tempdir().unwrap();
    let svc = service(dir.path());
    let mut store = open_store(&dir.path().join("a.db"));
    sync(&svc, &mut store);
    let before = andu_docket::in_force::court_data_in_force(&store).unwrap();
    assert!(!before.weights.custom && before.weights_published.is_none() && before.settings_published.is_none());
    assert!(before.settings.iter().all(|s| s.source == SettingSource::Builtin && s.published.is_none()));

    let weights = "version = \"本院-2027\"\ndefault = 1.0\n[procedure]\n\"普通程序\" = 1.5\n";
    svc.publish("weights", "本院权重.toml", weights.as_bytes(), "admin", now()).unwrap();
    svc.publish("settings", "本院设置.toml", "\"review:reviewer\" = \"院长\"\n".as_bytes(), "admin", now()).unwrap();
    sync(&svc, &mut store);
    let after = andu_docket::in_force::court_data_in_force(&store).unwrap();
    assert_eq!((after.weights.custom, after.weights.version.as_str()), (true, "本院-2027"));
    let stamp = after.weights_published.unwrap();
    assert_eq!(stamp.by, "admin");
    assert!(stamp.at.starts_with("2026-11-26"), "{}", stamp.at);
    assert_eq!(after.settings_published.as_ref().unwrap().by, "admin");
    // Each setting names its own source: the file set the reviewer and left the others at their default.
    let reviewer = after.settings.iter().find(|s| s.key == "review:reviewer").unwrap();
    assert_eq!((reviewer.value.as_str(), reviewer.source), ("院长", SettingSource::Court));
    assert_eq!(reviewer.published.as_ref().map(|p| p.by.as_str()), Some("admin"));
    let others = after.settings.iter().filter(|s| s.key != "review:reviewer");
    assert!(
        others.clone().all(|s| s.source == SettingSource::Builtin && s.published.is_none()),
        "{:?}",
        after.settings
    );

    // A setting changed on this machine after the court's file says so; the court's own stays the court's.
    store.set_setting("review:override", "refused").unwrap();
    let later = andu_docket::in_force::court_data_in_force(&store).unwrap();
    let source = |k: &str| later.settings.iter().find(|s| s.key == k).map(|s| (s.value.clone(), s.source)).unwrap();
    assert_eq!(source("review:override"), ("refused".into(), SettingSource::Local));
    assert_eq!(source("review:reviewer"), ("院长".into(), SettingSource::Court));
    assert_eq!(source("review:required"), ("sent".into(), SettingSource::Builtin));
}
