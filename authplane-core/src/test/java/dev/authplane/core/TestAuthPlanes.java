package dev.authplane.core;

import dev.authplane.core.admin.CreatedClient;
import dev.authplane.core.admin.NewClient;
import dev.authplane.core.admin.NewResource;
import dev.authplane.core.client.Client;
import dev.authplane.core.client.ClientAssertionCredentials;
import dev.authplane.core.client.ClientAuthMethod;
import dev.authplane.core.client.ClientSecretCredentials;
import dev.authplane.core.client.GrantTypes;
import dev.authplane.core.config.AuthPlaneConfig;
import dev.authplane.core.config.ClientCredentialsSettings;
import dev.authplane.core.config.ClientResourcePolicy;
import dev.authplane.core.config.DPoPSettings;
import dev.authplane.core.config.Durations;
import dev.authplane.core.config.IssuanceSettings;
import dev.authplane.core.config.ScopePolicy;
import dev.authplane.core.config.SecuritySettings;
import dev.authplane.core.config.SigningAlgorithm;
import dev.authplane.core.resource.Resource;
import dev.authplane.core.scope.ScopeDefinition;
import dev.authplane.core.token.TokenRequest;
import dev.authplane.testsupport.MutableClock;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
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
     * The test configuration with {@code overrides} applied, given as {@code "section.key", "value"}
     * pairs named like the runnable server's YAML keys.
     */
    public static AuthPlaneConfig config(String... overrides) {
        return configFor(ISSUER, overrides);
    }

    /**
     * The runnable server's hint for a disabled grant: this fixture speaks that front end's
     * vocabulary (YAML keys and env vars), as its overrides do.
     */
    public static final String HOW_TO_ENABLE =
            "enable it with client_credentials.enabled: true or AUTHPLANE_CLIENT_CREDENTIALS_ENABLED=true";

    /**
     * Issuer {@code issuer}, client_credentials on, bcrypt cost 4 (cheap), then {@code overrides}:
     * the handful of settings tests vary, by their YAML names; any other key is a test bug.
     */
    public static AuthPlaneConfig configFor(String issuer, String... overrides) {
        ClientCredentialsSettings grant = ClientCredentialsSettings.defaults();
        AuthPlaneConfig c = AuthPlaneConfig.defaults(issuer)
                .withClientCredentials(new ClientCredentialsSettings(true, grant.tokenExpiry(), grant.requireResource(),
                        grant.scopePolicy(), HOW_TO_ENABLE))
                .withSecurity(new SecuritySettings(4, SecuritySettings.DEFAULT_CLOCK_SKEW));
        for (int i = 0; i < overrides.length; i += 2) {
            c = override(c, overrides[i], overrides[i + 1]);
        }
        return c;
    }

    private static SecuritySettings security(SecuritySettings s, String key, String value) {
        int cost = s.bcryptCost();
        int perClient = s.maxFailedAuthPerClient();
        int perAddress = s.maxFailedAuthPerAddress();
        int concurrency = s.bcryptConcurrency();
        int cache = s.verifiedSecretCacheSize();
        Duration skew = s.clockSkew();
        Duration window = s.failedAuthWindow();
        Duration wait = s.bcryptWait();
        switch (key) {
            case "bcrypt_cost" -> cost = Integer.parseInt(value);
            case "clock_skew" -> skew = Durations.parse(value);
            case "max_failed_auth_per_client" -> perClient = Integer.parseInt(value);
            case "max_failed_auth_per_address" -> perAddress = Integer.parseInt(value);
            case "failed_auth_window" -> window = Durations.parse(value);
            case "bcrypt_concurrency" -> concurrency = Integer.parseInt(value);
            case "bcrypt_wait" -> wait = Durations.parse(value);
            default -> cache = Integer.parseInt(value);
        }
        return new SecuritySettings(cost, skew, perClient, perAddress, window, concurrency, wait, cache,
                s.clientResources());
    }

    private static AuthPlaneConfig override(AuthPlaneConfig c, String key, String value) {
        ClientCredentialsSettings cc = c.clientCredentials();
        DPoPSettings dpop = c.dpop();
        SecuritySettings sec = c.security();
        return switch (key) {
            case "client_credentials.enabled" -> c.withClientCredentials(cc.withEnabled(Boolean.parseBoolean(value)));
            case "client_credentials.token_expiry" -> c.withClientCredentials(new ClientCredentialsSettings(cc.enabled(),
                    Durations.parse(value), cc.requireResource(), cc.scopePolicy(), cc.howToEnable(), cc.maxTokenExpiry()));
            case "client_credentials.require_resource" -> c.withClientCredentials(new ClientCredentialsSettings(cc.enabled(),
                    cc.tokenExpiry(), Boolean.parseBoolean(value), cc.scopePolicy(), cc.howToEnable(), cc.maxTokenExpiry()));
            case "client_credentials.scope_policy" -> c.withClientCredentials(new ClientCredentialsSettings(cc.enabled(),
                    cc.tokenExpiry(), cc.requireResource(), ScopePolicy.valueOf(value.toUpperCase(Locale.ROOT)), cc.howToEnable(),
                    cc.maxTokenExpiry()));
            case "client_credentials.max_token_expiry" -> c.withClientCredentials(new ClientCredentialsSettings(
                    cc.enabled(), cc.tokenExpiry(), cc.requireResource(), cc.scopePolicy(), cc.howToEnable(),
                    Durations.parse(value)));
            case "revocation.enabled" -> c.withLifecycle(c.lifecycle().withRevocationEnabled(Boolean.parseBoolean(value)));
            case "introspection.enabled" ->
                    c.withLifecycle(c.lifecycle().withIntrospectionEnabled(Boolean.parseBoolean(value)));
            case "dpop.enabled" -> c.withDpop(new DPoPSettings(Boolean.parseBoolean(value), dpop.proofLifetime(), dpop.requireNonce()));
            case "dpop.require_nonce" -> c.withDpop(new DPoPSettings(dpop.enabled(), dpop.proofLifetime(), Boolean.parseBoolean(value)));
            case "signing.algorithm" -> c.withSigningAlgorithm(SigningAlgorithm.valueOf(value));
            case "security.bcrypt_cost", "security.clock_skew", "security.max_failed_auth_per_client",
                 "security.max_failed_auth_per_address", "security.failed_auth_window", "security.bcrypt_concurrency",
                 "security.bcrypt_wait", "security.verified_secret_cache_size" ->
                    c.withSecurity(security(sec, key.substring("security.".length()), value));
            case "security.client_resources" -> c.withSecurity(sec.withClientResources(
                    ClientResourcePolicy.valueOf(value.toUpperCase(Locale.ROOT))));
            case "storage.group_commit_max_batch" -> c.withIssuance(new IssuanceSettings(Integer.parseInt(value),
                    c.issuance().groupCommitMaxWait()));
            case "client_auth.allow_insecure_jwks_uri" -> c.withClientAuth(
                    c.clientAuth().withAllowInsecureJwksUri(Boolean.parseBoolean(value)));
            case "client_auth.accept_token_endpoint_audience" -> c.withClientAuth(
                    c.clientAuth().withAcceptTokenEndpointAudience(Boolean.parseBoolean(value)));
            case "client_auth.max_assertion_lifetime" -> c.withClientAuth(
                    c.clientAuth().withMaxAssertionLifetime(Durations.parse(value)));
            default -> throw new IllegalArgumentException("no test override for " + key);
        };
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

    /** Registers a private_key_jwt client named {@code name} with the public JWK Set {@code jwks}. */
    public static Client registerKeyClient(AuthPlane plane, String name, String jwks, String... scopes) {
        return plane.admin().createClient(new NewClient(name, Set.of(GrantTypes.CLIENT_CREDENTIALS),
                "private_key_jwt", List.of(scopes).stream().map(ScopeDefinition::of).toList(), List.of(), jwks,
                null)).client();
    }

    /** A client_credentials request authenticated by {@code assertion} (no client_id), for {@value #RESOURCE_URI}. */
    public static TokenRequest assertionRequest(String assertion) {
        return new TokenRequest(GrantTypes.CLIENT_CREDENTIALS, new ClientAssertionCredentials(null, assertion), null,
                RESOURCE_URI, null);
    }

    public static ClientSecretCredentials postCredentials(CreatedClient client) {
        return new ClientSecretCredentials(client.client().clientId(), client.clientSecret(),
                ClientAuthMethod.CLIENT_SECRET_POST);
    }
}
