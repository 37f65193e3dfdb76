package dev.authplane.reliability;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8, database faults under load: while the database is unreachable or fails mid-request, the
 * token endpoint answers {@code 503 temporarily_unavailable} within {@link #ANSWER_BOUND} (no hung
 * request thread), issues no token, and recovers by itself when the database returns; every 200
 * any client received has its issuance row. Injected faults run on file-backed H2 through
 * {@link FaultyDataSource}; the real ones stop and restart the PostgreSQL cluster with pg_ctl and
 * hang it with a table lock.
 */
class DatabaseFaultsTest {

    /**
     * Longest acceptable answer time during an outage: the pool's connection wait
     * ({@value Databases#CONNECTION_TIMEOUT_MILLIS} ms) plus scheduling slack on a shared 2-core machine.
     */
    static final Duration ANSWER_BOUND = Duration.ofSeconds(8);

    private static final int THREADS = 6;

    /** The JDBC socket timeout the hanging-database test puts in the URL. */
    private static final int HANG_SOCKET_TIMEOUT_SECONDS = 2;

    /** Tokens issued by {@link #clients} before the load starts. */
    private static final int WARM_UP_TOKENS = 3;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = FaultyDataSource.Mode.class, names = {"DOWN", "WRITES_FAIL"})
    void tokenEndpointAnswers503DuringAnInjectedFaultIssuesNoTokenAndRecovers(FaultyDataSource.Mode fault) throws Exception {
        String url = Databases.h2FileUrl(WorkDir.fresh("db-fault"));
        try (HikariDataSource pool = Databases.pool(url, 10)) {
            FaultyDataSource faulty = new FaultyDataSource(pool);
            try (EmbeddedServer server = EmbeddedServer.start(faulty, Map.of())) {
                List<TestClient> clients = clients(server);
                List<TokenLoad.Outcome> outcomes = runThroughOutage(server, clients,
                        () -> faulty.mode(fault), () -> faulty.mode(FaultyDataSource.Mode.UP), Duration.ofMillis(1500));
                assertOutageHandled(fault.name(), outcomes, Databases.issuedJtis(url));
            }
        }
    }

    @Test
    void tokenEndpointAnswers503WhilePostgresIsStoppedAndRecoversWhenItReturns() throws Exception {
        PostgresCluster.require();
        String url = Databases.freshPostgresDatabase("pgstop");
        try (HikariDataSource pool = Databases.pool(url, 10);
             EmbeddedServer server = EmbeddedServer.start(pool, Map.of())) {
            List<TestClient> clients = clients(server);
            List<TokenLoad.Outcome> outcomes;
            try {
                outcomes = runThroughOutage(server, clients, PostgresCluster::stop, PostgresCluster::start,
                        Duration.ofSeconds(3));
            } finally {
                PostgresCluster.start();
            }
            assertOutageHandled("PostgreSQL stopped", outcomes, Databases.issuedJtis(url));
        }
    }

    /**
     * A database that hangs without closing connections (here: a session holding an exclusive lock
     * on the issuance table, so every issuance write waits) is bounded only by a socket or
     * statement timeout in the JDBC URL, as SECURITY.md tells operators to set. With
     * {@code socketTimeout} the token endpoint answers 503 within the bound, sends no token whose
     * row is not written, and recovers when the lock goes away.
     */
    @Test
    void tokenEndpointAnswers503WhilePostgresHangsWhenTheUrlBoundsQueries() throws Exception {
        String database = Databases.freshPostgresDatabase("pghang");
        String url = database + (database.contains("?") ? "&" : "?") + "socketTimeout=" + HANG_SOCKET_TIMEOUT_SECONDS;
        try (HikariDataSource pool = Databases.pool(url, 10);
             EmbeddedServer server = EmbeddedServer.start(pool, Map.of());
             Connection locker = DriverManager.getConnection(database)) {
            List<TestClient> clients = clients(server);
            locker.setAutoCommit(false);
            List<TokenLoad.Outcome> outcomes = runThroughOutage(server, clients, () -> sql(locker,
                    "LOCK TABLE authplane_issuance IN ACCESS EXCLUSIVE MODE"), () -> sql(locker, "ROLLBACK"),
                    Duration.ofSeconds(5));
            assertOutageHandled("PostgreSQL hangs (issuance table locked), socketTimeout=" + HANG_SOCKET_TIMEOUT_SECONDS + "s",
                    outcomes, Databases.issuedJtis(database));
        }
    }

    private static void sql(Connection connection, String statement) {
        try (Statement s = connection.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + statement, e);
        }
    }

    /** Three registered clients, each with one token already issued (so their credentials are cached). */
    static List<TestClient> clients(EmbeddedServer server) {
        server.registerResource();
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TestClient client = server.registerClient("fault-client-" + i, i % 2 == 0 ? "client_secret_post" : "client_secret_basic");
            HostileTokenRequestsTest.assertSucceeds(server.token(client));
            clients.add(client);
        }
        return clients;
    }

    /**
     * Load before, during and after an outage: {@code fail} starts it, {@code heal} ends it after
     * {@code outage}; returns once 40 requests succeeded after healing (or fails after 60 s) and
     * every Jetty request thread is idle again (no thread hangs on the database).
     */
    static List<TokenLoad.Outcome> runThroughOutage(EmbeddedServer server, List<TestClient> clients, Runnable fail,
                                                    Runnable heal, Duration outage) throws Exception {
        int idleBusyThreads = server.busyThreads();
        List<TokenLoad.Outcome> outcomes;
        try (TokenLoad load = TokenLoad.start(server.uri("/oauth/token"), clients, EmbeddedServer.RESOURCE, THREADS)) {
            load.awaitOutcomes(60, Duration.ofSeconds(60));
            fail.run();
            Thread.sleep(outage.toMillis());
            heal.run();
            long healed = System.nanoTime();
            awaitSuccessesAfter(load, healed, 40, Duration.ofSeconds(60));
            outcomes = load.stop(ANSWER_BOUND.multipliedBy(2));
        }
        MultiNodeTest.awaitTrue(() -> server.busyThreads() <= idleBusyThreads, Duration.ofSeconds(5));
        return outcomes;
    }

    private static void awaitSuccessesAfter(TokenLoad load, long since, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (load.outcomes().stream().filter(o -> o.startedNanos() > since && o.status() == 200).count() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no recovery within " + timeout + ": " + TokenLoad.histogram(load.outcomes()));
            }
            Thread.sleep(50);
        }
    }

    static void assertOutageHandled(String fault, List<TokenLoad.Outcome> outcomes, Set<String> rows) {
        long slowest = outcomes.stream().mapToLong(TokenLoad.Outcome::millis).max().orElse(0);
        int orphans = AuditCheck.assertEveryReceivedTokenHasItsRow(outcomes, rows) - WARM_UP_TOKENS;
        System.out.printf("database fault '%s': %s; slowest answer %d ms; p99 of 503s %d ms; rows without a received"
                        + " token %d%n", fault, TokenLoad.histogram(outcomes), slowest,
                TokenLoad.percentile(outcomes, 503, 99), orphans);
        assertThat(outcomes).allSatisfy(o -> {
            assertThat(o.status()).as("status").isIn(200, 503);
            if (o.status() == 503) {
                assertThat(o.error()).isEqualTo("temporarily_unavailable");
            }
        });
        assertThat(outcomes).as("503 answers during the outage").anyMatch(o -> o.status() == 503);
        assertThat(slowest).as("slowest answer (ms)").isLessThanOrEqualTo(ANSWER_BOUND.toMillis());
    }
}
