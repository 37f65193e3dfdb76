package dev.authplane.core.key;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.authplane.core.storage.StorageException;

import java.security.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One immutable snapshot of the key store as a node uses it: the active key's signer and the
 * public JWKS (active plus still-published retired keys), valid until {@link #validUntil()}.
 * {@link #readAt()} is when the store last confirmed this snapshot.
 */
record KeyState(SigningKey active, ActiveKey activeKey, JWKSet publicSet, String publicJson, Instant validUntil,
                Instant readAt) {

    /**
     * @param all      every stored key, as {@link SigningKeyRepository#findAll()} returned them
     * @param previous the snapshot being replaced, whose signer is reused when the active key is unchanged
     * @param cryptoProvider signs with the active key; {@code null} for the JDK's providers
     */
    static KeyState of(List<SigningKey> all, KeyState previous, Instant now, Duration refreshInterval,
                       Provider cryptoProvider) {
        SigningKey active = all.stream().filter(k -> k.status() == KeyStatus.ACTIVE).findFirst()
                .orElseThrow(() -> new StorageException("the key store holds no active signing key"));
        ActiveKey activeKey = previous != null && previous.active().kid().equals(active.kid())
                ? previous.activeKey() : KeyMaterial.activeKey(active, cryptoProvider);
        Instant validUntil = now.plus(refreshInterval);
        List<JWK> published = new ArrayList<>();
        published.add(KeyMaterial.publicJwk(active));
        for (SigningKey key : all) {
            if (key.status() == KeyStatus.RETIRED && key.publishUntil().isAfter(now)) {
                published.add(KeyMaterial.publicJwk(key));
                validUntil = validUntil.isAfter(key.publishUntil()) ? key.publishUntil() : validUntil;
            }
        }
        JWKSet set = new JWKSet(published);
        return new KeyState(active, activeKey, set, set.toString(true), validUntil, now);
    }

    /** This snapshot, to be served until {@code retryAt} because a refresh failed. */
    KeyState retryAt(Instant retryAt) {
        return new KeyState(active, activeKey, publicSet, publicJson, retryAt, readAt);
    }
}
