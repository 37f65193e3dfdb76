package dev.authplane.servlet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Builds RFC 9449 DPoP proofs, valid or broken on purpose. The compact JWS is assembled by hand
 * (header and payload JSON, then nimbus signs the signing input), because nimbus's own builders
 * refuse exactly the malformed proofs these tests must send (a private {@code jwk}, a bad {@code typ}).
 */
final class TestProofs {

    private final Map<String, Object> header = new LinkedHashMap<>();
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private JWSSigner signer;
    private JWSAlgorithm algorithm;

    private TestProofs() {
    }

    static ECKey newEcKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid ES256 proof for {@code POST <issuer>/oauth/token}, issued now, signed by {@code key}. */
    static TestProofs forTokenEndpoint(ECKey key) {
        TestProofs proof = new TestProofs();
        proof.header.put("typ", "dpop+jwt");
        proof.header.put("alg", "ES256");
        proof.header.put("jwk", key.toPublicJWK().toJSONObject());
        proof.claims.put("jti", UUID.randomUUID().toString());
        proof.claims.put("htm", "POST");
        proof.claims.put("htu", TestServer.ISSUER + "/oauth/token");
        proof.claims.put("iat", Instant.now().getEpochSecond());
        try {
            proof.signer = new ECDSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        proof.algorithm = JWSAlgorithm.ES256;
        return proof;
    }

    TestProofs header(String name, Object value) {
        header.put(name, value);
        return this;
    }

    TestProofs claim(String name, Object value) {
        claims.put(name, value);
        return this;
    }

    TestProofs iat(Instant iat) {
        return claim("iat", iat.getEpochSecond());
    }

    /** Signs with another signer and algorithm (the header's {@code alg} is set to match). */
    TestProofs signedWith(JWSSigner otherSigner, JWSAlgorithm otherAlgorithm) {
        this.signer = otherSigner;
        this.algorithm = otherAlgorithm;
        header.put("alg", otherAlgorithm.getName());
        return this;
    }

    String sign() {
        try {
            String input = part(header) + "." + part(claims);
            Base64URL signature = signer.sign(new JWSHeader(algorithm), input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + signature;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String part(Map<String, Object> json) {
        try {
            return Base64URL.encode(TestServer.MAPPER.writeValueAsBytes(json)).toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
