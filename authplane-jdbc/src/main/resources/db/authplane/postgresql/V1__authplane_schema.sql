-- AuthPlane storage schema, version 1 (PostgreSQL).
-- Identifier columns use the "C" collation: comparisons are byte for byte and listing order is the
-- same as in every other AuthPlane store (Java String order for ASCII identifiers).

CREATE TABLE authplane_client (
    client_id   VARCHAR(128) COLLATE "C" NOT NULL,
    name        VARCHAR(100) COLLATE "C" NOT NULL,
    secret_hash VARCHAR(255)             NOT NULL,
    auth_method VARCHAR(32)              NOT NULL,
    status      VARCHAR(16)              NOT NULL,
    created_at  TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    CONSTRAINT authplane_client_pk PRIMARY KEY (client_id),
    CONSTRAINT authplane_client_name_uq UNIQUE (name),
    CONSTRAINT authplane_client_secret_hash_ck CHECK (secret_hash LIKE '$2%'),
    CONSTRAINT authplane_client_auth_method_ck CHECK (auth_method IN ('client_secret_post', 'client_secret_basic')),
    CONSTRAINT authplane_client_status_ck CHECK (status IN ('ACTIVE', 'DISABLED'))
);

CREATE TABLE authplane_client_grant_type (
    client_id  VARCHAR(128) COLLATE "C" NOT NULL,
    grant_type VARCHAR(255) COLLATE "C" NOT NULL,
    CONSTRAINT authplane_client_grant_type_pk PRIMARY KEY (client_id, grant_type),
    CONSTRAINT authplane_client_grant_type_client_fk FOREIGN KEY (client_id)
        REFERENCES authplane_client (client_id) ON DELETE CASCADE
);

CREATE TABLE authplane_client_scope (
    client_id   VARCHAR(128) COLLATE "C" NOT NULL,
    sort_order  INTEGER                  NOT NULL,
    name        VARCHAR(128) COLLATE "C" NOT NULL,
    description VARCHAR(512)             NOT NULL,
    CONSTRAINT authplane_client_scope_pk PRIMARY KEY (client_id, sort_order),
    CONSTRAINT authplane_client_scope_name_uq UNIQUE (client_id, name),
    CONSTRAINT authplane_client_scope_client_fk FOREIGN KEY (client_id)
        REFERENCES authplane_client (client_id) ON DELETE CASCADE
);

CREATE TABLE authplane_resource (
    id           VARCHAR(128)  COLLATE "C" NOT NULL,
    slug         VARCHAR(64)   COLLATE "C" NOT NULL,
    uri          VARCHAR(2048) COLLATE "C" NOT NULL,
    backend_kind VARCHAR(16)               NOT NULL,
    created_at   TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    CONSTRAINT authplane_resource_pk PRIMARY KEY (id),
    CONSTRAINT authplane_resource_slug_uq UNIQUE (slug),
    CONSTRAINT authplane_resource_uri_uq UNIQUE (uri),
    CONSTRAINT authplane_resource_backend_kind_ck CHECK (backend_kind IN ('mint'))
);

CREATE TABLE authplane_resource_scope (
    resource_id VARCHAR(128) COLLATE "C" NOT NULL,
    sort_order  INTEGER                  NOT NULL,
    name        VARCHAR(128) COLLATE "C" NOT NULL,
    description VARCHAR(512)             NOT NULL,
    CONSTRAINT authplane_resource_scope_pk PRIMARY KEY (resource_id, sort_order),
    CONSTRAINT authplane_resource_scope_name_uq UNIQUE (resource_id, name),
    CONSTRAINT authplane_resource_scope_resource_fk FOREIGN KEY (resource_id)
        REFERENCES authplane_resource (id) ON DELETE CASCADE
);

-- One row per minted token (SPEC §4). No foreign keys: the audit outlives deleted clients/resources.
-- scopes: the granted scope tokens, sorted, separated by one space ('' when none).
CREATE TABLE authplane_issuance (
    jti          VARCHAR(255)  COLLATE "C" NOT NULL,
    client_id    VARCHAR(128)  COLLATE "C" NOT NULL,
    client_name  VARCHAR(100)  COLLATE "C" NOT NULL,
    subject      VARCHAR(255)  COLLATE "C" NOT NULL,
    resource_id  VARCHAR(128)  COLLATE "C",
    resource_uri VARCHAR(2048) COLLATE "C" NOT NULL,
    scopes       TEXT                      NOT NULL,
    grant_type   VARCHAR(255)              NOT NULL,
    token_type   VARCHAR(16)               NOT NULL,
    dpop_jkt     VARCHAR(128),
    issued_at    TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    CONSTRAINT authplane_issuance_pk PRIMARY KEY (jti)
);

-- Listing filters (SPEC §4): each filter column, then the listing order.
CREATE INDEX authplane_issuance_client_id_ix    ON authplane_issuance (client_id, issued_at, jti);
CREATE INDEX authplane_issuance_client_name_ix  ON authplane_issuance (client_name, issued_at, jti);
CREATE INDEX authplane_issuance_resource_id_ix  ON authplane_issuance (resource_id, issued_at, jti);
CREATE INDEX authplane_issuance_resource_uri_ix ON authplane_issuance (resource_uri, issued_at, jti);

-- active_marker is 1 for the active key and NULL otherwise; its unique constraint lets at most one
-- key be active, so two nodes rotating at once cannot both win.
-- private_jwk_protection: 'none' (JWK JSON in clear) or 'aes-gcm' (encrypted with the key-encryption key).
CREATE TABLE authplane_signing_key (
    kid                    VARCHAR(128) COLLATE "C" NOT NULL,
    algorithm              VARCHAR(16)              NOT NULL,
    private_jwk            TEXT                     NOT NULL,
    private_jwk_protection VARCHAR(16)              NOT NULL,
    status                 VARCHAR(16)              NOT NULL,
    active_marker          SMALLINT,
    created_at             TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    retired_at             TIMESTAMP(3) WITH TIME ZONE,
    publish_until          TIMESTAMP(3) WITH TIME ZONE,
    CONSTRAINT authplane_signing_key_pk PRIMARY KEY (kid),
    CONSTRAINT authplane_signing_key_one_active_uq UNIQUE (active_marker),
    CONSTRAINT authplane_signing_key_protection_ck CHECK (private_jwk_protection IN ('none', 'aes-gcm')),
    CONSTRAINT authplane_signing_key_state_ck CHECK (
        (status = 'ACTIVE' AND COALESCE(active_marker, 0) = 1 AND retired_at IS NULL AND publish_until IS NULL)
        OR (status = 'RETIRED' AND active_marker IS NULL AND retired_at IS NOT NULL AND publish_until IS NOT NULL))
);

-- DPoP proof jtis seen within the replay window; the primary key makes replays visible across nodes.
CREATE TABLE authplane_dpop_jti (
    jti_key    VARCHAR(256) COLLATE "C" NOT NULL,
    expires_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    CONSTRAINT authplane_dpop_jti_pk PRIMARY KEY (jti_key)
);
