-- Version 3: indexes for the pull, which runs on every sync of every device. Settling a device's held cases looks
-- rows up by epoch (without these, every pull walked all of the device's rows three times), and a division's case
-- ids come straight from the index.
CREATE INDEX device_cases_added ON device_cases (device_id, added_epoch);
CREATE INDEX device_cases_removed ON device_cases (device_id, removed_epoch);
CREATE INDEX cases_index_division_case ON cases_index (division, case_id);
