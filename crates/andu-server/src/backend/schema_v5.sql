-- Version 5: stored answers are kept per device. An op id is the idempotency key of one device's edit: another
-- device (another user) sending the same id must not be answered with this one's stored answer, which names its
-- case and may carry its data. The same id from another device is simply a new op of that device.
CREATE TABLE applied_ops_by_device (
  op_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  device_seq BIGINT NOT NULL,
  result TEXT NOT NULL,
  PRIMARY KEY (device_id, op_id)
);
INSERT INTO applied_ops_by_device (op_id, device_id, device_seq, result)
  SELECT op_id, device_id, device_seq, result FROM applied_ops;
DROP TABLE applied_ops;
ALTER TABLE applied_ops_by_device RENAME TO applied_ops;
