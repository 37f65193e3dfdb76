package dev.authplane.core.client;

import dev.authplane.core.error.OAuthException;
import dev.authplane.core.support.FailureWindows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * Throttles failed client authentications per (presented {@code client_id}, remote address) and
 * per remote address. The client id counts whether or not it is known, so throttling tells nothing
 * about existence; it never counts on its own, so failures from one address never slow the same
 * client down from another address (no lockout by client id). Addresses are grouped as an
 * attacker gets them cheaply: an IPv6 address by its /64 prefix, an IPv4-mapped one as IPv4; an
 * unknown address is one address. Keys are bounded in length: a {@code client_id} over
 * {@value #MAX_KEY_CHARS} characters is tracked by its SHA-256. Thread-safe.
 */
final class FailedAuthThrottle {

    /** The one description of a throttled request, whatever was throttled. */
    static final String THROTTLED = "Too many failed client authentication attempts; retry later";

    /** Keys each dimension tracks at most. */
    static final int MAX_TRACKED_KEYS = 100_000;

    static final int MAX_KEY_CHARS = 128;

    private static final String UNKNOWN_ADDRESS = "-";

    private final FailureWindows byClientAndAddress;
    private final FailureWindows byAddress;

    /**
     * @param perClient  failures one client id may cause from one address within {@code window}
     * @param perAddress failures one address may cause within {@code window}, whatever the client id
     */
    FailedAuthThrottle(int perClient, int perAddress, Duration window, Clock clock) {
        this.byClientAndAddress = new FailureWindows(perClient, window, clock, MAX_TRACKED_KEYS);
        this.byAddress = new FailureWindows(perAddress, window, clock, MAX_TRACKED_KEYS);
    }

    /** A throttle that never blocks. */
    static FailedAuthThrottle off(Clock clock) {
        return new FailedAuthThrottle(0, 0, Duration.ofMinutes(1), clock);
    }

    /**
     * @throws OAuthException {@code slow_down} when the client id from this address, or the address
     *                        itself, is blocked
     */
    void check(String clientId, String remoteAddress) {
        String addressKey = addressKey(remoteAddress);
        Duration client = byClientAndAddress.blockedFor(pairKey(clientId, addressKey));
        Duration address = byAddress.blockedFor(addressKey);
        Duration wait = client.compareTo(address) >= 0 ? client : address;
        if (!wait.isZero()) {
            throw OAuthException.slowDown(THROTTLED, wait);
        }
    }

    void recordFailure(String clientId, String remoteAddress) {
        String addressKey = addressKey(remoteAddress);
        byClientAndAddress.recordFailure(pairKey(clientId, addressKey));
        byAddress.recordFailure(addressKey);
    }

    /** The (client id, address) key: the address, from the transport, comes last after a space. */
    private static String pairKey(String clientId, String addressKey) {
        return clientKey(clientId) + ' ' + (addressKey == null ? UNKNOWN_ADDRESS : addressKey);
    }

    static String clientKey(String clientId) {
        if (clientId.length() <= MAX_KEY_CHARS) {
            return clientId;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(clientId.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The address as throttled; see {@link FailureWindows#addressKey}. */
    static String addressKey(String remoteAddress) {
        return FailureWindows.addressKey(remoteAddress);
    }
}
