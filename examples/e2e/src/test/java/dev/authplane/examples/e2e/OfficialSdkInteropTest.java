package dev.authplane.examples.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import dev.authplane.testsupport.ClientAssertionBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official MCP client SDKs, unmodified, against the example MCP server and the authorization
 * server, all as processes: the TypeScript SDK's {@code ClientCredentialsProvider} and the Python
 * SDK's {@code ClientCredentialsOAuthProvider}, and their {@code private_key_jwt} providers
 * ({@code PrivateKeyJwtProvider} with ES256, {@code PrivateKeyJWTOAuthProvider} with RS256). Each starts with a stored token the MCP server
 * rejects and must recover with one token request (discovery from the 401: RFC 9728, then RFC 8414
 * with its {@code authorization_endpoint}; HTTP Basic for a {@code client_secret_post} client), then
 * lists tools, calls {@code whoami}, and calls {@code query}, which needs a scope the first token
 * lacks: the MCP server answers 403 {@code insufficient_scope} before the tool runs and the SDK steps
 * up with one more token request. The MCP server requires {@code tools/basic} for every request, so
 * its 401 challenge names that scope and its 403 names {@code tools/basic tools/query}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficialSdkInteropTest {

    private static final Duration TIMEOUT = ExampleStack.TIMEOUT;
    private static final ObjectMapper JSON = ExampleStack.JSON;
    private static final String OTHER_RESOURCE = "http://localhost:1/other";

    private Path scripts;
    private ExampleStack stack;

    @BeforeAll
    void start() {
        stack = new ExampleStack("interop", List.of("--required-scope", "tools/basic"));
        scripts = InteropToolchains.ready(stack.workDir.getParent());
        stack.admin("resource", "create", "--slug", "my-mcp", "--uri", stack.resource,
                "--scopes", "tools/basic||Connect", "--scopes", "tools/query||Query tools");
        stack.admin("resource", "create", "--slug", "other-mcp", "--uri", OTHER_RESOURCE, "--scopes", "tools/basic");
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void typescriptSdkRecoversFromARejectedTokenAndStepsUpOnTheScopeChallenge() throws Exception {
        JsonNode client = stack.createClient("ts-sdk-worker", "tools/basic||Connect");
        try (JarProcess ts = JarProcess.exec("ts-client", List.of("node", "ts_client.mjs"), scripts, env(client))) {
            ts.awaitStdoutLine(Pattern.compile("\"step\":\"paused\""), TIMEOUT);
            assertThat(stack.issuedScopes("ts-sdk-worker", "my-mcp")).as("one token request after the rejected token")
                    .containsExactly("tools/basic");
            stack.admin("client", "update", "ts-sdk-worker", "--scopes", "tools/basic||Connect", "--scopes", "tools/query||Query");
            ts.writeLine("go");
            JarProcess.Result result = ts.awaitExit(TIMEOUT);
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertSteps(result.stdout(), client);
        }
        assertThat(stack.issuedScopes("ts-sdk-worker", "my-mcp")).as("one more token request after the 403")
                .containsExactly("tools/basic", "tools/basic tools/query");
    }

    @Test
    void pythonSdkRecoversFromARejectedTokenAndStepsUpToTheChallengedScope() throws Exception {
        JsonNode client = stack.createClient("py-sdk-worker", "tools/basic||Connect", "tools/query||Query");
        try (JarProcess py = JarProcess.exec("py-client", List.of("venv/bin/python", "py_client.py"), scripts, env(client))) {
            JarProcess.Result result = py.awaitExit(TIMEOUT);
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertSteps(result.stdout(), client);
            assertThat(step(result.stdout(), "initialize").path("scope").asText()).isEqualTo("tools/basic");
        }
        assertThat(stack.issuedScopes("py-sdk-worker", "my-mcp")).as("the 401 challenge's scope, then the 403 challenge's")
                .containsExactly("tools/basic", "tools/basic tools/query");
    }

    @Test
    void typescriptSdkPrivateKeyJwtProviderAuthenticatesWithAnEs256Assertion() throws Exception {
        ECKey key = ClientAssertionBuilder.newEcKey("ts-agent-1");
        JsonNode client = stack.createKeyClient("ts-sdk-agent", ClientAssertionBuilder.publicJwks(key), "tools/basic||Connect");
        Map<String, String> env = keyEnv(client, key, "ES256", key.toECPrivateKey().getEncoded());
        try (JarProcess ts = JarProcess.exec("ts-client", List.of("node", "ts_client.mjs"), scripts, env)) {
            ts.awaitStdoutLine(Pattern.compile("\"step\":\"paused\""), TIMEOUT);
            stack.admin("client", "update", "ts-sdk-agent", "--scopes", "tools/basic||Connect", "--scopes", "tools/query||Query");
            ts.writeLine("go");
            JarProcess.Result result = ts.awaitExit(TIMEOUT);
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertSteps(result.stdout(), client);
        }
        assertThat(stack.issuedScopes("ts-sdk-agent", "my-mcp")).as("the rejected token, then the 403 step-up")
                .containsExactly("tools/basic", "tools/basic tools/query");
        assertThat(authMethods("ts-sdk-agent")).containsOnly("private_key_jwt");
    }

    @Test
    void pythonSdkPrivateKeyJwtOAuthProviderAuthenticatesWithAnRs256Assertion() throws Exception {
        RSAKey key = ClientAssertionBuilder.newRsaKey("py-agent-1");
        JsonNode client = stack.createKeyClient("py-sdk-agent", ClientAssertionBuilder.publicJwks(key),
                "tools/basic||Connect", "tools/query||Query");
        Map<String, String> env = keyEnv(client, key, "RS256", key.toPrivateKey().getEncoded());
        try (JarProcess py = JarProcess.exec("py-client", List.of("venv/bin/python", "py_client.py"), scripts, env)) {
            JarProcess.Result result = py.awaitExit(TIMEOUT);
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertSteps(result.stdout(), client);
        }
        assertThat(stack.issuedScopes("py-sdk-agent", "my-mcp")).containsExactly("tools/basic", "tools/basic tools/query");
        assertThat(authMethods("py-sdk-agent")).containsOnly("private_key_jwt");
    }

    /**
     * A key client's environment: its PKCS#8 PEM private key, which the SDK signs with (no {@code kid}
     * in its header: the server tries the client's keys that fit the algorithm), and a stored token
     * for another resource, obtained with an assertion signed here.
     */
    private Map<String, String> keyEnv(JsonNode client, JWK key, String alg, byte[] pkcs8) throws Exception {
        String clientId = client.path("client_id").asText();
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
        String rejected = stack.tokenWithAssertion(ClientAssertionBuilder.assertion(key, clientId, stack.issuer,
                Instant.now()).sign(), OTHER_RESOURCE);
        return Map.of("MCP_URL", stack.resource, "ISSUER", stack.issuer, "CLIENT_ID", clientId, "PRIVATE_KEY_PEM", pem,
                "ALG", alg, "REJECTED_TOKEN", rejected);
    }

    private List<String> authMethods(String client) throws Exception {
        JsonNode rows = JSON.readTree(stack.admin("issuance", "list", "--client", client, "--json").stdout()).path("issuances");
        List<String> methods = new java.util.ArrayList<>();
        rows.forEach(row -> methods.add(row.path("auth_method").asText()));
        return methods;
    }

    private void assertSteps(String stdout, JsonNode client) throws Exception {
        String clientId = client.path("client_id").asText();
        assertThat(step(stdout, "tools").path("names")).extracting(JsonNode::asText).containsExactly("query", "whoami");
        JsonNode whoami = step(stdout, "whoami");
        assertThat(whoami.path("error").asBoolean()).isFalse();
        assertThat(whoami.path("text").asText()).startsWith("client_id " + clientId + ", sub " + clientId + ", scopes [tools/basic]");
        JsonNode query = step(stdout, "query");
        assertThat(query.path("error").asBoolean()).isFalse();
        assertThat(query.path("text").asText()).isEqualTo("Query \"status of the nightly build\" answered for client_id "
                + clientId + " (scopes: tools/basic tools/query)");
    }

    private static JsonNode step(String stdout, String name) throws Exception {
        for (String line : stdout.lines().toList()) {
            if (line.startsWith("{")) {
                JsonNode node = JSON.readTree(line);
                if (name.equals(node.path("step").asText())) {
                    return node;
                }
            }
        }
        throw new AssertionError("no step " + name + " in\n" + stdout);
    }

    /** The scripts' environment; the stored token is a real token of the same client for another resource (wrong audience). */
    private Map<String, String> env(JsonNode client) throws Exception {
        return Map.of("MCP_URL", stack.resource, "ISSUER", stack.issuer, "CLIENT_ID", client.path("client_id").asText(),
                "CLIENT_SECRET", client.path("client_secret").asText(), "REJECTED_TOKEN", stack.token(client, OTHER_RESOURCE));
    }
}
