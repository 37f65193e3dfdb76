package dev.authplane.examples.authserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin CLI against a real server over HTTP: every command, human and {@code --json} output, errors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCOPE = "tools/query||Query tools";

    @TempDir
    static Path dataDir;

    private AuthServer server;
    private Map<String, String> env;

    @BeforeAll
    void start() {
        server = TestServers.start(dataDir, Map.of());
        env = Map.of("AUTHPLANE_ADMIN_URL", server.adminUrl(), "AUTHPLANE_DATA_DIR", dataDir.toString());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private TestServers.Run admin(String... args) {
        return TestServers.admin(env, args);
    }

    private JsonNode createClient(String name) throws Exception {
        TestServers.Run run = admin("client", "create", "--name", name, "--grant-types", "client_credentials",
                "--auth-method", "client_secret_post", "--scopes", SCOPE, "--json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return JSON.readTree(run.out());
    }

    @Test
    void seedResourceCreateIsAcceptedVerbatimAndListed() {
        TestServers.Run created = admin("resource", "create", "--slug", "seed-mcp", "--uri",
                "https://mcp.example.com/mcp", "--backend-kind", "mint", "--scopes", SCOPE);
        TestServers.Run listed = admin("resource", "list");

        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(created.out()).startsWith("Created resource seed-mcp (res_")
                .contains("  uri           https://mcp.example.com/mcp\n")
                .contains("  scopes        tools/query (Query tools)\n");
        assertThat(listed.out()).startsWith("SLUG").contains("seed-mcp  https://mcp.example.com/mcp  mint     tools/query");
    }

    @Test
    void clientCreatePrintsIdSecretAndTheNotToBeShownAgainNotice() {
        TestServers.Run run = admin("client", "create", "--name", "seed-worker", "--grant-types", "client_credentials",
                "--auth-method", "client_secret_post", "--scopes", SCOPE);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("Created client seed-worker\n")
                .containsPattern("(?m)^  client_id      [A-Za-z0-9_-]{16,}$")
                .containsPattern("(?m)^  client_secret  [A-Za-z0-9_-]{43,}$")
                .contains("it will not be shown again");
    }

    @Test
    void clientCreateJsonIsAnObjectWithClientIdAndClientSecret() throws Exception {
        JsonNode created = createClient("json-worker");

        assertThat(created.path("client_id").asText()).isNotBlank();
        assertThat(created.path("client_secret").asText()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(created.path("name").asText()).isEqualTo("json-worker");
    }

    @Test
    void repeatedScopesAreAllRegistered() throws Exception {
        TestServers.Run run = admin("client", "create", "--name", "multi", "--scopes", "tools/query||Query tools",
                "--scopes", "tools/admin||Admin tools", "--json");

        assertThat(JSON.readTree(run.out()).path("scopes").findValuesAsText("name"))
                .containsExactlyInAnyOrder("tools/query", "tools/admin");
    }

    @Test
    void rotateSecretPrintsANewSecretOnce() throws Exception {
        JsonNode created = createClient("rotating");

        TestServers.Run run = admin("client", "rotate-secret", "rotating");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("New secret for client rotating").contains("will not be shown again")
                .doesNotContain(created.path("client_secret").asText());
    }

    @Test
    void updateReplacesTheScopesAndSaysWhatTheClientMayNowReceive() throws Exception {
        String clientId = createClient("widening").path("client_id").asText();

        TestServers.Run run = admin("client", "update", "widening", "--scopes", "tools/query||Query tools",
                "--scopes", "tools/admin");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("Client widening (" + clientId + ") may now receive: tools/query tools/admin;"
                + " resources: any (no list)\n");
        TestServers.Run none = admin("client", "update", "widening");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).isEqualTo("authserver: give --scopes, --resources, --token-lifetime or several\n");
    }

    @Test
    void resourcesAreListedAtCreationReplacedByUpdateAndClearedByAnEmptyValue() throws Exception {
        admin("resource", "create", "--slug", "solo-mcp", "--uri", "https://x.example.com/mcp",
                "--scopes", "tools/query||Query tools");
        TestServers.Run created = admin("client", "create", "--name", "limited", "--scopes", "tools/query",
                "--resources", "solo-mcp", "--json");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(new ObjectMapper().readTree(created.out()).path("resources").toString()).isEqualTo("[\"solo-mcp\"]");
        assertThat(admin("client", "list").out()).contains("solo-mcp");

        TestServers.Run refused = admin("client", "update", "limited", "--resources", "no-such-mcp");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("no resource with slug 'no-such-mcp'").doesNotContain("Exception");

        TestServers.Run cleared = admin("client", "update", "limited", "--resources", "");
        assertThat(cleared.exitCode()).as(cleared.toString()).isZero();
        assertThat(cleared.out()).endsWith("resources: any (no list)\n");
    }

    @Test
    void aPrivateKeyJwtClientIsMadeFromAKeygenKeyPairWithoutSecretAndReKeyed() throws Exception {
        Path privateKey = dataDir.resolve("agent-key.jwk");
        TestServers.Run keygen = admin("keygen", "--kid", "agent-key-1", "--out", privateKey.toString());
        assertThat(keygen.exitCode()).as(keygen.toString()).isZero();
        assertThat(java.nio.file.Files.getPosixFilePermissions(privateKey))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(java.nio.file.Files.readString(privateKey)).contains("\"d\"");
        assertThat(keygen.out()).contains("\"kid\":\"agent-key-1\"").doesNotContain("\"d\"");
        Path publicJwks = dataDir.resolve("agent-jwks.json");
        java.nio.file.Files.writeString(publicJwks, keygen.out());
        assertThat(admin("keygen", "--kid", "again", "--out", privateKey.toString()).err())
                .contains("exists").doesNotContain("Exception");

        TestServers.Run created = admin("client", "create", "--name", "signing-agent", "--auth-method", "private_key_jwt",
                "--jwks-file", publicJwks.toString(), "--scopes", "tools/query");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(created.out()).contains("  keys         agent-key-1\n").doesNotContain("client_secret")
                .contains("No secret");
        assertThat(admin("client", "list").out()).containsPattern("signing-agent .* private_key_jwt +agent-key-1 ");

        TestServers.Run rotate = admin("client", "rotate-secret", "signing-agent");
        assertThat(rotate.exitCode()).isEqualTo(1);
        assertThat(rotate.err()).contains("no secret to rotate").doesNotContain("Exception");
        TestServers.Run withPrivate = admin("client", "set-keys", "signing-agent", "--jwks-file", privateKey.toString());
        assertThat(withPrivate.exitCode()).isEqualTo(1);
        assertThat(withPrivate.err()).contains("private members");

        Path second = dataDir.resolve("agent-key-2.jwk");
        TestServers.Run keygen2 = admin("keygen", "--kid", "agent-key-2", "--alg", "RS256", "--out", second.toString());
        java.nio.file.Files.writeString(publicJwks, keygen2.out());
        TestServers.Run rekeyed = admin("client", "set-keys", "signing-agent", "--jwks-file", publicJwks.toString(), "--json");
        assertThat(rekeyed.exitCode()).as(rekeyed.toString()).isZero();
        assertThat(JSON.readTree(rekeyed.out()).path("key_ids").toString()).isEqualTo("[\"agent-key-2\"]");
        assertThat(admin("client", "set-keys", "signing-agent").err()).contains("--jwks-file");
    }

    @Test
    void disableEnableAndDeleteByNameReportTheNewState() throws Exception {
        String clientId = createClient("lifecycle").path("client_id").asText();

        assertThat(admin("client", "disable", "lifecycle").out())
                .isEqualTo("Client lifecycle (" + clientId + ") is now disabled\n");
        assertThat(admin("client", "enable", clientId).out())
                .isEqualTo("Client lifecycle (" + clientId + ") is now active\n");
        assertThat(admin("client", "delete", "lifecycle").out()).isEqualTo("Deleted client lifecycle\n");
        assertThat(admin("client", "list").out()).doesNotContain(clientId);
    }

    @Test
    void unknownClientIsOneLineAndExitCodeOne() {
        TestServers.Run run = admin("client", "disable", "no-such-client");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("authserver: ").contains("no-such-client").endsWith("\n")
                .satisfies(e -> assertThat(e.strip()).doesNotContain("\n"));
    }

    @Test
    void issuanceListWithoutTokensSaysSo() {
        TestServers.Run run = admin("issuance", "list", "--client", "backend-worker", "--limit", "3");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("No tokens issued in the last 24h to backend-worker.\n");
    }

    @Test
    void issuanceLimitAboveFiveThousandIsAUsageError() {
        TestServers.Run run = admin("issuance", "list", "--limit", "5001");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("authserver: --limit must be from 1 to 5000\n");
    }

    @Test
    void keyRotateMakesANewActiveKeyAndKeepsTheOldOneListed() throws Exception {
        String before = JSON.readTree(admin("key", "list", "--json").out()).path("keys").get(0).path("kid").asText();

        TestServers.Run rotated = admin("key", "rotate");
        TestServers.Run listed = admin("key", "list");

        assertThat(rotated.out()).startsWith("New active signing key ").contains("(ES256)");
        assertThat(listed.out()).startsWith("KID").contains(before).contains("retired").contains("active");
    }

    @Test
    void adminCliFindsTheGeneratedKeyInTheDataDirectory() {
        assertThat(env).doesNotContainKey("AUTHPLANE_ADMIN_API_KEY");

        assertThat(admin("resource", "list").exitCode()).isZero();
    }

    @Test
    void wrongAdminKeyIsRefusedWithOneLine() {
        TestServers.Run run = TestServers.cli(Map.of("AUTHPLANE_ADMIN_URL", server.adminUrl(),
                "AUTHPLANE_ADMIN_API_KEY", "not-the-right-key-at-all"), "admin", "resource", "list");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("authserver: the admin API refused the admin key (HTTP 401)")
                .doesNotContain("not-the-right-key-at-all");
    }

    @Test
    void missingKeyFileSaysWhereItLooked(@TempDir Path empty) {
        TestServers.Run run = TestServers.cli(Map.of("AUTHPLANE_ADMIN_URL", server.adminUrl(),
                "AUTHPLANE_DATA_DIR", empty.toString()), "admin", "resource", "list");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no admin API key").contains(empty.resolve("admin-api-key").toString());
    }

    @Test
    void unreachableAdminApiIsOneLineNamingTheUrl() {
        TestServers.Run run = admin("resource", "list", "--admin-url", "http://127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("authserver: cannot reach the admin API at http://127.0.0.1:1 (connection"
                + " refused; is 'authserver serve' running?); set --admin-url or AUTHPLANE_ADMIN_URL\n");
    }

    @Test
    void missingRequiredOptionIsOneLineWithAHelpHint() {
        TestServers.Run run = admin("client", "create");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("authserver: Missing required option: '--name=<name>'")
                .endsWith("(see 'authserver admin client create --help')\n");
    }

    @Test
    void malformedScopeIsRefusedBeforeAnyRequest() {
        TestServers.Run run = admin("resource", "create", "--slug", "x", "--uri", "https://x.example/mcp",
                "--scopes", "bad scope||");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("authserver: --scopes: scope name 'bad scope' is not a valid scope token");
    }

    @Test
    void nonMintBackendKindIsRefusedByTheServerWithItsMessage() {
        TestServers.Run run = admin("resource", "create", "--slug", "broker", "--uri", "https://broker.example/mcp",
                "--backend-kind", "broker");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("authserver: ").contains("mint");
    }

    @Test
    void issuanceListFiltersByResourceSlugIdOrUri() throws Exception {
        admin("resource", "create", "--slug", "audited", "--uri", "https://audited.example/mcp", "--scopes", SCOPE);
        admin("resource", "create", "--slug", "quiet", "--uri", "https://quiet.example/mcp", "--scopes", SCOPE);
        JsonNode client = createClient("audit-worker");
        String form = "grant_type=client_credentials&client_id=" + client.path("client_id").asText()
                + "&client_secret=" + client.path("client_secret").asText() + "&resource=https%3A%2F%2Faudited.example%2Fmcp";
        HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + server.publicPort() + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);

        for (String filter : new String[] {"audited", "https://audited.example/mcp"}) {
            JsonNode rows = JSON.readTree(admin("issuance", "list", "--resource", filter, "--json").out()).path("issuances");
            assertThat(rows).as(filter).hasSize(1);
            assertThat(rows.get(0).path("client_name").asText()).isEqualTo("audit-worker");
        }
        assertThat(admin("issuance", "list", "--resource", "quiet").out())
                .isEqualTo("No tokens issued in the last 24h for quiet.\n");
        assertThat(admin("issuance", "list", "--resource", "no-such-resource").exitCode()).isEqualTo(1);
    }

    @Test
    void issuanceRevokeAndClientRevokeTokensMarkTheRowsAndAnIntrospectingClientIsCreated() throws Exception {
        admin("resource", "create", "--slug", "rev-mcp", "--uri", "https://rev.example/mcp", "--scopes", SCOPE);
        JsonNode client = createClient("revoke-worker");
        String form = "grant_type=client_credentials&client_id=" + client.path("client_id").asText()
                + "&client_secret=" + client.path("client_secret").asText() + "&resource=https%3A%2F%2Frev.example%2Fmcp";
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            "http://127.0.0.1:" + server.publicPort() + "/oauth/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        }
        String jti = JSON.readTree(admin("issuance", "list", "--client", "revoke-worker", "--json").out())
                .path("issuances").get(0).path("jti").asText();
        assertThat(admin("issuance", "list", "--revoked").out()).isEqualTo("No revoked tokens issued in the last 24h.\n");

        assertThat(admin("issuance", "revoke", jti).out()).startsWith("Revoked token " + jti + " of revoke-worker"
                + " (revoked by an administrator at ");
        assertThat(admin("client", "revoke-tokens", "revoke-worker").out())
                .isEqualTo("Revoked 2 unexpired token(s) of client revoke-worker\n");
        assertThat(JSON.readTree(admin("issuance", "list", "--revoked", "--json").out()).path("issuances")).hasSize(3);
        TestServers.Run unknown = admin("issuance", "revoke", "no-such-jti");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("no-such-jti").doesNotContain("Exception");

        TestServers.Run gateway = admin("client", "create", "--name", "gateway", "--grant-types", "none",
                "--introspect", "--resources", "rev-mcp", "--json");
        assertThat(gateway.exitCode()).as(gateway.toString()).isZero();
        JsonNode created = JSON.readTree(gateway.out());
        assertThat(created.path("introspect").asBoolean()).isTrue();
        assertThat(created.path("grant_types")).isEmpty();
        TestServers.Run withoutResources = admin("client", "create", "--name", "blind-gateway", "--introspect");
        assertThat(withoutResources.exitCode()).isEqualTo(1);
        assertThat(withoutResources.err()).contains("needs a resource list");
    }

    @Test
    void groupCommandWithoutSubcommandPrintsItsUsageAndExitsTwo() {
        TestServers.Run run = admin("client");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Usage: authserver admin client ").contains("rotate-secret");
        assertThat(run.out()).isEmpty();
    }
}
