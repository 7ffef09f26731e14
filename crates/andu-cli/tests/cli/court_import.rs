//! `andu import` on a court system's export: --show-mapping, --mapping, --save-mapping, and every bad row listed
//! on the terminal with its row, column and reason (not only under --json).

use super::Env;

/// A GBK CSV as a court system exports it: a title row, its own column names (主办人 is no known synonym), 案号
/// with ASCII brackets, dates as 2025年3月1日, the parties in one column; row 5 has a date that does not exist.
fn court_csv(env: &Env) -> std::path::PathBuf {
    let text = "深圳市龙华区人民法院 案件信息一览表,,,,,,\n\
序号,案号,案由,收案日期,主办人,当事人,适用程序\n\
1,(2025)粤0309民初501号,买卖合同纠纷,2025年3月1日,王建国,原告：张三；被告：李四,简易程序\n\
2,(2025)粤0309民初502号,民间借贷纠纷,2025/3/2,王建国,原告：王五；被告：赵六,普通程序\n\
3,(2025)粤0309民初503号,离婚纠纷,2025年2月30日,王建国,原告：钱七；被告：孙八,简易程序\n";
    let path = env.dir.path().join("导出.csv");
    std::fs::write(&path, gbk(text)).unwrap();
    path
}

/// The text in GBK, by iconv (glibc's, on every Debian), as a Chinese Windows office suite saves CSV.
fn gbk(text: &str) -> Vec<u8> {
    use std::io::Write;
    let mut child = std::process::Command::new("iconv")
        .args(["-f", "UTF-8", "-t", "GBK"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    out.stdout
}

#[test]
fn show_mapping_then_import_with_a_mapping_file_and_keep_it_for_the_court() {
    let env = Env::new();
    let file = court_csv(&env);
    let f = file.to_str().unwrap();

    // --show-mapping: the header row found, the proposal, the rows that would fail; nothing imported.
    let shown = env.json(&["import", f, "--show-mapping"]);
    assert_eq!(shown["layout"]["header_rows"], serde_json::json!([2]));
    assert_eq!(shown["layout"]["encoding"], "GBK");
    assert_eq!(shown["layout"]["columns"][3]["field"], "filed");
    assert_eq!(shown["layout"]["columns"][4]["field"], serde_json::Value::Null, "主办人 is unknown");
    assert_eq!((shown["total"].as_u64(), shown["invalid"].as_u64()), (Some(3), Some(1)));
    let text = env.run(&["import", f, "--show-mapping"]);
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(stdout.contains("列名行：第 2 行"), "{stdout}");
    assert!(stdout.contains("第 5 行 D 列“收案日期”"), "{stdout}");
    assert!(stdout.contains("[columns]"), "the mapping file to start from: {stdout}");

    // The bad row refuses the file, and the terminal names row, column and reason.
    let out = env.run(&["import", f]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("第 5 行 D 列“收案日期”（（2025）粤0309民初503号）：“2025年2月30日”不是日历上存在的日期"),
        "{stderr}"
    );
    assert!(stderr.contains("import_invalid_rows"), "{stderr}");
    assert_eq!(env.json(&["case", "list"])["total"], 0, "nothing imported");

    // A mapping file names 主办人; with --skip-invalid the two good rows go in and the mapping is kept.
    let mapping = env.dir.path().join("映射.toml");
    std::fs::write(&mapping, "[columns]\n\"主办人\" = \"承办法官\"\n").unwrap();
    let r = env.json(&["import", f, "--mapping", mapping.to_str().unwrap(), "--skip-invalid", "--save-mapping"]);
    assert_eq!(r["created"], 2);
    assert_eq!(r["skipped"][0]["line"], 5);
    assert_eq!(r["skipped"][0]["columns"]["filed"], "D 列“收案日期”");
    assert_eq!(env.json(&["case", "show", "（2025）粤0309民初501号"])["judge"], "王建国");

    // Next time the court's saved mapping is used without --mapping.
    let again = env.json(&["import", f, "--show-mapping"]);
    assert_eq!(again["layout"]["saved_mapping"], "粤0309");
    assert_eq!(again["layout"]["columns"][4]["field"], "judge");

    // A mapping naming no field is refused before anything is read into the store.
    std::fs::write(&mapping, "[columns]\n\"主办人\" = \"主办\"\n").unwrap();
    assert_eq!(env.fails(&["import", f, "--mapping", mapping.to_str().unwrap()])["code"], "file_unreadable");
}
