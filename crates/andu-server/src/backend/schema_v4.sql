-- Version 4: the login lockout an administrator lifts (`andu-server user unlock`), and token indexes for logout (by
-- device) and for deleting expired tokens (by expiry).
ALTER TABLE users ADD COLUMN locked_at TEXT;
-- When an administrator last unlocked the user (milliseconds since 1970): failures counted before it are forgotten.
ALTER TABLE users ADD COLUMN unlocked_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX tokens_device ON tokens (device_id);
CREATE INDEX tokens_expiry ON tokens (expires_at);
