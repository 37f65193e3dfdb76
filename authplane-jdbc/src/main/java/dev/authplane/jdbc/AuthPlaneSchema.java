package dev.authplane.jdbc;

import dev.authplane.core.storage.StorageException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The AuthPlane storage schema: versioned SQL scripts on the classpath, one directory per
 * database, applied with Flyway.
 *
 * <p>{@link #migrate(DataSource)} brings a database to the latest version and is a no-op when it
 * is already there. Embedders who run their own Flyway (or Liquibase {@code sqlFile} changesets)
 * point it at {@link #POSTGRESQL_LOCATION} or {@link #H2_LOCATION} instead. The schema's own
 * history lives in table {@value #HISTORY_TABLE}, so it coexists with an application's
 * {@code flyway_schema_history} in the same schema.
 */
public final class AuthPlaneSchema {

    /** Migrations for PostgreSQL (13 and later; tested on 15). */
    public static final String POSTGRESQL_LOCATION = "classpath:db/authplane/postgresql";

    /** Migrations for H2 2.x. */
    public static final String H2_LOCATION = "classpath:db/authplane/h2";

    /** Flyway history table used by {@link #migrate(DataSource)}. */
    public static final String HISTORY_TABLE = "authplane_schema_history";

    /** The newest schema version shipped with this module. */
    public static final String LATEST_VERSION = "7";

    private static final Logger LOG = LoggerFactory.getLogger(AuthPlaneSchema.class);

    private AuthPlaneSchema() {
    }

    /**
     * Applies every pending migration.
     *
     * @return how many migrations ran (0 when the schema was up to date)
     * @throws StorageException when the database is unsupported or a migration fails
     */
    public static int migrate(DataSource dataSource) {
        return migrate(dataSource, LATEST_VERSION);
    }

    /** Applies pending migrations up to and including {@code targetVersion}. */
    static int migrate(DataSource dataSource, String targetVersion) {
        Objects.requireNonNull(dataSource, "dataSource");
        try {
            return Flyway.configure()
                    .dataSource(dataSource)
                    .locations(locationFor(dataSource))
                    .table(HISTORY_TABLE)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .target(targetVersion)
                    .load()
                    .migrate()
                    .migrationsExecuted;
        } catch (FlywayException e) {
            LOG.error("AuthPlane schema migration failed: {}", e.getMessage());
            throw new StorageException("could not migrate the AuthPlane schema (Flyway's reason is in the log)", e);
        }
    }

    /**
     * The migration location for the database behind {@code dataSource}.
     *
     * @throws StorageException when it is neither PostgreSQL nor H2, or cannot be reached
     */
    public static String locationFor(DataSource dataSource) {
        String product;
        try (Connection c = dataSource.getConnection()) {
            product = c.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "detect the database product");
        }
        String name = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (name.contains("postgresql")) {
            return POSTGRESQL_LOCATION;
        }
        if (name.equals("h2")) {
            return H2_LOCATION;
        }
        throw new StorageException("unsupported database '" + product + "': AuthPlane ships schemas for"
                + " PostgreSQL and H2");
    }
}
