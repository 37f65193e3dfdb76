package dev.authplane.core.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SPEC §9: one YAML tree plus AUTHPLANE_SECTION_KEY overrides, env wins, clear errors. */
class ConfigLoaderTest {

    @Test
    void defaultsFollowTheSpec() {
        AuthPlaneConfig c = AuthPlaneConfig.defaults();

        assertThat(c.clientCredentials().enabled()).isFalse();
        assertThat(c.clientCredentials().tokenExpiry()).isEqualTo(Duration.ofHours(1));
        assertThat(c.clientCredentials().requireResource()).isTrue();
        assertThat(c.clientCredentials().scopePolicy()).isEqualTo(AuthPlaneConfig.ScopePolicy.INTERSECTION);
        assertThat(c.server().issuer()).isEqualTo("http://localhost:9000");
        assertThat(c.server().port()).isEqualTo(9000);
        assertThat(c.admin().port()).isEqualTo(9001);
        assertThat(c.dpop().enabled()).isTrue();
        assertThat(c.dpop().proofLifetime()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.signing().algorithm()).isEqualTo(AuthPlaneConfig.SigningAlgorithm.ES256);
        assertThat(c.tokenEndpoint()).isEqualTo("http://localhost:9000/oauth/token");
    }

    @Test
    void environmentOverridesTheFile() {
        Map<String, Object> tree = Map.of("client_credentials", Map.of("enabled", true, "token_expiry", "15m"));

        AuthPlaneConfig c = ConfigLoader.load(tree, Map.of("AUTHPLANE_CLIENT_CREDENTIALS_TOKEN_EXPIRY", "90s"));

        assertThat(c.clientCredentials().enabled()).isTrue();
        assertThat(c.clientCredentials().tokenExpiry()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void invalidValueNamesTheKeyItsEnvVarAndTheAcceptedValues() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("client_credentials", Map.of("enabled", "maybe")), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("client_credentials.enabled")
                .hasMessageContaining("AUTHPLANE_CLIENT_CREDENTIALS_ENABLED")
                .hasMessageContaining("true or false");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("AUTHPLANE_SIGNING_ALGORITHM", "HS256")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("signing.algorithm").hasMessageContaining("ES256").hasMessageContaining("RS256");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("client_credentials", Map.of("token_expiry", "2d")), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("client_credentials.token_expiry")
                .hasMessageContaining("AUTHPLANE_CLIENT_CREDENTIALS_TOKEN_EXPIRY");
    }

    @Test
    void unknownKeyIsRefusedListingTheKnownKeys() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("client_credentials", Map.of("enable", true)), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("client_credentials.enable").hasMessageContaining("client_credentials.enabled");
    }

    @Test
    void issuerMustBeAnAbsoluteUrlWithoutTrailingSlash() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("server", Map.of("issuer", "https://as.example.com/")), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AUTHPLANE_SERVER_ISSUER");
    }

    @Test
    void secretsAreHiddenInToString() {
        AuthPlaneConfig c = ConfigLoader.load(Map.of("admin", Map.of("api_key", "0123456789abcdef-secret")), Map.of());

        assertThat(c.toString()).doesNotContain("0123456789abcdef-secret");
    }
}
