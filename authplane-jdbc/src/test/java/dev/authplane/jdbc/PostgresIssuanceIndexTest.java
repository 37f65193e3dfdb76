package dev.authplane.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.authplane.core.audit.Issuance;
import dev.authplane.core.audit.IssuanceQuery;
import dev.authplane.core.audit.TestIssuances;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.authplane.testsupport.TestTimes.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every issuance listing filter of the issuance audit (README walk-through, step 6), and both purge statements, are served by an index on
 * PostgreSQL: {@code EXPLAIN} shows no sequential scan even when sequential scans are discouraged
 * (a statement with no usable index would still fall back to one).
 */
class PostgresIssuanceIndexTest {

    private static HikariDataSource dataSource;

    @BeforeAll
    static void fillTable() {
        dataSource = TestDatabase.pool(TestDatabase.freshPostgresUrl("authplane_explain"), "explain");
        AuthPlaneSchema.migrate(dataSource);
        JdbcIssuanceRepository repository = new JdbcIssuanceRepository(dataSource);
        for (int batch = 0; batch < 10; batch++) {
            List<Issuance> rows = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                int n = batch * 500 + i;
                rows.add(TestIssuances.issuance().client("cid-" + n % 50, "client-" + n % 50)
                        .resource("res_" + n % 20, "https://mcp" + n % 20 + ".example.com/mcp")
                        .issuedAt(T0.plusSeconds(n * 30L)).build());
            }
            repository.recordAll(rows);
        }
        execute("ANALYZE authplane_issuance");
    }

    @AfterAll
    static void close() {
        if (dataSource != null) {
            dataSource.close();
        }
    }

    static Stream<IssuanceQuery> listings() {
        Instant now = T0.plus(Duration.ofDays(2));
        Instant since = now.minus(IssuanceQuery.DEFAULT_WINDOW);
        return Stream.of(
                new IssuanceQuery(null, null, since, null, 20),
                new IssuanceQuery("cid-7", null, since, null, 20),
                new IssuanceQuery("client-7", null, since, null, 20),
                new IssuanceQuery(null, "res_3", since, null, 20),
                new IssuanceQuery(null, "https://mcp3.example.com/mcp", since, null, 20),
                new IssuanceQuery(null, null, since, now.minusSeconds(3600), 20),
                new IssuanceQuery("client-7", "https://mcp3.example.com/mcp", since, now, 5000));
    }

    @ParameterizedTest
    @MethodSource("listings")
    void listingIsIndexBacked(IssuanceQuery query) throws SQLException {
        String plan = explain(JdbcIssuanceRepository.sqlFor(query), ps -> JdbcIssuanceRepository.bindQuery(ps, query));

        assertThat(plan).doesNotContain("Seq Scan").contains("Index");
    }

    @Test
    void purgeStatementsAreIndexBacked() throws SQLException {
        String issuances = explain(JdbcIssuanceRepository.PURGE, ps -> Jdbc.setInstant(ps, 1, T0.plusSeconds(600)));
        String proofs = explain(JdbcDPoPReplayStore.PURGE, ps -> Jdbc.setInstant(ps, 1, T0));

        assertThat(issuances).doesNotContain("Seq Scan").contains("authplane_issuance_issued_at_ix");
        assertThat(proofs).doesNotContain("Seq Scan").contains("authplane_dpop_jti_expires_at_ix");
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private static String explain(String sql, Binder binder) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("SET enable_seqscan = off");
            }
            StringBuilder plan = new StringBuilder();
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
            }
            return plan.toString();
        }
    }

    private static void execute(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
