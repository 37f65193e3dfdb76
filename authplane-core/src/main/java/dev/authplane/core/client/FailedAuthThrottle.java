package dev.authplane.core.client;

import dev.authplane.core.error.OAuthException;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

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

    /** The address as throttled: IPv6 by /64, IPv4 as is; {@code null} when unknown. */
    static String addressKey(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isBlank()) {
            return null;
        }
        String address = remoteAddress.strip();
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        int zone = address.indexOf('%');
        address = zone >= 0 ? address.substring(0, zone) : address;
        if (address.indexOf(':') < 0) {
            return truncate(address);
        }
        try {
            // Brackets make the JDK parse an IPv6 literal or fail; it never turns this into a DNS lookup.
            InetAddress parsed = InetAddress.getByName("[" + address + "]");
            if (parsed instanceof Inet6Address) {
                byte[] prefix = Arrays.copyOf(parsed.getAddress(), 8);
                return HexFormat.of().formatHex(prefix) + "::/64";
            }
            return parsed.getHostAddress();
        } catch (UnknownHostException e) {
            return truncate(address);
        }
    }

    private static String truncate(String s) {
        return s.length() <= MAX_KEY_CHARS ? s : s.substring(0, MAX_KEY_CHARS);
    }
}
