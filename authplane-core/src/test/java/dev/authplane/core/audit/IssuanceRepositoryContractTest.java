package dev.authplane.core.audit;

import dev.authplane.core.storage.DuplicateKeyException;
import dev.authplane.testsupport.Concurrently;
import dev.authplane.testsupport.TestTimes;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.authplane.core.audit.TestIssuances.issuance;
import static dev.authplane.testsupport.TestTimes.T0;
import static dev.authplane.testsupport.TestTimes.t0Plus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link IssuanceRepository} contract (the issuance audit (README walk-through, step 6)). An adapter's test extends this class and
 * implements {@link #createRepository()}; every test then runs against that adapter, the revocation
 * rules of {@link IssuanceRevocationContractTest} included.
 */
public abstract class IssuanceRepositoryContractTest extends IssuanceRevocationContractTest {

    /** A window start that includes every fixture row. */
    private static final Instant LONG_AGO = T0.minus(Duration.ofDays(365));

    private List<Issuance> find(String client, String resource, Instant since, Instant until, int limit) {
        return repository.find(new IssuanceQuery(client, resource, since, until, limit));
    }

    private List<Issuance> findAll() {
        return find(null, null, LONG_AGO, null, IssuanceQuery.MAX_LIMIT);
    }

    @Test
    void findWhenEmptyThenEmptyListNeverNull() {
        assertThat(findAll()).isEmpty();
    }

    @Test
    void recordThenEveryFieldRoundTrips() {
        Issuance bearer = issuance().scopes(List.of("a/x", "tools/call", "tools/query")).build();
        Issuance dpop = issuance().dpop("0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I")
                .issuedAt(t0Plus(1)).lifetime(Duration.ofMinutes(5)).authentication("private_key_jwt", "agent-key-1")
                .traceId("4bf92f3577b34da6a3ce929d0e0e4736").build();
        Issuance olderRow = issuance().issuedAt(t0Plus(2)).authentication(null, null).build();

        repository.record(bearer);
        repository.record(dpop);
        repository.record(olderRow);

        assertThat(findAll()).containsExactly(olderRow, dpop, bearer);
    }

    @Test
    void rowWithoutResourceIdOrScopesRoundTrips() {
        Issuance toIssuer = issuance().resource(null, "http://localhost:9000").scopes(List.of()).build();

        repository.record(toIssuer);

        assertThat(findAll()).containsExactly(toIssuer);
    }

    @Test
    void recordWhenJtiTakenThenDuplicateKeyAndOriginalKept() {
        Issuance original = issuance().jti("same-jti").build();
        repository.record(original);

        Issuance again = issuance().jti("same-jti").issuedAt(t0Plus(10)).build();

        assertThatThrownBy(() -> repository.record(again)).isInstanceOf(DuplicateKeyException.class);
        assertThat(findAll()).containsExactly(original);
    }

    @Test
    void recordAllStoresEveryRow() {
        List<Issuance> batch = List.of(issuance().build(), issuance().build(), issuance().build());

        repository.recordAll(batch);

        assertThat(findAll()).containsExactlyInAnyOrderElementsOf(batch);
    }

    @Test
    void recordAllWithEmptyListStoresNothing() {
        repository.recordAll(List.of());

        assertThat(findAll()).isEmpty();
    }

    @Test
    void recordAllWhenOneJtiTakenThenNoRowOfTheBatchIsStored() {
        Issuance existing = issuance().build();
        repository.record(existing);
        List<Issuance> batch = List.of(issuance().build(), issuance().jti(existing.jti()).build(), issuance().build());

        assertThatThrownBy(() -> repository.recordAll(batch)).isInstanceOf(DuplicateKeyException.class);

        assertThat(findAll()).containsExactly(existing);
    }

    @Test
    void recordAllWhenBatchRepeatsAJtiThenNothingIsStored() {
        Issuance first = issuance().build();
        List<Issuance> batch = List.of(first, issuance().build(), issuance().jti(first.jti()).build());

        assertThatThrownBy(() -> repository.recordAll(batch)).isInstanceOf(DuplicateKeyException.class);

        assertThat(findAll()).isEmpty();
    }

    @Test
    void findListsNewestFirstAndBreaksTiesByJtiDescending() {
        Issuance old = issuance().jti("m").issuedAt(t0Plus(0)).build();
        Issuance tieLow = issuance().jti("a").issuedAt(t0Plus(5)).build();
        Issuance tieHigh = issuance().jti("z").issuedAt(t0Plus(5)).build();
        Issuance newest = issuance().jti("b").issuedAt(t0Plus(9)).build();
        Issuance sameSecondLaterMilli = issuance().jti("c").issuedAt(t0Plus(5).plusMillis(1)).build();
        repository.recordAll(List.of(tieLow, old, newest, tieHigh, sameSecondLaterMilli));

        assertThat(findAll()).containsExactly(newest, sameSecondLaterMilli, tieHigh, tieLow, old);
    }

    @Test
    void findByClientMatchesTheClientIdOnlyNeverTheName() {
        Issuance worker = issuance().client("cid-worker", "backend-worker").build();
        Issuance other = issuance().client("cid-other", "other").build();
        Issuance namedLikeAnId = issuance().client("cid-third", "cid-worker").build();
        repository.recordAll(List.of(worker, other, namedLikeAnId));

        assertThat(find("cid-worker", null, LONG_AGO, null, 20)).containsExactly(worker);
        assertThat(find("backend-worker", null, LONG_AGO, null, 20)).as("a name is not a client_id").isEmpty();
        assertThat(find("nobody", null, LONG_AGO, null, 20)).isEmpty();
        assertThat(find("backend", null, LONG_AGO, null, 20)).as("exact match only").isEmpty();
    }

    @Test
    void findByResourceMatchesResourceIdOrUri() {
        Issuance a = issuance().resource("res_a", "https://a.example.com/mcp").build();
        Issuance b = issuance().resource("res_b", "https://b.example.com/mcp").build();
        Issuance issuer = issuance().resource(null, "http://localhost:9000").build();
        repository.recordAll(List.of(a, b, issuer));

        assertThat(find(null, "res_a", LONG_AGO, null, 20)).containsExactly(a);
        assertThat(find(null, "https://b.example.com/mcp", LONG_AGO, null, 20)).containsExactly(b);
        assertThat(find(null, "http://localhost:9000", LONG_AGO, null, 20)).containsExactly(issuer);
        assertThat(find(null, "https://a.example.com/mcp/", LONG_AGO, null, 20)).isEmpty();
    }

    @Test
    void findSinceIsInclusiveAndUntilIsExclusive() {
        Issuance before = issuance().issuedAt(t0Plus(9).plusMillis(999)).build();
        Issuance atSince = issuance().issuedAt(t0Plus(10)).build();
        Issuance inside = issuance().issuedAt(t0Plus(15)).build();
        Issuance justBeforeUntil = issuance().issuedAt(t0Plus(20).minusMillis(1)).build();
        Issuance atUntil = issuance().issuedAt(t0Plus(20)).build();
        repository.recordAll(List.of(before, atSince, inside, justBeforeUntil, atUntil));

        assertThat(find(null, null, t0Plus(10), t0Plus(20), 20)).containsExactly(justBeforeUntil, inside, atSince);
        assertThat(find(null, null, t0Plus(10), null, 20)).containsExactly(atUntil, justBeforeUntil, inside, atSince);
    }

    @Test
    void findLimitKeepsTheNewestRows() {
        List<Issuance> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(issuance().issuedAt(t0Plus(i)).build());
        }
        repository.recordAll(rows);

        List<Issuance> found = find(null, null, LONG_AGO, null, 3);

        assertThat(found).containsExactly(rows.get(29), rows.get(28), rows.get(27));
        assertThat(find(null, null, LONG_AGO, null, 1)).containsExactly(rows.get(29));
    }

    @Test
    void findCombinesEveryFilter() {
        Issuance match = issuance().client("cid-w", "worker").resource("res_a", "https://a.example.com/mcp")
                .issuedAt(t0Plus(30)).build();
        Issuance olderMatch = issuance().client("cid-w", "worker").resource("res_a", "https://a.example.com/mcp")
                .issuedAt(t0Plus(20)).build();
        Issuance otherClient = issuance().client("cid-x", "x").resource("res_a", "https://a.example.com/mcp")
                .issuedAt(t0Plus(30)).build();
        Issuance otherResource = issuance().client("cid-w", "worker").resource("res_b", "https://b.example.com/mcp")
                .issuedAt(t0Plus(30)).build();
        Issuance tooOld = issuance().client("cid-w", "worker").resource("res_a", "https://a.example.com/mcp")
                .issuedAt(t0Plus(1)).build();
        Issuance tooNew = issuance().client("cid-w", "worker").resource("res_a", "https://a.example.com/mcp")
                .issuedAt(t0Plus(100)).build();
        repository.recordAll(List.of(match, olderMatch, otherClient, otherResource, tooOld, tooNew));

        assertThat(find("cid-w", "https://a.example.com/mcp", t0Plus(10), t0Plus(50), 20))
                .containsExactly(match, olderMatch);
        assertThat(find("cid-w", "res_a", t0Plus(10), t0Plus(50), 1)).containsExactly(match);
    }

    @Test
    void lastDayListingUsesTheDefaultWindowAndLimit() {
        Instant now = t0Plus(86_400 * 2);
        List<Issuance> recent = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            recent.add(issuance().issuedAt(now.minusSeconds(60 + i)).build());
        }
        repository.recordAll(recent);
        repository.record(issuance().issuedAt(now.minus(Duration.ofHours(25))).build());

        List<Issuance> found = repository.find(IssuanceQuery.lastDay(now));

        assertThat(found).containsExactlyElementsOf(recent.subList(0, IssuanceQuery.DEFAULT_LIMIT));
    }

    @Test
    void purgeIssuedBeforeDeletesOnlyOlderRowsAndCountsThem() {
        Issuance old1 = issuance().issuedAt(t0Plus(0)).build();
        Issuance old2 = issuance().issuedAt(t0Plus(9).plusMillis(999)).build();
        Issuance atCutoff = issuance().issuedAt(t0Plus(10)).build();
        Issuance newer = issuance().issuedAt(t0Plus(11)).build();
        repository.recordAll(List.of(old1, old2, atCutoff, newer));

        assertThat(repository.purgeIssuedBefore(t0Plus(10))).isEqualTo(2);

        assertThat(findAll()).containsExactly(newer, atCutoff);
        assertThat(repository.purgeIssuedBefore(t0Plus(10))).isZero();
    }

    @Test
    void purgedJtiMayBeRecordedAgain() {
        Issuance old = issuance().issuedAt(T0).build();
        repository.record(old);
        repository.purgeIssuedBefore(t0Plus(1));

        repository.record(old);

        assertThat(findAll()).containsExactly(old);
    }

    @Test
    void parallelWritersLoseNothing() throws Exception {
        int threads = 8;
        int perThread = 200;
        Concurrently.run(threads, t -> {
            for (int i = 0; i < perThread; i += 2) {
                Issuance a = issuance().issuedAt(TestTimes.T0.plusMillis(i)).build();
                Issuance b = issuance().issuedAt(TestTimes.T0.plusMillis(i)).build();
                if (i % 4 == 0) {
                    repository.recordAll(List.of(a, b));
                } else {
                    repository.record(a);
                    repository.record(b);
                }
            }
            return null;
        });

        List<Issuance> all = findAll();
        Set<String> jtis = all.stream().map(Issuance::jti).collect(Collectors.toSet());
        assertThat(all).hasSize(threads * perThread);
        assertThat(jtis).hasSize(threads * perThread);
    }

    @Test
    void parallelRecordsOfOneJtiThenExactlyOneStored() throws Exception {
        List<Boolean> won = Concurrently.run(8, t -> {
            try {
                repository.record(issuance().jti("contested").issuedAt(t0Plus(t)).build());
                return true;
            } catch (DuplicateKeyException e) {
                return false;
            }
        });

        assertThat(won).containsOnlyOnce(true);
        assertThat(findAll()).hasSize(1);
    }
}
