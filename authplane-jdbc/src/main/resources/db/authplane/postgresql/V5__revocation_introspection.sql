-- AuthPlane storage schema, version 5 (PostgreSQL): token revocation (RFC 7009 and administrative)
-- is recorded on the issuance row (when and why; NULL while the token was not revoked), polled by
-- every node through the partial revoked_at index; a client may be allowed to introspect tokens
-- (RFC 7662).

ALTER TABLE authplane_issuance ADD COLUMN revoked_at TIMESTAMP(3) WITH TIME ZONE;
ALTER TABLE authplane_issuance ADD COLUMN revocation_reason VARCHAR(200);
ALTER TABLE authplane_issuance ADD CONSTRAINT authplane_issuance_revocation_ck
    CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL));
CREATE INDEX authplane_issuance_revoked_at_ix ON authplane_issuance (revoked_at) WHERE revoked_at IS NOT NULL;

ALTER TABLE authplane_client ADD COLUMN introspect BOOLEAN DEFAULT FALSE NOT NULL;
