package dev.authplane.examples.worker;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** The parsing half of discovery; the HTTP half runs against real servers in examples/e2e. */
class AuthorizationDiscoveryTest {

    @Test
    void challengeParametersAreReadQuotedOrAsTokensWhateverTheirOrder() {
        String challenge = "Bearer error=\"insufficient_scope\", scope=\"tools/basic tools/query\","
                + " resource_metadata=\"http://localhost:8080/.well-known/oauth-protected-resource/mcp\", realm=mcp";

        assertThat(AuthorizationDiscovery.param(challenge, "scope")).hasValue("tools/basic tools/query");
        assertThat(AuthorizationDiscovery.param(challenge, "resource_metadata"))
                .hasValue("http://localhost:8080/.well-known/oauth-protected-resource/mcp");
        assertThat(AuthorizationDiscovery.param(challenge, "realm")).hasValue("mcp");
        assertThat(AuthorizationDiscovery.param(challenge, "metadata")).isEmpty();
        assertThat(AuthorizationDiscovery.param("Bearer error_scope=\"x\"", "scope")).isEmpty();
        assertThat(AuthorizationDiscovery.param("Bearer scope=\"a \\\"b\\\"\"", "scope")).hasValue("a \"b\"");
    }

    @Test
    void wellKnownSuffixGoesBetweenHostAndPath() {
        assertThat(AuthorizationDiscovery.wellKnown(URI.create("https://as.example.com/tenant"), "/.well-known/oauth-authorization-server"))
                .isEqualTo(URI.create("https://as.example.com/.well-known/oauth-authorization-server/tenant"));
        assertThat(AuthorizationDiscovery.wellKnown(URI.create("http://localhost:9000"), "/.well-known/oauth-authorization-server"))
                .isEqualTo(URI.create("http://localhost:9000/.well-known/oauth-authorization-server"));
        assertThat(AuthorizationDiscovery.wellKnown(URI.create("http://localhost:8080/mcp"), "/.well-known/oauth-protected-resource"))
                .isEqualTo(URI.create("http://localhost:8080/.well-known/oauth-protected-resource/mcp"));
    }
}
