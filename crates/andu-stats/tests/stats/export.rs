//! The court-report workbook, read back with calamine.

use std::io::Cursor;

use andu_stats::export::{Report, workbook};
use andu_stats::{Definitions, Scope, ledger};
use calamine::{Reader, Xlsx};

use crate::support::period;
use crate::worked::{cases, half_year};

#[test]
fn workbook_has_indicators_monthly_ledger_and_unknown_limit_sheets() {
    let defs = Definitions::embedded();
    let i = half_year(&Scope::whole());
    let rows = ledger(&cases(), period("2025-01-01", "2025-06-30"), &Scope::whole(), &defs);
    let bytes = workbook(&Report { court: "测试法院", indicators: &i, ledger: &rows, definitions: &defs }).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["指标", "逐月收结", "长期未结案件台账", "审限无法计算"]);

    let sheet = book.worksheet_range("指标").unwrap();
    let text = |r: u32, c: u32| sheet.get_value((r, c)).map(|v| v.to_string()).unwrap_or_default();
    assert_eq!(text(0, 0), "测试法院审判质量效率指标统计表");
    assert!(text(1, 0).contains("2025年1月1日至2025年6月30日") && text(1, 0).contains("全院"), "{}", text(1, 0));
    assert!(text(1, 0).contains(&defs.version));
    // Header on row 3, then one row per key except monthly and balance, in KEYS order.
    assert_eq!(text(3, 1), "指标");
    assert_eq!((text(4, 1).as_str(), text(4, 2).as_str()), ("新收", "9"));
    let closure = (4..40).find(|r| text(*r, 1) == "结案率").unwrap();
    assert_eq!(
        (text(closure, 2).as_str(), text(closure, 3).as_str(), text(closure, 4).as_str()),
        ("0.6875", "11", "16")
    );
    let population = (4..40).find(|r| text(*r, 1) == "万人成讼率").unwrap();
    assert_eq!(text(population, 2), "—");
    assert!(text(population, 7).starts_with("存疑（UNSURE）"));

    let monthly = book.worksheet_range("逐月收结").unwrap();
    let m = |r: u32, c: u32| monthly.get_value((r, c)).map(|v| v.to_string()).unwrap_or_default();
    assert_eq!((m(4, 0).as_str(), m(4, 1).as_str(), m(4, 2).as_str()), ("2025-01", "4", "1"));
    assert_eq!((m(6, 0).as_str(), m(6, 9).as_str(), m(6, 10).as_str()), ("2025-03", "0.18", "达到"));

    let ledger = book.worksheet_range("长期未结案件台账").unwrap();
    let l = |r: u32, c: u32| ledger.get_value((r, c)).map(|v| v.to_string()).unwrap_or_default();
    assert!(l(1, 0).contains("超12个月 3 件"), "{}", l(1, 0));
    assert_eq!((l(4, 1).as_str(), l(4, 9).as_str()), ("（2025）测A3号", "超36个月"));
    assert_eq!(l(6, 1), "（2025）测A1号");
}

#[test]
fn a_drill_down_exports_as_a_case_list_workbook() {
    let (all, p) = (cases(), period("2025-01-01", "2025-06-30"));
    let cal = andu_deadline::HolidayCalendar::embedded();
    let d = andu_stats::drill_down(&all, p, &Scope::whole(), &Definitions::embedded(), &cal, "closed").unwrap();
    assert!(d.count > 0);
    let bytes = andu_stats::export::cases_workbook(&d, "测试法院").unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range("案件清单").unwrap();
    let title = sheet.get_value((0, 0)).unwrap().to_string();
    assert!(title.contains("测试法院") && title.contains("结案"), "{title}");
    assert_eq!(sheet.get_value((3, 1)).unwrap().to_string(), "案号");
    let listed = (4..sheet.height() as u32)
        .filter(|r| !sheet.get_value((*r, 1)).map(|v| v.to_string()).unwrap_or_default().is_empty())
        .count();
    assert_eq!(listed, d.count, "one row per case behind the number");
}
