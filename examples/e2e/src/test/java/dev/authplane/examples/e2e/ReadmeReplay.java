package dev.authplane.examples.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a command that README.md shows, as a user would type it, on a test's own ports and the
 * built jars: {@code ./authserver} and the example jars by path, {@code localhost:9000} and
 * {@code :8080} replaced. The command must appear in the README and succeed.
 */
final class ReadmeReplay {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final Readme readme;
    private final Path workDir;
    private final int publicPort;
    private final int mcpPort;

    ReadmeReplay(Readme readme, Path workDir, int publicPort, int mcpPort) {
        this.readme = readme;
        this.workDir = workDir;
        this.publicPort = publicPort;
        this.mcpPort = mcpPort;
    }

    /** Checks that the README shows {@code command}, then runs it through bash with {@code env}. */
    Shell.Result run(String command, Map<String, String> env) {
        readme.assertShows(command);
        String local = command
                .replace("./authserver ", "java -jar '" + Jars.AUTHSERVER + "' ")
                .replace("examples/mcp-server/target/mcp-server.jar", "'" + Jars.MCP_SERVER + "'")
                .replace("examples/backend-worker/target/backend-worker.jar", "'" + Jars.WORKER + "'")
                .replace("localhost:9000", "localhost:" + publicPort)
                .replace("localhost:8080", "localhost:" + mcpPort)
                .replace("--port 8080", "--port " + mcpPort);
        Shell.Result result = Shell.run(local, env, workDir, COMMAND_TIMEOUT);
        assertThat(result.exitCode()).as(local + "\n" + result).isZero();
        return result;
    }

    /** The value printed after {@code name} on its own indented line, as a user reads it off the screen. */
    static String field(String output, String name) {
        Matcher m = Pattern.compile("(?m)^\\s+" + Pattern.quote(name) + "\\s+(\\S+)\\s*$").matcher(output);
        assertThat(m.find()).as("'" + name + "' in\n" + output).isTrue();
        return m.group(1);
    }
}
