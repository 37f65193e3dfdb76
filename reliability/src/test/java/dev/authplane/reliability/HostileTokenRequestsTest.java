package dev.authplane.reliability;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8, hostile input at the token endpoint: a seeded corpus of at least 1,000 malformed
 * requests (mutated and random forms, broken percent-encoding and UTF-8, bad Basic headers,
 * repeated parameters, huge values and bodies, wrong methods and content types, control
 * characters, SQL and JSON fragments, garbage DPoP proofs) gets only well-formed RFC 6749 JSON
 * errors with a 4xx status: never a 5xx, never a token, no issuance row. A valid request succeeds
 * afterwards. Seed: {@code -Dreliability.seed} (default 8).
 */
class HostileTokenRequestsTest {

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private EmbeddedServer server(Map<String, Map<String, Object>> overrides) {
        HikariDataSource pool = Databases.pool(Databases.h2FileUrl(WorkDir.fresh("hostile-token")), 10);
        open.add(pool);
        EmbeddedServer server = EmbeddedServer.start(pool, overrides);
        open.add(server);
        server.registerResource();
        return server;
    }

    /**
     * Runs once with failure throttling off (every request reaches the deepest step it can) and
     * once with the default limits (most wrong-secret requests end as 429 slow_down).
     */
    @ParameterizedTest(name = "failed-auth throttling {0}")
    @ValueSource(strings = {"off", "at its defaults"})
    void malformedTokenRequestsGetOnly4xxJsonErrorsAndNoTokenThenAValidRequestSucceeds(String throttling)
            throws Exception {
        EmbeddedServer server = server(throttling.equals("off")
                ? Map.of("security", Map.of("max_failed_auth_per_client", 0, "max_failed_auth_per_address", 0))
                : Map.of());
        TestClient client = server.registerClient("hostile-target", "client_secret_post");
        assertSucceeds(server.token(client));
        long seed = Long.getLong("reliability.seed", 8);
        int size = Sizes.pick(1_200, 12_000);

        List<RawHttp.Request> corpus = new TokenRequestCorpus(seed, client, EmbeddedServer.RESOURCE).generate(size);
        CorpusRun run = CorpusRun.send(server.port(), corpus, ResponseRules::tokenError);

        System.out.printf("hostile token corpus (%s, seed %d, %d requests, %s): %s%n", throttling, seed, corpus.size(),
                Sizes.mode(), run.outcomes());
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(1_000);
        run.assertNoViolations();
        assertThat(server.issuanceCount(client.clientId())).as("issuance rows: only the warm-up request's").isEqualTo(1);
        assertSucceeds(server.token(client));
        assertThat(server.issuanceCount(client.clientId())).isEqualTo(2);
    }

    /** The shipped server (its own Jetty set-up, H2 defaults) answers the same corpus the same way. */
    @Test
    void runnableServerAnswersMalformedTokenRequestsOnlyWith4xxJsonErrors() throws Exception {
        try (ServerProcess server = ServerProcess.start("hostile", ServerProcess.environment(WorkDir.fresh("hostile-process"),
                Map.of()))) {
            server.createResource("mcp", EmbeddedServer.RESOURCE);
            TestClient client = server.createClient("hostile-process-target", "client_secret_post");
            assertSucceeds(Http.postForm(server.tokenEndpoint(), client.form(EmbeddedServer.RESOURCE)));
            List<RawHttp.Request> corpus = new TokenRequestCorpus(Long.getLong("reliability.seed", 8) + 1, client,
                    EmbeddedServer.RESOURCE).generate(Sizes.pick(1_000, 10_000));

            CorpusRun run = CorpusRun.send(server.uri("/").getPort(), corpus, ResponseRules::tokenError);

            System.out.printf("hostile token corpus against the runnable server (%d requests, %s): %s%n", corpus.size(),
                    Sizes.mode(), run.outcomes());
            run.assertNoViolations();
            assertSucceeds(Http.postForm(server.tokenEndpoint(), client.form(EmbeddedServer.RESOURCE)));
        }
    }

    /**
     * Issue 14 §5: every header the endpoints read, in each systematic variant, on every endpoint
     * of the embedded wiring and of the shipped server: no 5xx, no token. (An unknown form charset
     * was a 500 before.)
     */
    @Test
    void systematicHeaderVariantsOnEveryEndpointNeverGetA5xxOrAToken() throws Exception {
        EmbeddedServer server = server(Map.of("security", Map.of("max_failed_auth_per_client", 0,
                "max_failed_auth_per_address", 0)));
        TestClient client = server.registerClient("header-target", "client_secret_post");
        String wrong = new TestClient(client.clientId(), client.secret() + "x", client.authMethod())
                .form(EmbeddedServer.RESOURCE);
        List<RawHttp.Request> corpus = HeaderVariantCorpus.generate(
                HeaderVariantCorpus.targets(wrong, server.adminKey(), true));

        CorpusRun run = CorpusRun.send(server.port(), corpus, (request, response) ->
                ResponseRules.neverServerErrorOrToken(response));
        System.out.printf("header variants, embedded (%d requests): %s%n", corpus.size(), run.outcomes());
        run.assertNoViolations();

        try (ServerProcess shipped = ServerProcess.start("header-variants", ServerProcess.environment(
                WorkDir.fresh("header-variants"), Map.of()))) {
            shipped.createResource("mcp", EmbeddedServer.RESOURCE);
            TestClient target = shipped.createClient("header-process-target", "client_secret_post");
            assertSucceeds(Http.postForm(shipped.tokenEndpoint(), target.form(EmbeddedServer.RESOURCE)));
            String wrongForm = new TestClient(target.clientId(), target.secret() + "x", target.authMethod())
                    .form(EmbeddedServer.RESOURCE);
            List<RawHttp.Request> publicCorpus = HeaderVariantCorpus.generate(
                    HeaderVariantCorpus.targets(wrongForm, null, false));
            CorpusRun shippedRun = CorpusRun.send(shipped.uri("/").getPort(), publicCorpus, (request, response) ->
                    ResponseRules.neverServerErrorOrToken(response));
            System.out.printf("header variants, shipped server (%d requests): %s%n", publicCorpus.size(),
                    shippedRun.outcomes());
            shippedRun.assertNoViolations();
            assertSucceeds(Http.postForm(shipped.tokenEndpoint(), target.form(EmbeddedServer.RESOURCE)));
        }
        assertThat(server.issuanceCount(client.clientId())).isZero();
        assertSucceeds(server.token(client));
    }

    /**
     * Bytes that are not valid HTTP never reach AuthPlane: the servlet container refuses them. They
     * must still be refused with a 4xx, never a 5xx, never a token.
     */
    @Test
    void requestsThatAreNotValidHttpAreRefusedByTheContainerWith4xx() throws Exception {
        EmbeddedServer server = server(Map.of());
        TestClient client = server.registerClient("container-target", "client_secret_post");
        byte[] form = Fragments.utf8(client.form(EmbeddedServer.RESOURCE));
        List<RawHttp.Request> corpus = List.of(
                raw("control character in a header", "Authorization", "Basic \u0001\u0002", form),
                raw("NUL in a header", "DPoP", "a\u0000b", form),
                raw("header line without a colon", "X-Broken\r\nno colon here", "x", form),
                raw("header over 16 KiB", "X-Pad", "p".repeat(20_000), form),
                raw("bad Content-Length", "Content-Length", "12abc", form),
                raw("negative Content-Length", "Content-Length", "-5", form),
                raw("two Content-Lengths", "Content-Length", form.length + "\r\nContent-Length: 3", form),
                new RawHttp.Request("URI over 16 KiB", "POST", TokenRequestCorpus.PATH + "?" + "q".repeat(20_000),
                        List.<String[]>of(new String[] {"Content-Type", TokenRequestCorpus.FORM}), form),
                new RawHttp.Request("space in the request target", "POST", "/oauth/ token",
                        List.<String[]>of(new String[] {"Content-Type", TokenRequestCorpus.FORM}), form),
                new RawHttp.Request("ambiguous path encoding", "POST", "/oauth%2Ftoken",
                        List.<String[]>of(new String[] {"Content-Type", TokenRequestCorpus.FORM}), form),
                new RawHttp.Request("suspicious admin path", "DELETE", "/admin/v1/clients/%25s%5C..%2F",
                        List.<String[]>of(new String[] {"Authorization", "Bearer " + server.adminKey()}), null));

        CorpusRun run = CorpusRun.send(server.port(), corpus, (request, response) ->
                ResponseRules.neverSuccessOrServerError(response));

        System.out.println("container-level refusals: " + run.outcomes());
        run.assertNoViolations();
        assertThat(server.issuanceCount(client.clientId())).isZero();
        assertSucceeds(server.token(client));
    }

    private static RawHttp.Request raw(String label, String header, String value, byte[] body) {
        List<String[]> headers = List.of(new String[] {"Content-Type", TokenRequestCorpus.FORM}, new String[] {header, value});
        return new RawHttp.Request(label, "POST", TokenRequestCorpus.PATH, headers, body);
    }

    static void assertSucceeds(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String token = Http.json(response.body()).path("access_token").asText();
        SecretLedger.record("access-token", token);
        assertThat(token).isNotBlank();
    }
}
