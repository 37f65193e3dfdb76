package dev.authplane.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/** Directories under {@code target/reliability}: data of server processes, their logs, the secret ledger. */
final class WorkDir {

    private WorkDir() {
    }

    static Path root() {
        return Path.of(System.getProperty("reliability.work.dir", "target/reliability")).toAbsolutePath();
    }

    /** Where server processes write their stdout and stderr; scanned by {@link LogHygieneCheck}. */
    static Path logs() {
        return create(root().resolve("logs"));
    }

    /** A fresh, empty directory named after {@code prefix}. */
    static Path fresh(String prefix) {
        return create(root().resolve("data").resolve(prefix + "-" + UUID.randomUUID().toString().substring(0, 8)));
    }

    private static Path create(Path dir) {
        try {
            Files.createDirectories(dir.getParent());
            if (Files.isDirectory(dir)) {
                return dir;
            }
            // Owner-only, as an operator creates a data directory (the server refuses exposed ones).
            return Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
