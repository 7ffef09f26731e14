//! The 历史 view's 从法院服务器获取完整历史 over real HTTP: a device that joined the division holds one row per case
//! saying the earlier history is on the court server; `history::fetch_from_server` (the app command's and
//! `andu history --from-server`'s function) replaces it with the case's whole history, and says why it cannot when
//! the store is not logged in or the server is down.

use andu_core::Coded;
use andu_store::{ChangeEntry, Store};
use andu_sync_client::history::fetch_from_server;

use super::{C1, C2, Client, DIV1, Server};
use crate::support::tmp_root;

/// What a history says, independent of which device holds it: a field change with its new value, a row by entity.
fn changes(history: &[ChangeEntry]) -> Vec<(String, String, Option<String>, Option<String>)> {
    let mut v: Vec<_> = history
        .iter()
        .map(|c| (c.entity.clone(), c.entity_id.clone(), c.field.clone(), c.field.as_ref().and(c.new.clone())))
        .collect();
    v.sort();
    v
}

fn add_case(client: &Client, case_no: &str) {
    #[rustfmt::skip]
    client.json(&[
        "case", "add", "--case-no", case_no, "--cause", "民间借贷纠纷", "--procedure", "简易程序", "--filed",
        "2026-03-02", "--court", "深圳市龙华区人民法院", "--division", DIV1, "--judge", "王法官", "--party",
        "原告:张三", "--party", "被告:深圳市某某科技有限公司",
    ]);
}

#[test]
fn a_joined_case_s_history_is_fetched_from_the_server_in_place_of_the_row_that_said_so() {
    let dir = tempfile::Builder::new().prefix("andu-history-fetch").tempdir_in(tmp_root()).expect("tmp dir");
    let mut server = Server::new(dir.path(), None);
    server.add_user("王", "judge", DIV1);
    server.add_user("李", "assistant", DIV1);
    server.start();

    // The judge registers two cases and changes one a few times: a history of several rows on the server.
    let a = Client::new(dir.path(), "wang");
    a.login(&server, "王");
    add_case(&a, C1);
    add_case(&a, C2);
    a.set(C1, "judge", "李法官");
    a.set(C1, "assistant", "赵助理");
    a.set(C1, "judge", "王法官");
    a.sync();
    let full = a.store().history(C1).expect("the judge's history");
    assert!(full.len() >= 6, "{full:?}");

    // The assistant joins: each case arrives as it stands, with one row saying the rest is on the court server.
    let b = Client::new(dir.path(), "li");
    b.login(&server, "李");
    b.sync();
    let mut joined = b.store();
    for case_no in [C1, C2] {
        let h = joined.history(case_no).expect("history");
        assert_eq!(h.len(), 1, "{h:?}");
        assert_eq!(h[0].field.as_deref(), Some(andu_store::sync::HISTORY_ON_SERVER));
    }

    // 从法院服务器获取完整历史: the whole history, as the judge's device has it, and no row saying it is elsewhere.
    let rows = fetch_from_server(&mut joined, C1).expect("fetched over loopback");
    let fetched = joined.history(C1).expect("history");
    assert_eq!(rows, fetched.len());
    assert!(fetched.iter().all(|c| c.field.as_deref() != Some(andu_store::sync::HISTORY_ON_SERVER)));
    assert_eq!(changes(&fetched), changes(&full));
    assert_eq!(joined.get_case(C1).expect("case").summary.judge, "王法官", "fetching the history changes no row");

    // Fetching again keeps the same history (the fetched rows replace the fetched rows).
    assert_eq!(fetch_from_server(&mut joined, C1).expect("again"), rows);
    assert_eq!(changes(&joined.history(C1).expect("history")), changes(&full));

    // The server down: said as offline, and the other case still says its history is on the server.
    server.kill9();
    let err = fetch_from_server(&mut joined, C2).unwrap_err();
    assert_eq!(err.code(), "history_offline", "{err}");
    let h = joined.history(C2).expect("history");
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].field.as_deref(), Some(andu_store::sync::HISTORY_ON_SERVER));

    // A store that never logged in is told to log in first; a case it does not hold keeps the store's own code.
    let local = Client::new(dir.path(), "local");
    add_case(&local, C1);
    let mut store: Store = local.store();
    assert_eq!(fetch_from_server(&mut store, C1).unwrap_err().code(), "history_not_logged_in");
    assert_eq!(fetch_from_server(&mut joined, "（2026）粤0309民初999号").unwrap_err().code(), "case_not_found");
}
