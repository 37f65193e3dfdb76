/**
 * JDBC adapters for every storage port of AuthPlane core, on a plain {@link javax.sql.DataSource}
 * (H2 and PostgreSQL), and the Flyway-managed schema they need.
 *
 * <p>Start with {@link dev.authplane.jdbc.AuthPlaneSchema#migrate(javax.sql.DataSource)} and
 * {@link dev.authplane.jdbc.JdbcStorage}; the individual {@code Jdbc*} adapters can also be wired
 * one by one. Uniqueness rules (client id and name, resource slug and URI, issuance {@code jti},
 * one active signing key, DPoP proof {@code jti}) are constraints in the schema, so they hold for
 * several server nodes sharing one database.
 */
package dev.authplane.jdbc;
