-- AuthPlane storage schema, version 3 (H2): a client's resource list (least privilege between
-- clients and resources), and no index on the issuance client name (the listing filters by
-- client_id only, so a reused name cannot merge two clients' histories).

CREATE TABLE authplane_client_resource (
    client_id     VARCHAR(128) NOT NULL,
    resource_slug VARCHAR(64)  NOT NULL,
    CONSTRAINT authplane_client_resource_pk PRIMARY KEY (client_id, resource_slug),
    CONSTRAINT authplane_client_resource_client_fk FOREIGN KEY (client_id)
        REFERENCES authplane_client (client_id) ON DELETE CASCADE
);

DROP INDEX authplane_issuance_client_name_ix;
