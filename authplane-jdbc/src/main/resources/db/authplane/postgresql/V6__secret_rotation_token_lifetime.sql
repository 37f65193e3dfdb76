-- AuthPlane storage schema, version 6 (PostgreSQL): a client secret may expire; a rotated secret may keep
-- working for a grace period (its bcrypt hash and the end of the grace, both or neither); a client
-- may have an access-token lifetime of its own (whole seconds; NULL: the server default).

ALTER TABLE authplane_client ADD COLUMN secret_expires_at TIMESTAMP(3) WITH TIME ZONE;
ALTER TABLE authplane_client ADD COLUMN previous_secret_hash VARCHAR(255);
ALTER TABLE authplane_client ADD COLUMN previous_secret_valid_until TIMESTAMP(3) WITH TIME ZONE;
ALTER TABLE authplane_client ADD COLUMN token_lifetime_seconds INTEGER;
ALTER TABLE authplane_client ADD CONSTRAINT authplane_client_previous_secret_ck
    CHECK ((previous_secret_hash IS NULL) = (previous_secret_valid_until IS NULL));
ALTER TABLE authplane_client ADD CONSTRAINT authplane_client_token_lifetime_ck
    CHECK (token_lifetime_seconds IS NULL OR token_lifetime_seconds > 0);
