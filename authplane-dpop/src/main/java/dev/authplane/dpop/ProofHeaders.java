package dev.authplane.dpop;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;

import java.text.ParseException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks on a DPoP proof's shape and JOSE header, done on the raw header JSON before nimbus
 * parses the proof, so that each rule gets its own fixed description.
 */
final class ProofHeaders {

    static final String NOT_A_JWS = "DPoP proof is not a single compact JWS";

    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    private final Set<JWSAlgorithm> algorithms;
    private final String algorithmError;

    /** @param algorithms the accepted {@code alg}s, in the order the error message lists them */
    ProofHeaders(Set<JWSAlgorithm> algorithms) {
        this.algorithms = algorithms;
        this.algorithmError = "DPoP proof alg must be one of "
                + algorithms.stream().map(JWSAlgorithm::getName).collect(Collectors.joining(", "));
    }

    /** @return the proof's public {@code jwk} after checking shape, {@code typ}, {@code alg} and {@code jwk} */
    JWK check(String proof) throws DPoPProofException {
        if (proof == null || proof.length() > DPoPProofVerifier.MAX_PROOF_LENGTH
                || !COMPACT_JWS.matcher(proof).matches()) {
            throw DPoPProofException.invalid(DPoPProofException.Reason.MALFORMED, NOT_A_JWS);
        }
        Map<String, Object> header = header(proof.substring(0, proof.indexOf('.')));
        if (!"dpop+jwt".equals(header.get("typ"))) {
            throw DPoPProofException.invalid(DPoPProofException.Reason.MALFORMED, "DPoP proof typ must be dpop+jwt");
        }
        if (!(header.get("alg") instanceof String alg) || !algorithms.contains(JWSAlgorithm.parse(alg))) {
            throw DPoPProofException.invalid(DPoPProofException.Reason.MALFORMED, algorithmError);
        }
        return publicJwk(header.get("jwk"));
    }

    private static Map<String, Object> header(String encoded) throws DPoPProofException {
        try {
            return JSONObjectUtils.parse(new Base64URL(encoded).decodeToString());
        } catch (ParseException | RuntimeException e) {
            throw DPoPProofException.invalid(DPoPProofException.Reason.MALFORMED, NOT_A_JWS);
        }
    }

    @SuppressWarnings("unchecked")
    private static JWK publicJwk(Object member) throws DPoPProofException {
        if (!(member instanceof Map<?, ?> map)) {
            throw DPoPProofException.invalid(DPoPProofException.Reason.MALFORMED, "DPoP proof has no jwk header");
        }
        if (map.keySet().stream().anyMatch(PRIVATE_MEMBERS::contains)) {
            throw DPoPProofException.invalid(DPoPProofException.Reason.MALFORMED, "DPoP proof jwk must not contain private key members");
        }
        try {
            JWK jwk = JWK.parse((Map<String, Object>) map);
            if (jwk.isPrivate()) {
                throw DPoPProofException.invalid(DPoPProofException.Reason.MALFORMED, "DPoP proof jwk must not contain private key members");
            }
            return jwk;
        } catch (ParseException e) {
            throw DPoPProofException.invalid(DPoPProofException.Reason.MALFORMED, "DPoP proof jwk is not a valid key");
        }
    }
}
