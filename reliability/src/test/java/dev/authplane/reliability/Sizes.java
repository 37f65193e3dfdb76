package dev.authplane.reliability;

/**
 * Reduced sizes for CI, full sizes behind {@code -Dreliability.full=true}
 * ({@code mvn -B verify -pl reliability -Dreliability.full=true}). Every test that scales reads
 * its size here, so the two modes differ only in counts and durations, never in what is asserted.
 */
final class Sizes {

    private Sizes() {
    }

    /** Whether the full sizes were asked for. */
    static boolean full() {
        return Boolean.getBoolean("reliability.full");
    }

    /** {@code reduced} in CI, {@code full} with {@code -Dreliability.full=true}. */
    static int pick(int reduced, int full) {
        return full() ? full : reduced;
    }

    /** A one-line label for test output. */
    static String mode() {
        return full() ? "full sizes" : "reduced sizes (full: -Dreliability.full=true)";
    }
}
