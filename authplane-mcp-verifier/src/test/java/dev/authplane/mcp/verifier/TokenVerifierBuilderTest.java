package dev.authplane.mcp.verifier;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Build-time rules: fail closed on unsafe configuration; RFC 9728 document shape. */
class TokenVerifierBuilderTest {

    static final String ISSUER = "https://auth.example.com";
    static final String RESOURCE = "https://mcp.example.com/mcp";

    @ParameterizedTest
    @ValueSource(strings = {"none", "HS256", "HS384", "HS512", "EdDSA", "bogus"})
    void unsafeOrUnsupportedAlgorithmThenBuildFails(String alg) {
        assertThatThrownBy(() -> TokenVerifier.builder(ISSUER, RESOURCE).algorithms("ES256", alg).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(alg);
    }

    @Test
    void hmacDPoPAlgorithmThenBuildFails() {
        assertThatThrownBy(() -> TokenVerifier.builder(ISSUER, RESOURCE).dpopAlgorithms("HS256"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultsArePublishedConstants() {
        assertThat(TokenVerifier.DEFAULT_ALGORITHMS).extracting(Object::toString).containsExactlyInAnyOrder("ES256", "RS256");
        assertThat(TokenVerifier.DEFAULT_CLOCK_SKEW).isEqualTo(Duration.ofSeconds(60));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://auth.example.com", "ftp://auth.example.com", "auth.example.com", "https://auth.example.com#x"})
    void issuerWithoutHttpsOnNonLoopbackHostThenBuildFails(String issuer) {
        assertThatThrownBy(() -> TokenVerifier.builder(issuer, RESOURCE).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("issuer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:9000", "http://127.0.0.1:9000", "http://[::1]:9000", "https://auth.example.com"})
    void httpsOrLoopbackIssuerThenBuilds(String issuer) {
        try (TokenVerifier verifier = TokenVerifier.builder(issuer, RESOURCE).build()) {
            assertThat(verifier.issuer()).isEqualTo(issuer);
        }
    }

    @Test
    void jwksUriWithoutHttpsOnNonLoopbackHostThenBuildFails() {
        assertThatThrownBy(() -> TokenVerifier.builder(ISSUER, RESOURCE).jwksUri("http://auth.example.com/jwks").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jwksUri");
    }

    @Test
    void rateLimitNotShorterThanJwksCacheTtlThenBuildFails() {
        assertThatThrownBy(() -> TokenVerifier.builder(ISSUER, RESOURCE)
                .jwksCacheTtl(Duration.ofSeconds(30)).jwksRateLimit(Duration.ofSeconds(30)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jwksRateLimit");
    }

    @Test
    void scopeWithSpaceOrQuoteThenRejected() {
        assertThatThrownBy(() -> TokenVerifier.builder(ISSUER, RESOURCE).requiredScopes("a b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenVerifier.builder(ISSUER, RESOURCE).requiredScopes("a\"b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void publicOriginWithPathThenRejected() {
        assertThatThrownBy(() -> TokenVerifier.builder(ISSUER, RESOURCE).publicOrigin("https://edge.example.com/mcp").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("publicOrigin");
    }

    @Test
    void metadataLivesAtWellKnownInsertedBeforeTheResourcePath() {
        try (TokenVerifier verifier = TokenVerifier.builder(ISSUER, RESOURCE).build()) {
            assertThat(verifier.protectedResourceMetadataPath()).isEqualTo("/.well-known/oauth-protected-resource/mcp");
            assertThat(verifier.protectedResourceMetadataUrl())
                    .isEqualTo("https://mcp.example.com/.well-known/oauth-protected-resource/mcp");
        }
    }

    @Test
    void resourceAtHostRootThenMetadataAtBareWellKnown() {
        try (TokenVerifier verifier = TokenVerifier.builder(ISSUER, "https://mcp.example.com").build()) {
            assertThat(verifier.protectedResourceMetadataPath()).isEqualTo("/.well-known/oauth-protected-resource");
        }
    }

    @Test
    void metadataDocumentNamesResourceServersScopesAndMethods() throws Exception {
        try (TokenVerifier verifier = TokenVerifier.builder(ISSUER, RESOURCE).requiredScopes("tools/query").build()) {
            Map<String, Object> doc = JSONObjectUtils.parse(verifier.protectedResourceMetadataJson());
            assertThat(doc).containsEntry("resource", RESOURCE)
                    .containsEntry("authorization_servers", List.of(ISSUER))
                    .containsEntry("scopes_supported", List.of("tools/query"))
                    .containsEntry("bearer_methods_supported", List.of("header"))
                    .containsEntry("dpop_signing_alg_values_supported", List.of("ES256", "PS256", "RS256"))
                    .doesNotContainKey("dpop_bound_access_tokens_required");
        }
    }

    @Test
    void dpopRequiredThenMetadataSaysSo() throws Exception {
        try (TokenVerifier verifier = TokenVerifier.builder(ISSUER, RESOURCE).requireDPoP(true)
                .scopesSupported("a", "b").dpopAlgorithms("ES256").build()) {
            Map<String, Object> doc = JSONObjectUtils.parse(verifier.protectedResourceMetadataJson());
            assertThat(doc).containsEntry("dpop_bound_access_tokens_required", true)
                    .containsEntry("scopes_supported", List.of("a", "b"))
                    .containsEntry("dpop_signing_alg_values_supported", List.of("ES256"));
        }
    }

    @Test
    void noScopesConfiguredThenScopesSupportedOmitted() throws Exception {
        try (TokenVerifier verifier = TokenVerifier.builder(ISSUER, RESOURCE).build()) {
            assertThat(JSONObjectUtils.parse(verifier.protectedResourceMetadataJson())).doesNotContainKey("scopes_supported");
        }
    }
}
