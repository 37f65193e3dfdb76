package dev.authplane.mcp.verifier;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The verifier's RFC 7662 client against a loopback HTTP endpoint: what it sends (Basic
 * credentials, the form-encoded token), and how each answer maps: active, inactive, no answer
 * (fail closed or open), malformed.
 */
class IntrospectionCheckTest {

    private HttpServer server;
    private final AtomicReference<String> answer = new AtomicReference<>("{\"active\":true}");
    private final AtomicReference<Integer> status = new AtomicReference<>(200);
    private final AtomicReference<String> seenAuthorization = new AtomicReference<>();
    private final AtomicReference<String> seenBody = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/oauth/introspect", exchange -> {
            seenAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            seenBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private IntrospectionCheck check(boolean failOpen) {
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/oauth/introspect");
        return new IntrospectionCheck(new IntrospectionSettings(endpoint, "gate:way", "s3cret+/=", Duration.ofSeconds(30),
                failOpen), Duration.ofSeconds(2), Duration.ofSeconds(2), 64 * 1024, Clock.systemUTC());
    }

    @Test
    void anActiveAnswerAcceptsAndTheRequestCarriesBasicCredentialsAndTheEncodedToken() {
        assertThatCode(() -> check(false).requireActive("a.b+c/d=", false)).doesNotThrowAnyException();

        assertThat(seenAuthorization.get()).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                "gate%3Away:s3cret%2B%2F%3D".getBytes(StandardCharsets.UTF_8)));
        assertThat(seenBody.get()).isEqualTo("token=a.b%2Bc%2Fd%3D&token_type_hint=access_token");
    }

    @Test
    void anInactiveAnswerRejectsTheTokenWhateverFailOpenSays() {
        answer.set("{\"active\":false}");

        for (boolean failOpen : new boolean[] {false, true}) {
            assertThatThrownBy(() -> check(failOpen).requireActive("t", false))
                    .isInstanceOf(TokenRejectedException.class).hasMessageContaining("not active");
        }
    }

    @Test
    void noUsableAnswerFailsClosedByDefaultAndIsAcceptedOnlyWhenFailOpen() {
        for (String[] broken : new String[][] {{"500", "{\"active\":true}"}, {"401", "{\"error\":\"invalid_client\"}"},
                {"200", "not json"}, {"200", "{\"active\":\"yes\"}"}}) {
            status.set(Integer.parseInt(broken[0]));
            answer.set(broken[1]);
            assertThatThrownBy(() -> check(false).requireActive("t", false)).as(String.join(" ", broken))
                    .isInstanceOf(VerificationUnavailableException.class);
            assertThatCode(() -> check(true).requireActive("t", false)).as(String.join(" ", broken))
                    .doesNotThrowAnyException();
        }
        server.stop(0);
        assertThatThrownBy(() -> check(false).requireActive("t", false))
                .isInstanceOf(VerificationUnavailableException.class);
    }

    @Test
    void theBuilderRefusesIncompleteOrOutOfBoundsIntrospectionSettings() {
        TokenVerifierBuilder base = TokenVerifier.builder("https://as.example.com", "https://mcp.example.com/mcp");
        assertThatThrownBy(() -> TokenVerifier.builder("https://as.example.com", "https://mcp.example.com/mcp")
                .introspectionEndpoint("https://as.example.com/i").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("introspection(clientId");
        assertThatThrownBy(() -> TokenVerifier.builder("https://as.example.com", "https://mcp.example.com/mcp")
                .introspection("gw", "secret").revocationStaleness(Duration.ofHours(2)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("revocationStaleness");
        assertThatThrownBy(() -> TokenVerifier.builder("https://as.example.com", "https://mcp.example.com/mcp")
                .introspection("gw", "secret").introspectionEndpoint("http://as.example.com/i").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
        try (TokenVerifier verifier = base.introspection("gw", "secret").build()) {
            assertThat(verifier.issuer()).isEqualTo("https://as.example.com");
        }
    }
}
