package dev.authplane.examples.authserver;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.authplane.examples.authserver.config.ServerConfig;
import dev.authplane.jdbc.JdbcStorage;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The server's connection pool: the embedded H2 database under the data directory by default,
 * or {@code storage.url} ({@code jdbc:postgresql:…} for PostgreSQL). Failures become one-line
 * {@link CliException}s that never show a password.
 */
final class Database {

    /** File name stem of the embedded database inside the data directory. */
    static final String H2_FILE = "authplane";

    private static final int MAX_POOL_SIZE = 10;

    /**
     * Seconds a PostgreSQL statement may wait on the network before the driver gives up, unless the
     * URL sets {@code socketTimeout} itself: a database that stops answering turns token requests into
     * {@code 503 temporarily_unavailable} instead of holding their threads forever.
     */
    static final String DEFAULT_POSTGRES_SOCKET_TIMEOUT_SECONDS = "30";

    private Database() {
    }

    /**
     * The JDBC URL the server will use. The embedded database keeps H2's default write delay, so
     * that H2's background writer keeps compacting the file; the JDBC adapters end every write with
     * {@code CHECKPOINT SYNC}, so an issuance row acknowledged before a token left is in the file
     * and survives a killed process. ({@code WRITE_DELAY=0} makes commits synchronous too, but it
     * stops that housekeeping entirely; see {@code authplane-jdbc/README.md}.)
     */
    static String url(ServerConfig.Storage storage, Path dataDir) {
        if (storage.url() != null) {
            return storage.url();
        }
        return JdbcStorage.embeddedH2Url(dataDir.resolve(H2_FILE));
    }

    /** Opens the pool and checks that the database answers. */
    static HikariDataSource open(ServerConfig.Storage storage, Path dataDir) {
        String url = url(storage, dataDir);
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("authplane");
        hikari.setJdbcUrl(url);
        if (storage.url() == null) {
            hikari.setUsername("sa");
            hikari.setPassword("");
        } else {
            hikari.setUsername(storage.username());
            hikari.setPassword(storage.password());
            if (url.startsWith("jdbc:postgresql:") && !url.contains("socketTimeout=")) {
                hikari.addDataSourceProperty("socketTimeout", DEFAULT_POSTGRES_SOCKET_TIMEOUT_SECONDS);
            }
        }
        hikari.setMaximumPoolSize(MAX_POOL_SIZE);
        hikari.setConnectionTimeout(5_000);
        hikari.setInitializationFailTimeout(1);
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new CliException(describeFailure(url, storage.url() == null, dataDir, e), CliException.USAGE);
        }
    }

    /** The URL without query, parameters or {@code user:password@}, any of which may carry credentials. */
    static String redacted(String url) {
        int cut = url.length();
        for (char c : new char[] {'?', ';'}) {
            int i = url.indexOf(c);
            if (i >= 0) {
                cut = Math.min(cut, i);
            }
        }
        String base = url.substring(0, cut);
        int authority = base.indexOf("//");
        int at = base.lastIndexOf('@');
        return authority >= 0 && at > authority ? base.substring(0, authority + 2) + base.substring(at + 1) : base;
    }

    private static String describeFailure(String url, boolean embedded, Path dataDir, Throwable e) {
        String root = rootMessage(e);
        String lower = root.toLowerCase(Locale.ROOT);
        if (embedded && (lower.contains("already in use") || lower.contains("locked"))) {
            return "the embedded database in " + dataDir + " is in use by another process; is another"
                    + " 'authserver serve' running with this data directory (data.dir, env AUTHPLANE_DATA_DIR)?";
        }
        return "cannot open the database " + redacted(url) + " (storage.url, env AUTHPLANE_STORAGE_URL): " + root;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }
}
