-- Version 2: data the server hands to every client (holiday years now; rule sets and templates later).
CREATE TABLE assets (
  seq BIGINT PRIMARY KEY,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  content TEXT NOT NULL,
  published_by TEXT NOT NULL,
  at TEXT NOT NULL
);
