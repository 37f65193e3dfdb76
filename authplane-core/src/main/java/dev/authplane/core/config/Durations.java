package dev.authplane.core.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the short duration syntax of the configuration: {@code 1h}, {@code 15m}, {@code 90s}, {@code 500ms}. */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * @param text e.g. {@code 1h}; a bare number means seconds; ISO-8601 ({@code PT1H}) is accepted too
     * @throws IllegalArgumentException when {@code text} is not a duration
     */
    public static Duration parse(String text) {
        String s = text == null ? "" : text.strip();
        Matcher m = SHORT.matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        if (s.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(s));
        }
        if (s.startsWith("P") || s.startsWith("p")) {
            try {
                return Duration.parse(s);
            } catch (RuntimeException e) {
                // fall through to the common message
            }
        }
        throw new IllegalArgumentException("'" + s + "' is not a duration (examples: 90s, 15m, 1h)");
    }

    /** Formats {@code d} in the shortest exact unit: {@code 3600s} becomes {@code 1h}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000L == 0 && ms > 0) {
            return ms / 86_400_000L + "d";
        }
        if (ms % 3_600_000L == 0 && ms > 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms % 60_000L == 0 && ms > 0) {
            return ms / 60_000L + "m";
        }
        if (ms % 1000L == 0) {
            return ms / 1000L + "s";
        }
        return ms + "ms";
    }
}
