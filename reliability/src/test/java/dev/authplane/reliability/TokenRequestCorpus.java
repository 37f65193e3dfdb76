package dev.authplane.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static dev.authplane.reliability.Fragments.encode;
import static dev.authplane.reliability.Fragments.pick;
import static dev.authplane.reliability.Fragments.utf8;

/**
 * A seeded generator of malformed token requests, none of which may yield a token. Requests that
 * carry the valid client's real secret are broken by construction in a later step (resource,
 * scope, DPoP proof, a repeated parameter, two authentication methods), so each one exercises a
 * deeper stage of the pipeline while still being certain to fail. Every other request carries a
 * wrong or absent secret.
 */
final class TokenRequestCorpus {

    static final String PATH = "/oauth/token";
    static final String FORM = "application/x-www-form-urlencoded";

    private final Random random;
    private final TestClient client;
    private final String resource;
    private final List<Function<Integer, RawHttp.Request>> generators = List.of(
            this::mutatedForm, this::validCredentialsBrokenLater, this::randomForm, this::badBasicHeader,
            this::repeatedParameter, this::hugeBody, this::wrongMethod, this::wrongContentType,
            this::controlCharacters, this::injectionValues, this::dpopGarbage, this::queryStringOnly,
            this::assertionGarbage);

    TokenRequestCorpus(long seed, TestClient client, String resource) {
        this.random = new Random(seed);
        this.client = client;
        this.resource = resource;
    }

    /** {@code count} requests, the generators taking turns. */
    List<RawHttp.Request> generate(int count) {
        List<RawHttp.Request> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(generators.get(i % generators.size()).apply(i));
        }
        return out;
    }

    private String wrongSecret() {
        return switch (random.nextInt(4)) {
            case 0 -> client.secret().substring(0, client.secret().length() - 1) + (client.secret().endsWith("A") ? "B" : "A");
            case 1 -> Fragments.printable(random, 1 + random.nextInt(80)).replace("&", "").replace("%", "");
            case 2 -> "";
            default -> encode(pick(random, Fragments.INJECTIONS));
        };
    }

    private String anyClientId() {
        return random.nextBoolean() ? client.clientId() : encode(Fragments.printable(random, 1 + random.nextInt(40)));
    }

    private String baseForm(String secret) {
        return "grant_type=client_credentials&client_id=" + anyClientId() + "&client_secret=" + secret
                + "&resource=" + encode(resource) + "&scope=tools%2Fquery";
    }

    private RawHttp.Request post(String label, byte[] body, String... headers) {
        List<String[]> list = new ArrayList<>();
        list.add(new String[] {"Content-Type", FORM});
        for (int i = 0; i < headers.length; i += 2) {
            list.add(new String[] {headers[i], headers[i + 1]});
        }
        return new RawHttp.Request(label, "POST", PATH, list, body);
    }

    private RawHttp.Request mutatedForm(int i) {
        byte[] body = utf8(baseForm(wrongSecret()));
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            body = mutate(body);
        }
        return post("mutated form #" + i, body);
    }

    private byte[] mutate(byte[] body) {
        int at = body.length == 0 ? 0 : random.nextInt(body.length);
        return switch (random.nextInt(7)) {
            case 0 -> flip(body, at);
            case 1 -> splice(body, at, Math.min(body.length, at + 1 + random.nextInt(8)), new byte[0]);
            case 2 -> splice(body, at, at, Fragments.randomBytes(random, 1 + random.nextInt(6)));
            case 3 -> splice(body, at, at, utf8(pick(random, Fragments.BROKEN_ENCODINGS)));
            case 4 -> splice(body, at, at, pick(random, Fragments.RAW_BAD_UTF8));
            case 5 -> splice(body, at, at, utf8(encode(pick(random, Fragments.INJECTIONS))));
            default -> java.util.Arrays.copyOf(body, at);
        };
    }

    private byte[] flip(byte[] body, int at) {
        if (body.length == 0) {
            return body;
        }
        byte[] copy = body.clone();
        copy[at] ^= (byte) (1 + random.nextInt(255));
        return copy;
    }

    private static byte[] splice(byte[] body, int from, int to, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(body, 0, from);
        out.writeBytes(insert);
        out.write(body, to, body.length - to);
        return out.toByteArray();
    }

    /** {@code private_key_jwt} shapes that can never authenticate: garbage, unsigned or mixed with a secret. */
    private RawHttp.Request assertionGarbage(int i) {
        String type = "&client_assertion_type=" + encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        String assertion = switch (random.nextInt(4)) {
            case 0 -> Fragments.garbageJws(random);
            case 1 -> "eyJhbGciOiJub25lIn0." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                    utf8("{\"iss\":\"" + client.clientId() + "\",\"sub\":\"" + client.clientId() + "\"}")) + ".";
            case 2 -> encode(Fragments.printable(random, 1 + random.nextInt(200)));
            default -> encode(pick(random, Fragments.INJECTIONS));
        };
        String base = "grant_type=client_credentials&resource=" + encode(resource) + type + "&client_assertion=" + assertion;
        return switch (random.nextInt(3)) {
            case 0 -> post("garbage assertion #" + i, utf8(base));
            case 1 -> post("garbage assertion with client_id #" + i, utf8(base + "&client_id=" + anyClientId()));
            default -> post("assertion and secret #" + i, utf8(base + "&client_id=" + client.clientId()
                    + "&client_secret=" + client.secret()));
        };
    }

    /** The real secret, but the request is certain to fail after authentication. */
    private RawHttp.Request validCredentialsBrokenLater(int i) {
        String good = "grant_type=client_credentials&client_id=" + client.clientId() + "&client_secret=" + client.secret();
        return switch (random.nextInt(5)) {
            case 0 -> post("valid client, unregistered resource #" + i,
                    utf8(good + "&resource=" + encode(otherResource()) + "&scope=tools%2Fquery"));
            case 1 -> post("valid client, foreign scopes #" + i,
                    utf8(good + "&resource=" + encode(resource) + "&scope=" + encode(foreignScopes())));
            case 2 -> post("valid client, garbage DPoP #" + i, utf8(good + "&resource=" + encode(resource)),
                    "DPoP", Fragments.garbageJws(random));
            case 3 -> post("valid client, repeated parameter #" + i,
                    utf8(good + "&resource=" + encode(resource) + "&" + pick(random, List.of(
                            "grant_type=client_credentials", "resource=" + encode(resource), "resourc%65=" + encode(resource),
                            "client_id=" + client.clientId(), "client_secret=" + client.secret(), "grant%5Ftype=x"))));
            default -> post("valid client, two authentication methods #" + i,
                    utf8(good + "&resource=" + encode(resource)), "Authorization", client.basicHeader());
        };
    }

    private String otherResource() {
        String candidate;
        do {
            candidate = switch (random.nextInt(4)) {
                case 0 -> resource + Fragments.printable(random, 1 + random.nextInt(5));
                case 1 -> resource.toUpperCase(java.util.Locale.ROOT);
                case 2 -> pick(random, Fragments.INJECTIONS);
                default -> resource + "#fragment";
            };
        } while (candidate.equals(resource));
        return candidate;
    }

    private String foreignScopes() {
        String scopes;
        do {
            scopes = random.nextBoolean() ? "tools/unknown " + Fragments.printable(random, 1 + random.nextInt(20))
                    : pick(random, Fragments.INJECTIONS) + " " + Fragments.controls(random, 2);
        } while (List.of(scopes.split(" ")).contains(EmbeddedServer.SCOPE));
        return scopes;
    }

    private RawHttp.Request randomForm(int i) {
        List<String> names = List.of("grant_type", "client_id", "client_secret", "scope", "resource", "audience",
                "username", "password", "code", "refresh_token", Fragments.printable(random, 6));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int pairs = random.nextInt(8);
        for (int p = 0; p < pairs; p++) {
            if (p > 0) {
                body.write('&');
            }
            body.writeBytes(utf8(encode(pick(random, names)) + "="));
            body.writeBytes(switch (random.nextInt(4)) {
                case 0 -> Fragments.randomBytes(random, random.nextInt(40));
                case 1 -> utf8(encode(pick(random, Fragments.INJECTIONS)));
                case 2 -> utf8("client_credentials");
                default -> utf8(encode(Fragments.printable(random, random.nextInt(30))));
            });
        }
        return post("random form #" + i, body.toByteArray());
    }

    private RawHttp.Request badBasicHeader(int i) {
        Base64.Encoder b64 = Base64.getEncoder();
        String value = switch (random.nextInt(10)) {
            case 0 -> "Basic";
            case 1 -> "Basic " + Fragments.printable(random, 1 + random.nextInt(40));
            case 2 -> "Basic " + b64.encodeToString(utf8(client.clientId() + wrongSecret()));
            case 3 -> "Basic " + b64.encodeToString(utf8(client.clientId() + ":" + pick(random, Fragments.BROKEN_ENCODINGS)));
            case 4 -> "Basic " + b64.encodeToString(concat(utf8(client.clientId() + ":"), pick(random, Fragments.RAW_BAD_UTF8)));
            case 5 -> "Basic " + b64.encodeToString(utf8(":" + wrongSecret()));
            case 6 -> "basic    " + b64.encodeToString(utf8(client.clientId() + ":" + wrongSecret()));
            case 7 -> pick(random, List.of("Bearer ", "Digest ", "Negotiate ", "DPoP ", "")) + Fragments.printable(random, 30);
            case 8 -> "Basic " + b64.encodeToString(Fragments.randomBytes(random, 1 + random.nextInt(200)));
            default -> "Basic " + "A".repeat(4 * (500 + random.nextInt(1000)));
        };
        return post("bad Basic header #" + i, utf8("grant_type=client_credentials&resource=" + encode(resource)),
                "Authorization", value);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private RawHttp.Request repeatedParameter(int i) {
        String name = pick(random, List.of("grant_type", "client_id", "client_secret", "scope", "resource"));
        String spelled = random.nextBoolean() ? name : name.replace("_", "%5F").replace("e", "%65");
        String form = baseForm(wrongSecret()) + "&" + spelled + "=" + encode(Fragments.printable(random, 8));
        if (random.nextBoolean()) {
            form = form + "&resource=" + encode(resource);
        }
        return post("repeated parameter #" + i, utf8(form), "Authorization", client.basicHeader());
    }

    private RawHttp.Request hugeBody(int i) {
        return switch (random.nextInt(5)) {
            case 0 -> post("body over 64 KiB #" + i, utf8(baseForm(wrongSecret()) + "&pad=" + "x".repeat(65_536 + random.nextInt(100_000))));
            case 1 -> post("huge scope within 64 KiB #" + i, utf8(baseForm(wrongSecret()) + "&junk=" + "s".repeat(60_000)));
            case 2 -> post("declared huge length #" + i, utf8(baseForm(wrongSecret())), "Content-Length", "99999999999");
            case 3 -> chunked("chunked body over 64 KiB #" + i, 70_000 + random.nextInt(50_000));
            default -> post("huge client_id #" + i, utf8("grant_type=client_credentials&client_id="
                    + "c".repeat(30_000) + "&client_secret=" + wrongSecret() + "&resource=" + encode(resource)));
        };
    }

    private RawHttp.Request chunked(String label, int size) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = utf8("a".repeat(8192));
        for (int left = size; left > 0; left -= chunk.length) {
            int n = Math.min(left, chunk.length);
            body.writeBytes(utf8(Integer.toHexString(n) + "\r\n"));
            body.write(chunk, 0, n);
            body.writeBytes(utf8("\r\n"));
        }
        body.writeBytes(utf8("0\r\n\r\n"));
        return post(label, body.toByteArray(), "Transfer-Encoding", "chunked");
    }

    private RawHttp.Request wrongMethod(int i) {
        String method = pick(random, List.of("GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "FOO", "post"));
        byte[] body = random.nextBoolean() ? utf8(client.form(resource)) : null;
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {"Content-Type", FORM});
        String target = PATH + (random.nextBoolean() ? "" : "?" + client.form(resource));
        return new RawHttp.Request("wrong method #" + i, method, target, headers, body);
    }

    private RawHttp.Request wrongContentType(int i) {
        String type = pick(random, List.of("application/json", "text/plain", "multipart/form-data; boundary=x",
                "application/x-www-form-urlencoded; charset=iso-8859-1", "application/x-www-form-urlencoded-x",
                "application/xml", "", "*/*", "application/x-www-form-urlencoded; charset=utf-16",
                Fragments.printable(random, 20)));
        byte[] body = random.nextBoolean() ? utf8("{\"grant_type\":\"client_credentials\",\"client_id\":\""
                + client.clientId() + "\",\"client_secret\":\"" + wrongSecret() + "\"}") : utf8(baseForm(wrongSecret()));
        List<String[]> headers = new ArrayList<>();
        if (!type.isEmpty()) {
            headers.add(new String[] {"Content-Type", type});
        }
        return new RawHttp.Request("wrong content type #" + i, "POST", PATH, headers, body);
    }

    private RawHttp.Request controlCharacters(int i) {
        String raw = Fragments.controls(random, 1 + random.nextInt(8));
        String encoded = Fragments.encodedControls(random, 1 + random.nextInt(8));
        String form = switch (random.nextInt(4)) {
            case 0 -> "grant_type=client_credentials" + raw + "&client_id=" + client.clientId() + "&client_secret=" + wrongSecret();
            case 1 -> baseForm(wrongSecret()).replace("client_id=", "client_id=" + encoded);
            case 2 -> baseForm(wrongSecret() + encoded);
            default -> "grant_type=client_credentials&client_id=" + client.clientId() + raw + "&client_secret="
                    + wrongSecret() + "&scope=" + encoded + "&resource=" + encode(resource);
        };
        return post("control characters #" + i, form.getBytes(StandardCharsets.ISO_8859_1));
    }

    private RawHttp.Request injectionValues(int i) {
        String fragment = encode(pick(random, Fragments.INJECTIONS));
        String name = pick(random, List.of("grant_type", "client_id", "client_secret", "scope", "resource"));
        String form = baseForm(wrongSecret()).replaceFirst(name + "=[^&]*", name + "=" + fragment.replace("$", "\\$"));
        return post("SQL/JSON fragment in " + name + " #" + i, utf8(form));
    }

    private RawHttp.Request dpopGarbage(int i) {
        if (random.nextInt(4) == 0) {
            return post("two DPoP headers #" + i, utf8(baseForm(wrongSecret())), "DPoP", Fragments.smallGarbageJws(random), "DPoP",
                    Fragments.smallGarbageJws(random));
        }
        return post("garbage DPoP, wrong secret #" + i, utf8(baseForm(wrongSecret())), "DPoP", Fragments.garbageJws(random));
    }

    private RawHttp.Request queryStringOnly(int i) {
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {"Content-Type", FORM});
        return new RawHttp.Request("credentials only in the query #" + i, "POST",
                PATH + "?" + client.form(resource), headers, new byte[0]);
    }
}
