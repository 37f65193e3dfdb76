package dev.authplane.benchmarks.server;

import com.nimbusds.jose.jwk.JWK;
import dev.authplane.benchmarks.BenchFixture;
import dev.authplane.core.AuthPlane;
import dev.authplane.core.admin.NewClient;
import dev.authplane.core.scope.ScopeDefinition;
import dev.authplane.testsupport.ClientAssertionBuilder;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The {@code private_key_jwt} side of the fixture: registers one client per key (public JWK Set
 * inline, as {@code admin client create --jwks-file} does) and writes token request bodies, each
 * with an assertion of its own, since the server accepts a {@code jti} once. They are signed before
 * the server answers (on all cores, chunk by chunk, so the heap holds one chunk) and live
 * {@link #LIFETIME}, the longest the server accepts, so that the run can use them for minutes.
 */
final class AssertionBodies {

    /** The default {@code client_auth.max_assertion_lifetime}: the assertions stay valid for the whole run. */
    static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final int CHUNK = 4096;

    private record KeyClient(String clientId, JWK key) {
    }

    private AssertionBodies() {
    }

    static void registerAndWrite(AuthPlane authPlane, ServerOptions.AssertionOptions options, int clients,
                                 List<ScopeDefinition> scopes) throws IOException {
        List<KeyClient> keyClients = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            JWK key = options.keyAlgorithm().equals("ES256") ? ClientAssertionBuilder.newEcKey("bench-" + i)
                    : ClientAssertionBuilder.newRsaKey("bench-" + i);
            String clientId = authPlane.admin().createClient(new NewClient("bench-jwt-" + i,
                    Set.of("client_credentials"), "private_key_jwt", scopes, List.of(),
                    ClientAssertionBuilder.publicJwks(key.toPublicJWK()), null)).client().clientId();
            keyClients.add(new KeyClient(clientId, key));
        }
        String issuer = authPlane.config().issuer();
        Instant now = Instant.now();
        try (BufferedWriter out = Files.newBufferedWriter(options.bodies())) {
            for (int from = 0; from < options.count(); from += CHUNK) {
                List<String> chunk = IntStream.range(from, Math.min(options.count(), from + CHUNK)).parallel()
                        .mapToObj(i -> body(keyClients.get(i % keyClients.size()), issuer, now)).toList();
                for (String body : chunk) {
                    out.write(body);
                    out.newLine();
                }
            }
        }
    }

    private static String body(KeyClient client, String issuer, Instant now) {
        String assertion = ClientAssertionBuilder.assertion(client.key(), client.clientId(), issuer, now)
                .claims(c -> c.expirationTime(java.util.Date.from(now.plus(LIFETIME)))).sign();
        return BenchFixture.assertionRequestBody(client.clientId(), assertion);
    }
}
