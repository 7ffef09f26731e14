//! A judge drafts the 民事判决书 for the demo case, saves a revision and exports it; LibreOffice renders the file as
//! WPS or Word would, with the sections, the late-payment warning and the page number "— 1 —". Page 1 is kept under
//! test-output/render/ for a person to look at.

use std::path::{Path, PathBuf};
use std::process::Command;

use andu_docket::drafting;
use andu_store::{DbKey, Store};
use chrono::{NaiveDate, TimeZone, Utc};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

#[test]
fn a_drafted_judgment_exports_and_renders_in_libreoffice() {
    let dir = tempfile::tempdir().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap();
    let mut store = Store::open(&dir.path().join("demo.db"), &DbKey::new("render")).unwrap();
    store
        .write(now, |w| {
            for c in andu_store::demo::generate(today, 5, 1) {
                w.add_case(&c.validate().unwrap())?;
            }
            Ok(())
        })
        .unwrap();
    let case_no = andu_store::demo::FIXED_CASE_NO;
    let detail = store.get_case(case_no).unwrap();
    let mut content = drafting::initial_content(&detail, today, Some("广东省深圳市中级人民法院"));
    content.insert(
        "reasoning".into(),
        "本院认为，合法的借贷关系受法律保护。被告借款后未按约还款，应承担还款责任。".into(),
    );
    content.insert("items".into(), "被告深圳市某某科技有限公司于本判决发生法律效力之日起十日内偿还原告张三借款本金100000元；\n驳回原告张三的其他诉讼请求。".into());
    let draft = store.write(now, |w| w.create_draft(case_no, drafting::CIVIL_JUDGMENT, "民事判决书")).unwrap();
    let rev = store.write(now, |w| w.save_draft_revision(&draft.id, &[], &content, "王建国")).unwrap();

    let docx = dir.path().join("民事判决书.docx");
    std::fs::write(&docx, drafting::export_judgment(&detail, &rev.content)).unwrap();
    let mut cmd = Command::new("soffice");
    cmd.args(["--headless", "--norestore", "--convert-to", "pdf", "--outdir"]).arg(dir.path()).arg(&docx);
    cmd.env("HOME", dir.path());
    let fonts = workspace().join("../shared/design/fonts.conf");
    if fonts.exists() {
        cmd.env("FONTCONFIG_FILE", fonts);
    }
    let out = cmd.output().expect("soffice is missing: run `cargo xtask setup`");
    assert!(out.status.success(), "soffice failed: {}", String::from_utf8_lossy(&out.stderr));
    let pdf = docx.with_extension("pdf");
    let text = String::from_utf8(Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap().stdout).unwrap();
    let flat: String = text.split_whitespace().collect();
    for needle in [
        "深圳市龙华区人民法院",
        "民事判决书",
        case_no,
        "原告：张三",
        "本院认为，合法的借贷关系受法律保护",
        "判决如下：",
        "一、被告深圳市某某科技有限公司",
        "第二百六十四条",
        "上诉于广东省深圳市中级人民法院",
        "二〇二六年十一月二十六日",
        "—1—",
    ] {
        assert!(flat.contains(needle), "“{needle}” not in the rendered judgment:\n{text}");
    }
    let artifacts = workspace().join("test-output/render");
    std::fs::create_dir_all(&artifacts).unwrap();
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&pdf)
        .arg(artifacts.join("民事判决书"))
        .status();
    assert!(status.unwrap().success(), "pdftoppm");
}
