package dev.authplane.examples.authserver;

/**
 * An expected failure of a command: printed as one line on stderr, without a stack trace, and
 * turned into the process exit code.
 */
public class CliException extends RuntimeException {

    /** Exit code of a failed operation (server refused, not found, unreachable). */
    public static final int FAILED = 1;

    /** Exit code of bad usage or bad configuration. */
    public static final int USAGE = 2;

    private final int exitCode;

    public CliException(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** The process exit code, never 0. */
    public int exitCode() {
        return exitCode;
    }
}
