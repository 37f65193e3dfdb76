package dev.authplane.core.token;

import com.nimbusds.jwt.SignedJWT;
import dev.authplane.core.AuthPlane;
import dev.authplane.core.FailingStores;
import dev.authplane.core.TestAuthPlanes;
import dev.authplane.core.admin.CreatedClient;
import dev.authplane.core.audit.Issuance;
import dev.authplane.core.audit.IssuanceQuery;
import dev.authplane.core.error.OAuthError;
import dev.authplane.core.resource.Resource;
import dev.authplane.core.storage.StorageException;
import dev.authplane.core.storage.StorageUnavailableException;
import dev.authplane.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.authplane.core.TestAuthPlanes.request;
import static dev.authplane.core.token.TokenServiceTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** the issuance audit (README walk-through, step 6) and RFC 6749 §4.4 (core README, token steps) (step 8): one durable row per token, and no token without its row. */
class IssuanceAuditTest {

    private final MutableClock clock = new MutableClock();
    private final FailingStores.Issuances store = new FailingStores.Issuances();
    private final AuthPlane plane = TestAuthPlanes.builder(TestAuthPlanes.config(), clock).issuances(store).build();
    private final Resource resource = TestAuthPlanes.registerResource(plane);
    private final CreatedClient worker = TestAuthPlanes.registerClient(plane, "backend-worker", "tools/query");

    @Test
    void issuanceRowHasEverySpecField() throws Exception {
        IssuedToken token = plane.tokens().issue(request(worker, null));
        String jti = SignedJWT.parse(token.accessToken()).getJWTClaimsSet().getJWTID();

        List<Issuance> rows = plane.admin().listIssuances(
                new IssuanceQuery("backend-worker", null, clock.instant().minusSeconds(1), null, 20));

        assertThat(rows).containsExactly(Issuance.builder().jti(jti).client(worker.client().clientId(), "backend-worker")
                .subject(worker.client().clientId()).resource(resource.id(), resource.uri()).scopes(List.of("tools/query"))
                .grantType("client_credentials").tokenType("Bearer", null)
                .lifetime(clock.instant(), clock.instant().plus(Duration.ofHours(1)))
                .authentication("client_secret_post", null).build());
    }

    @Test
    void unreachableIssuanceStoreMeansNoTokenAndTemporarilyUnavailable() {
        store.failure.set(new StorageUnavailableException("connection refused", null));

        assertError(() -> plane.tokens().issue(request(worker, null)), OAuthError.TEMPORARILY_UNAVAILABLE);
        assertThat(store.find(IssuanceQuery.lastDay(clock.instant()))).isEmpty();
    }

    @Test
    void failingIssuanceStoreMeansNoTokenAndServerErrorWithoutDetails() {
        store.failure.set(new StorageException("constraint violated"));

        assertError(() -> plane.tokens().issue(request(worker, null)), OAuthError.SERVER_ERROR)
                .doesNotContain("constraint");
        assertThat(store.find(IssuanceQuery.lastDay(clock.instant()))).isEmpty();
    }

    @Test
    void everyIssuedTokenHasExactlyOneRow() {
        for (int i = 0; i < 3; i++) {
            plane.tokens().issue(request(worker, null));
        }

        assertThat(store.find(IssuanceQuery.lastDay(clock.instant()))).hasSize(3)
                .extracting(Issuance::jti).doesNotHaveDuplicates();
    }

}
