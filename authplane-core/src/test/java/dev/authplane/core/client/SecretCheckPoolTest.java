package dev.authplane.core.client;

import dev.authplane.core.error.OAuthError;
import dev.authplane.core.error.OAuthException;
import dev.authplane.core.support.SecureRandomIdGenerator;
import dev.authplane.testsupport.Concurrently;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Issue 8: bcrypt work is bounded by a small pool, and cached clients never need it. */
class SecretCheckPoolTest {

    private final InMemoryClientRepository clients = new InMemoryClientRepository();
    private final CountingSecretVerifier verifier = new CountingSecretVerifier();
    private final Client client = TestClients.client().build();

    SecretCheckPoolTest() {
        clients.insert(client);
    }

    @Test
    void concurrentBcryptChecksNeverExceedThePermitsUnderLoad() throws Exception {
        ClientAuthenticator authenticator = ClientAuthenticator.builder(clients, verifier)
                .bcryptConcurrency(2, Duration.ofSeconds(60)).build();

        List<Integer> failures = Concurrently.run(12, thread -> {
            int failed = 0;
            for (int i = 0; i < 4; i++) {
                String secret = i % 2 == 0 ? TestClients.SECRET : "wrong";
                failed += catchThrowable(() -> authenticator.authenticate(post(secret))) == null ? 0 : 1;
            }
            return failed;
        });

        assertThat(verifier.checks()).isEqualTo(48);
        assertThat(verifier.maxInFlight.get()).isBetween(1, 2);
        assertThat(failures.stream().mapToInt(Integer::intValue).sum()).isEqualTo(24);
    }

    @Test
    void requestThatGetsNoBcryptSlotInTimeIsTemporarilyUnavailableWithRetryAfter() throws Exception {
        ClientAuthenticator authenticator = ClientAuthenticator.builder(clients, verifier)
                .bcryptConcurrency(1, Duration.ofMillis(50)).build();
        CountDownLatch gate = new CountDownLatch(1);
        verifier.holdChecksUntil(gate);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> holder = pool.submit(() -> authenticator.authenticate(post(TestClients.SECRET)));
            awaitInFlight(1);

            Throwable thrown = catchThrowable(() -> authenticator.authenticate(post(TestClients.SECRET)));

            assertThat(thrown).isInstanceOf(OAuthException.class);
            OAuthException e = (OAuthException) thrown;
            assertThat(e.error()).isEqualTo(OAuthError.TEMPORARILY_UNAVAILABLE);
            assertThat(e.retryAfter()).contains(SecretCheckPool.RETRY_AFTER);
            assertThat(verifier.checks()).isEqualTo(1);
            gate.countDown();
            holder.get(30, TimeUnit.SECONDS);
        } finally {
            gate.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void cachedClientKeepsSucceedingWhileAFloodOfWrongSecretsHoldsEveryBcryptSlot() throws Exception {
        ClientAuthenticator authenticator = ClientAuthenticator.builder(clients, verifier)
                .verifiedSecretCache(10, new SecureRandomIdGenerator())
                .bcryptConcurrency(2, Duration.ofSeconds(30)).build();
        authenticator.authenticate(post(TestClients.SECRET));
        CountDownLatch gate = new CountDownLatch(1);
        verifier.holdChecksUntil(gate);
        ExecutorService flood = Executors.newFixedThreadPool(6);
        try {
            List<CompletableFuture<Void>> attackers = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                attackers.add(CompletableFuture.runAsync(() -> catchThrowable(
                        () -> authenticator.authenticate(post("wrong-secret"))), flood));
            }
            awaitInFlight(2);

            for (int i = 0; i < 20; i++) {
                assertThat(authenticator.authenticate(post(TestClients.SECRET))).isEqualTo(client);
            }
            assertThat(verifier.maxInFlight.get()).isEqualTo(2);
            gate.countDown();
            CompletableFuture.allOf(attackers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } finally {
            gate.countDown();
            flood.shutdownNow();
        }
        assertThat(verifier.realChecks.get()).isEqualTo(7);
    }

    private void awaitInFlight(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (verifier.inFlight.get() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("bcrypt checks never started");
            }
            Thread.sleep(5);
        }
    }

    private ClientSecretCredentials post(String secret) {
        return new ClientSecretCredentials(client.clientId(), secret, ClientAuthMethod.CLIENT_SECRET_POST);
    }
}
