package dev.authplane.reliability;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8, crash: the runnable server is killed with SIGKILL while six clients request tokens, on
 * the file-backed H2 database and on PostgreSQL. After each restart the server starts cleanly
 * (ready line, health up, no ERROR in its log, tokens issued again), and every token any client
 * received before the kill has its issuance row.
 */
class CrashRecoveryTest {

    private static final int THREADS = 6;

    @Test
    void killDashNineUnderLoadOnFileBackedH2LosesNoAcknowledgedIssuanceAndRestartsCleanly() throws Exception {
        Path dataDir = WorkDir.fresh("crash-h2");
        crashCycles("h2", ServerProcess.environment(dataDir, Map.of()),
                "jdbc:h2:file:" + dataDir.resolve("authplane").toAbsolutePath());
    }

    @Test
    void killDashNineUnderLoadOnPostgresLosesNoAcknowledgedIssuanceAndRestartsCleanly() throws Exception {
        String url = Databases.freshPostgresDatabase("crash");
        crashCycles("postgres", ServerProcess.environment(WorkDir.fresh("crash-pg"), Map.of("AUTHPLANE_STORAGE_URL", url)), url);
    }

    private static void crashCycles(String label, Map<String, String> env, String readUrl) throws Exception {
        List<TokenLoad.Outcome> outcomes = new ArrayList<>();
        ServerProcess server = ServerProcess.start("crash-" + label, env);
        try {
            server.createResource("mcp", EmbeddedServer.RESOURCE);
            List<TestClient> clients = List.of(server.createClient("crash-post", "client_secret_post"),
                    server.createClient("crash-basic", "client_secret_basic"));
            int cycles = Sizes.pick(1, 3);
            for (int cycle = 0; cycle < cycles; cycle++) {
                try (TokenLoad load = TokenLoad.start(server.tokenEndpoint(), clients, EmbeddedServer.RESOURCE, THREADS)) {
                    load.awaitOutcomes(Sizes.pick(400, 4_000), Duration.ofSeconds(240));
                    server.kill9();
                    outcomes.addAll(load.stop(Duration.ofSeconds(30)));
                }
                server = server.restart();
                assertStartedCleanly(server, clients, outcomes);
            }
        } finally {
            server.close();
        }
        SecretLedger.recordPrivateKeys(readUrl);
        int orphans = AuditCheck.assertEveryReceivedTokenHasItsRow(outcomes, Databases.issuedJtis(readUrl));
        System.out.printf("crash on %s (%s): %s; rows without a received token (killed before the answer left) %d%n",
                label, Sizes.mode(), TokenLoad.histogram(outcomes), orphans);
        assertThat(outcomes).as("requests answered with a token before the kills").anyMatch(o -> o.status() == 200);
        assertThat(outcomes).as("answers other than 200 or no answer (killed)")
                .allSatisfy(o -> assertThat(o.status()).isIn(0, 200));
    }

    private static void assertStartedCleanly(ServerProcess server, List<TestClient> clients, List<TokenLoad.Outcome> outcomes) {
        assertThat(Http.get(server.uri("/health")).statusCode()).isEqualTo(200);
        for (TestClient client : clients) {
            HttpResponse<String> response = client.authMethod().equals("client_secret_basic")
                    ? Http.postForm(server.tokenEndpoint(), client.form(EmbeddedServer.RESOURCE), "Authorization", client.basicHeader())
                    : Http.postForm(server.tokenEndpoint(), client.form(EmbeddedServer.RESOURCE));
            assertThat(response.statusCode()).as(ResponseRules.clip(response.body())).isEqualTo(200);
            String token = Http.json(response.body()).path("access_token").asText();
            SecretLedger.record("access-token", token);
            outcomes.add(new TokenLoad.Outcome(200, null, TokenLoad.jti(token), 0, System.nanoTime()));
        }
        assertThat(server.log()).as("log of the restarted server").doesNotContain(" ERROR ");
    }
}
