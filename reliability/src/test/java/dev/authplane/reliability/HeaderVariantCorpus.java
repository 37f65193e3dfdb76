package dev.authplane.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Issue 14 §5: requests generated systematically, not at random: for every endpoint, every header
 * the endpoints read is sent empty, repeated, oversized, with non-ASCII bytes, with odd parameters
 * (unknown and unsupported charsets among them), and with a mis-cased name and value. None may get
 * a 5xx, and none a token it should not get (the token requests carry a wrong secret).
 */
final class HeaderVariantCorpus {

    /** The headers AuthPlane's endpoints read, and the ones a proxy or browser adds. */
    static final List<String> HEADERS = List.of("Content-Type", "Authorization", "DPoP", "Origin", "Accept",
            "Accept-Charset", "Content-Encoding", "Cookie", "X-Forwarded-For");

    private static final List<String> ODD_PARAMETERS = List.of("; charset=bogus-xyz", "; charset=UTF-7",
            "; charset=\"utf-8", "; charset=", ";;=;", "; boundary=--x; charset=utf-16", "; q=not-a-number");

    /** One endpoint as a base request: method, target, headers it normally carries, body. */
    record Target(String label, String method, String path, List<String[]> headers, byte[] body) {
    }

    private HeaderVariantCorpus() {
    }

    /** The endpoints of a server at the issuer root, with the admin API under {@code /admin/v1}. */
    static List<Target> targets(String wrongSecretForm, String adminKey, boolean adminOnThisPort) {
        byte[] form = wrongSecretForm.getBytes(StandardCharsets.US_ASCII);
        List<Target> out = new ArrayList<>(List.of(
                new Target("token", "POST", "/oauth/token", headers("Content-Type", TokenRequestCorpus.FORM), form),
                new Target("authorize", "GET", "/oauth/authorize?response_type=code&client_id=x", List.of(), null),
                new Target("jwks", "GET", "/.well-known/jwks.json", List.of(), null),
                new Target("metadata", "GET", "/.well-known/oauth-authorization-server", List.of(), null),
                new Target("health", "GET", "/health", List.of(), null)));
        if (adminOnThisPort) {
            out.add(new Target("admin list", "GET", "/admin/v1/clients", headers("Authorization", "Bearer " + adminKey),
                    null));
            out.add(new Target("admin create", "POST", "/admin/v1/resources", List.of(new String[] {"Authorization",
                    "Bearer " + adminKey}, new String[] {"Content-Type", "application/json"}),
                    "{\"uri\":\"https://x.example/mcp\"}".getBytes(StandardCharsets.US_ASCII)));
        }
        return out;
    }

    /** Every header variant of every target. */
    static List<RawHttp.Request> generate(List<Target> targets) {
        List<RawHttp.Request> out = new ArrayList<>();
        for (Target t : targets) {
            for (String header : HEADERS) {
                String base = valueOf(t.headers(), header);
                String value = base == null ? "x" : base;
                add(out, t, header, "empty", replaced(t, header, ""));
                add(out, t, header, "repeated", with(replaced(t, header, value), header, value + "2"));
                add(out, t, header, "oversized", replaced(t, header, value + "a".repeat(7_000)));
                add(out, t, header, "non-ASCII", replaced(t, header, value + "\u00e9\u00ff\u0080"));
                for (String parameter : ODD_PARAMETERS) {
                    add(out, t, header, "parameter " + parameter, replaced(t, header, value + parameter));
                }
                add(out, t, header, "mis-cased name", renamed(replaced(t, header, value), header, flipCase(header)));
                add(out, t, header, "mis-cased value", replaced(t, header, flipCase(value)));
            }
        }
        return out;
    }

    private static void add(List<RawHttp.Request> out, Target t, String header, String variant, List<String[]> headers) {
        out.add(new RawHttp.Request(t.label() + ": " + header + " " + variant, t.method(), t.path(), headers, t.body()));
    }

    private static List<String[]> headers(String name, String value) {
        List<String[]> list = new ArrayList<>();
        list.add(new String[] {name, value});
        return list;
    }

    private static String valueOf(List<String[]> headers, String name) {
        return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst().orElse(null);
    }

    /** The target's headers with {@code name} set to {@code value} (added when absent). */
    private static List<String[]> replaced(Target t, String name, String value) {
        List<String[]> out = new ArrayList<>();
        for (String[] h : t.headers()) {
            if (!h[0].equalsIgnoreCase(name)) {
                out.add(h);
            }
        }
        out.add(new String[] {name, value});
        return out;
    }

    private static List<String[]> with(List<String[]> headers, String name, String value) {
        List<String[]> out = new ArrayList<>(headers);
        out.add(new String[] {name, value});
        return out;
    }

    private static List<String[]> renamed(List<String[]> headers, String name, String newName) {
        return headers.stream().map(h -> h[0].equals(name) ? new String[] {newName, h[1]} : h).toList();
    }

    private static String flipCase(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(i % 2 == 0 ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        return out.toString().equals(s) ? s.toUpperCase(Locale.ROOT) : out.toString();
    }
}
