package dev.authplane.jdbc;

import dev.authplane.core.audit.GroupCommitUnderTest;
import dev.authplane.core.audit.Issuance;
import dev.authplane.core.audit.IssuanceQuery;
import dev.authplane.core.audit.RecordingIssuanceRepository;
import dev.authplane.core.audit.TestIssuances;
import dev.authplane.core.storage.DuplicateKeyException;
import dev.authplane.testsupport.Concurrently;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import static dev.authplane.testsupport.TestTimes.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Issue 7 on a real database: core's group commit in front of {@link JdbcIssuanceRepository}, whose
 * {@code recordAll} is one transaction with one reused prepared-statement batch.
 */
abstract class AbstractIssuanceGroupCommitTest {

    private DataSource dataSource;
    private RecordingIssuanceRepository store;
    private GroupCommitUnderTest group;
    private final ExecutorService callers = Executors.newFixedThreadPool(8);

    /** The shared test database of this kind. */
    protected abstract TestDatabase database();

    @BeforeEach
    void setUp() {
        dataSource = database().clean();
        store = new RecordingIssuanceRepository(new JdbcIssuanceRepository(dataSource));
        group = GroupCommitUnderTest.over(store, 16, Duration.ZERO);
    }

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    @Test
    void concurrentRecordsThroughGroupCommitStoreEveryRowExactlyOnceInBatchesOfAtMostMaxBatch() throws Exception {
        List<List<String>> perThread = Concurrently.run(12, thread -> {
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                Issuance row = TestIssuances.issuance().build();
                group.record(row);
                mine.add(row.jti());
            }
            return mine;
        });

        assertThat(stored()).hasSize(180).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(perThread.stream().flatMap(List::stream).toList());
        assertThat(store.attempts()).allSatisfy(batch -> assertThat(batch).hasSizeBetween(1, 16));
    }

    @Test
    void batchHoldingATakenJtiRollsBackEveryRowAndFailsEveryCallerInIt() throws Exception {
        new JdbcIssuanceRepository(dataSource).record(TestIssuances.issuance().jti("taken").build());
        CountDownLatch gate = new CountDownLatch(1);
        store.holdCommitsUntil(gate);
        CompletableFuture<Void> first = recordAsync("first");
        store.awaitAttempts(1);
        List<CompletableFuture<Void>> doomed = new ArrayList<>();
        for (String jti : List.of("a", "b", "taken", "c")) {
            doomed.add(recordAsync(jti));
        }
        awaitQueued(4);
        gate.countDown();

        first.get(30, TimeUnit.SECONDS);
        for (CompletableFuture<Void> call : doomed) {
            assertThat(catchThrowable(() -> call.get(30, TimeUnit.SECONDS)))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(DuplicateKeyException.class);
        }
        group.record(TestIssuances.issuance().jti("after").build());

        assertThat(store.attempts()).satisfiesExactly(
                batch -> assertThat(batch).containsExactly("first"),
                batch -> assertThat(batch).containsExactlyInAnyOrder("a", "b", "taken", "c"),
                batch -> assertThat(batch).containsExactly("after"));
        assertThat(stored()).containsExactlyInAnyOrder("taken", "first", "after");
    }

    @Test
    void recordAllIsOneTransactionWithOnePreparedStatementBatch() {
        StatementCounter counter = new StatementCounter(dataSource);
        List<Issuance> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add(TestIssuances.issuance().build());
        }

        new JdbcIssuanceRepository(counter.dataSource()).recordAll(rows);

        assertThat(counter.count("getConnection")).isEqualTo(1);
        assertThat(counter.count("prepareStatement")).isEqualTo(1);
        assertThat(counter.count("addBatch")).isEqualTo(50);
        assertThat(counter.count("executeBatch")).isEqualTo(1);
        assertThat(counter.count("executeUpdate")).isZero();
        assertThat(counter.count("commit")).isEqualTo(1);
        assertThat(stored()).hasSize(50);
    }

    private CompletableFuture<Void> recordAsync(String jti) {
        return CompletableFuture.runAsync(() -> group.record(TestIssuances.issuance().jti(jti).build()), callers);
    }

    private void awaitQueued(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (group.queued() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + n + " queued rows, saw " + group.queued());
            }
            Thread.sleep(2);
        }
    }

    private List<String> stored() {
        return new JdbcIssuanceRepository(dataSource).find(new IssuanceQuery(null, null, T0, null, 5000))
                .stream().map(Issuance::jti).toList();
    }
}
