-- Version 7: a device's pull no longer looks through every case it holds for ones it may no longer see (issue #13:
-- that walk ran on every page of a new device's join, growing with each page, and on every idle sync). A held case can leave a user's view only when an access change happens: a user's role or division
-- changes, or a 院长 moves a case to another division. Each such change counts `access_clock` up, and a device
-- records the count at which it last looked (`devices.access_checked`); it looks again only when the count moved
-- (or when a revocation it was sent is unconfirmed and must be sent again).
CREATE TABLE access_clock (
  id BIGINT PRIMARY KEY,
  version BIGINT NOT NULL
);
INSERT INTO access_clock (id, version) VALUES (1, 1);
ALTER TABLE devices ADD COLUMN access_checked BIGINT NOT NULL DEFAULT 0;
-- A first upload of 100,000 cases wrote some 4 million rows into `fields`, one per field of every new entity, all
-- alike but for the field's name. A new entity now keeps its creation once, here, and a field without a row of its
-- own in `fields` has the version of the entity's creation; `fields` rows are written only by later edits. NULL for
-- entities created before this version (their every field has its row).
ALTER TABLE entities ADD COLUMN born_seq BIGINT;
ALTER TABLE entities ADD COLUMN born_user TEXT;
ALTER TABLE entities ADD COLUMN born_device TEXT;
-- Two indexes every push kept up for nothing: `entities_case_seq` (v6) and `cases_index_division_case` (v3) begin
-- with the same columns and serve every lookup these did.
DROP INDEX entities_case;
DROP INDEX cases_index_division;
