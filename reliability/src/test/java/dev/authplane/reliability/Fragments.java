package dev.authplane.reliability;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/** Building blocks of hostile input: injection fragments, broken encodings, random bytes. */
final class Fragments {

    /** SQL, JSON, markup, path and format-string fragments an attacker tries first. */
    static final List<String> INJECTIONS = List.of(
            "' OR '1'='1", "'; DROP TABLE clients; --", "\" OR 1=1 --", "1; SELECT pg_sleep(10)", "') UNION SELECT * FROM signing_keys --",
            "admin'--", "%' AND 1=0 UNION SELECT secret_hash FROM clients --", "{\"grant_type\":\"client_credentials\"}",
            "[1,2,3]", "{\"$ne\":null}", "{\"__proto__\":{\"admin\":true}}", "null", "true", "-1", "1e309", "NaN",
            "<script>alert(1)</script>", "../../../../etc/passwd", "${jndi:ldap://127.0.0.1/a}", "%s%s%s%n",
            "{{7*7}}", "\\u0000", "\\\"", "*", "client_credentials\u0000", "https://mcp.example.test/mcp#frag",
            "javascript:alert(1)", "http://[::1]:0/", "file:///etc/passwd", "https://mcp.example.test/mcp/../mcp");

    /** Percent-encodings that are malformed or decode to invalid UTF-8. */
    static final List<String> BROKEN_ENCODINGS = List.of(
            "%", "%4", "%G1", "%%", "%zz", "%C3%28", "%FF", "%ED%A0%80", "%F0%28%8C%BC", "%C0%AF", "%E2%82",
            "%F8%88%80%80%80", "%80", "%2", "%-1", "%+1");

    /** Raw bytes that are not UTF-8 (sent unescaped in a body). */
    static final List<byte[]> RAW_BAD_UTF8 = List.of(
            new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xE2, (byte) 0x82});

    private Fragments() {
    }

    static <T> T pick(Random random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    /** {@code length} random bytes of any value. */
    static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A random printable-ASCII string (what a header value may hold). */
    static String printable(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append((char) (0x21 + random.nextInt(0x7e - 0x21 + 1)));
        }
        return sb.toString();
    }

    /** A random string of control characters (C0 and DEL), raw. */
    static String controls(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int c = random.nextInt(33);
            sb.append((char) (c == 32 ? 0x7f : c));
        }
        return sb.toString();
    }

    /** The same control characters, percent-encoded. */
    static String encodedControls(Random random, int length) {
        StringBuilder sb = new StringBuilder();
        for (char c : controls(random, length).toCharArray()) {
            sb.append(String.format("%%%02X", (int) c));
        }
        return sb.toString();
    }

    /** Form-encodes {@code value} (UTF-8), the way a well-behaved client would. */
    static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A JWS-looking string that no verifier can accept: random parts, unsigned or HMAC DPoP proofs, nesting. */
    static String garbageJws(Random random) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return switch (random.nextInt(6)) {
            case 5 -> nestedJws(random, b64);
            case 0 -> b64.encodeToString(randomBytes(random, 20)) + "." + b64.encodeToString(randomBytes(random, 30))
                    + "." + b64.encodeToString(randomBytes(random, 64));
            case 1 -> b64.encodeToString(utf8("{\"typ\":\"dpop+jwt\",\"alg\":\"none\"}")) + "."
                    + b64.encodeToString(utf8("{\"htm\":\"POST\",\"htu\":\"x\",\"iat\":1}")) + ".";
            case 2 -> b64.encodeToString(utf8("{\"typ\":\"dpop+jwt\",\"alg\":\"HS256\"}")) + ".e30."
                    + b64.encodeToString(randomBytes(random, 32));
            case 3 -> printable(random, 1 + random.nextInt(300)).replace(",", ";");
            default -> "a.b.c.d.e";
        };
    }

    /** Garbage that leaves room for a second header within Jetty's 8 KiB header limit. */
    static String smallGarbageJws(Random random) {
        String jws;
        do {
            jws = garbageJws(random);
        } while (jws.length() > 3_000);
        return jws;
    }

    /** A JWS whose header nests arrays about 2,500 deep, as deep as fits in an 8 KiB header line. */
    private static String nestedJws(Random random, Base64.Encoder b64) {
        int depth = 2_000 + random.nextInt(500);
        String header = "{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
        return b64.encodeToString(utf8(header)) + ".e30." + b64.encodeToString(randomBytes(random, 64));
    }
}
