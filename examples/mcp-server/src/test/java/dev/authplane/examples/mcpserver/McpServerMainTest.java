package dev.authplane.examples.mcpserver;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

class McpServerMainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return new CommandLine(new McpServerMain(new PrintWriter(out, true), new PrintWriter(err, true))).execute(args);
    }

    @Test
    void portInUseIsOneLineAndExitCodeTwo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            int code = run("--bind", "127.0.0.1", "--port", Integer.toString(port),
                    "--resource", "http://localhost:" + port + "/mcp");

            assertThat(code).isEqualTo(2);
            assertThat(err.toString().strip()).isEqualTo("mcp-server: cannot listen on 127.0.0.1:" + port
                    + " (port in use or address not available)");
            assertThat(out.toString()).isEmpty();
        }
    }

    @Test
    void plainHttpIssuerOnANonLoopbackHostIsRefusedWithOneLine() {
        int code = run("--issuer", "http://auth.example.com", "--port", "0");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("mcp-server: issuer 'http://auth.example.com' must use https")
                .doesNotContain("\n");
    }

    @Test
    void aCryptoProviderThatIsNotInstalledIsOneLineAndExitCodeTwo() {
        int code = run("--crypto-provider", "NoSuchProvider", "--port", "0");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("mcp-server: --crypto-provider: no JCA provider named"
                + " 'NoSuchProvider' is installed (use auto, jdk, or an installed provider's name)");
    }

    @Test
    void introspectionOptionsThatCannotWorkAreOneLineAndExitCodeTwo() throws Exception {
        java.nio.file.Path empty = java.nio.file.Files.createTempFile("empty-secret", ".txt");
        String[][] cases = {
                {"--introspection-fail-open", "--port", "0"},
                {"--introspection-client-id", "gw", "--introspection-client-secret-file", "/no/such/file", "--port", "0"},
                {"--introspection-client-id", "gw", "--introspection-client-secret-file", empty.toString(), "--port", "0"},
                {"--introspection-client-id", "gw", "--introspection-client-secret-file", empty.toString(),
                        "--revocation-staleness", "soon", "--port", "0"}};
        String[] expected = {"need --introspection-client-id", "cannot read /no/such/file", "is empty", "is empty"};
        for (int i = 0; i < cases.length; i++) {
            err.getBuffer().setLength(0);
            assertThat(run(cases[i])).as(String.join(" ", cases[i])).isEqualTo(2);
            assertThat(err.toString().strip()).startsWith("mcp-server: ").contains(expected[i]).doesNotContain("\n");
        }
        assertThat(McpServerMain.duration("30s", "--x")).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(McpServerMain.duration("PT2M", "--x")).isEqualTo(java.time.Duration.ofMinutes(2));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> McpServerMain.duration("soon", "--revocation-staleness"))
                .hasMessage("--revocation-staleness must be a duration such as 30s, 5m or 1h");
        assertThat(out.toString()).isEmpty();
    }
}
