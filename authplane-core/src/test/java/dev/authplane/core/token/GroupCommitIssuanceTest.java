package dev.authplane.core.token;

import com.nimbusds.jwt.SignedJWT;
import dev.authplane.core.AuthPlane;
import dev.authplane.core.TestAuthPlanes;
import dev.authplane.core.admin.CreatedClient;
import dev.authplane.core.audit.InMemoryIssuanceRepository;
import dev.authplane.core.audit.Issuance;
import dev.authplane.core.audit.IssuanceQuery;
import dev.authplane.core.audit.RecordingIssuanceRepository;
import dev.authplane.core.error.OAuthError;
import dev.authplane.core.error.OAuthException;
import dev.authplane.core.storage.StorageUnavailableException;
import dev.authplane.testsupport.Concurrently;
import dev.authplane.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 7 through the facade: shared issuance commits, each token released only after its own row. */
class GroupCommitIssuanceTest {

    private final MutableClock clock = new MutableClock();
    private final RecordingIssuanceRepository store = new RecordingIssuanceRepository(new InMemoryIssuanceRepository());
    private final AuthPlane plane = TestAuthPlanes.builder(TestAuthPlanes.config(), clock).issuances(store).build();
    private final CreatedClient worker;
    private final CreatedClient poisoned;

    GroupCommitIssuanceTest() {
        TestAuthPlanes.registerResource(plane);
        worker = TestAuthPlanes.registerClient(plane, "backend-worker", "tools/query");
        poisoned = TestAuthPlanes.registerClient(plane, "poisoned-worker", "tools/query");
    }

    @Test
    void concurrentTokenRequestsShareCommitsAndEachTokenLeavesOnlyAfterItsOwnRowIsDurable() throws Exception {
        store.slowCommits(Duration.ofMillis(3));

        List<List<Boolean>> durableOnReturn = Concurrently.run(8, thread -> {
            List<Boolean> mine = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                IssuedToken token = plane.tokens().issue(TestAuthPlanes.request(worker, null));
                mine.add(store.committedJtis().contains(jti(token)));
            }
            return mine;
        });

        assertThat(durableOnReturn).allSatisfy(list -> assertThat(list).containsOnly(true));
        assertThat(rows()).hasSize(40).extracting(Issuance::jti).doesNotHaveDuplicates();
        assertThat(store.attempts().size()).as("commits shared between requests").isLessThan(40);
    }

    @Test
    void groupCommitMaxBatchOfOneCommitsEveryRowOnItsOwn() throws Exception {
        AuthPlane single = TestAuthPlanes.builder(TestAuthPlanes.config("storage.group_commit_max_batch", "1"), clock)
                .issuances(store).build();
        TestAuthPlanes.registerResource(single);
        CreatedClient client = TestAuthPlanes.registerClient(single, "single-worker", "tools/query");
        store.slowCommits(Duration.ofMillis(3));

        Concurrently.run(4, thread -> single.tokens().issue(TestAuthPlanes.request(client, null)));

        assertThat(store.attempts()).hasSize(4).allSatisfy(batch -> assertThat(batch).hasSize(1));
    }

    @Test
    void failedBatchReleasesNoTokenToAnyOfItsCallersAndLosesNoCommittedIssuance() throws Exception {
        StorageUnavailableException outage = new StorageUnavailableException("database went away", null);
        store.failBatchesContaining(row -> row.clientName().equals("poisoned-worker"), outage);
        CountDownLatch gate = new CountDownLatch(1);
        store.holdCommitsUntil(gate);
        Thread opener = new Thread(() -> {
            try {
                store.awaitAttempts(1);
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            gate.countDown();
        });
        opener.start();

        List<Optional<IssuedToken>> outcomes = Concurrently.run(8, thread -> {
            CreatedClient client = thread % 4 == 3 ? poisoned : worker;
            try {
                return Optional.of(plane.tokens().issue(TestAuthPlanes.request(client, null)));
            } catch (OAuthException e) {
                assertThat(e.error()).isEqualTo(OAuthError.TEMPORARILY_UNAVAILABLE);
                return Optional.<IssuedToken>empty();
            }
        });
        opener.join();

        List<List<String>> failedBatches = store.attempts().stream()
                .filter(batch -> batch.stream().noneMatch(store.committedJtis()::contains)).toList();
        long failedCallers = outcomes.stream().filter(Optional::isEmpty).count();
        assertThat(failedCallers).isEqualTo(failedBatches.stream().mapToInt(List::size).sum()).isPositive();
        Set<String> committed = store.committedJtis();
        for (Optional<IssuedToken> released : outcomes) {
            if (released.isPresent()) {
                assertThat(committed).contains(jti(released.get()));
            }
        }
        assertThat(rows()).extracting(Issuance::jti).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(committed)
                .noneMatch(jti -> failedBatches.stream().anyMatch(batch -> batch.contains(jti)));
    }

    private List<Issuance> rows() {
        return store.find(new IssuanceQuery(null, null, clock.instant().minusSeconds(1), null, 1000));
    }

    private static String jti(IssuedToken token) throws Exception {
        return SignedJWT.parse(token.accessToken()).getJWTClaimsSet().getJWTID();
    }
}
