package dev.authplane.core.client;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The public keys of a {@code private_key_jwt} client (RFC 7591 §2): either a JWK Set registered
 * inline ({@link #jwks()}) or the URL of one the server fetches ({@link #jwksUri()}), never both.
 * Only public keys are ever held: {@link #inline} refuses private members, symmetric keys, key
 * types and curves outside {@link AssertionAlgorithms}, RSA keys under 2048 bits, keys for
 * encryption and keys without a unique {@code kid}.
 *
 * @param jwks    the JWK Set as JSON (public members only), or {@code null}
 * @param jwksUri the JWK Set's URL, or {@code null}
 */
public record ClientKeys(String jwks, URI jwksUri) {

    /** The largest JWK Set accepted, inline or fetched. */
    public static final int MAX_JWKS_BYTES = 64 * 1024;
    /** The most keys one client may have. */
    public static final int MAX_KEYS = 20;
    private static final int MAX_URI_LENGTH = 2048;

    public ClientKeys {
        if ((jwks == null) == (jwksUri == null)) {
            throw new IllegalArgumentException("give the client's keys either inline (jwks) or by reference (jwks_uri)");
        }
    }

    /**
     * Inline keys, validated.
     *
     * @param json a JWK Set document
     * @throws IllegalArgumentException with an operator-facing message naming what is wrong
     */
    public static ClientKeys inline(String json) {
        List<JWK> keys = parse(json, true);
        return new ClientKeys(new JWKSet(keys).toString(true), null);
    }

    /**
     * Keys by reference.
     *
     * @param allowInsecure also accept {@code http} (development only, {@code client_auth.allow_insecure_jwks_uri})
     * @throws IllegalArgumentException when the URL is not an absolute https URL without user info or fragment
     */
    public static ClientKeys remote(String uri, boolean allowInsecure) {
        String rule = allowInsecure ? "an absolute http or https URL" : "an absolute https URL";
        URI parsed;
        try {
            parsed = new URI(uri == null ? "" : uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("jwks_uri must be " + rule);
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        boolean schemeOk = scheme.equals("https") || (allowInsecure && scheme.equals("http"));
        if (!schemeOk || parsed.getHost() == null || parsed.getRawUserInfo() != null
                || parsed.getRawFragment() != null || uri.length() > MAX_URI_LENGTH) {
            throw new IllegalArgumentException("jwks_uri must be " + rule + " without user info or fragment"
                    + (allowInsecure ? "" : " (http is allowed only with client_auth.allow_insecure_jwks_uri=true)"));
        }
        return new ClientKeys(null, parsed);
    }

    /** Whether the keys are fetched from {@link #jwksUri()}. */
    public boolean isRemote() {
        return jwksUri != null;
    }

    /** The inline keys' ids in registration order; empty for remote keys (not known until fetched). */
    public List<String> keyIds() {
        return jwks == null ? List.of() : parse(jwks, true).stream().map(JWK::getKeyID).toList();
    }

    /**
     * The usable keys of a JWK Set document. {@code strict} (a registration): every key must be
     * usable and have a unique {@code kid}, else the whole set is refused. Not strict (a fetched
     * {@code jwks_uri} document): keys for other uses or of other types are skipped, but a private
     * key anywhere still refuses the document.
     *
     * @throws IllegalArgumentException naming the first problem
     */
    static List<JWK> parse(String json, boolean strict) {
        if (json == null || json.length() > MAX_JWKS_BYTES) {
            throw new IllegalArgumentException("a JWK Set of at most " + MAX_JWKS_BYTES + " bytes is required");
        }
        JWKSet set;
        try {
            set = JWKSet.parse(json);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a JWK Set (a JSON object with a \"keys\" array of JWKs): "
                    + e.getMessage());
        }
        List<JWK> usable = new ArrayList<>();
        Set<String> kids = new HashSet<>();
        for (JWK key : set.getKeys()) {
            String name = key.getKeyID() == null ? "a key without kid" : "key '" + key.getKeyID() + "'";
            if (KeyType.OCT.equals(key.getKeyType())) {
                throw new IllegalArgumentException(name + " is a symmetric oct key: a shared secret is not a"
                        + " public key; register an EC or RSA public key");
            }
            if (key.isPrivate()) {
                throw new IllegalArgumentException(name + " has private members: register the public key only");
            }
            String problem = problem(key);
            if (problem != null || (strict && key.getKeyID() == null)) {
                if (strict) {
                    throw new IllegalArgumentException(problem != null ? name + " " + problem
                            : "every key needs a kid, so an assertion's header can name the key that signed it");
                }
                continue;
            }
            if (key.getKeyID() != null && !kids.add(key.getKeyID())) {
                throw new IllegalArgumentException("kid '" + key.getKeyID() + "' appears twice");
            }
            usable.add(key);
        }
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("the JWK Set holds no usable signature key (EC P-256/384/521 or RSA)");
        }
        if (usable.size() > MAX_KEYS) {
            throw new IllegalArgumentException("at most " + MAX_KEYS + " keys per client");
        }
        return List.copyOf(usable);
    }

    /** Why a public key cannot verify client assertions, or {@code null} when it can. */
    private static String problem(JWK key) {
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            return "is not for signatures (use \"" + key.getKeyUse().identifier() + "\")";
        }
        if (key.getAlgorithm() != null && AssertionAlgorithms.ALLOWED.stream().noneMatch(key.getAlgorithm()::equals)) {
            return "names alg " + key.getAlgorithm().getName() + "; accepted: " + AssertionAlgorithms.names();
        }
        if (key instanceof ECKey ec) {
            boolean curveOk = List.of(Curve.P_256, Curve.P_384, Curve.P_521).contains(ec.getCurve());
            return curveOk ? null : "is on curve " + ec.getCurve() + "; accepted: P-256, P-384, P-521";
        }
        if (key instanceof RSAKey rsa) {
            return rsa.size() >= AssertionAlgorithms.MIN_RSA_BITS ? null
                    : "is an RSA key of " + rsa.size() + " bits; at least " + AssertionAlgorithms.MIN_RSA_BITS
                    + " are required";
        }
        return "has kty " + key.getKeyType() + ": only EC and RSA keys are accepted";
    }

    @Override
    public String toString() {
        return jwksUri != null ? "ClientKeys[jwks_uri=" + jwksUri + "]" : "ClientKeys[kids=" + keyIds() + "]";
    }
}
