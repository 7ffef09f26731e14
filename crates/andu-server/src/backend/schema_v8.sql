-- Version 8: an idle device's pull no longer looks through every case of its division for ones it does not hold
-- (issue #13: some 100 ms per sync at 100,000 cases). `cases_seen` is a feed sequence at which the device held every
-- case it was shown: a case it may see but does not hold since then must have had its index row written after it
-- (registered, or moved into the division — every such write is a `case` change in the feed), so the pull looks at
-- the feed's `case` changes after it instead. 0: unknown, look through the division (a new device, or after an access
-- change, a lost page or a case dropped from the device, which reset it).
ALTER TABLE devices ADD COLUMN cases_seen BIGINT NOT NULL DEFAULT 0;
