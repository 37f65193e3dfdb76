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
}
