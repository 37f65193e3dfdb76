-- AuthPlane storage schema, version 7 (PostgreSQL): the admin audit trail (one row per administrative
-- change, written in the change's own transaction) and the W3C trace id of each token request on
-- its issuance row.

ALTER TABLE authplane_issuance ADD COLUMN trace_id CHAR(32);

CREATE TABLE authplane_admin_event (
    id             VARCHAR(64)                 NOT NULL PRIMARY KEY,
    occurred_at    TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    action         VARCHAR(64)                 NOT NULL,
    object_id      VARCHAR(255)                NOT NULL,
    actor          VARCHAR(100)                NOT NULL,
    remote_address VARCHAR(100),
    detail         VARCHAR(200)
);

CREATE INDEX authplane_admin_event_occurred_idx ON authplane_admin_event (occurred_at DESC, id DESC);
