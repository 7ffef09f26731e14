//! A clerk fills every built-in document for a demo case (a judge adds the parts of a judgment only they write),
//! and LibreOffice renders it as WPS or Word would: the PDF must hold the court, the 案号 and each document's own
//! text, on exactly the expected number of pages (a notice one page, signature included).
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
    // The court has set its appellate court (设置 → 本院信息), as `andu demo` does: judgments name it.
    andu_docket::court_profile::set_appellate_court(&mut store, "广东省深圳市中级人民法院").unwrap();
    let case_no = andu_store::demo::FIXED_CASE_NO;

    let mut docx = Vec::new();
    for b in builtin::BUILTINS {
        let spec = format!("builtin:{}", b.name);
        let party = if b.addressee_role.is_none() { Some("张三") } else { None };
        let mut data = andu_docket::documents::case_document_data(&store, case_no, &spec, party, today).unwrap();
        if b.name.starts_with("民事判决书") {
            // What the judge writes, so the page shows a whole judgment (with the money warning).
            for (k, v) in judge_written().as_object().unwrap() {
                data[k] = v.clone();
            }
        }
        let out = dir.path().join(format!("{}.docx", b.name));
        Template::load(&spec).unwrap().render_to_file(&data, &RenderOptions::default(), &out).unwrap();
        docx.push((b.name, out));
    }
    assert_eq!(docx.len(), EXPECTED.len(), "every built-in has its expectations below");

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
    let mut measured = Vec::new();
    for (name, path) in &docx {
        let (pages, needles) = EXPECTED.iter().find(|e| e.0 == *name).map(|e| (e.1, e.2)).unwrap();
        let pdf = path.with_extension("pdf");
        let info = String::from_utf8(Command::new("pdfinfo").arg(&pdf).output().unwrap().stdout).unwrap();
        let got: u32 = info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap();
        measured.push(format!("{name}: {got}"));
        let text =
            String::from_utf8(Command::new("pdftotext").args(["-layout"]).arg(&pdf).arg("-").output().unwrap().stdout)
                .unwrap();
        let flat: String = text.split_whitespace().collect();
        assert_eq!(got, pages, "{name}: {got} pages, expected {pages}:\n{text}");
        for needle in ["深圳市龙华区人民法院", "（2025）粤0309民初1234号"].iter().chain(needles) {
            assert!(flat.contains(needle), "{name}: “{needle}” not in the rendered text:\n{text}");
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
    println!("pages: {}", measured.join(", "));
}

/// Per built-in: the pages it must take for the demo case (a notice one page, its signature included) and text
/// that must be on them besides the court and the 案号.
const EXPECTED: &[(&str, u32, &[&str])] = &[
    // The fixed case sits three days on, moved off the Sunday (11-29) to Monday: demo hearings are on working days.
    ("传票", 1, &["传票", "张三", "2026年11月30日9时30分", "第一百四十六条", "二〇二六年十一月二十六日"]),
    ("应诉通知书", 1, &["应诉通知书", "深圳市某某科技有限公司：", "第一百二十八条", "二〇二六年十一月二十六日"]),
    ("受理案件通知书", 1, &["受理案件通知书", "张三：", "七日内预交案件受理费", "二〇二六年十一月二十六日"]),
    ("举证通知书", 1, &["举证通知书", "张三：", "举证期限", "二〇二六年十一月二十六日"]),
    ("出庭通知书", 1, &["出庭通知书", "张三", "第七十七条", "二〇二六年十一月二十六日"]),
    // A public notice has no addressee: it names the parties.
    ("开庭公告", 1, &["开庭公告", "张三", "深圳市某某科技有限公司", "第一百三十九条"]),
    ("送达回证", 1, &["送达回证", "张三", "受送达人签名或者盖章"]),
    ("送达地址确认书", 1, &["送达地址确认书", "张三", "13800000000", "第九十条", "受送达人（签名或者盖章）"]),
    (
        "民事判决书（简易程序）",
        2,
        &[
            "民事判决书",
            "原告：张三，住广东省深圳市龙华区",
            "被告：深圳市某某科技有限公司，住所地",
            "委托诉讼代理人：李律师",
            "依法适用简易程序，由审判员王建国独任审理",
            "一、被告深圳市某某科技有限公司于本判决生效之日起十日内",
            "第二百六十四条之规定，加倍支付迟延履行期间的债务利息",
            "减半收取计525元",
            "如不服本判决，可以在判决书送达之日起十五日内",
            "上诉于广东省深圳市中级人民法院。",
            "本件与原本核对无异",
        ],
    ),
    (
        "民事判决书（普通程序）",
        3,
        &[
            "民事判决书",
            "依法适用普通程序，组成合议庭",
            "二、驳回原告张三的其他诉讼请求",
            "第二百六十四条",
            // The demo case's 合议庭, seat by seat.
            "审判长陈静",
            "审判员王建国",
            "人民陪审员",
        ],
    ),
    // The demo case is tried by a 合议庭: its three seats take the clerks' lines to a second page.
    ("民事裁定书（准予撤诉）", 2, &["民事裁定书", "第一百四十八条第一款", "准许原告张三撤诉", "审判长陈静", "书记员"]),
    ("民事裁定书（驳回起诉）", 2, &["民事裁定书", "第一百二十二条、第一百五十七条第一款第三项", "驳回原告张三的起诉"]),
    ("民事调解书", 2, &["民事调解书", "当事人自愿达成如下协议", "第一百条"]),
    (
        "延长审限审批表",
        1,
        &[
            "延长审限审批表",
            "2025年12月29日（普通程序）",
            "2026年6月17日经院长批准延长6个月",
            "第一百五十二条",
            "院长意见",
        ],
    ),
    ("审限扣除审批表", 1, &["审限扣除审批表", "第二百四十三条", "庭长意见"]),
];

fn judge_written() -> serde_json::Value {
    serde_json::json!({
        "诉讼请求": "1.判令被告偿还借款本金100000元及利息；2.本案诉讼费用由被告负担。",
        "事实和理由": "2025年3月1日，被告向原告借款100000元，约定2025年9月1日归还，到期后经催告仍未归还。",
        "辩称": "借款属实，但因经营困难无力一次偿还，请求分期给付。",
        "本院查明": "2025年3月1日，被告向原告出具借条一份，载明借款100000元。原告当日通过银行转账交付借款。",
        "本院认为": "合法的借贷关系受法律保护。被告借款后未按约定期限还款，应当承担还款责任。",
        "裁判依据": "《中华人民共和国民法典》第六百七十五条、第六百七十六条",
        "判决主文": andu_docs::numbered(&[
            "被告深圳市某某科技有限公司于本判决生效之日起十日内偿还原告张三借款本金100000元；",
            "驳回原告张三的其他诉讼请求。",
        ]),
        "金钱给付": true,
        "案件受理费": 105_000,
        "诉讼费负担": "被告深圳市某某科技有限公司",
        // 上诉法院 is not written by the judge: the docket names the court's appellate court (设置 → 本院信息).
    })
}
