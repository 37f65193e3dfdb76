package dev.authplane.core;

import dev.authplane.core.admin.CreatedClient;
import dev.authplane.core.admin.NewClient;
import dev.authplane.core.admin.NewResource;
import dev.authplane.core.client.ClientAuthMethod;
import dev.authplane.core.client.ClientSecretCredentials;
import dev.authplane.core.client.GrantTypes;
import dev.authplane.core.config.AuthPlaneConfig;
import dev.authplane.core.config.ConfigLoader;
import dev.authplane.core.resource.Resource;
import dev.authplane.core.scope.ScopeDefinition;
import dev.authplane.core.token.TokenRequest;
import dev.authplane.testsupport.MutableClock;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fixtures for service tests: a test configuration (grant enabled, bcrypt cost 4, issuer
 * {@value #ISSUER}), a builder on a {@link MutableClock}, and helpers to register a resource and a
 * client and to build token requests.
 */
public final class TestAuthPlanes {

    public static final String ISSUER = "https://as.example.com";
    public static final String RESOURCE_URI = "https://mcp.example.com/mcp";

    private TestAuthPlanes() {
    }

    /**
     * The test configuration with {@code overrides} applied, given as {@code "section.key", "value"} pairs.
     */
    public static AuthPlaneConfig config(String... overrides) {
        Map<String, String> dotted = new LinkedHashMap<>();
        dotted.put("server.issuer", ISSUER);
        dotted.put("client_credentials.enabled", "true");
        dotted.put("security.bcrypt_cost", "4");
        for (int i = 0; i < overrides.length; i += 2) {
            dotted.put(overrides[i], overrides[i + 1]);
        }
        Map<String, Map<String, Object>> tree = new LinkedHashMap<>();
        dotted.forEach((key, value) -> {
            int dot = key.indexOf('.');
            tree.computeIfAbsent(key.substring(0, dot), s -> new LinkedHashMap<>()).put(key.substring(dot + 1), value);
        });
        return ConfigLoader.load(tree, Map.of());
    }

    /** A builder for {@code config} on {@code clock}, with in-memory adapters. */
    public static AuthPlane.Builder builder(AuthPlaneConfig config, MutableClock clock) {
        return AuthPlane.builder(config).clock(clock);
    }

    /** Registers {@value #RESOURCE_URI} with scopes {@code tools/query} and {@code tools/call}. */
    public static Resource registerResource(AuthPlane plane) {
        return plane.admin().createResource(new NewResource("my-mcp", RESOURCE_URI, "mint",
                List.of(ScopeDefinition.parse("tools/query||Query tools"), ScopeDefinition.of("tools/call"))));
    }

    /** Registers a client_secret_post client named {@code name} with the given scopes. */
    public static CreatedClient registerClient(AuthPlane plane, String name, String... scopes) {
        return plane.admin().createClient(new NewClient(name, Set.of(GrantTypes.CLIENT_CREDENTIALS),
                "client_secret_post", List.of(scopes).stream().map(ScopeDefinition::of).toList()));
    }

    /** A client_credentials request with post credentials for {@code client}, for {@value #RESOURCE_URI}. */
    public static TokenRequest request(CreatedClient client, String scope) {
        return new TokenRequest(GrantTypes.CLIENT_CREDENTIALS, postCredentials(client), scope,
                RESOURCE_URI, null);
    }

    public static ClientSecretCredentials postCredentials(CreatedClient client) {
        return new ClientSecretCredentials(client.client().clientId(), client.clientSecret(),
                ClientAuthMethod.CLIENT_SECRET_POST);
    }
}
