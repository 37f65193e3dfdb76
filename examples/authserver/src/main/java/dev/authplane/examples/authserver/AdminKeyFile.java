package dev.authplane.examples.authserver;

import dev.authplane.core.support.IdGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The generated admin API key, kept in {@code <data dir>/admin-api-key} with file mode 0600. The
 * server writes it on its first start when {@code admin.api_key} is not configured; the admin CLI
 * reads it from there, so a local operator needs no copy-and-paste.
 */
public final class AdminKeyFile {

    /** File name inside the data directory. */
    public static final String FILE_NAME = "admin-api-key";

    /** Random bytes in a generated key (256 bits). */
    static final int KEY_BYTES = 32;

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private AdminKeyFile() {
    }

    public static Path path(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /** The stored key, if the file exists and is not empty. */
    public static Optional<String> read(Path dataDir) {
        Path file = path(dataDir);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String key = Files.readString(file, StandardCharsets.UTF_8).strip();
            return key.isEmpty() ? Optional.empty() : Optional.of(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the admin key file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The stored key, or a new one written to a fresh owner-only file.
     *
     * @return the key and whether it was generated just now
     */
    static Loaded loadOrCreate(Path dataDir, IdGenerator ids) {
        Optional<String> existing = read(dataDir);
        if (existing.isPresent()) {
            return new Loaded(existing.get(), false);
        }
        String key = ids.randomToken(KEY_BYTES);
        Path file = path(dataDir);
        try {
            Files.createDirectories(dataDir);
            Files.createFile(file, ownerOnly());
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            return new Loaded(read(dataDir).orElseThrow(() -> new UncheckedIOException(
                    "admin key file " + file + " is empty", e)), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the admin key file " + file + ": " + e.getMessage(), e);
        }
        return new Loaded(key, true);
    }

    /**
     * True when the key file exists on a POSIX file system and group or others may read or write it.
     */
    static boolean isExposed(Path dataDir) {
        Path file = path(dataDir);
        try {
            if (!Files.isRegularFile(file)
                    || !FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                return false;
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return permissions.stream().anyMatch(p -> !OWNER_ONLY.contains(p) && p != PosixFilePermission.OWNER_EXECUTE);
        } catch (IOException e) {
            return false;
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)};
        }
        return new FileAttribute<?>[0];
    }

    /**
     * @param key       the admin API key
     * @param generated true when this call created the file
     */
    record Loaded(String key, boolean generated) {
        @Override
        public String toString() {
            return "Loaded[key=***, generated=" + generated + "]";
        }
    }
}
