package dev.authplane.benchmarks.server;

import dev.authplane.benchmarks.BenchFixture;
import dev.authplane.core.AuthPlane;
import dev.authplane.core.admin.CreatedClient;
import dev.authplane.core.admin.NewClient;
import dev.authplane.core.client.ClientAuthMethod;
import dev.authplane.core.client.ClientSecretCredentials;
import dev.authplane.core.token.TokenRequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The introspection run's request bodies: one introspecting client for the benchmark resource (as
 * an MCP gateway would be registered), one live token of each benchmark client, and per token a
 * {@code token=…&client_id=…&client_secret=…} body, so every request verifies a token's
 * signature and claims and authenticates the caller as the endpoint does in production.
 */
final class IntrospectionBodies {

    private IntrospectionBodies() {
    }

    static List<String> of(AuthPlane authPlane, List<CreatedClient> clients) {
        CreatedClient gateway = authPlane.admin().createClient(new NewClient("bench-gateway", Set.of(),
                "client_secret_post", List.of(), List.of(BenchFixture.RESOURCE_SLUG), null, null, true));
        return clients.stream().map(c -> "token=" + token(authPlane, c) + "&client_id="
                + gateway.client().clientId() + "&client_secret="
                + URLEncoder.encode(gateway.clientSecret(), StandardCharsets.UTF_8)).toList();
    }

    private static String token(AuthPlane authPlane, CreatedClient client) {
        return authPlane.tokens().issue(new TokenRequest("client_credentials", new ClientSecretCredentials(
                client.client().clientId(), client.clientSecret(), ClientAuthMethod.CLIENT_SECRET_POST),
                String.join(" ", BenchFixture.CLIENT_SCOPES), BenchFixture.RESOURCE_URI, null)).accessToken();
    }
}
