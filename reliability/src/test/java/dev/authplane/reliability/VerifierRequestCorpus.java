package dev.authplane.reliability;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import static dev.authplane.reliability.Fragments.pick;

/**
 * A seeded generator of requests to a resource behind the verifier's {@code AccessTokenFilter},
 * none of which may pass: broken {@code Authorization} schemes and token68 values, mutated real
 * tokens, {@code alg: none} and HMAC forgeries, tokens signed by the real key with a wrong
 * audience, issuer, type or lifetime, tokens signed by a foreign key, DPoP-bound tokens without a
 * valid proof and garbage {@code DPoP} headers. Each request's expected status is 401, except two
 * {@code Authorization} headers (400 {@code invalid_request}, RFC 6750 §3.1).
 */
final class VerifierRequestCorpus {

    /** A request with the status it must get. */
    record Case(RawHttp.Request request, int expectedStatus) {
    }

    private final Random random;
    private final String path;
    private final String validToken;
    private final JWSSigner realSigner;
    private final String realKid;
    private final String issuer;
    private final String audience;
    private final ECKey foreignKey;
    private final List<Function<Integer, Case>> generators = List.of(
            this::badScheme, this::randomToken68, this::mutatedToken, this::algNone, this::hmacForgery,
            this::badClaims, this::foreignKey, this::dpopMisuse, this::injections, this::twoAuthorizationHeaders,
            this::deepNesting);

    VerifierRequestCorpus(long seed, String path, String validToken, JWSSigner realSigner, String realKid, String issuer,
                          String audience) throws JOSEException {
        this.random = new Random(seed);
        this.path = path;
        this.validToken = validToken;
        this.realSigner = realSigner;
        this.realKid = realKid;
        this.issuer = issuer;
        this.audience = audience;
        this.foreignKey = new ECKeyGenerator(Curve.P_256).keyID(realKid).generate();
    }

    List<Case> generate(int count) {
        List<Case> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(generators.get(i % generators.size()).apply(i));
        }
        return out;
    }

    private Case request(String label, int expected, String... headers) {
        List<String[]> list = new ArrayList<>();
        for (int i = 0; i < headers.length; i += 2) {
            list.add(new String[] {headers[i], headers[i + 1]});
        }
        return new Case(new RawHttp.Request(label, pick(random, List.of("GET", "POST", "DELETE")), path, list,
                new byte[0]), expected);
    }

    private Case badScheme(int i) {
        String value = pick(random, List.of("Bearer", "Bearer ", "Bearer  ", "Basic " + validToken, "Token " + validToken,
                "Bearer " + validToken + " extra", "Bearer \"" + validToken + "\"", "Bearer" + validToken,
                "Bearer ===", "Bearer =" + validToken, "DPoP", "Negotiate abc", Fragments.printable(random, 30)));
        return request("bad scheme #" + i, 401, "Authorization", value);
    }

    private Case randomToken68(int i) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        StringBuilder token = new StringBuilder();
        int segments = 1 + random.nextInt(5);
        for (int s = 0; s < segments; s++) {
            token.append(s == 0 ? "" : ".").append(b64.encodeToString(Fragments.randomBytes(random, random.nextInt(300))));
        }
        return request("random token68 #" + i, 401, "Authorization", "Bearer " + (token.length() == 0 ? "x" : token));
    }

    private Case mutatedToken(int i) {
        char[] chars = validToken.toCharArray();
        String mutated = switch (random.nextInt(4)) {
            case 0 -> {
                int at = random.nextInt(chars.length);
                chars[at] = chars[at] == 'A' ? 'B' : chars[at] == '.' ? 'x' : 'A';
                yield new String(chars);
            }
            case 1 -> validToken.substring(0, 1 + random.nextInt(validToken.length() - 1));
            case 2 -> validToken + Fragments.printable(random, 3).replaceAll("[^A-Za-z0-9]", "a");
            default -> validToken.substring(0, validToken.lastIndexOf('.') + 1);
        };
        return request("mutated real token #" + i, 401, "Authorization", "Bearer " + mutated);
    }

    private JWTClaimsSet.Builder validClaims() {
        long now = System.currentTimeMillis();
        return new JWTClaimsSet.Builder().issuer(issuer).subject("forged-client").claim("client_id", "forged-client")
                .audience(audience).claim("scope", EmbeddedServer.SCOPE).issueTime(new Date(now))
                .notBeforeTime(new Date(now)).expirationTime(new Date(now + 600_000)).jwtID("jti-" + random.nextLong());
    }

    private Case algNone(int i) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = "{\"alg\":\"" + pick(random, List.of("none", "None", "NONE", "")) + "\",\"typ\":\"at+jwt\",\"kid\":\"" + realKid + "\"}";
        String token = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(validClaims().build().toString().getBytes(StandardCharsets.UTF_8)) + ".";
        return request("alg none #" + i, 401, "Authorization", "Bearer " + token);
    }

    private Case hmacForgery(int i) {
        byte[] secret = foreignKey.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        try {
            return request("HMAC forgery #" + i, 401, "Authorization", "Bearer "
                    + sign(new MACSigner(pad(secret)), JWSAlgorithm.HS256, new JOSEObjectType("at+jwt"), validClaims().build()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] pad(byte[] secret) {
        return secret.length >= 32 ? secret : java.util.Arrays.copyOf(secret, 32);
    }

    private Case badClaims(int i) {
        long now = System.currentTimeMillis();
        JWTClaimsSet.Builder claims = validClaims();
        JOSEObjectType type = new JOSEObjectType("at+jwt");
        String flaw;
        switch (random.nextInt(9)) {
            case 0 -> { flaw = "wrong audience"; claims.audience(audience + "/other"); }
            case 1 -> { flaw = "wrong issuer"; claims.issuer(issuer + "/evil"); }
            case 2 -> { flaw = "expired"; claims.expirationTime(new Date(now - 3_600_000)); }
            case 3 -> { flaw = "not yet valid"; claims.notBeforeTime(new Date(now + 3_600_000)); }
            case 4 -> { flaw = "issued in the future"; claims.issueTime(new Date(now + 3_600_000)); }
            case 5 -> { flaw = "typ JWT"; type = JOSEObjectType.JWT; }
            case 6 -> { flaw = "no exp"; claims.expirationTime(null); }
            case 7 -> { flaw = "audience list without this resource"; claims.audience(List.of("https://a.example", "https://b.example")); }
            default -> { flaw = "no typ"; type = null; }
        }
        return request("real key, " + flaw + " #" + i, 401, "Authorization",
                "Bearer " + sign(realSigner, JWSAlgorithm.ES256, type, claims.build()));
    }

    private Case foreignKey(int i) {
        try {
            return request("foreign key #" + i, 401, "Authorization", "Bearer "
                    + sign(new ECDSASigner(foreignKey), JWSAlgorithm.ES256, new JOSEObjectType("at+jwt"), validClaims().build()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private Case dpopMisuse(int i) {
        String bound = sign(realSigner, JWSAlgorithm.ES256, new JOSEObjectType("at+jwt"),
                validClaims().claim("cnf", Map.of("jkt", "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I")).build());
        String proof = Base64.getUrlEncoder().withoutPadding().encodeToString(Fragments.randomBytes(random, 40)) + ".e30.x";
        return switch (random.nextInt(5)) {
            case 0 -> request("bound token as Bearer #" + i, 401, "Authorization", "Bearer " + bound);
            case 1 -> request("bound token, no proof #" + i, 401, "Authorization", "DPoP " + bound);
            case 2 -> request("bound token, garbage proof #" + i, 401, "Authorization", "DPoP " + bound, "DPoP", proof);
            case 3 -> request("bearer token with DPoP scheme and garbage proof #" + i, 401, "Authorization",
                    "DPoP " + validToken, "DPoP", proof);
            default -> request("two DPoP headers #" + i, 401, "Authorization", "DPoP " + bound, "DPoP", proof, "DPoP", proof);
        };
    }

    /** Token and proof whose JSON nests arrays about 2,500 deep (what fits in an 8 KiB header). */
    private Case deepNesting(int i) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        int depth = 2_000 + random.nextInt(500);
        String nested = "[".repeat(depth) + "]".repeat(depth);
        if (random.nextBoolean()) {
            String header = "{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":" + nested + "}";
            return request("deeply nested token header #" + i, 401, "Authorization", "Bearer "
                    + b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + ".e30."
                    + b64.encodeToString(Fragments.randomBytes(random, 64)));
        }
        String payload = "{\"iss\":" + nested + "}";
        return request("deeply nested token claims #" + i, 401, "Authorization", "Bearer "
                + b64.encodeToString("{\"alg\":\"ES256\",\"typ\":\"at+jwt\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(Fragments.randomBytes(random, 64)));
    }

    private Case injections(int i) {
        return request("fragment as token #" + i, 401, "Authorization", "Bearer "
                + pick(random, Fragments.INJECTIONS).replaceAll("[\\x00-\\x1f]", " "));
    }

    private Case twoAuthorizationHeaders(int i) {
        return request("two Authorization headers #" + i, 400, "Authorization", "Bearer " + validToken,
                "Authorization", "Bearer " + validToken);
    }

    private String sign(JWSSigner signer, JWSAlgorithm algorithm, JOSEObjectType type, JWTClaimsSet claims) {
        JWSHeader.Builder header = new JWSHeader.Builder(algorithm).keyID(realKid);
        if (type != null) {
            header.type(type);
        }
        SignedJWT jwt = new SignedJWT(header.build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
