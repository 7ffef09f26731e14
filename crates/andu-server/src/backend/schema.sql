-- The server schema, shared text for both backends (types are the ones both accept: BIGINT and TEXT).
-- Append-only: a new version is a new file of statements, never an edit here.
CREATE TABLE users (
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL,
  division TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  user_name TEXT NOT NULL,
  name TEXT NOT NULL,
  last_seq BIGINT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE tokens (
  hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  user_name TEXT NOT NULL,
  device_id TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE applied_ops (
  op_id TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  device_seq BIGINT NOT NULL,
  result TEXT NOT NULL
);
CREATE TABLE entities (
  entity TEXT NOT NULL,
  id TEXT NOT NULL,
  case_id TEXT NOT NULL,
  row_json TEXT,
  seq BIGINT NOT NULL,
  PRIMARY KEY (entity, id)
);
CREATE INDEX entities_case ON entities (case_id);
CREATE TABLE fields (
  entity TEXT NOT NULL,
  id TEXT NOT NULL,
  field TEXT NOT NULL,
  seq BIGINT NOT NULL,
  user_name TEXT NOT NULL,
  device_id TEXT NOT NULL,
  PRIMARY KEY (entity, id, field)
);
CREATE TABLE cases_index (
  case_id TEXT PRIMARY KEY,
  case_no TEXT NOT NULL UNIQUE,
  division TEXT NOT NULL
);
CREATE INDEX cases_index_division ON cases_index (division);
CREATE TABLE changes (
  seq BIGINT PRIMARY KEY,
  case_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  field TEXT,
  row_json TEXT,
  user_name TEXT NOT NULL,
  device_id TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX changes_case ON changes (case_id, seq);
CREATE TABLE device_cases (
  device_id TEXT NOT NULL,
  case_id TEXT NOT NULL,
  added_epoch BIGINT NOT NULL,
  removed_epoch BIGINT,
  PRIMARY KEY (device_id, case_id)
);
CREATE TABLE audit (
  seq BIGINT PRIMARY KEY,
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
