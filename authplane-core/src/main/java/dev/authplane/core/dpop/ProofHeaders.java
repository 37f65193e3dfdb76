package dev.authplane.core.dpop;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.authplane.core.error.OAuthError;
import dev.authplane.core.error.OAuthException;

import java.text.ParseException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks on a DPoP proof's shape and JOSE header, done on the raw header JSON before nimbus
 * parses the proof, so that each rule gets its own fixed description.
 */
final class ProofHeaders {

    static final String NOT_A_JWS = "DPoP proof is not a single compact JWS";

    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    private ProofHeaders() {
    }

    /** @return the proof's public {@code jwk} after checking shape, {@code typ}, {@code alg} and {@code jwk} */
    static JWK check(String proof) {
        if (proof == null || proof.length() > DPoPProofVerifier.MAX_PROOF_LENGTH
                || !COMPACT_JWS.matcher(proof).matches()) {
            throw invalid(NOT_A_JWS);
        }
        Map<String, Object> header = header(proof.substring(0, proof.indexOf('.')));
        if (!"dpop+jwt".equals(header.get("typ"))) {
            throw invalid("DPoP proof typ must be dpop+jwt");
        }
        if (!(header.get("alg") instanceof String alg)
                || !DPoPProofVerifier.ALLOWED_ALGORITHMS.contains(JWSAlgorithm.parse(alg))) {
            throw invalid("DPoP proof alg must be one of ES256, RS256, PS256");
        }
        return publicJwk(header.get("jwk"));
    }

    static OAuthException invalid(String description) {
        return new OAuthException(OAuthError.INVALID_DPOP_PROOF, description);
    }

    private static Map<String, Object> header(String encoded) {
        try {
            return JSONObjectUtils.parse(new Base64URL(encoded).decodeToString());
        } catch (ParseException | RuntimeException e) {
            throw invalid(NOT_A_JWS);
        }
    }

    @SuppressWarnings("unchecked")
    private static JWK publicJwk(Object member) {
        if (!(member instanceof Map<?, ?> map)) {
            throw invalid("DPoP proof has no jwk header");
        }
        if (map.keySet().stream().anyMatch(PRIVATE_MEMBERS::contains)) {
            throw invalid("DPoP proof jwk must not contain private key members");
        }
        try {
            JWK jwk = JWK.parse((Map<String, Object>) map);
            if (jwk.isPrivate()) {
                throw invalid("DPoP proof jwk must not contain private key members");
            }
            return jwk;
        } catch (ParseException e) {
            throw invalid("DPoP proof jwk is not a valid key");
        }
    }
}
