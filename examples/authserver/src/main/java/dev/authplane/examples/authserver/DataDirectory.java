package dev.authplane.examples.authserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The data directory ({@code data.dir}) holds the embedded database, whose signing keys are the
 * server's identity, and the generated admin key: it is created with mode 0700 and every file in
 * it gets 0600. An existing directory, database file or admin key file that group or others may
 * access is refused at start-up, naming the fix, unless {@code data.allow_insecure_permissions}
 * is set (then a warning is printed). On a file system without POSIX permissions nothing is checked.
 */
final class DataDirectory {

    static final String OPT_OUT = "data.allow_insecure_permissions";

    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private DataDirectory() {
    }

    /**
     * Creates {@code dir} owner-only, or checks an existing one and its database and key files.
     *
     * @param allowInsecure {@code data.allow_insecure_permissions}: warn on {@code notes} instead of refusing
     * @throws CliException when an existing path is exposed and the operator did not opt out
     */
    static void prepare(Path dir, boolean allowInsecure, java.io.PrintWriter notes) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            if (Files.notExists(dir)) {
                Files.createDirectories(dir.getParent() == null ? dir : dir.getParent());
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
                Files.setPosixFilePermissions(dir, OWNER_DIR);
                return;
            }
            List<Path> exposed = exposed(dir);
            if (exposed.isEmpty()) {
                return;
            }
            String fix = "chmod 700 " + dir + " && chmod 600 " + dir + "/*";
            if (!allowInsecure) {
                throw new CliException("the data directory is readable by other users: " + exposed + "; run: " + fix
                        + " (or set " + OPT_OUT + ": true, env AUTHPLANE_DATA_ALLOW_INSECURE_PERMISSIONS=true, to start"
                        + " anyway)", CliException.USAGE);
            }
            notes.println("authserver: warning: " + exposed + " readable by other users (" + OPT_OUT + " is true);"
                    + " run: " + fix);
        } catch (IOException e) {
            throw new CliException("cannot prepare the data directory " + dir + " (data.dir, env AUTHPLANE_DATA_DIR): "
                    + e.getMessage(), CliException.USAGE);
        }
    }

    /** Narrows every file in {@code dir} to 0600 (the database files H2 just created with the umask). */
    static void restrictFiles(Path dir) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix") || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setPosixFilePermissions(file, OWNER_FILE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict the files in " + dir, e);
        }
    }

    /** The directory itself and the database and key files in it that group or others may access. */
    private static List<Path> exposed(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (accessibleByOthers(dir)) {
            out.add(dir);
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().startsWith(Database.H2_FILE + ".")
                            || f.equals(AdminKeyFile.path(dir)))
                    .filter(DataDirectory::accessibleByOthersUnchecked)
                    .sorted().forEach(out::add);
        }
        return out;
    }

    private static boolean accessibleByOthers(Path path) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
        permissions.retainAll(GROUP_OR_OTHERS);
        return !permissions.isEmpty();
    }

    private static boolean accessibleByOthersUnchecked(Path path) {
        try {
            return accessibleByOthers(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
