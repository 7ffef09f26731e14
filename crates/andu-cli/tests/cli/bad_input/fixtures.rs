//! The bad files the table's rows read, made here in the test's temp directory (never committed): each is wrong
//! in one way a real file can be — truncated, the wrong format, the wrong types, values out of range.

use std::io::{Cursor, Write};
use std::path::Path;

use rust_xlsxwriter::{Format, Workbook};
use zip::ZipWriter;
use zip::write::SimpleFileOptions;

const CASE: &str = r#"{"case_no":"（2025）粤0309民初4321号","cause":"民间借贷纠纷","procedure":"civil-simple","filed":"2025-01-05","parties":[{"role":"原告","name":"张三","kind":"person"},{"role":"被告","name":"李四","kind":"person"}]}"#;

/// The civil rule file as shipped, for variants that break one thing in it.
const CIVIL_RULES: &str = include_str!("../../../../../assets/rules/civil.toml");
const INDICATORS: &str = include_str!("../../../../../assets/indicators/indicators.toml");

fn xlsx(path: &Path, fill: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) {
    let mut book = Workbook::new();
    fill(book.add_worksheet());
    book.save(path).unwrap();
}

const HEADER: &[&str] = &["案号", "案由", "程序", "立案日期", "原告", "被告"];

fn header(sheet: &mut rust_xlsxwriter::Worksheet) {
    for (c, h) in HEADER.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
}

fn good_row(sheet: &mut rust_xlsxwriter::Worksheet, r: u32) {
    for (c, v) in
        ["（2025）粤0309民初4321号", "民间借贷纠纷", "简易程序", "2025-01-05", "张三", "李四"].iter().enumerate()
    {
        sheet.write_string(r, c as u16, *v).unwrap();
    }
}

fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        w.start_file(*name, SimpleFileOptions::default()).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A template whose document.xml is `body` inside a minimal Word document.
fn docx_with_body(body: &str) -> Vec<u8> {
    let doc = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    zip(&[("[Content_Types].xml", b"<Types/>"), ("word/document.xml", doc.as_bytes())])
}

fn para(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

pub fn write_all(dir: &Path) {
    // Any bytes-like value, as `std::fs::write` takes it.
    macro_rules! put {
        ($name:expr, $bytes:expr) => {
            std::fs::write(dir.join($name), $bytes).unwrap()
        };
    }

    // .jsonl imports
    put!("bad-date.jsonl", format!("{CASE}\n{}\n", CASE.replace("2025-01-05", "2025-01-32")).as_bytes());
    put!("truncated.jsonl", &CASE.as_bytes()[..CASE.len() / 2]);
    put!("not-utf8.jsonl", b"\xff\xfe\x00{\"case_no\":\"\x80\"}\n");
    put!("wrong-types.jsonl", r#"{"case_no":5,"cause":[],"procedure":true,"filed":20250105,"parties":"张三"}"#);
    put!("array.jsonl", b"[1,2,3]\n");
    put!("empty-object.jsonl", b"{}\n");
    put!("bad-casenum.jsonl", CASE.replace("粤0309民初4321号", "粤0309民X4321号").as_bytes());
    put!("bad-procedure.jsonl", CASE.replace("civil-simple", "civil-magic").as_bytes());
    put!("no-parties.jsonl", CASE.replace(r#""parties":[{"role":"原告","name":"张三","kind":"person"},{"role":"被告","name":"李四","kind":"person"}]"#, r#""parties":[]"#).as_bytes());
    put!(
        "closed-before-filed.jsonl",
        CASE.replace(
            r#""filed":"2025-01-05""#,
            r#""filed":"2025-01-05","closed":"2024-12-31","closing_method":"判决""#
        )
        .as_bytes()
    );
    put!("bad-party-kind.jsonl", CASE.replace(r#""kind":"person"}]"#, r#""kind":"robot"}]"#).as_bytes());
    put!("cause-too-long.jsonl", CASE.replace("民间借贷纠纷", &"纠纷".repeat(5000)).as_bytes());
    put!("control-chars.jsonl", CASE.replace("民间借贷纠纷", "民间\\u0007借贷\\u001b纠纷").as_bytes());
    put!("cases.csv", "案号,案由\n（2025）粤0309民初4321号,民间借贷纠纷\n".as_bytes());
    // Court-system exports: bytes that are neither UTF-8 nor GBK, an "xls" that is a web page, a mapping that names
    // no field, and a good court CSV to try the mappings on.
    put!("garbled.csv", b"A\xff\xff,\xff\n");
    put!("web-page.xls", "<html><body><table><tr><td>案号</td></tr></table></body></html>".as_bytes());
    put!("court.csv", "序号,案号,案由,收案日期,当事人,适用程序\n1,(2025)粤0309民初4321号,民间借贷纠纷,2025年1月5日,原告：张三；被告：李四,简易程序\n".as_bytes());
    put!("bad-mapping.toml", "[columns]\n\"案号\" = \"案子\"\n".as_bytes());
    put!("not-toml.toml", "[columns\n".as_bytes());

    // .xlsx imports, made with rust_xlsxwriter the way a court export is
    xlsx(&dir.join("missing-columns.xlsx"), |s| {
        s.write_string(0, 0, "案号").unwrap();
        s.write_string(1, 0, "（2025）粤0309民初4321号").unwrap();
    });
    xlsx(&dir.join("bad-cells.xlsx"), |s| {
        header(s);
        good_row(s, 1);
        s.write_number(2, 0, 12345.0).unwrap(); // a number where the 案号 goes
        s.write_string(2, 1, "买卖合同纠纷").unwrap();
        s.write_string(2, 2, "魔法程序").unwrap();
        s.write_string(2, 3, "2025-13-01").unwrap();
        s.write_boolean(2, 4, true).unwrap();
    });
    xlsx(&dir.join("huge-date.xlsx"), |s| {
        header(s);
        good_row(s, 1);
        // A date cell whose serial is far beyond any calendar (a corrupted or hand-edited export).
        s.write_number_with_format(1, 3, 1e15, &Format::new().set_num_format("yyyy-mm-dd")).unwrap();
    });
    xlsx(&dir.join("negative-date.xlsx"), |s| {
        header(s);
        good_row(s, 1);
        s.write_number_with_format(1, 3, -1e15, &Format::new().set_num_format("yyyy-mm-dd")).unwrap();
    });
    xlsx(&dir.join("far-cell.xlsx"), |s| {
        header(s);
        good_row(s, 1);
        // A stray entry in the sheet's last cell (XFD1048576), as a slip of the keyboard leaves one.
        s.write_string(1_048_575, 16_383, "误触").unwrap();
    });
    xlsx(&dir.join("empty-sheet.xlsx"), |_| {});
    xlsx(&dir.join("formula-error.xlsx"), |s| {
        header(s);
        good_row(s, 1);
        s.write_formula(1, 3, "=1/0").unwrap();
    });
    let mut good = Workbook::new();
    let s = good.add_worksheet();
    header(s);
    good_row(s, 1);
    let good = good.save_to_buffer().unwrap();
    put!("truncated.xlsx", &good[..good.len() / 2]);
    put!("not-a-workbook.xlsx", "案号,案由\n".as_bytes());

    // .docx templates and render data
    let chuanpiao = andu_docs::builtin::docx("传票").unwrap();
    put!("传票.docx", &chuanpiao);
    put!("truncated.docx", &chuanpiao[..chuanpiao.len() / 2]);
    put!("not-a-zip.docx", "这不是 Word 文档".as_bytes());
    put!("no-document.docx", &zip(&[("[Content_Types].xml", b"<Types/>"), ("word/other.xml", b"<x/>")]));
    put!("unclosed.docx", &docx_with_body(&para("{{#当事人}}{{名称}}")));
    put!("unopened.docx", &docx_with_body(&para("{{名称}}{{/当事人}}")));
    put!("deep.docx", docx_with_body(&para(&format!("{}x{}", "{{#a}}".repeat(20_000), "{{/a}}".repeat(20_000)))));
    put!("bad-xml.docx", &zip(&[("word/document.xml", b"<w:document><w:body><w:p>")]));
    put!("not-utf8.docx", &zip(&[("word/document.xml", b"<w:document>\xff\xfe</w:document>")]));
    put!("data-not-json.json", "{\"法院\": ");
    put!("data-array.json", b"[1, 2]");
    put!("data-not-utf8.json", b"\xff\xfe{}");
    put!("data-bad-line.jsonl", "{\"法院\":\"某某人民法院\"}\n{\"法院\": \n");
    put!("data-array-line.jsonl", "{\"法院\":\"某某人民法院\"}\n[1]\n");
    put!("data.json", "{\"法院\":\"某某人民法院\"}".as_bytes());

    // Holiday years
    put!("holidays-99999.json", br#"{"year":99999,"days":[{"name":"x","date":"99999-01-01","isOffDay":true}]}"#);
    put!("holidays-wrong-types.json", br#"{"year":"2027","days":{"date":5}}"#);
    put!("holidays-not-json.json", b"year = 2027");
    put!("holidays-empty.json", br#"{"year":2028,"days":[]}"#);
    put!("holidays-other-year.json", r#"{"year":2027,"days":[{"name":"元旦","date":"2028-01-01","isOffDay":true}]}"#);
    put!("holidays-bad-date.json", r#"{"year":2027,"days":[{"name":"元旦","date":"2027-02-30","isOffDay":true}]}"#);

    // Rule files
    put!("rules-not-toml.toml", b"area = civil\n[[rule");
    put!("rules-wrong-types.toml", b"area = 5\nversion = []\n[[rule]]\nid = 1\n");
    put!("rules-area-unknown.toml", CIVIL_RULES.replacen("area = \"civil\"", "area = \"family\"", 1).as_bytes());
    put!("rules-bad-length.toml", CIVIL_RULES.replacen("length = \"7d\"", "length = \"7x\"", 1).as_bytes());
    put!("rules-no-rules.toml", b"area = \"civil\"\nversion = \"x\"\n");

    // Reminder thresholds
    put!("reminders-wrong-types.toml", b"urgent_days = \"five\"\n");
    put!("reminders-not-toml.toml", b"urgent_days = = 5");
    put!("reminders-fraction.toml", b"early_fraction = 1.5\n");
    put!("reminders-negative.toml", b"urgent_days = -3\n");
    put!("reminders-unknown-key.toml", b"urgent_dayz = 3\n");
    put!("reminders-zero-percent.toml", b"early_fraction = 0.0\n");
    put!("reminders-party-days.toml", b"party_days_before = 31\n");

    // Indicator definitions (andu stats --definitions)
    put!("indicators-not-toml.toml", b"version = \n");
    put!("indicators-wrong-types.toml", b"version = 5\nname = []\n");
    put!(
        "indicators-bad-floor.toml",
        INDICATORS.replacen("{ month = 3, progress = 0.18 }", "{ month = 13, progress = 1.8 }", 1).as_bytes()
    );

    // Stores that must be refused before anything is written
    put!("not-a-database.db", "这不是数据库文件，只是一段文字。".repeat(200).as_bytes());
    std::fs::copy(dir.join("t.db"), dir.join("newer.db")).unwrap();
    {
        let s = andu_store::Store::open(&dir.join("newer.db"), &andu_store::DbKey::new("cli-test-key")).unwrap();
        s.conn().pragma_update(None, "user_version", andu_store::schema_version() + 5).unwrap();
        s.conn().pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    std::fs::create_dir(dir.join("out")).unwrap();
}
