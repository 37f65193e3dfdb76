package dev.authplane.benchmarks.jmh;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.authplane.core.AuthPlane;
import dev.authplane.jdbc.JdbcStorage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A durable H2 file store in a temporary directory, pooled as the server pools it; deleted on close. */
final class H2Store implements AutoCloseable {

    private final Path dir;
    private final HikariDataSource dataSource;
    private final JdbcStorage storage;

    private H2Store(Path dir, HikariDataSource dataSource, JdbcStorage storage) {
        this.dir = dir;
        this.dataSource = dataSource;
        this.storage = storage;
    }

    static H2Store open() throws IOException {
        Path dir = Files.createTempDirectory("authplane-jmh-h2");
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(JdbcStorage.embeddedH2Url(dir.resolve("authplane")));
        hikari.setUsername("sa");
        hikari.setPassword("");
        hikari.setMaximumPoolSize(10);
        HikariDataSource dataSource = new HikariDataSource(hikari);
        return new H2Store(dir, dataSource, JdbcStorage.create(dataSource, null));
    }

    /** Puts every JDBC adapter on {@code builder}. */
    AuthPlane.Builder adapters(AuthPlane.Builder builder) {
        return storage.wire(builder);
    }

    @Override
    public void close() throws IOException {
        dataSource.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
