package dev.authplane.mcp.verifier.servlet;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.authplane.dpop.TestDPoPProofs;
import dev.authplane.mcp.verifier.StubAuthorizationServer;
import dev.authplane.mcp.verifier.TestTokens;
import dev.authplane.mcp.verifier.TokenVerifier;
import dev.authplane.mcp.verifier.VerifiedToken;
import dev.authplane.testsupport.MutableClock;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;

import static dev.authplane.mcp.verifier.TestTokens.EC_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/** The filter over real HTTP on embedded Jetty: statuses, challenges (RFC 6750 §3, RFC 9728 §5.1), metadata. */
class AccessTokenFilterTest {

    static final String RESOURCE = "https://mcp.example.com/mcp";
    static final String PRM_URL = "https://mcp.example.com/.well-known/oauth-protected-resource/mcp";

    final HttpClient http = HttpClient.newHttpClient();
    final MutableClock clock = MutableClock.startingNow();
    StubAuthorizationServer as;
    TokenVerifier verifier;
    Server jetty;
    String base;

    @BeforeEach
    void setUp() throws Exception {
        as = StubAuthorizationServer.start().publish(EC_KEY);
        verifier = TokenVerifier.builder(as.issuer(), RESOURCE).clock(clock).requiredScopes("tools/query").build();
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new WhoAmI()), "/mcp");
        FilterHolder filter = new FilterHolder(new AccessTokenFilter(verifier));
        context.addFilter(filter, "/mcp", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(filter, verifier.protectedResourceMetadataPath(), EnumSet.of(DispatcherType.REQUEST));
        jetty.setHandler(context);
        jetty.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterEach
    void tearDown() throws Exception {
        jetty.stop();
        verifier.close();
        as.close();
    }

    /** Echoes what the filter stored. */
    static final class WhoAmI extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            VerifiedToken token = (VerifiedToken) req.getAttribute(VerifiedToken.REQUEST_ATTRIBUTE);
            resp.getWriter().write(token.clientId());
        }
    }

    HttpResponse<String> post(String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/mcp")).POST(HttpRequest.BodyPublishers.ofString("{}"));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    String token(String scope) {
        return TestTokens.token(as.issuer(), RESOURCE, clock).scope(scope).sign();
    }

    @Test
    void validTokenThenRequestReachesTheServletWithTheVerifiedToken() throws Exception {
        HttpResponse<String> response = post("Authorization", "Bearer " + token("tools/query"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("worker-1");
    }

    @Test
    void noTokenThen401WithResourceMetadataAndNoErrorAttribute() throws Exception {
        HttpResponse<String> response = post();
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .containsExactly("Bearer resource_metadata=\"" + PRM_URL + "\", scope=\"tools/query\"");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void rejectedTokenThen401InvalidTokenWithFixedDescription() throws Exception {
        String expired = TestTokens.token(as.issuer(), RESOURCE, clock).expiresAt(clock.instant().minusSeconds(3600)).sign();
        HttpResponse<String> response = post("Authorization", "Bearer " + expired);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer resource_metadata=\"" + PRM_URL
                + "\", error=\"invalid_token\", error_description=\"The access token is invalid\", scope=\"tools/query\"");
        assertThat(JSONObjectUtils.parse(response.body())).containsEntry("error", "invalid_token")
                .containsEntry("error_description", "The access token is invalid");
        assertThat(response.body()).doesNotContainIgnoringCase("expired");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void tokenWithoutRequiredScopeThen403InsufficientScopeNamingTheScope() throws Exception {
        HttpResponse<String> response = post("Authorization", "Bearer " + token("tools/list"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer resource_metadata=\"" + PRM_URL
                + "\", error=\"insufficient_scope\", error_description=\"The access token lacks a required scope\""
                + ", scope=\"tools/query\"");
    }

    @Test
    void jwksUnreachableWithColdCacheThen503NotA401() throws Exception {
        as.setDown(true);
        HttpResponse<String> response = post("Authorization", "Bearer " + token("tools/query"));
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(JSONObjectUtils.parse(response.body())).containsEntry("error", "temporarily_unavailable");
    }

    @Test
    void twoAuthorizationHeadersThen400InvalidRequest() throws Exception {
        String header = "Bearer " + token("tools/query");
        HttpResponse<String> response = post("Authorization", header, "Authorization", header);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().contains("error=\"invalid_request\"");
    }

    @Test
    void dpopBoundTokenAsBearerThen401WithDPoPChallenge() throws Exception {
        ECKey clientKey = TestTokens.ecKey("client");
        String bound = TestTokens.token(as.issuer(), RESOURCE, clock).boundTo(clientKey).sign();
        HttpResponse<String> response = post("Authorization", "Bearer " + bound);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString()
                .startsWith("DPoP resource_metadata=\"" + PRM_URL + "\", error=\"invalid_token\"")
                .endsWith(", algs=\"ES256 PS256 RS256\"");
    }

    @Test
    void dpopBoundTokenWithValidProofThenAccepted() throws Exception {
        ECKey clientKey = TestTokens.ecKey("client");
        String bound = TestTokens.token(as.issuer(), RESOURCE, clock).boundTo(clientKey).sign();
        String proof = TestDPoPProofs.forResource(clientKey, "POST", RESOURCE, bound, clock.instant()).sign();
        HttpResponse<String> response = post("Authorization", "DPoP " + bound, "DPoP", proof);
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void corsPreflightPassesWithoutATokenButPlainOptionsDoesNot() throws Exception {
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(base + "/mcp"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://mcp.example.com").header("Access-Control-Request-Method", "POST").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(200);
        HttpResponse<String> options = http.send(HttpRequest.newBuilder(URI.create(base + "/mcp"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(options.statusCode()).isEqualTo(401);
    }

    @Test
    void metadataDocumentServedWithoutAToken() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(base + verifier.protectedResourceMetadataPath())).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        assertThat(JSONObjectUtils.parse(response.body())).containsEntry("resource", RESOURCE);
    }

    @Test
    void metadataDocumentRefusesPost() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + verifier.protectedResourceMetadataPath()))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
    }
}
