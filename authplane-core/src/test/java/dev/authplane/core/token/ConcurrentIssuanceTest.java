package dev.authplane.core.token;

import com.nimbusds.jwt.SignedJWT;
import dev.authplane.core.AuthPlane;
import dev.authplane.core.TestAuthPlanes;
import dev.authplane.core.admin.CreatedClient;
import dev.authplane.core.audit.IssuanceQuery;
import dev.authplane.testsupport.Concurrently;
import dev.authplane.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Parallel token requests: every token has its own jti, row and the one shared signing key. */
class ConcurrentIssuanceTest {

    @Test
    void parallelRequestsEachGetAUniqueJtiAndExactlyOneRow() throws Exception {
        MutableClock clock = new MutableClock();
        AuthPlane plane = TestAuthPlanes.builder(TestAuthPlanes.config(), clock).build();
        TestAuthPlanes.registerResource(plane);
        CreatedClient worker = TestAuthPlanes.registerClient(plane, "worker", "tools/query");

        List<SignedJWT> tokens = Concurrently.run(8, thread -> {
            SignedJWT last = null;
            for (int i = 0; i < 5; i++) {
                last = SignedJWT.parse(plane.tokens().issue(TestAuthPlanes.request(worker, null)).accessToken());
            }
            return last;
        });

        assertThat(plane.admin().listIssuances(new IssuanceQuery(null, null, clock.instant().minusSeconds(1), null, 100)))
                .hasSize(40).extracting(r -> r.jti()).doesNotHaveDuplicates();
        assertThat(Set.copyOf(tokens.stream().map(t -> t.getHeader().getKeyID()).toList())).hasSize(1);
    }
}
