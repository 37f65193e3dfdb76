package dev.authplane.reliability;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8, hostile input at the admin API: a seeded corpus of at least 1,000 malformed requests,
 * all with the valid admin key (plus a share with wrong or doubled keys), gets only 4xx JSON errors
 * with a documented admin code, never a 5xx, and changes nothing; valid administration works
 * afterwards.
 */
class HostileAdminRequestsTest {

    @Test
    void malformedAdminRequestsGetOnly4xxJsonErrorsAndChangeNothing() throws Exception {
        try (HikariDataSource pool = Databases.pool(Databases.h2FileUrl(WorkDir.fresh("hostile-admin")), 10);
             EmbeddedServer server = EmbeddedServer.start(pool, Map.of())) {
            server.registerResource();
            server.registerClient("existing-client", "client_secret_basic");
            String clientsBefore = server.admin("GET", "/clients", null).body();
            String resourcesBefore = server.admin("GET", "/resources", null).body();
            long seed = Long.getLong("reliability.seed", 8);

            List<RawHttp.Request> corpus = new AdminRequestCorpus(seed, server.adminKey()).generate(Sizes.pick(1_100, 11_000));
            CorpusRun run = CorpusRun.send(server.port(), corpus, (request, response) -> ResponseRules.adminError(response));

            System.out.printf("hostile admin corpus (seed %d, %d requests, %s): %s%n", seed, corpus.size(), Sizes.mode(),
                    run.outcomes());
            assertThat(corpus).hasSizeGreaterThanOrEqualTo(1_000);
            run.assertNoViolations();
            assertThat(server.admin("GET", "/clients", null).body()).isEqualTo(clientsBefore);
            assertThat(server.admin("GET", "/resources", null).body()).isEqualTo(resourcesBefore);
            HttpResponse<String> created = server.admin("POST", "/clients", "{\"name\":\"after-corpus\","
                    + "\"grant_types\":[\"client_credentials\"],\"scopes\":[\"tools/query||Query\"]}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            SecretLedger.record("client-secret", Http.json(created.body()).path("client_secret").asText());
        }
    }
}
