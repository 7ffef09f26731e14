//! A clerk fills every built-in document for a demo case, and LibreOffice renders it as WPS or Word would: the
//! PDF must hold the court, the document name, the 案号 and the addressee, on the expected number of pages.
//! The PNG of page 1 is kept under test-output/render/ for a person to look at.
//!
//! Needs `soffice`, `pdfinfo`, `pdftotext`, `pdftoppm` (installed by `cargo xtask setup`).

use std::path::{Path, PathBuf};
use std::process::Command;

use andu_docs::{RenderOptions, Template, builtin};
use andu_store::exchange::{ImportOptions, jsonl};
use andu_store::{DbKey, Store};
use chrono::{NaiveDate, TimeZone, Utc};

fn tool(name: &str) -> bool {
    Command::new("sh").args(["-c", &format!("command -v {name}")]).output().is_ok_and(|o| o.status.success())
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

#[test]
fn every_builtin_document_renders_in_libreoffice_with_its_text() {
    for t in ["soffice", "pdfinfo", "pdftotext", "pdftoppm"] {
        assert!(tool(t), "{t} is missing: run `cargo xtask setup` (installs LibreOffice and poppler-utils)");
    }
    let dir = tempfile::tempdir().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let mut store = Store::open(&dir.path().join("demo.db"), &DbKey::new("render")).unwrap();
    let demo = andu_store::demo::generate(today, 20, 1);
    store
        .import(
            jsonl::parse(&jsonl::write(&demo)),
            ImportOptions::default(),
            Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap(),
        )
        .unwrap();
    let case_no = andu_store::demo::FIXED_CASE_NO;

    let mut docx = Vec::new();
    for b in builtin::BUILTINS {
        let spec = format!("builtin:{}", b.name);
        let party = if b.addressee_role.is_none() { Some("张三") } else { None };
        let data = andu_docket::documents::case_document_data(&store, case_no, &spec, party, today).unwrap();
        let out = dir.path().join(format!("{}.docx", b.name));
        Template::load(&spec).unwrap().render_to_file(&data, &RenderOptions::default(), &out).unwrap();
        docx.push((b.name, out));
    }

    // One LibreOffice start for all files (it takes seconds to start); the court fonts map to Noto CJK.
    let mut cmd = Command::new("soffice");
    cmd.args(["--headless", "--norestore", "--convert-to", "pdf", "--outdir"]).arg(dir.path());
    cmd.args(docx.iter().map(|(_, p)| p));
    cmd.env("HOME", dir.path()); // a private LibreOffice profile: no lock on the user's own
    let fonts = workspace().join("../shared/design/fonts.conf");
    if fonts.exists() {
        cmd.env("FONTCONFIG_FILE", fonts);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "soffice failed: {}", String::from_utf8_lossy(&out.stderr));

    let artifacts = workspace().join("test-output/render");
    std::fs::create_dir_all(&artifacts).unwrap();
    for (name, path) in &docx {
        let pdf = path.with_extension("pdf");
        let info = String::from_utf8(Command::new("pdfinfo").arg(&pdf).output().unwrap().stdout).unwrap();
        let pages: u32 = info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap();
        assert!((1..=2).contains(&pages), "{name}: {pages} pages");
        let text =
            String::from_utf8(Command::new("pdftotext").args(["-layout"]).arg(&pdf).arg("-").output().unwrap().stdout)
                .unwrap();
        let flat: String = text.split_whitespace().collect();
        for needle in ["深圳市龙华区人民法院", name, "（2025）粤0309民初1234号"] {
            assert!(flat.contains(needle), "{name}: “{needle}” not in the rendered text:\n{text}");
        }
        if *name == "开庭公告" {
            // A public notice has no addressee: it names the parties.
            for party in ["张三", "深圳市某某科技有限公司"] {
                assert!(flat.contains(party), "{name}: “{party}” not in the rendered text:\n{text}");
            }
        } else {
            assert!(flat.contains("张三") || flat.contains("深圳市某某科技有限公司"), "{name}: no addressee:\n{text}");
        }
        assert!(!flat.contains("{{"), "{name}: an unfilled placeholder:\n{text}");
        let png = artifacts.join(name);
        let status = Command::new("pdftoppm")
            .args(["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"])
            .arg(&pdf)
            .arg(&png)
            .status();
        assert!(status.unwrap().success(), "{name}: pdftoppm");
    }
}
