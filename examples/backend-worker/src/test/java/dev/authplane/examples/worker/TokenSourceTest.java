package dev.authplane.examples.worker;

import dev.authplane.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TokenSourceTest {

    private FakeTokenEndpoint endpoint;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T08:00:00Z"));
    private final List<AccessToken> obtained = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        endpoint = new FakeTokenEndpoint();
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    private TokenSource source(long expiresIn) {
        endpoint.answer(200, "{\"access_token\":\"a.b.c\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}");
        TokenClient client = new TokenClient(HttpClient.newHttpClient(), endpoint.url(), "id", "secret",
                TokenClient.AuthMethod.CLIENT_SECRET_POST, clock);
        return new TokenSource(client, "https://mcp.example.com/mcp", "tools/query", clock, obtained::add);
    }

    @Test
    void tokenIsReusedWhileMoreThanTheMarginIsLeft() {
        TokenSource tokens = source(3600);

        tokens.token();
        clock.advance(Duration.ofMinutes(58));
        tokens.token();

        assertThat(endpoint.requests()).hasSize(1);
        assertThat(obtained).hasSize(1);
    }

    @Test
    void reauthenticatesWithClientCredentialsWhenLessThanTheMarginIsLeft() {
        TokenSource tokens = source(3600);

        tokens.token();
        clock.advance(Duration.ofMinutes(59));
        tokens.token();

        assertThat(endpoint.requests()).hasSize(2);
        assertThat(endpoint.requests().get(1).body()).contains("grant_type=client_credentials")
                .doesNotContain("refresh_token");
    }

    @Test
    void shortLivedTokensAreRenewedAfterHalfTheirLifetime() {
        TokenSource tokens = source(10);

        tokens.token();
        clock.advance(Duration.ofSeconds(4));
        tokens.token();
        clock.advance(Duration.ofSeconds(1));
        tokens.token();

        assertThat(endpoint.requests()).hasSize(2);
    }

    @Test
    void invalidateForcesANewRequest() {
        TokenSource tokens = source(3600);

        tokens.token();
        tokens.invalidate();
        tokens.token();

        assertThat(endpoint.requests()).hasSize(2);
    }
}
