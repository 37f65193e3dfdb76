package dev.authplane.core.client;

import dev.authplane.core.support.SecureRandomIdGenerator;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real bcrypt {@link ClientSecretHasher} (cost 4) that counts its checks and how many run at
 * once; optionally each check first waits on a gate, so a test can hold checks in flight.
 */
public final class CountingSecretVerifier implements SecretVerifier {

    final AtomicInteger realChecks = new AtomicInteger();
    final AtomicInteger dummyChecks = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();

    private final ClientSecretHasher hasher = new ClientSecretHasher(4, new SecureRandomIdGenerator());
    private volatile CountDownLatch gate;

    /** A counting verifier over a fresh cost-4 hasher. */
    public CountingSecretVerifier() {
    }

    /** Every check from now on waits until {@code gate} opens (at most 30 s). */
    void holdChecksUntil(CountDownLatch gate) {
        this.gate = gate;
    }

    /** Every bcrypt check so far, against a stored hash or the dummy one. */
    public int checks() {
        return realChecks.get() + dummyChecks.get();
    }

    @Override
    public boolean matches(String presentedSecret, String storedHash) {
        realChecks.incrementAndGet();
        return tracked(() -> hasher.matches(presentedSecret, storedHash));
    }

    @Override
    public boolean matchesNothing(String presentedSecret) {
        dummyChecks.incrementAndGet();
        return tracked(() -> hasher.matchesNothing(presentedSecret));
    }

    private boolean tracked(java.util.function.BooleanSupplier check) {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            CountDownLatch g = gate;
            if (g != null && !g.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test gate never opened");
            }
            return check.getAsBoolean();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            inFlight.decrementAndGet();
        }
    }
}
