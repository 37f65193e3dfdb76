-- AuthPlane storage schema, version 2 (H2): indexes behind the purge jobs and the
-- unfiltered issuance listing (newest first).

CREATE INDEX authplane_issuance_issued_at_ix ON authplane_issuance (issued_at, jti);
CREATE INDEX authplane_dpop_jti_expires_at_ix ON authplane_dpop_jti (expires_at);
CREATE INDEX authplane_signing_key_publish_until_ix ON authplane_signing_key (publish_until);
