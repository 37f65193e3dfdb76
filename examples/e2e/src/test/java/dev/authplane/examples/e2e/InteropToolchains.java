package dev.authplane.examples.e2e;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Installs the pinned official MCP client SDKs for {@link OfficialSdkInteropTest} from the package
 * registries: {@code npm ci} from {@code interop/package-lock.json} and a Python virtual environment
 * from {@code interop/requirements.txt}, once per build under {@code target/interop}. Without Node.js
 * or Python the tests are skipped on a developer machine and fail under {@code CI=true}.
 */
final class InteropToolchains {

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Path SOURCE = Path.of(System.getProperty("e2e.interop.dir", "interop"));
    private static Path installed;

    private InteropToolchains() {
    }

    /** The directory holding the client scripts with {@code node_modules/} and {@code venv/} ready. */
    static synchronized Path ready(Path workRoot) {
        if (installed != null) {
            return installed;
        }
        requireTool("node");
        requireTool("python3");
        Path dir = workRoot.resolve("interop");
        boolean fresh = copySources(dir);
        if (fresh) {
            run(dir, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
            run(dir, "python3", "-m", "venv", "venv");
            run(dir, "venv/bin/pip", "install", "--quiet", "--retries", "0", "--disable-pip-version-check",
                    "-r", "requirements.txt");
            write(dir.resolve(STAMP), lockfiles(SOURCE));
        }
        installed = dir;
        return dir;
    }

    private static final String STAMP = "installed-from.lock";

    private static String lockfiles(Path dir) {
        try {
            return Files.readString(dir.resolve("package-lock.json")) + Files.readString(dir.resolve("requirements.txt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireTool(String tool) {
        boolean present = Stream.of(System.getenv("PATH").split(":")).anyMatch(p -> Files.isExecutable(Path.of(p, tool)));
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(tool + " is not on PATH; CI must provide it for the MCP SDK interop tests");
        }
        Assumptions.assumeTrue(present, tool + " is not installed: MCP SDK interop tests skipped");
    }

    /** Copies the scripts and lockfiles; {@code true} when the packages must be (re)installed. */
    private static boolean copySources(Path dir) {
        try {
            Files.createDirectories(dir);
            for (String file : List.of("package.json", "package-lock.json", "requirements.txt", "ts_client.mjs", "py_client.py",
                    "token_proxy.mjs", "conformance_worker.sh")) {
                Files.copy(SOURCE.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
            Path stamp = dir.resolve(STAMP);
            return !Files.isRegularFile(stamp) || !Files.readString(stamp).equals(lockfiles(SOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(Path dir, String... command) {
        try (JarProcess p = JarProcess.exec(command[0], List.of(command), dir, Map.of())) {
            JarProcess.Result result = p.awaitExit(INSTALL_TIMEOUT);
            assertThat(result.exitCode()).as("%s\n%s", String.join(" ", command), result).isZero();
        }
    }
}
