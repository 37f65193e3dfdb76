package dev.authplane.reliability;

import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.zaxxer.hikari.HikariDataSource;
import dev.authplane.mcp.verifier.TokenVerifier;
import dev.authplane.mcp.verifier.servlet.AccessTokenFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8, hostile input at the resource side: a seeded corpus of at least 1,000 requests with
 * malformed or forged {@code Authorization} and {@code DPoP} headers against an MCP endpoint behind
 * {@link AccessTokenFilter} gets 401 with a {@code WWW-Authenticate} challenge (400 for two
 * {@code Authorization} headers), never a 5xx, and never reaches the application. A real token
 * passes afterwards.
 */
class HostileVerifierRequestsTest {

    private static final String REACHED = "application reached";

    @Test
    void malformedOrForgedCredentialsGet401AndNeverReachTheApplication() throws Exception {
        String url = Databases.h2FileUrl(WorkDir.fresh("hostile-verifier"));
        try (HikariDataSource pool = Databases.pool(url, 10);
             EmbeddedServer as = EmbeddedServer.start(pool, Map.of())) {
            as.registerResource();
            TestClient client = as.registerClient("verifier-target", "client_secret_post");
            String token = Http.json(as.token(client).body()).path("access_token").asText();
            SecretLedger.record("access-token", token);
            String issuer = as.uri("/").toString().replaceAll("/$", "");
            TokenVerifier verifier = TokenVerifier.builder(issuer, EmbeddedServer.RESOURCE)
                    .jwksUri(issuer + "/.well-known/jwks.json").requiredScopes(EmbeddedServer.SCOPE).build();
            Server mcp = resourceServer(verifier);
            try {
                int port = ((ServerConnector) mcp.getConnectors()[0]).getLocalPort();
                JWK key = JWK.parse(Databases.privateJwks(url).get(0));   // the server hands out no signer
                List<VerifierRequestCorpus.Case> corpus = new VerifierRequestCorpus(Long.getLong("reliability.seed", 8),
                        "/mcp", token, new ECDSASigner(key.toECKey()), key.getKeyID(), issuer, EmbeddedServer.RESOURCE)
                        .generate(Sizes.pick(1_000, 10_000));
                List<RawHttp.Request> requests = new ArrayList<>();
                Map<RawHttp.Request, Integer> expected = new java.util.IdentityHashMap<>();
                corpus.forEach(c -> {
                    requests.add(c.request());
                    expected.put(c.request(), c.expectedStatus());
                });

                CorpusRun run = CorpusRun.send(port, requests, (request, response) -> check(expected.get(request), response));

                System.out.printf("hostile verifier corpus (%d requests, %s): %s%n", requests.size(), Sizes.mode(),
                        run.outcomes());
                assertThat(requests).hasSizeGreaterThanOrEqualTo(1_000);
                run.assertNoViolations();
                HttpResponse<String> ok = Http.get(URI.create("http://127.0.0.1:" + port + "/mcp"),
                        "Authorization", "Bearer " + token);
                assertThat(ok.statusCode()).isEqualTo(200);
                assertThat(ok.body()).isEqualTo(REACHED);
            } finally {
                mcp.stop();
                verifier.close();
            }
        }
    }

    private static Optional<String> check(int expectedStatus, RawHttp.Response response) {
        if (response.status() != expectedStatus) {
            return Optional.of("status " + response.status() + " instead of " + expectedStatus + ": "
                    + ResponseRules.clip(response.body()));
        }
        String challenge = response.header("www-authenticate");
        if (challenge == null || !challenge.contains("resource_metadata=")) {
            return Optional.of("no WWW-Authenticate challenge with resource_metadata");
        }
        if (response.body().contains(REACHED)) {
            return Optional.of("the application was reached");
        }
        return ResponseRules.neverSuccessOrServerError(response);
    }

    private static Server resourceServer(TokenVerifier verifier) throws Exception {
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addFilter(new FilterHolder(new AccessTokenFilter(verifier)), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.setContentType("text/plain");
                response.getWriter().write(REACHED);
            }
        }), "/*");
        jetty.setHandler(context);
        jetty.start();
        return jetty;
    }
}
