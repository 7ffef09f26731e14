-- Version 8, SQLite only: the tables a push writes keep one B-tree fewer per row. `seq BIGINT PRIMARY KEY` is not
-- SQLite's row id (only `INTEGER PRIMARY KEY` is), so `changes` and `audit` kept a hidden row id and a second B-tree
-- for `seq`; the tables keyed by text (stored answers, field versions, the case index, held cases) a hidden row id
-- beside their key. A first upload wrote into all of them for every op or case. The tables are copied into their
-- new form, `WITHOUT ROWID` for the small rows keyed by text (the same columns, values and other indexes;
-- PostgreSQL has no row ids and keeps its tables). `entities` keeps its row id: its rows can be large.
CREATE TABLE changes_v8 (
  seq INTEGER PRIMARY KEY,
  case_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  field TEXT,
  row_json TEXT,
  user_name TEXT NOT NULL,
  device_id TEXT NOT NULL,
  at TEXT NOT NULL,
  sender_has BIGINT NOT NULL DEFAULT 0
);
INSERT INTO changes_v8 (seq, case_id, entity, entity_id, field, row_json, user_name, device_id, at, sender_has)
  SELECT seq, case_id, entity, entity_id, field, row_json, user_name, device_id, at, sender_has FROM changes ORDER BY seq;
DROP TABLE changes;
ALTER TABLE changes_v8 RENAME TO changes;
CREATE INDEX changes_case ON changes (case_id, seq);
CREATE TABLE audit_v8 (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user_name TEXT NOT NULL,
  device_id TEXT NOT NULL,
  op_id TEXT NOT NULL,
  case_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  result TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_v8 SELECT seq, at, user_name, device_id, op_id, case_id, entity, entity_id, result, detail,
  prev_hash, hash FROM audit ORDER BY seq;
DROP TABLE audit;
ALTER TABLE audit_v8 RENAME TO audit;
CREATE TABLE applied_ops_v8 (
  op_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  device_seq BIGINT NOT NULL,
  result TEXT NOT NULL,
  PRIMARY KEY (device_id, op_id)
) WITHOUT ROWID;
INSERT INTO applied_ops_v8 (op_id, device_id, device_seq, result)
  SELECT op_id, device_id, device_seq, result FROM applied_ops;
DROP TABLE applied_ops;
ALTER TABLE applied_ops_v8 RENAME TO applied_ops;
CREATE TABLE fields_v8 (
  entity TEXT NOT NULL,
  id TEXT NOT NULL,
  field TEXT NOT NULL,
  seq BIGINT NOT NULL,
  user_name TEXT NOT NULL,
  device_id TEXT NOT NULL,
  PRIMARY KEY (entity, id, field)
) WITHOUT ROWID;
INSERT INTO fields_v8 (entity, id, field, seq, user_name, device_id)
  SELECT entity, id, field, seq, user_name, device_id FROM fields;
DROP TABLE fields;
ALTER TABLE fields_v8 RENAME TO fields;
CREATE TABLE cases_index_v8 (
  case_id TEXT PRIMARY KEY,
  case_no TEXT NOT NULL UNIQUE,
  division TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO cases_index_v8 (case_id, case_no, division) SELECT case_id, case_no, division FROM cases_index;
DROP TABLE cases_index;
ALTER TABLE cases_index_v8 RENAME TO cases_index;
CREATE INDEX cases_index_division_case ON cases_index (division, case_id);
CREATE TABLE device_cases_v8 (
  device_id TEXT NOT NULL,
  case_id TEXT NOT NULL,
  added_epoch BIGINT NOT NULL,
  removed_epoch BIGINT,
  PRIMARY KEY (device_id, case_id)
) WITHOUT ROWID;
INSERT INTO device_cases_v8 (device_id, case_id, added_epoch, removed_epoch)
  SELECT device_id, case_id, added_epoch, removed_epoch FROM device_cases;
DROP TABLE device_cases;
ALTER TABLE device_cases_v8 RENAME TO device_cases;
CREATE INDEX device_cases_added ON device_cases (device_id, added_epoch);
CREATE INDEX device_cases_removed ON device_cases (device_id, removed_epoch);
