package dev.authplane.core.client;

import dev.authplane.core.support.IdGenerator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers client credentials that passed a bcrypt check, as HMAC-SHA-256 tags under a random
 * per-process key: {@code tag = HMAC(key, client_id, stored hash, secret)}. A later request whose
 * tag equals the remembered one (compared in constant time) presented the same secret for the
 * same stored hash, so bcrypt need not run again. Binding the stored hash into the tag makes a
 * secret rotation invalidate the entry by construction. At most {@code maxEntries} entries, the
 * least recently used evicted first; 0 disables the cache. Thread-safe (one short lock).
 */
final class VerifiedSecretCache {

    private static final String HMAC = "HmacSHA256";
    private static final int KEY_BYTES = 32;

    private final int maxEntries;
    private final Mac prototype;
    private final Map<String, byte[]> tags;

    /** @param ids source of the random HMAC key, drawn once */
    VerifiedSecretCache(int maxEntries, IdGenerator ids) {
        this(maxEntries, Base64.getUrlDecoder().decode(Objects.requireNonNull(ids, "ids").randomToken(KEY_BYTES)));
    }

    private VerifiedSecretCache(int maxEntries, byte[] key) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must not be negative");
        }
        this.maxEntries = maxEntries;
        this.prototype = keyedMac(key);
        this.tags = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > VerifiedSecretCache.this.maxEntries;
            }
        };
    }

    /**
     * A cache that remembers nothing. It still computes tags, so that a request costs the same
     * whether the cache is on or off; its key is fixed because no tag it makes is ever kept.
     */
    static VerifiedSecretCache disabled() {
        return new VerifiedSecretCache(0, new byte[KEY_BYTES]);
    }

    /** The tag of one presentation; {@code storedHash} is {@code null} for an unknown client. */
    byte[] tag(String clientId, String storedHash, String secret) {
        Mac mac = newMac();
        update(mac, clientId);
        update(mac, storedHash == null ? "" : storedHash);
        update(mac, secret);
        return mac.doFinal();
    }

    /** Whether {@code tag} is the one remembered for {@code clientId}; constant time in the tag. */
    boolean contains(String clientId, byte[] tag) {
        byte[] remembered;
        synchronized (tags) {
            remembered = tags.get(clientId);
        }
        return remembered != null && MessageDigest.isEqual(remembered, tag);
    }

    /** Remembers {@code tag} for {@code clientId}, replacing an older one. */
    void put(String clientId, byte[] tag) {
        if (maxEntries == 0) {
            return;
        }
        synchronized (tags) {
            tags.put(clientId, tag.clone());
        }
    }

    int size() {
        synchronized (tags) {
            return tags.size();
        }
    }

    /** Length-prefixed, so that no two different triples feed the MAC the same bytes. */
    private static void update(Mac mac, String field) {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        mac.update(bytes);
    }

    private Mac newMac() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the HMAC provider cannot clone a keyed Mac", e);
        }
    }

    private static Mac keyedMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }
}
