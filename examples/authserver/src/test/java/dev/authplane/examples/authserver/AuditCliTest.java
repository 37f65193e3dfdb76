package dev.authplane.examples.authserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code authserver admin audit list} against a real server: every change the CLI made, newest first, who and from where. */
class AuditCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void theAuditTrailListsEachChangeWithItsActorAndNeverASecret() throws Exception {
        try (AuthServer server = TestServers.start(dataDir, Map.of())) {
            Map<String, String> env = Map.of("AUTHPLANE_ADMIN_URL", server.adminUrl(),
                    "AUTHPLANE_DATA_DIR", dataDir.toString());
            assertThat(TestServers.admin(env, "audit", "list").out()).contains("No administrative changes since 7d.");
            assertThat(TestServers.admin(env, "resource", "create", "--slug", "audited", "--uri",
                    "https://audited.example/mcp", "--scopes", "tools/query").exitCode()).isZero();
            TestServers.Run created = TestServers.admin(env, "client", "create", "--name", "audited-worker",
                    "--grant-types", "client_credentials", "--scopes", "tools/query", "--json");
            assertThat(created.exitCode()).as(created.toString()).isZero();
            JsonNode client = JSON.readTree(created.out());
            assertThat(TestServers.admin(env, "client", "rotate-secret", "audited-worker", "--keep-old-for", "1h")
                    .exitCode()).isZero();

            TestServers.Run table = TestServers.admin(env, "audit", "list");
            TestServers.Run json = TestServers.admin(env, "audit", "list", "--limit", "2", "--json");

            assertThat(table.exitCode()).as(table.toString()).isZero();
            String[] lines = table.out().split("\n");
            assertThat(lines[0]).startsWith("AT").contains("ACTION", "OBJECT", "BY", "FROM", "DETAIL");
            assertThat(lines[1]).contains("client.secret_rotated", client.get("client_id").asText(), "127.0.0.1",
                    "old secret kept for 1h");
            assertThat(lines[2]).contains("client.created", "name audited-worker");
            assertThat(lines[3]).contains("resource.created", "audited");
            assertThat(lines[1]).containsPattern("admin-key:[0-9a-f]{8}");
            assertThat(table.out()).doesNotContain(client.get("client_secret").asText()).doesNotContain(server.adminKey());
            JsonNode events = JSON.readTree(json.out()).get("events");
            assertThat(events).hasSize(2);
            assertThat(events.get(0).get("action").asText()).isEqualTo("client.secret_rotated");

            TestServers.Run bad = TestServers.admin(env, "audit", "list", "--limit", "0");
            assertThat(bad.exitCode()).isEqualTo(CliException.USAGE);
            assertThat(bad.err().strip()).isEqualTo("authserver: --limit must be from 1 to 5000");
        }
    }
}
