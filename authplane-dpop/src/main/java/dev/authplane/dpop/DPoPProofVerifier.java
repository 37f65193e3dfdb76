package dev.authplane.dpop;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.security.Provider;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies DPoP proofs (RFC 9449 §4.3, and §7.1 at a protected resource) and returns the RFC 7638
 * SHA-256 thumbprint ({@code jkt}) of the proof key.
 *
 * <p>A proof is accepted only if it is one compact JWS of at most {@value #MAX_PROOF_LENGTH}
 * characters with {@code typ=dpop+jwt}, an accepted asymmetric {@code alg}, a public {@code jwk}
 * header that fits the algorithm (the algorithm's curve for ECDSA, RSA of at least 2048 bits) and
 * verifies the signature, a {@code jti}, an {@code htm} equal to the request method, an {@code htu}
 * equal to the request URL (both {@link Htu#normalize normalised}), an {@code iat} no more than the
 * clock skew in the future and no more than proof lifetime plus clock skew in the past, an
 * {@code ath} exactly when {@link DPoPCheck#accessToken()} is set (and then matching it), a key
 * thumbprint equal to {@link DPoPCheck#boundJkt()} when that is set, a valid server nonce when
 * nonces are on, and a {@code jti} not seen before. The replay check runs last, so a proof that
 * fails any other rule never fills the {@link DPoPReplayStore}; its key is scoped by proof key and
 * {@code htu}, prefixed {@code dpop:}, and kept until the proof could no longer be accepted.
 *
 * <p>Outcomes: the thumbprint; {@link DPoPProofException} when the proof is rejected (a fixed
 * description per rule, or a fresh nonce); {@link DPoPCheckUnavailableException} when the replay
 * store could not answer. Thread-safe.
 */
public final class DPoPProofVerifier {

    /** The default accepted proof algorithms, in the order error messages list them. */
    public static final List<JWSAlgorithm> DEFAULT_ALGORITHMS = List.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256, JWSAlgorithm.PS256);
    /** Default maximum age of a proof: 60 seconds. */
    public static final Duration DEFAULT_PROOF_LIFETIME = Duration.ofSeconds(60);
    /** Default tolerance for client clocks: 60 seconds. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    /** Proofs longer than this many characters are refused unparsed. */
    public static final int MAX_PROOF_LENGTH = 8192;

    private static final int MIN_RSA_BITS = 2048;

    private final DPoPReplayStore replay;
    private final Clock clock;
    private final Duration proofLifetime;
    private final Duration clockSkew;
    private final ServerNonces nonces;
    private final ProofHeaders headers;
    private final Provider cryptoProvider;

    private DPoPProofVerifier(Builder b) {
        this.cryptoProvider = b.cryptoProvider;
        this.replay = b.replay;
        this.clock = b.clock;
        this.proofLifetime = b.proofLifetime;
        this.clockSkew = b.clockSkew;
        this.nonces = b.nonces;
        this.headers = new ProofHeaders(b.algorithms);
    }

    /** A builder with the documented defaults and no nonces. */
    public static Builder builder(DPoPReplayStore replay, Clock clock) {
        return new Builder(replay, clock);
    }

    /**
     * @param proof the {@code DPoP} header value
     * @param check the request the proof must belong to
     * @return the RFC 7638 SHA-256 thumbprint of the proof key, base64url
     * @throws DPoPProofException            the proof is rejected
     * @throws DPoPCheckUnavailableException the replay store did not answer
     */
    public String verify(String proof, DPoPCheck check) throws DPoPProofException, DPoPCheckUnavailableException {
        Objects.requireNonNull(check, "check");
        JWK jwk = headers.check(proof);
        SignedJWT jwt = parse(proof);
        verifySignature(jwt, jwk, cryptoProvider);
        JWTClaimsSet claims = claims(jwt);
        String jti = ProofClaims.jti(claims);
        ProofClaims.checkRequest(claims, check);
        Instant iat = checkIat(claims);
        ProofClaims.checkAth(claims, check.accessToken());
        String jkt = thumbprint(jwk);
        if (check.boundJkt() != null && !ProofClaims.constantTimeEquals(jkt, check.boundJkt())) {
            throw DPoPProofException.invalid(DPoPProofException.Reason.MISMATCH, "DPoP proof key is not the key the access token is bound to");
        }
        checkNonce(claims);
        if (!markUsed(ProofClaims.replayKey(jkt, check.uri(), jti), iat.plus(proofLifetime).plus(clockSkew))) {
            throw DPoPProofException.invalid(DPoPProofException.Reason.REPLAYED, "DPoP proof was already used");
        }
        return jkt;
    }

    /** The nonce to hand out with a response, when nonces are on. */
    public Optional<String> currentNonce() {
        return nonces == null ? Optional.empty() : Optional.of(nonces.current());
    }

    private boolean markUsed(String key, Instant expiresAt) throws DPoPCheckUnavailableException {
        try {
            return replay.markUsed(key, expiresAt);
        } catch (RuntimeException e) {
            throw new DPoPCheckUnavailableException(e);
        }
    }

    private static SignedJWT parse(String proof) throws DPoPProofException {
        try {
            return SignedJWT.parse(proof);
        } catch (ParseException e) {
            throw DPoPProofException.invalid(DPoPProofException.Reason.MALFORMED, ProofHeaders.NOT_A_JWS);
        }
    }

    private static void verifySignature(SignedJWT jwt, JWK jwk, Provider provider) throws DPoPProofException {
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        try {
            JWSVerifier verifier;
            if (JWSAlgorithm.Family.EC.contains(alg) && jwk instanceof ECKey ec && Curve.forJWSAlgorithm(alg).contains(ec.getCurve())) {
                verifier = new ECDSAVerifier(ec);
            } else if (JWSAlgorithm.Family.RSA.contains(alg) && jwk instanceof RSAKey rsa && rsa.size() >= MIN_RSA_BITS) {
                verifier = new RSASSAVerifier(rsa);
            } else {
                throw DPoPProofException.invalid(DPoPProofException.Reason.MALFORMED, "DPoP proof jwk does not fit the alg");
            }
            verifier.getJCAContext().setProvider(provider);
            if (!jwt.verify(verifier)) {
                throw DPoPProofException.invalid(DPoPProofException.Reason.BAD_SIGNATURE, "DPoP proof signature is invalid");
            }
        } catch (JOSEException e) {
            throw DPoPProofException.invalid(DPoPProofException.Reason.BAD_SIGNATURE, "DPoP proof signature is invalid");
        }
    }

    private static JWTClaimsSet claims(SignedJWT jwt) throws DPoPProofException {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw DPoPProofException.invalid(DPoPProofException.Reason.MALFORMED, "DPoP proof claims are not a JSON object");
        }
    }

    private Instant checkIat(JWTClaimsSet claims) throws DPoPProofException {
        Instant iat;
        try {
            iat = claims.getDateClaim("iat") == null ? null : claims.getDateClaim("iat").toInstant();
        } catch (ParseException e) {
            iat = null;
        }
        if (iat == null) {
            throw DPoPProofException.invalid(DPoPProofException.Reason.MALFORMED, "DPoP proof has no iat");
        }
        Instant now = clock.instant();
        if (iat.isAfter(now.plus(clockSkew)) || iat.isBefore(now.minus(proofLifetime).minus(clockSkew))) {
            throw DPoPProofException.invalid(DPoPProofException.Reason.STALE, "DPoP proof iat is outside the acceptable window");
        }
        return iat;
    }

    private void checkNonce(JWTClaimsSet claims) throws DPoPProofException {
        if (nonces != null && !(claims.getClaim("nonce") instanceof String s && nonces.isValid(s))) {
            throw DPoPProofException.nonceRequired(nonces.current());
        }
    }

    private static String thumbprint(JWK jwk) throws DPoPProofException {
        try {
            return jwk.computeThumbprint("SHA-256").toString();
        } catch (JOSEException e) {
            throw DPoPProofException.invalid(DPoPProofException.Reason.MALFORMED, "DPoP proof jwk is not a valid key");
        }
    }

    /** Options of a {@link DPoPProofVerifier}; every one has a documented default. */
    public static final class Builder {
        private final DPoPReplayStore replay;
        private final Clock clock;
        private Duration proofLifetime = DEFAULT_PROOF_LIFETIME;
        private Duration clockSkew = DEFAULT_CLOCK_SKEW;
        private ServerNonces nonces;
        private Set<JWSAlgorithm> algorithms = new LinkedHashSet<>(DEFAULT_ALGORITHMS);
        private Provider cryptoProvider;

        private Builder(DPoPReplayStore replay, Clock clock) {
            this.replay = Objects.requireNonNull(replay, "replay");
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /** Maximum proof age (default {@link #DEFAULT_PROOF_LIFETIME}). */
        public Builder proofLifetime(Duration proofLifetime) {
            this.proofLifetime = positive(proofLifetime, "proofLifetime");
            return this;
        }

        /** Tolerance for client clocks (default {@link #DEFAULT_CLOCK_SKEW}). */
        public Builder clockSkew(Duration clockSkew) {
            this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
            if (clockSkew.isNegative()) {
                throw new IllegalArgumentException("clockSkew must not be negative");
            }
            return this;
        }

        /** Require server nonces from {@code nonces}; {@code null} (the default) turns nonces off. */
        public Builder nonces(ServerNonces nonces) {
            this.nonces = nonces;
            return this;
        }

        /**
         * The accepted proof algorithms (default {@link #DEFAULT_ALGORITHMS}): RSA and ECDSA only.
         *
         * @throws IllegalArgumentException for an empty set or a symmetric or unknown algorithm
         */
        public Builder algorithms(Set<JWSAlgorithm> algorithms) {
            if (algorithms.isEmpty()) {
                throw new IllegalArgumentException("name at least one DPoP proof algorithm");
            }
            for (JWSAlgorithm alg : algorithms) {
                if (!JWSAlgorithm.Family.RSA.contains(alg) && !JWSAlgorithm.Family.EC.contains(alg)) {
                    throw new IllegalArgumentException("DPoP proof algorithm " + alg + " is not an RSA or ECDSA algorithm");
                }
            }
            this.algorithms = new LinkedHashSet<>(algorithms);
            return this;
        }

        /**
         * The JCA provider that verifies proof signatures, e.g. a native one; {@code null} (the
         * default) uses the JDK's providers.
         */
        public Builder cryptoProvider(Provider cryptoProvider) {
            this.cryptoProvider = cryptoProvider;
            return this;
        }

        public DPoPProofVerifier build() {
            return new DPoPProofVerifier(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
