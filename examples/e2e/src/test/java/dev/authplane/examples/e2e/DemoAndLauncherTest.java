package dev.authplane.examples.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code authserver demo} and the root launcher script, run as a user would. */
class DemoAndLauncherTest {

    @Test
    void demoPlaysTheWholeStoryAndExitsZero() {
        Path workDir = Jars.newWorkDir("demo");

        JarProcess.Result result = JarProcess.run("authserver demo", Jars.AUTHSERVER, workDir, Map.of(),
                List.of("demo"), Duration.ofSeconds(120));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        String out = result.stdout();
        assertThat(out).contains("[1/9] Start AuthPlane with the client_credentials grant enabled")
                .contains("AuthPlane ready: issuer http://localhost:")
                .contains("Created resource my-mcp")
                .contains("will not be shown again")
                .contains("HTTP 200 {\"access_token\":")
                .contains("[backend-worker] query: Query \"status of the nightly build\" answered for client_id ")
                .contains("Demo complete");
        String keyClientId = match(out, "(?m)Created client signing-agent\\n  client_id\\s+(\\S+)$");
        assertThat(out).contains("No secret: the client signs assertions with its private key.")
                .contains("[backend-worker] query: Query \"status of the nightly build\" answered for client_id "
                        + keyClientId)
                .containsPattern("(?m)^\\S+Z  signing-agent +" + Pattern.quote(keyClientId)
                        + "  private_key_jwt \\(kid signing-agent-1\\)  http://localhost:\\d+/mcp  tools/query  Bearer");
        String clientId = match(out, "(?m)^  client_id\\s+(\\S+)$");
        assertThat(out).contains("\"sub\": \"" + clientId + "\"").contains("\"client_id\": \"" + clientId + "\"");
        assertThat(out).containsPattern("(?m)^\\S+Z  backend-worker  " + Pattern.quote(clientId)
                + "  client_secret_post +http://localhost:\\d+/mcp  tools/query  Bearer");
        Path dataDir = Path.of(match(out, "throwaway database \\((\\S+)\\)"));
        assertThat(dataDir).doesNotExist();
        assertThat(result.stderr()).doesNotContain("Exception");
    }

    @Test
    void launcherRunsTheJarWithItsArguments() {
        Path launcher = Jars.AUTHSERVER.getParent().getParent().getParent().getParent().resolve("authserver");
        assertThat(launcher).isExecutable();

        Shell.Result result = Shell.run("'" + launcher + "' --version", Map.of(), Jars.newWorkDir("launcher"),
                Duration.ofMinutes(5));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout().strip()).isEqualTo("authserver 0.1.0");
    }

    @Test
    void launcherPassesExitCodesThrough() throws Exception {
        Path launcher = Jars.AUTHSERVER.getParent().getParent().getParent().getParent().resolve("authserver");
        Path workDir = Jars.newWorkDir("launcher");
        Files.createDirectories(workDir);

        Shell.Result result = Shell.run("'" + launcher + "' admin issuance list --limit 0", Map.of(), workDir,
                Duration.ofMinutes(5));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("authserver: --limit must be from 1 to 5000");
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex + " in\n" + text).isTrue();
        return m.group(1);
    }
}
