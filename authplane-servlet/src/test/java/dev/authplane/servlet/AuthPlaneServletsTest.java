package dev.authplane.servlet;

import dev.authplane.core.AuthPlane;
import dev.authplane.core.support.SecureRandomIdGenerator;
import dev.authplane.servlet.TestRegistrations.RegisteredClient;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How {@link AuthPlaneServlets} maps the endpoints onto a servlet context with a context path. */
class AuthPlaneServletsTest {

    private static AuthPlane planWithIssuer(String issuer) {
        return AuthPlane.builder(TestServer.config(Map.of("server", Map.of("issuer", issuer)))).build();
    }

    @Test
    void registerWhenIssuerPathEqualsContextPathThenEndpointsAreAtTheContextRoot() {
        try (TestServer server = TestServer.start(planWithIssuer("https://as.example.test/auth"), "/auth")) {
            RegisteredClient client = TestRegistrations.seed(server);

            HttpResponse<String> token = server.send(server.request("/auth/oauth/token")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(TestRegistrations.postForm(client))));

            assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
            assertThat(server.get("/auth/.well-known/jwks.json").statusCode()).isEqualTo(200);
            assertThat(server.get("/auth/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void registerWhenIssuerPathOutsideContextPathThenStartupFails() {
        assertThatThrownBy(() -> TestServer.start(planWithIssuer("https://as.example.test/other"), "/auth"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void adminKeysWithFewerThan128BitsOrLittleVarietyAreRefused() {
        assertThatThrownBy(() -> new AdminKey("sixteen-chars-ok")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 22 characters");
        assertThatThrownBy(() -> new AdminKey("a".repeat(40))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too little variety");
        assertThat(AuthPlaneServlets.adminKeyProblem("1234567890123456789012")).isPresent();
        assertThat(AuthPlaneServlets.adminKeyProblem(new SecureRandomIdGenerator().randomToken(24))).isEmpty();
        assertThat(AuthPlaneServlets.adminKeyProblem(TestServer.ADMIN_KEY)).isEmpty();
    }
}
