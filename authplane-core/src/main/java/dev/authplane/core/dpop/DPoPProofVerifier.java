package dev.authplane.core.dpop;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.authplane.core.error.OAuthException;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies DPoP proofs (RFC 9449 §4.3, RFC 9449) and returns the RFC 7638 SHA-256 thumbprint
 * ({@code jkt}) of the proof key.
 *
 * <p>A proof is accepted only if it is one compact JWS with {@code typ=dpop+jwt}, an {@code alg}
 * from {@link #ALLOWED_ALGORITHMS}, a public {@code jwk} header matching the algorithm (P-256 for
 * ES256, RSA of at least 2048 bits otherwise) whose key verifies the signature, a {@code jti}, an
 * {@code htm} equal to the request method, an {@code htu} equal to the request URL (scheme, host,
 * port and path compared after normalisation; query and fragment ignored), an {@code iat} no more
 * than the clock skew in the future and no more than proof lifetime plus clock skew in the past,
 * an {@code ath} exactly when {@link DPoPCheck#accessToken()} is set (and then matching it), a
 * valid server nonce when nonces are on, and a {@code jti} not seen before. The replay key is
 * scoped by proof key and {@code htu} and prefixed with {@code dpop:}, so it cannot collide with
 * other uses of the {@link DPoPReplayStore}; it is kept until the proof could no longer be accepted.
 * Every failure is an {@link OAuthException} with {@code invalid_dpop_proof} and a fixed
 * description, except a missing or stale nonce, which is {@code use_dpop_nonce} carrying a fresh
 * nonce. Depends on nimbus only; thread-safe.
 */
public final class DPoPProofVerifier {

    /** The accepted proof algorithms: asymmetric only. */
    public static final Set<JWSAlgorithm> ALLOWED_ALGORITHMS =
            Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256, JWSAlgorithm.PS256);
    /** Default maximum age of a proof. */
    public static final Duration DEFAULT_PROOF_LIFETIME = Duration.ofSeconds(60);
    /** Default tolerance for client clocks. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    /** Proofs longer than this many characters are refused unparsed. */
    public static final int MAX_PROOF_LENGTH = 8192;

    private static final String TYPE = "dpop+jwt";
    private static final int MIN_RSA_BITS = 2048;

    private final DPoPReplayStore replay;
    private final Clock clock;
    private final Duration proofLifetime;
    private final Duration clockSkew;
    private final DPoPNonces nonces;

    private DPoPProofVerifier(Builder b) {
        this.replay = b.replay;
        this.clock = b.clock;
        this.proofLifetime = b.proofLifetime;
        this.clockSkew = b.clockSkew;
        this.nonces = b.nonces;
    }

    /** A builder with the documented defaults and no nonces. */
    public static Builder builder(DPoPReplayStore replay, Clock clock) {
        return new Builder(replay, clock);
    }

    /**
     * @param proof the {@code DPoP} header value
     * @param check the request the proof must belong to
     * @return the RFC 7638 SHA-256 thumbprint of the proof key, base64url
     * @throws OAuthException {@code invalid_dpop_proof}, or {@code use_dpop_nonce} when a nonce is needed
     */
    public String verify(String proof, DPoPCheck check) {
        Objects.requireNonNull(check, "check");
        JWK jwk = ProofHeaders.check(proof);
        SignedJWT jwt = parse(proof);
        verifySignature(jwt, jwk);
        JWTClaimsSet claims = claims(jwt);
        String jti = ProofClaims.jti(claims);
        ProofClaims.checkRequest(claims, check);
        Instant iat = checkIat(claims);
        ProofClaims.checkAth(claims, check.accessToken());
        checkNonce(claims);
        String jkt = thumbprint(jwk);
        if (!replay.markUsed(ProofClaims.replayKey(jkt, check.uri(), jti), iat.plus(proofLifetime).plus(clockSkew))) {
            throw ProofHeaders.invalid("DPoP proof was already used");
        }
        return jkt;
    }

    /** The nonce to hand out with a response, when nonces are on. */
    public Optional<String> currentNonce() {
        return nonces == null ? Optional.empty() : Optional.of(nonces.current());
    }

    private static SignedJWT parse(String proof) {
        try {
            return SignedJWT.parse(proof);
        } catch (ParseException e) {
            throw ProofHeaders.invalid(ProofHeaders.NOT_A_JWS);
        }
    }

    private static void verifySignature(SignedJWT jwt, JWK jwk) {
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        try {
            JWSVerifier verifier;
            if (JWSAlgorithm.ES256.equals(alg) && jwk instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
                verifier = new ECDSAVerifier(ec);
            } else if (!JWSAlgorithm.ES256.equals(alg) && jwk instanceof RSAKey rsa && rsa.size() >= MIN_RSA_BITS) {
                verifier = new RSASSAVerifier(rsa);
            } else {
                throw ProofHeaders.invalid("DPoP proof jwk does not fit the alg");
            }
            if (!jwt.verify(verifier)) {
                throw ProofHeaders.invalid("DPoP proof signature is invalid");
            }
        } catch (JOSEException e) {
            throw ProofHeaders.invalid("DPoP proof signature is invalid");
        }
    }

    private static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw ProofHeaders.invalid("DPoP proof claims are not a JSON object");
        }
    }

    private Instant checkIat(JWTClaimsSet claims) {
        if (claims.getIssueTime() == null) {
            throw ProofHeaders.invalid("DPoP proof has no iat");
        }
        Instant iat = claims.getIssueTime().toInstant();
        Instant now = clock.instant();
        if (iat.isAfter(now.plus(clockSkew)) || iat.isBefore(now.minus(proofLifetime).minus(clockSkew))) {
            throw ProofHeaders.invalid("DPoP proof iat is outside the acceptable window");
        }
        return iat;
    }

    private void checkNonce(JWTClaimsSet claims) {
        if (nonces == null) {
            return;
        }
        Object nonce = claims.getClaim("nonce");
        if (!(nonce instanceof String s) || !nonces.isValid(s)) {
            throw OAuthException.useDpopNonce(nonces.current());
        }
    }

    private static String thumbprint(JWK jwk) {
        try {
            Base64URL jkt = jwk.computeThumbprint("SHA-256");
            return jkt.toString();
        } catch (JOSEException e) {
            throw ProofHeaders.invalid("DPoP proof jwk is not a valid key");
        }
    }

    /** Options of a {@link DPoPProofVerifier}; every one has a documented default. */
    public static final class Builder {
        private final DPoPReplayStore replay;
        private final Clock clock;
        private Duration proofLifetime = DEFAULT_PROOF_LIFETIME;
        private Duration clockSkew = DEFAULT_CLOCK_SKEW;
        private DPoPNonces nonces;

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

        /** Require server nonces issued by {@code nonces}; {@code null} (the default) turns nonces off. */
        public Builder nonces(DPoPNonces nonces) {
            this.nonces = nonces;
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
