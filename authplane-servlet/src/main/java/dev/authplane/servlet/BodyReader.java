package dev.authplane.servlet;

import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads a request body up to a fixed cap without trusting {@code Content-Length}: at most
 * {@code cap + 1} bytes are ever read, so an oversized body (declared or chunked) is detected
 * without buffering it.
 */
final class BodyReader {

    /** The body cap of the token endpoint and the admin API (SPEC §2 step 1). */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private BodyReader() {
    }

    /** First buffer when the length is not declared; token requests fit in it. */
    private static final int INITIAL_BUFFER_BYTES = 1024;

    /**
     * @return the body, or empty when it is larger than {@link #MAX_BODY_BYTES}
     */
    static Optional<byte[]> read(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            return Optional.empty();
        }
        // Sized from Content-Length when declared (one byte more, so that a body longer than it
        // declared is still seen), otherwise grown by doubling up to the cap: a token request
        // costs a buffer of its own size, not the cap's.
        byte[] buffer = new byte[declared >= 0 ? (int) declared + 1 : INITIAL_BUFFER_BYTES];
        int length = 0;
        try (InputStream in = request.getInputStream()) {
            while (true) {
                if (length == buffer.length) {
                    if (buffer.length > MAX_BODY_BYTES) {
                        return Optional.empty();
                    }
                    buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, MAX_BODY_BYTES + 1));
                }
                int n = in.read(buffer, length, buffer.length - length);
                if (n == -1) {
                    break;
                }
                length += n;
            }
        }
        return Optional.of(Arrays.copyOf(buffer, length));
    }
}
