package dev.authplane.benchmarks.verifier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.authplane.benchmarks.InProcessAuthPlane;
import dev.authplane.crypto.CryptoProviders;
import dev.authplane.mcp.verifier.TokenVerifier;
import org.springframework.security.crypto.bcrypt.BCrypt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One JDK's in-process figures, printed as {@code FIGURE <name> <value>} lines for the run to
 * collect: ES256 sign and raw verify rates, the RS256 verify rate and the bcrypt check rate (the physical limits), AuthPlane's verifier on fresh
 * tokens and on one reused token, and Spring Security's {@code NimbusJwtDecoder} on the same
 * tokens. Everything runs on one thread. Fresh-token rounds interleave the contenders over the
 * same token pool (each AuthPlane round on a new verifier, so no token is cached) and report the
 * median round.
 *
 * <p>Arguments ({@code key=value}, all optional): {@code round-seconds} (1.2), {@code rounds} (3),
 * {@code reuse-seconds} (1.5), {@code warm-seconds} (0.7), {@code bcrypt-cost} (10).
 */
public final class VerifierComparison {

    private static final int BCRYPT_COST = 4;
    private static final long MAX_REPEATED_OPS = 50_000_000L;

    private VerifierComparison() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Double> settings = settings(args);
        double roundSeconds = settings.get("round-seconds");
        double warmSeconds = settings.get("warm-seconds");
        InProcessAuthPlane authPlane = InProcessAuthPlane.create(BCRYPT_COST, UnaryOperator.identity());
        Contenders contenders = new Contenders(authPlane.authPlane().keys().publicJwkSet());
        figure("es256_sign", signRate(warmSeconds, roundSeconds, null));
        java.security.Provider nativeProvider = CryptoProviders.choose(CryptoProviders.AUTO, "sign benchmark").provider();
        figure("es256_sign_native", nativeProvider == null ? Double.NaN : signRate(warmSeconds, roundSeconds, nativeProvider));
        figure("rs256_verify_raw", rs256VerifyRate(warmSeconds, roundSeconds));
        figure("bcrypt_check", bcryptRate(settings.get("bcrypt-cost").intValue(), roundSeconds));

        List<String> warmTokens = mint(authPlane, 200);
        Contenders.Check raw = contenders.rawNimbus();
        Contenders.Check spring = contenders.springDecoder();
        warm(raw, warmTokens, warmSeconds);
        warm(spring, warmTokens, warmSeconds);
        warmAuthPlane(contenders, warmTokens, warmSeconds);
        double calibrated = Stopwatch.repeated(raw, warmTokens.get(0), 0.5, MAX_REPEATED_OPS);
        List<String> pool = mint(authPlane, (int) Math.max(200, Math.min(50_000, calibrated * roundSeconds)));
        freshRounds(contenders, raw, spring, pool, settings.get("rounds").intValue());
        reused(contenders, spring, pool.get(0), settings.get("reuse-seconds"), warmSeconds);
    }

    private static void freshRounds(Contenders contenders, Contenders.Check raw, Contenders.Check spring,
                                    List<String> pool, int rounds) throws Exception {
        List<Double> rawRates = new ArrayList<>();
        List<Double> oursRates = new ArrayList<>();
        List<Double> springRates = new ArrayList<>();
        List<Double> nativeRates = new ArrayList<>();
        java.security.Provider nativeProvider = CryptoProviders.choose(CryptoProviders.AUTO, "verifier benchmark").provider();
        for (int round = 0; round < rounds; round++) {
            rawRates.add(Stopwatch.overTokens(raw, pool));
            try (TokenVerifier verifier = contenders.newAuthPlaneVerifier()) {
                Contenders.Check ours = Contenders.authPlane(verifier);
                ours.verify(pool.get(pool.size() - 1));
                oursRates.add(Stopwatch.overTokens(ours, pool.subList(0, pool.size() - 1)));
            }
            springRates.add(Stopwatch.overTokens(spring, pool));
            if (nativeProvider != null) {
                try (TokenVerifier verifier = contenders.newAuthPlaneVerifier(nativeProvider)) {
                    Contenders.Check ours = Contenders.authPlane(verifier);
                    ours.verify(pool.get(pool.size() - 1));
                    nativeRates.add(Stopwatch.overTokens(ours, pool.subList(0, pool.size() - 1)));
                }
            }
        }
        figure("es256_verify_raw", Stopwatch.median(rawRates));
        figure("verifier_fresh_ours", Stopwatch.median(oursRates));
        figure("verifier_fresh_spring", Stopwatch.median(springRates));
        figure("verifier_fresh_ours_native", nativeRates.isEmpty() ? Double.NaN : Stopwatch.median(nativeRates));
        figure("fresh_tokens_per_round", pool.size());
    }

    private static void reused(Contenders contenders, Contenders.Check spring, String token, double seconds,
                               double warmSeconds) throws Exception {
        try (TokenVerifier verifier = contenders.newAuthPlaneVerifier()) {
            Contenders.Check ours = Contenders.authPlane(verifier);
            Stopwatch.repeated(ours, token, warmSeconds, MAX_REPEATED_OPS);
            figure("verifier_reused_ours", Stopwatch.repeated(ours, token, seconds, MAX_REPEATED_OPS));
        }
        figure("verifier_reused_spring", Stopwatch.repeated(spring, token, seconds, MAX_REPEATED_OPS));
    }

    /** nimbus ES256 signing of a token-sized payload: the ceiling of any ES256 token endpoint per core. */
    private static double signRate(double warmSeconds, double seconds, java.security.Provider provider)
            throws JOSEException {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("bench").generate();
        ECDSASigner signer = new ECDSASigner(key);
        signer.getJCAContext().setProvider(provider);
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("bench").build();
        Payload payload = new Payload("{\"iss\":\"" + InProcessAuthPlane.ISSUER + "\",\"sub\":\"bench-client\","
                + "\"aud\":\"https://mcp.bench.example/mcp\",\"scope\":\"tools/query\",\"iat\":1764140000,"
                + "\"exp\":1764143600,\"jti\":\"0123456789abcdef0123456789abcdef\"}");
        java.util.function.IntSupplier sign = () -> {
            try {
                JWSObject jws = new JWSObject(header, payload);
                jws.sign(signer);
                return jws.getSignature().decode().length;
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        };
        Stopwatch.timed(sign, warmSeconds);
        return Stopwatch.timed(sign, seconds);
    }

    /**
     * nimbus RS256 verification (2048-bit key) of an assertion-sized JWS: what a {@code private_key_jwt}
     * client with an RSA key adds to its token request.
     */
    private static double rs256VerifyRate(double warmSeconds, double seconds) throws JOSEException {
        RSAKey key = new RSAKeyGenerator(2048).keyID("bench").generate();
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("bench").build(),
                new Payload("{\"iss\":\"bench-client\",\"sub\":\"bench-client\",\"aud\":\""
                        + InProcessAuthPlane.ISSUER + "\",\"iat\":1764140000,\"exp\":1764140300,"
                        + "\"jti\":\"0123456789abcdef0123456789abcdef\"}"));
        jws.sign(new RSASSASigner(key));
        RSASSAVerifier verifier = new RSASSAVerifier(key.toRSAPublicKey());
        java.util.function.IntSupplier verify = () -> {
            try {
                return verifier.verify(jws.getHeader(), jws.getSigningInput(), jws.getSignature()) ? 1 : 0;
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        };
        Stopwatch.timed(verify, warmSeconds);
        return Stopwatch.timed(verify, seconds);
    }

    /** bcrypt checks of a correct secret: what a client authentication without a credential cache costs. */
    private static double bcryptRate(int cost, double seconds) {
        String secret = "0123456789abcdef0123456789abcdef0123456789a";
        String hash = BCrypt.hashpw(secret, BCrypt.gensalt(cost));
        java.util.function.IntSupplier check = () -> BCrypt.checkpw(secret, hash) ? 1 : 0;
        Stopwatch.timed(check, 0.2);
        return Stopwatch.timed(check, seconds);
    }

    private static void warm(Contenders.Check check, List<String> tokens, double seconds) throws Exception {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            Stopwatch.overTokens(check, tokens.subList(0, Math.min(50, tokens.size())));
        }
    }

    /** Warms the full verification path: every pass uses a new verifier, so no token is cached. */
    private static void warmAuthPlane(Contenders contenders, List<String> tokens, double seconds) throws Exception {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            try (TokenVerifier verifier = contenders.newAuthPlaneVerifier()) {
                Stopwatch.overTokens(Contenders.authPlane(verifier), tokens.subList(0, Math.min(50, tokens.size())));
            }
        }
    }

    private static List<String> mint(InProcessAuthPlane authPlane, int count) {
        List<String> tokens = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tokens.add(authPlane.mint());
        }
        return tokens;
    }

    private static void figure(String name, double value) {
        System.out.printf(java.util.Locale.ROOT, "FIGURE %s %.3f%n", name, value);
        System.out.flush();
    }

    private static Map<String, Double> settings(String[] args) {
        Map<String, Double> settings = new HashMap<>(Map.of("round-seconds", 1.2, "rounds", 3.0,
                "reuse-seconds", 1.5, "warm-seconds", 0.7, "bcrypt-cost", 10.0));
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String key = eq < 0 ? arg : arg.substring(0, eq);
            if (!settings.containsKey(key)) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; known: " + settings.keySet());
            }
            settings.put(key, Double.parseDouble(arg.substring(eq + 1)));
        }
        return settings;
    }
}
