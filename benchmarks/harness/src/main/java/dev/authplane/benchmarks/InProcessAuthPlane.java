package dev.authplane.benchmarks;

import dev.authplane.core.AuthPlane;
import dev.authplane.core.admin.CreatedClient;
import dev.authplane.core.admin.NewClient;
import dev.authplane.core.admin.NewResource;
import dev.authplane.core.client.ClientAuthMethod;
import dev.authplane.core.client.ClientSecretCredentials;
import dev.authplane.core.config.AuthPlaneConfig;
import dev.authplane.core.config.SecuritySettings;
import dev.authplane.core.config.SigningAlgorithm;
import dev.authplane.core.scope.ScopeDefinition;
import dev.authplane.core.token.TokenRequest;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * An {@link AuthPlane} in this JVM with the benchmark fixture registered: the resource and one
 * client, plus the ready-made token request of that client (its credentials reused, as a backend
 * worker reuses them). Used by the verifier comparison and the {@code TokenService} microbenchmark.
 */
public final class InProcessAuthPlane {

    /** The issuer of in-process tokens (loopback, as the verifier requires http only there). */
    public static final String ISSUER = "http://127.0.0.1:9000";

    private final AuthPlane authPlane;
    private final TokenRequest request;

    private InProcessAuthPlane(AuthPlane authPlane, TokenRequest request) {
        this.authPlane = authPlane;
        this.request = request;
    }

    /**
     * @param bcryptCost cost of the client's secret hash
     * @param storage    adds storage adapters to the builder (identity for the in-memory defaults)
     */
    public static InProcessAuthPlane create(int bcryptCost, UnaryOperator<AuthPlane.Builder> storage) {
        AuthPlaneConfig defaults = AuthPlaneConfig.defaults(ISSUER);
        AuthPlane authPlane = storage.apply(AuthPlane.builder(defaults
                .withClientCredentials(defaults.clientCredentials().withEnabled(true))
                .withSigningAlgorithm(SigningAlgorithm.ES256)
                .withSecurity(new SecuritySettings(bcryptCost, SecuritySettings.DEFAULT_CLOCK_SKEW)))).build();
        List<ScopeDefinition> scopes = BenchFixture.CLIENT_SCOPES.stream().map(ScopeDefinition::of).toList();
        authPlane.admin().createResource(new NewResource(BenchFixture.RESOURCE_SLUG, BenchFixture.RESOURCE_URI,
                "mint", scopes));
        CreatedClient client = authPlane.admin().createClient(new NewClient("bench-in-process",
                Set.of("client_credentials"), "client_secret_post", scopes));
        TokenRequest request = new TokenRequest("client_credentials",
                new ClientSecretCredentials(client.client().clientId(), client.clientSecret(),
                        ClientAuthMethod.CLIENT_SECRET_POST),
                BenchFixture.REQUESTED_SCOPE, BenchFixture.RESOURCE_URI, null);
        return new InProcessAuthPlane(Objects.requireNonNull(authPlane), request);
    }

    public AuthPlane authPlane() {
        return authPlane;
    }

    /** One token request of the registered client (same credentials every time). */
    public TokenRequest request() {
        return request;
    }

    /** Mints a fresh access token through {@code TokenService}. */
    public String mint() {
        return authPlane.tokens().issue(request).accessToken();
    }
}
