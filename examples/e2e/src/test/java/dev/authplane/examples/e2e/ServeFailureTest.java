package dev.authplane.examples.e2e;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code serve}'s expected failures: one line on stderr, exit code 2, no stack trace. */
class ServeFailureTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void portInUseIsOneLineAndExitCodeTwo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            int port = taken.getLocalPort();
            Map<String, String> env = Map.of("AUTHPLANE_SERVER_PORT", Integer.toString(port),
                    "AUTHPLANE_ADMIN_PORT", Integer.toString(FreePorts.next()));

            JarProcess.Result result = JarProcess.run("authserver serve", Jars.AUTHSERVER, Jars.newWorkDir("port"), env,
                    List.of("serve"), TIMEOUT);

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.stderr()).isEqualTo("authserver: cannot listen on 0.0.0.0:" + port
                    + " (server.port, env AUTHPLANE_SERVER_PORT): port in use or address not available");
        }
    }

    @Test
    void badSettingIsOneLineNamingKeyEnvVarAndAcceptedValues() {
        JarProcess.Result result = JarProcess.run("authserver serve", Jars.AUTHSERVER, Jars.newWorkDir("config"),
                Map.of("AUTHPLANE_CLIENT_CREDENTIALS_TOKEN_EXPIRY", "forever"), List.of("serve"), TIMEOUT);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).isEqualTo("authserver: invalid value for client_credentials.token_expiry"
                + " (env AUTHPLANE_CLIENT_CREDENTIALS_TOKEN_EXPIRY): expected a duration from 10s to 1d such as 90s, 15m or 1h");
    }

    @Test
    void secondServerOnTheSameDataDirectoryIsToldItIsInUse() {
        Path workDir = Jars.newWorkDir("twice");
        Map<String, String> first = Map.of("AUTHPLANE_SERVER_PORT", Integer.toString(FreePorts.next()),
                "AUTHPLANE_ADMIN_PORT", Integer.toString(FreePorts.next()));
        try (JarProcess running = JarProcess.start("authserver serve", Jars.AUTHSERVER, workDir, first, List.of("serve"))) {
            running.awaitStdoutLine(Pattern.compile("AuthPlane ready"), TIMEOUT);
            Map<String, String> second = Map.of("AUTHPLANE_SERVER_PORT", Integer.toString(FreePorts.next()),
                    "AUTHPLANE_ADMIN_PORT", Integer.toString(FreePorts.next()));

            JarProcess.Result result = JarProcess.run("authserver serve", Jars.AUTHSERVER, workDir, second,
                    List.of("serve"), TIMEOUT);

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.stderr()).contains("authserver: the embedded database in ")
                    .contains("is in use by another process").doesNotContain("\tat ");
        }
    }
}
