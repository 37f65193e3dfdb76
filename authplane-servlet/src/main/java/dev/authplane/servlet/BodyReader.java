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

    /** The body cap of the token endpoint and the admin API (token step 1 (authplane-core README)). */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private BodyReader() {
    }

    /** First buffer when the length is not declared; token requests fit in it. */
    private static final int INITIAL_BUFFER_BYTES = 1024;

    /**
     * How much of an oversized body is read and thrown away before the error is sent. A server
     * that answers and closes while the client is still sending makes the kernel reset the
     * connection, and the client may never see the answer; up to this much is drained so that an
     * ordinary oversized request gets its 400. Larger bodies are not read at all.
     */
    static final long MAX_DRAINED_BYTES = 1024 * 1024;

    /**
     * @return the body, or empty when it is larger than {@link #MAX_BODY_BYTES}
     */
    static Optional<byte[]> read(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            if (declared <= MAX_DRAINED_BYTES) {
                try (InputStream in = request.getInputStream()) {
                    drain(in);
                }
            }
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
                        drain(in);
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

    /** Reads and discards the rest of the body, at most {@link #MAX_DRAINED_BYTES}. */
    private static void drain(InputStream in) throws IOException {
        byte[] sink = new byte[8192];
        long left = MAX_DRAINED_BYTES;
        int n;
        while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) != -1) {
            left -= n;
        }
    }
}
