package dev.authplane.core.client;

import dev.authplane.core.scope.ScopeDefinition;
import dev.authplane.testsupport.TestTimes;
import org.springframework.security.crypto.bcrypt.BCrypt;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Client fixtures. {@link #client()} returns a builder pre-filled with a valid, unique client
 * (fresh {@code client_id} and name on every call), so a test sets only what it is about.
 */
public final class TestClients {

    /** The plaintext secret whose hash {@link #SECRET_HASH} every fixture client carries. */
    public static final String SECRET = "test-secret-0123456789abcdefghijklmnopqrstuvwxyz";

    /** bcrypt (cost 4, cheap for tests) of {@link #SECRET}. */
    public static final String SECRET_HASH = BCrypt.hashpw(SECRET, BCrypt.gensalt(4));

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private TestClients() {
    }

    /** An active client_credentials client with two registered scopes. */
    public static Client.Builder client() {
        int n = SEQUENCE.incrementAndGet();
        return Client.builder()
                .clientId("client-id-" + n)
                .name("client-" + n)
                .secretHash(SECRET_HASH)
                .grantTypes(Set.of(GrantTypes.CLIENT_CREDENTIALS))
                .authMethod(ClientAuthMethod.CLIENT_SECRET_POST)
                .scopes(List.of(new ScopeDefinition("tools/query", "Query tools"), ScopeDefinition.of("tools/call")))
                .status(ClientStatus.ACTIVE)
                .createdAt(TestTimes.T0)
                .updatedAt(TestTimes.T0);
    }
}
