package dev.authplane.servlet;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Strict {@code application/x-www-form-urlencoded} decoding (WHATWG URL §5, as RFC 6749 Appendix B
 * uses it): {@code +} is a space, {@code %HH} is one byte, the bytes must be UTF-8. Unlike
 * {@link java.net.URLDecoder} it works on raw bytes, refuses a broken escape instead of guessing,
 * and reports repeated parameter names instead of hiding them.
 *
 * <p>Every {@link IllegalArgumentException} message is safe to send to the client: it never
 * echoes a value, and echoes a parameter name only when it is a plain identifier.
 */
final class FormDecoding {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private FormDecoding() {
    }

    /**
     * Parses a whole form body. Empty segments ({@code a=1&&b=2}) are skipped; a segment without
     * {@code =} is a parameter with an empty value.
     *
     * @return parameter name to value, in body order
     * @throws IllegalArgumentException on a malformed escape, invalid UTF-8 or a repeated name
     */
    static Map<String, String> parseForm(byte[] body) {
        Map<String, String> params = new LinkedHashMap<>();
        int start = 0;
        while (start <= body.length) {
            int end = indexOf(body, (byte) '&', start, body.length);
            if (end > start) {
                addPair(params, body, start, end);
            }
            start = end + 1;
        }
        return params;
    }

    /**
     * Decodes one form-encoded component, e.g. a half of an HTTP Basic credential (RFC 6749 §2.3.1).
     *
     * @throws IllegalArgumentException on a malformed escape or invalid UTF-8
     */
    static String decode(byte[] bytes, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%') {
                if (i + 2 >= to) {
                    throw new IllegalArgumentException("malformed percent-encoding in the request");
                }
                out.write(hex(bytes[i + 1]) << 4 | hex(bytes[i + 2]));
                i += 2;
            } else {
                out.write(b);
            }
        }
        return utf8(out.toByteArray());
    }

    /** Whether {@code name} may be echoed in an error description. */
    static String printableName(String name) {
        return PLAIN_NAME.matcher(name).matches() ? "'" + name + "'" : "a parameter";
    }

    static int indexOf(byte[] bytes, byte target, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == target) {
                return i;
            }
        }
        return to;
    }

    private static void addPair(Map<String, String> params, byte[] body, int start, int end) {
        int eq = indexOf(body, (byte) '=', start, end);
        String name = decode(body, start, eq);
        String value = eq < end ? decode(body, eq + 1, end) : "";
        if (params.putIfAbsent(name, value) != null) {
            throw new IllegalArgumentException("parameter " + printableName(name)
                    + " is repeated (RFC 6749 section 3.2)");
        }
    }

    private static int hex(byte b) {
        int digit = Character.digit(b, 16);
        if (digit < 0) {
            throw new IllegalArgumentException("malformed percent-encoding in the request");
        }
        return digit;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the request is not valid UTF-8 after form decoding");
        }
    }
}
