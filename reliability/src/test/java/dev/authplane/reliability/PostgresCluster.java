package dev.authplane.reliability;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops and starts the test PostgreSQL cluster of {@code .ci/postgres.sh} with {@code pg_ctl}, as
 * its owner ({@code postgres} when running as root), with the options that script used. Needs
 * {@code AUTHPLANE_TEST_POSTGRES_BINDIR}, {@code _DATA} and {@code _PORT}; callers restart the
 * cluster in a {@code finally} block so later tests and modules keep their database.
 */
final class PostgresCluster {

    private PostgresCluster() {
    }

    /** Fails (CI) or skips (developer machine) when the cluster's location is not known. */
    static void require() {
        Databases.requirePostgres();
        for (String name : List.of("BINDIR", "DATA", "PORT")) {
            String value = System.getenv("AUTHPLANE_TEST_POSTGRES_" + name);
            if (value == null || value.isBlank()) {
                throw new AssertionError("AUTHPLANE_TEST_POSTGRES_" + name + " is not set: start the cluster with"
                        + " eval \"$(.ci/postgres.sh start)\"");
            }
        }
    }

    /** {@code pg_ctl stop -m fast}: terminates every session at once, as a crash of the database host would. */
    static void stop() {
        pgCtl("-m fast -w stop", true);
    }

    /** Starts the cluster again, unless it runs, and waits until it accepts connections. */
    static void start() {
        if (pgCtl("status", false)) {
            return;
        }
        Path data = Path.of(System.getenv("AUTHPLANE_TEST_POSTGRES_DATA"));
        Path dir = data.getParent();
        pgCtl("-l '" + dir.resolve("server.log") + "' -w -t 60 -o \"-p " + System.getenv("AUTHPLANE_TEST_POSTGRES_PORT")
                + " -k '" + dir + "' -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on\" start", true);
    }

    /** @return whether pg_ctl succeeded; when {@code required}, a failure throws instead */
    private static boolean pgCtl(String arguments, boolean required) {
        String command = "'" + System.getenv("AUTHPLANE_TEST_POSTGRES_BINDIR") + "/pg_ctl' -D '"
                + System.getenv("AUTHPLANE_TEST_POSTGRES_DATA") + "' " + arguments;
        List<String> argv = "root".equals(System.getProperty("user.name"))
                ? List.of("su", "postgres", "-s", "/bin/bash", "-c", command)
                : List.of("/bin/bash", "-c", command);
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(WorkDir.logs().resolve("pg_ctl.log").toFile())).start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("pg_ctl " + arguments + " did not finish");
            }
            if (required && process.exitValue() != 0) {
                throw new IllegalStateException("pg_ctl " + arguments + " failed; see " + WorkDir.logs().resolve("pg_ctl.log"));
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run pg_ctl", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
