package dev.authplane.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static dev.authplane.reliability.Fragments.pick;
import static dev.authplane.reliability.Fragments.utf8;

/**
 * A seeded generator of malformed admin API requests, every one carrying the valid admin key and
 * every one invalid by construction (a strict prefix of a JSON object, a wrong type, an unknown or
 * duplicate field, an invalid slug, URI, kind, method or grant, a bad query, an unknown path or
 * method), so none may change state.
 */
final class AdminRequestCorpus {

    static final String BASE = "/admin/v1";

    private final Random random;
    private final String adminKey;
    private final List<Function<Integer, RawHttp.Request>> generators = List.of(
            this::truncatedJson, this::wrongTypes, this::unknownField, this::invalidValues, this::duplicateKeys,
            this::deepNesting, this::hugeBody, this::wrongContentType, this::unknownPath, this::wrongMethod,
            this::badIssuanceQuery, this::unknownTarget, this::badUtf8Json, this::badKey);

    AdminRequestCorpus(long seed, String adminKey) {
        this.random = new Random(seed);
        this.adminKey = adminKey;
    }

    List<RawHttp.Request> generate(int count) {
        List<RawHttp.Request> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(generators.get(i % generators.size()).apply(i));
        }
        return out;
    }

    private String validResource() {
        return "{\"slug\":\"res-" + random.nextInt(1_000_000) + "\",\"uri\":\"https://r" + random.nextInt(1_000_000)
                + ".example.test/mcp\",\"backend_kind\":\"mint\",\"scopes\":[\"tools/query||Query\"]}";
    }

    private String validClient() {
        return "{\"name\":\"client-" + random.nextInt(1_000_000) + "\",\"grant_types\":[\"client_credentials\"],"
                + "\"token_endpoint_auth_method\":\"client_secret_post\",\"scopes\":[\"tools/query||Query\"]}";
    }

    private String collection() {
        return random.nextBoolean() ? "/resources" : "/clients";
    }

    private String valid(String collection) {
        return collection.equals("/resources") ? validResource() : validClient();
    }

    private RawHttp.Request call(String label, String method, String path, String contentType, byte[] body) {
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {"Authorization", "Bearer " + adminKey});
        if (contentType != null) {
            headers.add(new String[] {"Content-Type", contentType});
        }
        return new RawHttp.Request(label, method, BASE + path, headers, body);
    }

    private RawHttp.Request postJson(String label, String path, String json) {
        return call(label, "POST", path, "application/json", utf8(json));
    }

    private RawHttp.Request truncatedJson(int i) {
        String collection = collection();
        String json = valid(collection);
        return postJson("truncated JSON #" + i, collection, json.substring(0, random.nextInt(json.length())));
    }

    private RawHttp.Request wrongTypes(int i) {
        String collection = collection();
        String field = collection.equals("/resources")
                ? pick(random, List.of("slug", "uri", "backend_kind", "scopes"))
                : pick(random, List.of("name", "grant_types", "token_endpoint_auth_method", "scopes"));
        String value = pick(random, List.of("1", "-1.5e300", "true", "{}", "{\"a\":1}", "[[1]]", "[{}]", "[null]",
                "\"\"", "[1,2]", "{\"$ne\":null}"));
        String json = valid(collection).replaceFirst("\"" + field + "\":(\"[^\"]*\"|\\[[^\\]]*\\])", java.util.regex.Matcher.quoteReplacement("\"" + field + "\":" + value));
        if (json.equals(valid(collection))) {
            json = "{\"" + field + "\":" + value + "}";
        }
        return postJson("wrong type for " + field + " #" + i, collection, json);
    }

    private RawHttp.Request unknownField(int i) {
        String collection = collection();
        String json = valid(collection);
        String extra = pick(random, List.of("\"admin\":true", "\"client_secret\":\"chosen\"", "\"status\":\"active\"",
                "\"id\":\"x\"", "\"" + Fragments.printable(random, 6).replace("\"", "").replace("\\", "") + "\":1"));
        return postJson("unknown field #" + i, collection, json.substring(0, json.length() - 1) + "," + extra + "}");
    }

    private RawHttp.Request invalidValues(int i) {
        if (random.nextBoolean()) {
            String slug = pick(random, List.of("UPPER", "with space", "-leading", "a".repeat(65), "", "sl/ash",
                    "'; DROP TABLE resources; --", "ünïcode", "a\u0000b"));
            String uri = pick(random, List.of("relative/path", "https://x.example/mcp#frag", "javascript:alert(1)",
                    "ftp://x.example/", "", "https://", "http://[::1"));
            boolean badSlug = random.nextBoolean();
            String kind = random.nextInt(3) == 0 ? pick(random, List.of("proxy", "MINT", "", "mint ")) : "mint";
            String json = "{\"slug\":" + Http.quote(badSlug ? slug : "ok-" + random.nextInt(1000)) + ",\"uri\":"
                    + Http.quote(badSlug ? "https://ok.example.test/" + i : uri) + ",\"backend_kind\":" + Http.quote(kind) + "}";
            return postJson("invalid resource values #" + i, "/resources", json);
        }
        String method = pick(random, List.of("none", "private_key_jwt", "client_secret_jwt", "CLIENT_SECRET_POST", ""));
        String grants = pick(random, List.of("[\"authorization_code\"]", "[\"password\"]", "[]", "[\"client_credentials\",\"x\"]"));
        boolean badMethod = random.nextBoolean();
        String json = "{\"name\":\"c-" + i + "\",\"grant_types\":" + (badMethod ? "[\"client_credentials\"]" : grants)
                + ",\"token_endpoint_auth_method\":" + Http.quote(badMethod ? method : "client_secret_post") + "}";
        return postJson("invalid client values #" + i, "/clients", json);
    }

    private RawHttp.Request duplicateKeys(int i) {
        String collection = collection();
        String json = valid(collection);
        String key = collection.equals("/resources") ? "slug" : "name";
        return postJson("duplicate key #" + i, collection,
                json.replaceFirst("\\{", "{\"" + key + "\":\"dup-" + i + "\","));
    }

    private RawHttp.Request deepNesting(int i) {
        int depth = 2_000 + random.nextInt(20_000);
        String json = "{\"slug\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
        return postJson("nesting depth " + depth + " #" + i, collection(), json);
    }

    private RawHttp.Request hugeBody(int i) {
        String collection = collection();
        String json = valid(collection);
        String pad = "x".repeat(65_536 + random.nextInt(50_000));
        return postJson("body over 64 KiB #" + i, collection, json.substring(0, json.length() - 1) + ",\"pad\":\"" + pad + "\"}");
    }

    private RawHttp.Request wrongContentType(int i) {
        String type = pick(random, List.of("text/plain", "application/x-www-form-urlencoded", "application/jsonx",
                "multipart/form-data; boundary=b", "*/*"));
        String collection = collection();
        return call("content type " + type + " #" + i, "POST", collection, random.nextInt(4) == 0 ? null : type,
                utf8(valid(collection)));
    }

    private RawHttp.Request unknownPath(int i) {
        String path = pick(random, List.of("/", "/client", "/resources/x/y", "/clients/x/rotate", "/clients/x/y/z",
                "/keys/rotate/now", "/keys/list", "/issuances/x", "/health/x", "/%7e", "/users", "/admin",
                "/" + pathSegment(Fragments.printable(random, 10)),
                "/clients/" + pathSegment(pick(random, Fragments.INJECTIONS)) + "/explode"));
        return call("unknown path #" + i, pick(random, List.of("GET", "POST", "DELETE")), path, null, null);
    }

    private RawHttp.Request wrongMethod(int i) {
        String[][] cases = {{"PUT", "/clients"}, {"PATCH", "/resources"}, {"DELETE", "/clients"}, {"DELETE", "/keys"},
                {"POST", "/keys"}, {"PUT", "/issuances"}, {"GET", "/keys/rotate"}, {"POST", "/health"}, {"FOO", "/clients"},
                {"GET", "/clients/x/disable"}, {"DELETE", "/issuances"}};
        String[] c = cases[random.nextInt(cases.length)];
        return call("wrong method #" + i, c[0], c[1], null, null);
    }

    private RawHttp.Request badIssuanceQuery(int i) {
        String query = pick(random, List.of("limit=0", "limit=-1", "limit=5001", "limit=99999999999999999999", "limit=abc",
                "since=yesterday", "since=-5h", "since=2026-13-45T00:00:00Z", "until=%ZZ", "since=24h&since=1h",
                "foo=bar", "limit=1&limit=2", "client=%C3%28", "since=" + Fragments.encode(pick(random, Fragments.INJECTIONS)),
                "since=99999999999d", "limit=1e3", "resource=%"));
        return call("bad issuance query #" + i, "GET", "/issuances?" + query, null, null);
    }

    private RawHttp.Request unknownTarget(int i) {
        String id = pathSegment(random.nextBoolean() ? Fragments.printable(random, 12) : pick(random, Fragments.INJECTIONS));
        String[][] cases = {{"GET", "/clients/" + id}, {"DELETE", "/clients/" + id}, {"POST", "/clients/" + id + "/disable"},
                {"POST", "/clients/" + id + "/rotate-secret"}, {"GET", "/resources/" + id}, {"DELETE", "/resources/" + id}};
        String[] c = cases[random.nextInt(cases.length)];
        return call("unknown client or resource #" + i, c[0], c[1], null, null);
    }

    /**
     * {@code text} as one encoded path segment, without the characters Jetty refuses before any
     * servlet runs (control characters and {@code % / \\ ; #}: ambiguous or suspicious path encodings, tested as
     * container-level refusals in {@link HostileTokenRequestsTest}).
     */
    private static String pathSegment(String text) {
        String kept = text.replaceAll("[\\x00-\\x1f\\x7f%/\\\\;#?]", "_");
        return kept.isEmpty() ? "_" : Fragments.encode(kept);
    }

    private RawHttp.Request badUtf8Json(int i) {
        byte[] json = valid("/resources").getBytes(StandardCharsets.UTF_8);
        byte[] bad = pick(random, Fragments.RAW_BAD_UTF8);
        int at = 10 + random.nextInt(json.length - 12);
        byte[] body = new byte[json.length + bad.length];
        System.arraycopy(json, 0, body, 0, at);
        System.arraycopy(bad, 0, body, at, bad.length);
        System.arraycopy(json, at, body, at + bad.length, json.length - at);
        return call("invalid UTF-8 in JSON #" + i, "POST", "/resources", "application/json", body);
    }

    private RawHttp.Request badKey(int i) {
        List<String[]> headers = new ArrayList<>();
        String value = pick(random, List.of("Bearer " + adminKey.substring(1), "Bearer " + adminKey + "x", "Basic "
                + adminKey, "bearer", "Bearer ", adminKey, "Bearer " + Fragments.printable(random, 40)));
        headers.add(new String[] {"Authorization", value});
        if (random.nextInt(5) == 0) {
            headers.add(new String[] {"Authorization", "Bearer " + adminKey});
        }
        headers.add(new String[] {"Content-Type", "application/json"});
        return new RawHttp.Request("wrong admin key #" + i, "POST", BASE + "/resources", headers, utf8(validResource()));
    }
}
