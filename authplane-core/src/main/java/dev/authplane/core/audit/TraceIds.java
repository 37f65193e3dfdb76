package dev.authplane.core.audit;

/**
 * W3C Trace Context trace ids (https://www.w3.org/TR/trace-context/#trace-id): 32 lower-case hex
 * digits, not all zero. What an issuance row may carry to join a token with the caller's trace.
 */
public final class TraceIds {

    /** The length of a trace id. */
    public static final int LENGTH = 32;

    private TraceIds() {
    }

    /** Whether {@code value} is a valid trace id. */
    public static boolean isValid(String value) {
        if (value == null || value.length() != LENGTH) {
            return false;
        }
        boolean nonZero = false;
        for (int i = 0; i < LENGTH; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
            nonZero |= c != '0';
        }
        return nonZero;
    }
}
