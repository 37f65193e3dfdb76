package dev.authplane.mcp.verifier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** Well-known URL construction (RFC 8414 §3.1, RFC 9728 §3.1) and loopback detection. */
class UrisTest {

    @ParameterizedTest
    @CsvSource({
            "https://as.example.com, https://as.example.com/.well-known/oauth-authorization-server",
            "https://as.example.com/, https://as.example.com/.well-known/oauth-authorization-server",
            "https://as.example.com/tenants/a, https://as.example.com/.well-known/oauth-authorization-server/tenants/a",
            "http://127.0.0.1:9000/x/, http://127.0.0.1:9000/.well-known/oauth-authorization-server/x/"})
    void rfc8414WellKnownGoesBetweenHostAndPath(String issuer, String expected) {
        assertThat(Uris.wellKnownUrl(URI.create(issuer), Uris.AUTHORIZATION_SERVER_WELL_KNOWN)).isEqualTo(expected);
    }

    @Test
    void rfc9728ExampleResourceMetadataUrl() {
        assertThat(Uris.wellKnownUrl(URI.create("https://resource.example.com/resource1"), Uris.PROTECTED_RESOURCE_WELL_KNOWN))
                .isEqualTo("https://resource.example.com/.well-known/oauth-protected-resource/resource1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "[::1]", "::1"})
    void loopbackHosts(String host) {
        assertThat(Uris.isLoopback(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "127.0.0.1.example.com", "10.0.0.1", "localhost.example.com", "app.localhost", "[::2]"})
    void nonLoopbackHosts(String host) {
        assertThat(Uris.isLoopback(host)).isFalse();
    }
}
