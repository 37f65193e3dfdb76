-- AuthPlane storage schema, version 4 (H2): private_key_jwt clients (RFC 7523) hold public keys,
-- inline (jwks) or by reference (jwks_uri), and no secret; each issuance row records how the client
-- authenticated and which key verified its assertion (NULL in rows written before).

ALTER TABLE authplane_client ALTER COLUMN secret_hash SET NULL;
ALTER TABLE authplane_client ADD COLUMN jwks VARCHAR(65536);
ALTER TABLE authplane_client ADD COLUMN jwks_uri VARCHAR(2048);
ALTER TABLE authplane_client DROP CONSTRAINT authplane_client_auth_method_ck;
ALTER TABLE authplane_client ADD CONSTRAINT authplane_client_auth_method_ck
    CHECK (auth_method IN ('client_secret_post', 'client_secret_basic', 'private_key_jwt'));
ALTER TABLE authplane_client ADD CONSTRAINT authplane_client_credentials_ck CHECK (
    (auth_method <> 'private_key_jwt' AND secret_hash IS NOT NULL AND jwks IS NULL AND jwks_uri IS NULL)
    OR (auth_method = 'private_key_jwt' AND secret_hash IS NULL AND (jwks IS NULL) <> (jwks_uri IS NULL)));

ALTER TABLE authplane_issuance ADD COLUMN auth_method VARCHAR(32);
ALTER TABLE authplane_issuance ADD COLUMN assertion_kid VARCHAR(255);
