package dev.authplane.benchmarks.verifier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jwt.SignedJWT;
import dev.authplane.benchmarks.BenchFixture;
import dev.authplane.benchmarks.InProcessAuthPlane;
import dev.authplane.mcp.verifier.AccessRequest;
import dev.authplane.mcp.verifier.TokenVerificationException;
import dev.authplane.mcp.verifier.TokenVerifier;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.text.ParseException;

/**
 * The three ways of checking a token that the comparison measures, each configured for the same
 * issuer, audience and key. Each call does the whole check and fails loudly on a rejected token, so
 * a misconfigured contender cannot post a fast figure.
 */
final class Contenders {

    /** One verification of one token; returns something derived from the result, so nothing is optimised away. */
    @FunctionalInterface
    interface Check {
        int verify(String token) throws Exception;
    }

    private static final String JWKS_URI = InProcessAuthPlane.ISSUER + "/.well-known/jwks.json";

    private final JWKSet jwks;
    private final JWSVerifier rawVerifier;

    Contenders(JWKSet jwks) throws JOSEException {
        this.jwks = jwks;
        this.rawVerifier = new ECDSAVerifier((ECKey) jwks.getKeys().get(0));
    }

    /**
     * AuthPlane's verifier, with its JWKS served from memory instead of HTTP; a new instance starts
     * with an empty verified-token cache.
     */
    TokenVerifier newAuthPlaneVerifier() {
        return newAuthPlaneVerifier(null);
    }

    /** The same, verifying signatures with {@code provider} ({@code null}: the JDK's). */
    TokenVerifier newAuthPlaneVerifier(java.security.Provider provider) {
        String json = jwks.toString(true);
        return TokenVerifier.builder(InProcessAuthPlane.ISSUER, BenchFixture.RESOURCE_URI)
                .jwksUri(JWKS_URI)
                .resourceRetriever(url -> new Resource(json, "application/json"))
                .cryptoProvider(provider)
                .build();
    }

    static Check authPlane(TokenVerifier verifier) {
        return token -> {
            try {
                return verifier.verify(AccessRequest.of("Bearer " + token, "POST", "/mcp")).clientId().length();
            } catch (TokenVerificationException e) {
                throw new IllegalStateException("AuthPlane's verifier rejected a benchmark token: " + e.getMessage(), e);
            }
        };
    }

    /** Spring Security 7.1's decoder, configured for RFC 9068 tokens as Spring users must. */
    Check springDecoder() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<>(jwks))
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .build();
        decoder.setJwtValidator(JwtValidators.createAtJwtValidator()
                .issuer(InProcessAuthPlane.ISSUER).audience(BenchFixture.RESOURCE_URI).build());
        return token -> decoder.decode(token).getSubject().length();
    }

    /** The physical floor: parse the compact JWS and check its ES256 signature, nothing else. */
    Check rawNimbus() {
        return token -> {
            SignedJWT jwt = parse(token);
            if (!jwt.verify(rawVerifier)) {
                throw new IllegalStateException("raw signature check failed on a benchmark token");
            }
            return jwt.getSignature().decode().length;
        };
    }

    private static SignedJWT parse(String token) {
        try {
            return SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new IllegalStateException("not a JWS: " + e.getMessage(), e);
        }
    }
}
