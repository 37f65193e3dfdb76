package dev.authplane.examples.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build put the example jars and this test's scratch space (surefire system properties). */
final class Jars {

    static final Path AUTHSERVER = jar("e2e.authserver.jar");
    static final Path MCP_SERVER = jar("e2e.mcpserver.jar");
    static final Path WORKER = jar("e2e.worker.jar");

    private Jars() {
    }

    /** A fresh directory under {@code target/e2e}. */
    static Path newWorkDir(String prefix) {
        try {
            Path root = Path.of(System.getProperty("e2e.work.dir", "target/e2e"));
            Files.createDirectories(root);
            return Files.createTempDirectory(root, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path jar(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set; run through Maven");
        }
        Path path = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(path + " is missing; the reactor builds it before this module");
        }
        return path;
    }
}
