package dev.authplane.core.audit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.authplane.core.audit.TestIssuances.issuance;
import static dev.authplane.testsupport.TestTimes.T0;
import static dev.authplane.testsupport.TestTimes.t0Plus;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The revocation part of the {@link IssuanceRepository} contract: the first revocation of a row is
 * kept, bulk revocations touch only unexpired, unrevoked rows of their client or audience, and
 * {@code revokedSince} lists what a node must remember. {@link IssuanceRepositoryContractTest}
 * extends it, so every adapter's contract test runs these too.
 */
public abstract class IssuanceRevocationContractTest {

    protected IssuanceRepository repository;

    /** An empty repository; called before every test. */
    protected abstract IssuanceRepository createRepository();

    @BeforeEach
    void setUpRepository() {
        repository = createRepository();
    }

    private static Revocation revocation(long secondsAfterT0, String reason) {
        return new Revocation(t0Plus(secondsAfterT0), reason);
    }

    @Test
    void findByJtiReturnsTheRowOrNothing() {
        Issuance row = issuance().build();
        repository.record(row);

        assertThat(repository.findByJti(row.jti())).contains(row);
        assertThat(repository.findByJti("jti-unknown")).isEmpty();
    }

    @Test
    void revokeRecordsWhenAndWhyOnceAndKeepsTheFirstRevocation() {
        Issuance row = issuance().build();
        Issuance other = issuance().build();
        repository.recordAll(List.of(row, other));

        assertThat(repository.revoke(row.jti(), revocation(10, "revoked by the client"))).isTrue();
        assertThat(repository.revoke(row.jti(), revocation(20, "revoked by an administrator"))).isFalse();
        assertThat(repository.revoke("jti-unknown", revocation(20, "revoked by an administrator"))).isFalse();

        assertThat(repository.findByJti(row.jti()).orElseThrow().revocation())
                .isEqualTo(revocation(10, "revoked by the client"));
        assertThat(repository.findByJti(other.jti()).orElseThrow().revoked()).isFalse();
    }

    @Test
    void revokeClientTokensRevokesThatClientsUnexpiredUnrevokedRowsOnly() {
        Issuance live = issuance().lifetime(Duration.ofHours(1)).build();
        Issuance expired = issuance().lifetime(Duration.ofSeconds(30)).build();
        Issuance revokedBefore = issuance().build();
        Issuance otherClient = issuance().client("cid-other", "other").build();
        repository.recordAll(List.of(live, expired, revokedBefore, otherClient));
        repository.revoke(revokedBefore.jti(), revocation(5, "revoked by the client"));

        int revoked = repository.revokeClientTokens(TestIssuances.CLIENT_ID, t0Plus(60),
                revocation(60, "client disabled"));

        assertThat(revoked).isEqualTo(1);
        assertThat(repository.findByJti(live.jti()).orElseThrow().revocation()).isEqualTo(revocation(60, "client disabled"));
        assertThat(repository.findByJti(expired.jti()).orElseThrow().revoked()).isFalse();
        assertThat(repository.findByJti(revokedBefore.jti()).orElseThrow().revocation().reason())
                .isEqualTo("revoked by the client");
        assertThat(repository.findByJti(otherClient.jti()).orElseThrow().revoked()).isFalse();
    }

    @Test
    void revokeResourceTokensRevokesUnexpiredRowsForThatAudienceOnly() {
        Issuance mine = issuance().build();
        Issuance otherAudience = issuance().resource("res_other", "https://other.example.com/mcp").build();
        repository.recordAll(List.of(mine, otherAudience));

        assertThat(repository.revokeResourceTokens(TestIssuances.RESOURCE_URI, t0Plus(60),
                revocation(60, "resource deleted"))).isEqualTo(1);
        assertThat(repository.revokeResourceTokens(TestIssuances.RESOURCE_URI, t0Plus(61),
                revocation(61, "resource deleted"))).isZero();

        assertThat(repository.findByJti(mine.jti()).orElseThrow().revoked()).isTrue();
        assertThat(repository.findByJti(otherAudience.jti()).orElseThrow().revoked()).isFalse();
    }

    @Test
    void revokedSinceListsUnexpiredTokensRevokedAtOrAfterTheInstant() {
        Issuance early = issuance().build();
        Issuance late = issuance().build();
        Issuance shortLived = issuance().lifetime(Duration.ofSeconds(100)).build();
        Issuance untouched = issuance().build();
        repository.recordAll(List.of(early, late, shortLived, untouched));
        repository.revoke(early.jti(), revocation(10, "revoked by the client"));
        repository.revoke(late.jti(), revocation(50, "revoked by the client"));
        repository.revoke(shortLived.jti(), revocation(50, "revoked by the client"));

        assertThat(repository.revokedSince(t0Plus(50), t0Plus(200)))
                .containsExactly(new Revocation.RevokedToken(late.jti(), late.expiresAt(), t0Plus(50)));
        assertThat(repository.revokedSince(T0, t0Plus(60))).extracting(Revocation.RevokedToken::jti)
                .containsExactlyInAnyOrder(early.jti(), late.jti(), shortLived.jti());
    }

    @Test
    void theRevokedFilterListsRevokedRowsOnly() {
        Issuance revoked = issuance().build();
        Issuance live = issuance().issuedAt(t0Plus(1)).build();
        repository.recordAll(List.of(revoked, live));
        repository.revoke(revoked.jti(), revocation(10, "revoked by an administrator"));
        Instant since = T0.minus(Duration.ofDays(1));

        assertThat(repository.find(new IssuanceQuery(null, null, since, null, 10, true)))
                .extracting(Issuance::jti).containsExactly(revoked.jti());
        assertThat(repository.find(new IssuanceQuery(null, null, since, null, 10, false))).hasSize(2);
    }
}
