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

    /** @return the body, or empty when it is larger than {@link #MAX_BODY_BYTES} */
    static Optional<byte[]> read(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            return Optional.empty();
        }
        byte[] buffer = new byte[MAX_BODY_BYTES + 1];
        int length = 0;
        try (InputStream in = request.getInputStream()) {
            int n;
            while (length < buffer.length && (n = in.read(buffer, length, buffer.length - length)) != -1) {
                length += n;
            }
        }
        return length > MAX_BODY_BYTES ? Optional.empty() : Optional.of(Arrays.copyOf(buffer, length));
    }
}
