package dev.authplane.core.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An issuance store double in front of a real one: it records every commit attempt (the jtis of
 * each {@code record}/{@code recordAll} call, in order), can hold commits on a gate, and can fail
 * every batch that contains a chosen row, since a real store cannot be told to fail one batch.
 * A failing batch stores nothing, as the port requires. Thread-safe.
 */
public final class RecordingIssuanceRepository extends ForwardingIssuanceRepository {

    private final List<List<String>> attempts = new ArrayList<>();
    private final Set<String> committed = ConcurrentHashMap.newKeySet();
    private volatile CountDownLatch gate;
    private volatile Predicate<Issuance> poison = row -> false;
    private volatile RuntimeException failure;
    private volatile long commitMillis;

    public RecordingIssuanceRepository(IssuanceRepository delegate) {
        super(delegate);
    }

    /** Commits started from now on wait until {@code gate} opens (at most 30 s). */
    public void holdCommitsUntil(CountDownLatch gate) {
        this.gate = gate;
    }

    /** Each commit takes at least {@code duration}, as a real database round trip would. */
    public void slowCommits(Duration duration) {
        this.commitMillis = duration.toMillis();
    }

    /** Every batch holding a row that matches {@code poisoned} fails with {@code failure}. */
    public void failBatchesContaining(Predicate<Issuance> poisoned, RuntimeException failure) {
        this.failure = Objects.requireNonNull(failure, "failure");
        this.poison = Objects.requireNonNull(poisoned, "poisoned");
    }

    /** The jtis of every commit attempt so far, successful or not, in order. */
    public List<List<String>> attempts() {
        synchronized (attempts) {
            return List.copyOf(attempts);
        }
    }

    /** The jtis whose commit returned successfully. */
    public Set<String> committedJtis() {
        return Set.copyOf(committed);
    }

    /** Waits until at least {@code n} commits have started. */
    public void awaitAttempts(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (attempts().size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + n + " commit attempts, saw " + attempts().size());
            }
            Thread.sleep(2);
        }
    }

    @Override
    public void record(Issuance issuance) {
        commit(List.of(issuance));
    }

    @Override
    public void recordAll(List<Issuance> issuances) {
        commit(List.copyOf(issuances));
    }

    private void commit(List<Issuance> rows) {
        List<String> jtis = rows.stream().map(Issuance::jti).toList();
        synchronized (attempts) {
            attempts.add(jtis);
        }
        awaitGate();
        pause();
        if (rows.stream().anyMatch(poison)) {
            throw failure;
        }
        delegate.recordAll(rows);
        committed.addAll(jtis);
    }

    private void pause() {
        try {
            Thread.sleep(commitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitGate() {
        CountDownLatch g = gate;
        try {
            if (g != null && !g.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test gate never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
