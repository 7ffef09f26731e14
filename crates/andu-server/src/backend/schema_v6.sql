-- Version 6: sync at a division's size (issue #13).
-- A device is never sent its own changes back. `sender_has` = 1 marks a change whose sending device already holds
-- exactly the row it produced: a new row, a delete, or an edit applied whole to a row whose every earlier change
-- that device had pulled or sent itself. Its pulls leave such changes out (a first upload is not downloaded again);
-- any other change (a merge with an edit it had not seen, a conflict, a resolution) is sent to it like to anyone.
ALTER TABLE changes ADD COLUMN sender_has BIGINT NOT NULL DEFAULT 0;
-- The device of an entity's last change and that change's `sender_has`: a later edit of the same device leaves the
-- sender holding the result only when this one did.
ALTER TABLE entities ADD COLUMN device_id TEXT NOT NULL DEFAULT '';
ALTER TABLE entities ADD COLUMN sender_has BIGINT NOT NULL DEFAULT 0;
-- A new device starts from each case's current rows (the last change of each entity), read by case in sequence
-- order so that a case larger than a page resumes after the last row sent.
CREATE INDEX entities_case_seq ON entities (case_id, seq);
