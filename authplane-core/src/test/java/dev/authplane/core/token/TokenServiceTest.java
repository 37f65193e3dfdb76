package dev.authplane.core.token;

import dev.authplane.core.AuthPlane;
import dev.authplane.core.TestAuthPlanes;
import dev.authplane.core.admin.CreatedClient;
import dev.authplane.core.admin.NewClient;
import dev.authplane.core.client.ClientAuthMethod;
import dev.authplane.core.client.ClientAuthentication;
import dev.authplane.core.client.ClientSecretCredentials;
import dev.authplane.core.client.GrantTypes;
import dev.authplane.core.client.InMemoryClientRepository;
import dev.authplane.core.client.TestClients;
import dev.authplane.core.config.AuthPlaneConfig;
import dev.authplane.core.error.OAuthError;
import dev.authplane.core.error.OAuthException;
import dev.authplane.core.scope.ScopeDefinition;
import dev.authplane.testsupport.MutableClock;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.authplane.core.TestAuthPlanes.RESOURCE_URI;
import static dev.authplane.core.TestAuthPlanes.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** token steps 2 to 6 and 9 (authplane-core README), through the facade with in-memory adapters. */
class TokenServiceTest {

    private final MutableClock clock = new MutableClock();
    private final InMemoryClientRepository clientStore = new InMemoryClientRepository();
    private final AuthPlane plane = TestAuthPlanes.builder(TestAuthPlanes.config(), clock).clients(clientStore).build();
    private final CreatedClient worker;

    TokenServiceTest() {
        TestAuthPlanes.registerResource(plane);
        worker = TestAuthPlanes.registerClient(plane, "backend-worker", "tools/query", "tools/call");
    }

    @Test
    void clientCredentialsWhenGrantDisabledThenUnsupportedGrantTypeNamingSettingAndEnvVar() {
        AuthPlane disabled = plane(TestAuthPlanes.config("client_credentials.enabled", "false"));

        assertError(() -> disabled.tokens().issue(request(worker, null)), OAuthError.UNSUPPORTED_GRANT_TYPE)
                .contains("client_credentials.enabled").contains("AUTHPLANE_CLIENT_CREDENTIALS_ENABLED");
    }

    @Test
    void unknownGrantTypeIsUnsupportedGrantType() {
        TokenRequest r = new TokenRequest("password", TestAuthPlanes.postCredentials(worker), null, RESOURCE_URI, null);

        assertError(() -> plane.tokens().issue(r), OAuthError.UNSUPPORTED_GRANT_TYPE);
    }

    @Test
    void missingGrantTypeIsInvalidRequest() {
        TokenRequest r = new TokenRequest(null, TestAuthPlanes.postCredentials(worker), null, RESOURCE_URI, null);

        assertError(() -> plane.tokens().issue(r), OAuthError.INVALID_REQUEST);
    }

    @Test
    void missingCredentialsIsInvalidClient() {
        TokenRequest r = new TokenRequest(GrantTypes.CLIENT_CREDENTIALS, null, null, RESOURCE_URI, null);

        assertError(() -> plane.tokens().issue(r), OAuthError.INVALID_CLIENT);
    }

    @Test
    void unknownClientAndWrongSecretGiveIdenticalInvalidClient() {
        OAuthException unknown = failure(() -> plane.tokens().issue(withCredentials("nobody", worker.clientSecret(),
                ClientAuthMethod.CLIENT_SECRET_POST)));
        OAuthException wrong = failure(() -> plane.tokens().issue(withCredentials(worker.client().clientId(), "wrong",
                ClientAuthMethod.CLIENT_SECRET_POST)));

        assertThat(unknown.error()).isEqualTo(wrong.error()).isEqualTo(OAuthError.INVALID_CLIENT);
        assertThat(unknown.description()).isEqualTo(wrong.description()).isEqualTo(ClientAuthentication.FAILED);
    }

    @Test
    void bodyCredentialsForAClientSecretBasicClientAreInvalidClientWithTheSameDescription() {
        CreatedClient basicOnly = plane.admin().createClient(new NewClient("basic-only", Set.of(GrantTypes.CLIENT_CREDENTIALS),
                "client_secret_basic", List.of(ScopeDefinition.of("tools/query"))));

        assertError(() -> plane.tokens().issue(withCredentials(basicOnly.client().clientId(), basicOnly.clientSecret(),
                ClientAuthMethod.CLIENT_SECRET_POST)), OAuthError.INVALID_CLIENT).isEqualTo(ClientAuthentication.FAILED);
        assertThat(plane.tokens().issue(withCredentials(basicOnly.client().clientId(), basicOnly.clientSecret(),
                ClientAuthMethod.CLIENT_SECRET_BASIC)).scope()).isEqualTo("tools/query");
    }

    @Test
    void basicCredentialsForAClientSecretPostClientAreAccepted() {
        assertThat(plane.tokens().issue(withCredentials(worker.client().clientId(), worker.clientSecret(),
                ClientAuthMethod.CLIENT_SECRET_BASIC)).scope()).isEqualTo("tools/call tools/query");
    }

    @Test
    void disabledClientIsInvalidClientUntilEnabledAgain() {
        plane.admin().disableClient("backend-worker");
        assertError(() -> plane.tokens().issue(request(worker, null)), OAuthError.INVALID_CLIENT)
                .isEqualTo(ClientAuthentication.FAILED);

        plane.admin().enableClient("backend-worker");
        assertThat(plane.tokens().issue(request(worker, null)).accessToken()).isNotBlank();
    }

    @Test
    void rotatedSecretReplacesTheOldOneImmediately() {
        CreatedClient rotated = plane.admin().rotateSecret("backend-worker");

        assertError(() -> plane.tokens().issue(request(worker, null)), OAuthError.INVALID_CLIENT);
        assertThat(plane.tokens().issue(request(rotated, null)).accessToken()).isNotBlank();
    }

    @Test
    void clientWithoutClientCredentialsGrantIsUnauthorizedClient() {
        var other = TestClients.client().grantTypes(Set.of("authorization_code")).build();
        clientStore.insert(other);

        assertError(() -> plane.tokens().issue(withCredentials(other.clientId(), TestClients.SECRET,
                ClientAuthMethod.CLIENT_SECRET_POST)), OAuthError.UNAUTHORIZED_CLIENT);
    }

    @Test
    void missingResourceIsInvalidTargetResourceIsRequired() {
        assertError(() -> plane.tokens().issue(withResource(null)), OAuthError.INVALID_TARGET)
                .isEqualTo("resource is required");
    }

    @Test
    void whenResourceNotRequiredAndOmittedThenAudienceIsTheIssuer() throws Exception {
        AuthPlane optional = plane(TestAuthPlanes.config("client_credentials.require_resource", "false"));
        CreatedClient c = TestAuthPlanes.registerClient(optional, "optional-worker", "tools/query");

        IssuedToken token = optional.tokens().issue(new TokenRequest(GrantTypes.CLIENT_CREDENTIALS,
                TestAuthPlanes.postCredentials(c), null, null, null));

        assertThat(com.nimbusds.jwt.SignedJWT.parse(token.accessToken()).getJWTClaimsSet().getAudience())
                .containsExactly(TestAuthPlanes.ISSUER);
    }

    @Test
    void unregisteredResourceIsInvalidTargetComparedByteForByte() {
        assertError(() -> plane.tokens().issue(withResource(RESOURCE_URI + "/")), OAuthError.INVALID_TARGET);
        assertError(() -> plane.tokens().issue(withResource("https://MCP.example.com/mcp")),
                OAuthError.INVALID_TARGET);
    }

    @Test
    void resourceWithFragmentOrRelativeIsInvalidTarget() {
        assertError(() -> plane.tokens().issue(withResource(RESOURCE_URI + "#x")), OAuthError.INVALID_TARGET);
        assertError(() -> plane.tokens().issue(withResource("/mcp")), OAuthError.INVALID_TARGET);
    }

    @Test
    void scopePresentGrantsTheIntersectionAndOmittedGrantsAllRegistered() {
        assertThat(plane.tokens().issue(request(worker, "tools/query other")).scope()).isEqualTo("tools/query");
        assertThat(plane.tokens().issue(request(worker, null)).scope()).isEqualTo("tools/call tools/query");
    }

    @Test
    void emptyIntersectionOrClientWithoutScopesIsInvalidScope() {
        CreatedClient none = TestAuthPlanes.registerClient(plane, "no-scopes");

        assertError(() -> plane.tokens().issue(request(worker, "admin")), OAuthError.INVALID_SCOPE);
        assertError(() -> plane.tokens().issue(request(none, null)), OAuthError.INVALID_SCOPE)
                .isEqualTo("the client has no registered scopes");
    }

    @Test
    void strictScopePolicyFromConfigurationRefusesUnregisteredScopes() {
        AuthPlane strict = plane(TestAuthPlanes.config("client_credentials.scope_policy", "strict"));
        TestAuthPlanes.registerResource(strict);
        CreatedClient c = TestAuthPlanes.registerClient(strict, "strict-worker", "tools/query");

        assertError(() -> strict.tokens().issue(request(c, "tools/query tools/call")), OAuthError.INVALID_SCOPE);
        assertThat(strict.tokens().issue(request(c, "tools/query")).scope()).isEqualTo("tools/query");
    }

    @Test
    void responseIsBearerWithExpiresInAndNeverARefreshToken() {
        IssuedToken token = plane.tokens().issue(request(worker, null));

        assertThat(token.tokenType()).isEqualTo("Bearer");
        assertThat(token.expiresIn()).isEqualTo(3600);
        assertThat(IssuedToken.class.getRecordComponents()).extracting(c -> c.getName())
                .containsExactly("accessToken", "tokenType", "expiresIn", "scope");
    }

    @Test
    void stepsRunInOrderSoTheFirstFailingRuleWins() {
        TokenRequest everythingWrong = new TokenRequest(GrantTypes.CLIENT_CREDENTIALS,
                TestAuthPlanes.postCredentials(worker), "admin", "https://unknown.example.com", "garbage");

        assertError(() -> plane.tokens().issue(everythingWrong), OAuthError.INVALID_TARGET);
    }

    private AuthPlane plane(AuthPlaneConfig config) {
        return TestAuthPlanes.builder(config, clock).build();
    }

    private TokenRequest withCredentials(String clientId, String secret, ClientAuthMethod method) {
        return new TokenRequest(GrantTypes.CLIENT_CREDENTIALS, new ClientSecretCredentials(clientId, secret, method),
                null, RESOURCE_URI, null);
    }

    private TokenRequest withResource(String resource) {
        return new TokenRequest(GrantTypes.CLIENT_CREDENTIALS, TestAuthPlanes.postCredentials(worker), null,
                resource, null);
    }

    static AbstractStringAssert<?> assertError(ThrowingCallable call, OAuthError error) {
        OAuthException e = failure(call);
        assertThat(e.error()).isEqualTo(error);
        return assertThat(e.description());
    }

    static OAuthException failure(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(OAuthException.class);
        return (OAuthException) thrown;
    }
}
