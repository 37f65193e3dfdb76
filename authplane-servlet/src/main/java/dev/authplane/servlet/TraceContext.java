package dev.authplane.servlet;

import dev.authplane.core.audit.TraceIds;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.MDC;

import java.io.IOException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request correlation: the W3C trace id of each request to an AuthPlane endpoint, taken from a
 * valid {@code traceparent} header (https://www.w3.org/TR/trace-context/#traceparent-header) or
 * generated, is put in the log MDC as {@value #MDC_KEY} while the request runs, and recorded on the
 * issuance row of a token it mints, so that an operator can join a token, its log lines and the
 * caller's trace. An invalid header is ignored, as the specification asks, and a fresh id is used.
 */
final class TraceContext implements Filter {

    /** The MDC key; a log pattern shows it with {@code %X{trace_id}}. */
    static final String MDC_KEY = "trace_id";

    private static final String ATTRIBUTE = TraceContext.class.getName();
    private static final HexFormat HEX = HexFormat.of();

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String previous = MDC.get(MDC_KEY);
        String traceId = traceId((HttpServletRequest) request);
        request.setAttribute(ATTRIBUTE, traceId);
        MDC.put(MDC_KEY, traceId);
        try {
            chain.doFilter(request, response);
        } finally {
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        }
    }

    /** The request's trace id: the one this filter chose, else the header's, else a fresh one. */
    static String of(HttpServletRequest request) {
        Object chosen = request.getAttribute(ATTRIBUTE);
        return chosen instanceof String id ? id : traceId(request);
    }

    private static String traceId(HttpServletRequest request) {
        String fromHeader = parse(request.getHeader("traceparent"));
        return fromHeader != null ? fromHeader : generate();
    }

    /** The trace id of a valid {@code traceparent} value, or {@code null}. */
    static String parse(String traceparent) {
        if (traceparent == null) {
            return null;
        }
        String[] parts = traceparent.strip().split("-", -1);
        if (parts.length < 4 || !isHex(parts[0], 2) || parts[0].equals("ff") || !isHex(parts[2], 16)
                || parts[2].equals("0000000000000000") || !isHex(parts[3], 2)
                || parts[0].equals("00") && parts.length != 4) {
            return null;
        }
        return TraceIds.isValid(parts[1]) ? parts[1] : null;
    }

    private static boolean isHex(String value, int length) {
        return value.length() == length && value.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
    }

    /**
     * A fresh trace id. It correlates, it authorises nothing and is no secret, so the lock-free
     * per-thread generator serves: the token endpoint's threads do not queue on a shared SecureRandom.
     */
    private static String generate() {
        byte[] id = new byte[TraceIds.LENGTH / 2];
        ThreadLocalRandom.current().nextBytes(id);
        id[0] |= 1; // never all zero
        return HEX.formatHex(id);
    }
}
