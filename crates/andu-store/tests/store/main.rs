//! One integration-test binary for the store (link once, run everything), against real SQLCipher files.

mod backup;
mod conflicts;
mod court_import;
mod import;
mod open;
mod props;
mod search;
mod write;

use andu_store::{DbKey, Store};
use chrono::{DateTime, TimeZone, Utc};

pub fn key() -> DbKey {
    DbKey::new("测试密钥-correct horse")
}

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 1, 9, 0, 0).unwrap()
}

pub struct TestStore {
    pub dir: tempfile::TempDir,
    pub store: Store,
}

impl TestStore {
    pub fn path(&self) -> std::path::PathBuf {
        self.dir.path().join("andu.db")
    }
}

pub fn new_store() -> TestStore {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("andu.db"), &key()).unwrap();
    TestStore { dir, store }
}

pub const SAMPLE: &str = r#"{"case_no":"（2025）粤0309民初1234号","cause":"民间借贷纠纷","procedure":"civil-simple","filed":"2025-01-05","court":"深圳市龙华区人民法院","division":"民一庭","judge":"王法官","assistant":"李助理","clerk":"赵书记员","parties":[{"role":"原告","name":"张三","kind":"person"},{"role":"被告","name":"某某科技有限公司","kind":"org"}],"closed":"2025-03-01","closing_method":"判决","extensions":[{"approved":"2025-03-20","months":1,"by":"院长"}],"deductions":[{"kind":"鉴定","from":"2025-02-01","to":"2025-02-20"}],"appeal":{"filed":"2025-03-20","outcome":"维持"}}"#;

pub fn sample() -> andu_core::case::ValidCase {
    serde_json::from_str::<andu_core::CaseInput>(SAMPLE).unwrap().validate().unwrap()
}
