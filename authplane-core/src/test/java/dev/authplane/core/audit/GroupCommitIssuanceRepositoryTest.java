package dev.authplane.core.audit;

import dev.authplane.core.observe.AuthPlaneObserver;
import dev.authplane.core.storage.StorageUnavailableException;
import dev.authplane.testsupport.Concurrently;
import dev.authplane.testsupport.TestTimes;
import org.junit.jupiter.api.AfterEach;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Issue 7: concurrent token requests share issuance commits without weakening "row before token". */
class GroupCommitIssuanceRepositoryTest {

    private final RecordingIssuanceRepository store = new RecordingIssuanceRepository(new InMemoryIssuanceRepository());
    private final ExecutorService callers = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    @Test
    void concurrentRecordsShareCommitsAndEveryRowIsStoredExactlyOnce() throws Exception {
        GroupCommitIssuanceRepository group = new GroupCommitIssuanceRepository(store, 8, Duration.ZERO, AuthPlaneObserver.NONE);
        store.slowCommits(Duration.ofMillis(2));

        List<List<String>> perThread = Concurrently.run(16, thread -> {
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Issuance row = TestIssuances.issuance().build();
                group.record(row);
                mine.add(row.jti());
            }
            return mine;
        });

        List<String> recorded = perThread.stream().flatMap(List::stream).toList();
        List<String> stored = store.find(new IssuanceQuery(null, null, TestTimes.T0, null, 5000))
                .stream().map(Issuance::jti).toList();
        assertThat(stored).hasSize(320).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(recorded);
        assertThat(store.attempts()).allSatisfy(batch -> assertThat(batch).hasSizeBetween(1, 8));
        assertThat(store.attempts().stream().mapToInt(List::size).sum()).isEqualTo(320);
        assertThat(store.attempts().size()).as("commits shared between requests").isLessThan(160);
    }

    @Test
    void eachCallerReturnsOnlyAfterTheBatchHoldingItsOwnRowCommitted() throws Exception {
        GroupCommitIssuanceRepository group = new GroupCommitIssuanceRepository(store, 64, Duration.ZERO, AuthPlaneObserver.NONE);
        CountDownLatch gate = new CountDownLatch(1);
        store.holdCommitsUntil(gate);
        List<CompletableFuture<Boolean>> calls = new ArrayList<>();
        calls.add(recordAsync(group, TestIssuances.issuance().build()));
        store.awaitAttempts(1);
        for (int i = 0; i < 5; i++) {
            calls.add(recordAsync(group, TestIssuances.issuance().build()));
        }
        awaitQueued(group, 5);

        Thread.sleep(100);
        assertThat(calls).noneMatch(CompletableFuture::isDone);
        gate.countDown();

        for (CompletableFuture<Boolean> call : calls) {
            assertThat(call.get(10, TimeUnit.SECONDS)).as("own row durable when record returned").isTrue();
        }
        assertThat(store.attempts()).extracting(List::size).containsExactly(1, 5);
    }

    @Test
    void failedBatchFailsEveryCallerInItStoresNoneOfItsRowsAndOtherBatchesAreUnaffected() throws Exception {
        GroupCommitIssuanceRepository group = new GroupCommitIssuanceRepository(store, 64, Duration.ZERO, AuthPlaneObserver.NONE);
        StorageUnavailableException outage = new StorageUnavailableException("database went away", null);
        store.failBatchesContaining(row -> row.jti().equals("poison"), outage);
        CountDownLatch gate = new CountDownLatch(1);
        store.holdCommitsUntil(gate);
        CompletableFuture<Boolean> first = recordAsync(group, TestIssuances.issuance().jti("first").build());
        store.awaitAttempts(1);
        List<CompletableFuture<Boolean>> doomed = new ArrayList<>();
        for (String jti : List.of("a", "b", "poison", "c")) {
            doomed.add(recordAsync(group, TestIssuances.issuance().jti(jti).build()));
        }
        awaitQueued(group, 4);
        gate.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        for (CompletableFuture<Boolean> call : doomed) {
            Throwable failure = catchThrowable(() -> call.get(10, TimeUnit.SECONDS));
            assertThat(failure).isInstanceOf(ExecutionException.class).hasCauseReference(outage);
        }
        group.record(TestIssuances.issuance().jti("after").build());

        assertThat(store.attempts()).satisfiesExactly(
                batch -> assertThat(batch).containsExactly("first"),
                batch -> assertThat(batch).containsExactlyInAnyOrder("a", "b", "poison", "c"),
                batch -> assertThat(batch).containsExactly("after"));
        assertThat(store.find(new IssuanceQuery(null, null, TestTimes.T0, null, 100)))
                .extracting(Issuance::jti).containsExactlyInAnyOrder("first", "after");
    }

    @Test
    void loneRowIsCommittedAtOnceEvenWithALongMaxWait() {
        GroupCommitIssuanceRepository group = new GroupCommitIssuanceRepository(store, 64, Duration.ofSeconds(5), AuthPlaneObserver.NONE);

        long start = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            group.record(TestIssuances.issuance().build());
        }

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(store.attempts()).hasSize(3).allSatisfy(batch -> assertThat(batch).hasSize(1));
    }

    @Test
    void recordAllFindAndPurgeGoStraightToTheStore() {
        GroupCommitIssuanceRepository group = new GroupCommitIssuanceRepository(store, 64, Duration.ZERO, AuthPlaneObserver.NONE);
        Issuance a = TestIssuances.issuance().build();
        Issuance b = TestIssuances.issuance().build();

        group.recordAll(List.of(a, b));

        assertThat(store.attempts()).containsExactly(List.of(a.jti(), b.jti()));
        assertThat(group.find(new IssuanceQuery(null, null, TestTimes.T0, null, 10))).hasSize(2);
        assertThat(group.purgeIssuedBefore(TestTimes.T0.plusSeconds(1))).isEqualTo(2);
    }

    private CompletableFuture<Boolean> recordAsync(GroupCommitIssuanceRepository group, Issuance row) {
        return CompletableFuture.supplyAsync(() -> {
            group.record(row);
            return store.committedJtis().contains(row.jti());
        }, callers);
    }

    private static void awaitQueued(GroupCommitIssuanceRepository group, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (group.queued() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + n + " queued rows, saw " + group.queued());
            }
            Thread.sleep(2);
        }
    }
}
