package dev.authplane.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Client-authentication cost and abuse controls (see {@code dev.authplane.core.client}) and the
 * least-privilege rule between clients and resources.
 *
 * @param bcryptCost              bcrypt cost for new client secrets (4-31)
 * @param clockSkew               tolerance for clock differences
 * @param maxFailedAuthPerClient  failed client authentications one {@code client_id} may cause
 *                                from one address within {@code failedAuthWindow} before further
 *                                attempts for it from that address that need a bcrypt check are
 *                                answered {@code slow_down} (other addresses are not affected: no
 *                                lockout by client id); 0 turns it off
 * @param maxFailedAuthPerAddress the same per remote address (IPv6: per /64 prefix); 0 turns it off
 * @param failedAuthWindow        the window both failure limits count in
 * @param bcryptConcurrency       bcrypt checks that may run at once; 0 means one per CPU core
 * @param bcryptWait              how long a request waits for a bcrypt slot before it is answered
 *                                {@code temporarily_unavailable}
 * @param verifiedSecretCacheSize verified client credentials remembered so that repeat
 *                                authentications skip bcrypt; 0 turns the cache off
 * @param clientResources         whether a client without a resource list may ask for any resource
 */
public record SecuritySettings(int bcryptCost, Duration clockSkew, int maxFailedAuthPerClient,
                               int maxFailedAuthPerAddress, Duration failedAuthWindow, int bcryptConcurrency,
                               Duration bcryptWait, int verifiedSecretCacheSize,
                               ClientResourcePolicy clientResources) {

    /** Default bcrypt cost of new client secrets. */
    public static final int DEFAULT_BCRYPT_COST = 12;
    /** Default tolerance for clock differences: 60 seconds. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    /** Default failures per {@code client_id} per window. */
    public static final int DEFAULT_MAX_FAILED_AUTH_PER_CLIENT = 10;
    /** Default failures per remote address per window. */
    public static final int DEFAULT_MAX_FAILED_AUTH_PER_ADDRESS = 50;
    /** Default window of both failure limits. */
    public static final Duration DEFAULT_FAILED_AUTH_WINDOW = Duration.ofMinutes(1);
    /** Default bcrypt concurrency: one check per CPU core. */
    public static final int DEFAULT_BCRYPT_CONCURRENCY = 0;
    /** Default wait for a bcrypt slot. */
    public static final Duration DEFAULT_BCRYPT_WAIT = Duration.ofSeconds(1);
    /** Default size of the verified-secret cache. */
    public static final int DEFAULT_VERIFIED_SECRET_CACHE_SIZE = 10_000;

    public SecuritySettings {
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(failedAuthWindow, "failedAuthWindow");
        Objects.requireNonNull(bcryptWait, "bcryptWait");
        Objects.requireNonNull(clientResources, "clientResources");
        if (maxFailedAuthPerClient < 0 || maxFailedAuthPerAddress < 0 || bcryptConcurrency < 0
                || verifiedSecretCacheSize < 0) {
            throw new IllegalArgumentException("security limits must not be negative");
        }
        if (failedAuthWindow.isNegative() || failedAuthWindow.isZero() || bcryptWait.isNegative()) {
            throw new IllegalArgumentException("failedAuthWindow must be positive and bcryptWait not negative");
        }
    }

    /** Settings with every throttling, pool and cache setting at its default. */
    public SecuritySettings(int bcryptCost, Duration clockSkew) {
        this(bcryptCost, clockSkew, DEFAULT_MAX_FAILED_AUTH_PER_CLIENT, DEFAULT_MAX_FAILED_AUTH_PER_ADDRESS,
                DEFAULT_FAILED_AUTH_WINDOW, DEFAULT_BCRYPT_CONCURRENCY, DEFAULT_BCRYPT_WAIT,
                DEFAULT_VERIFIED_SECRET_CACHE_SIZE, ClientResourcePolicy.ANY);
    }

    /** The defaults. */
    public static SecuritySettings defaults() {
        return new SecuritySettings(DEFAULT_BCRYPT_COST, DEFAULT_CLOCK_SKEW);
    }

    /** These settings with another {@link #clientResources()} policy. */
    public SecuritySettings withClientResources(ClientResourcePolicy policy) {
        return new SecuritySettings(bcryptCost, clockSkew, maxFailedAuthPerClient, maxFailedAuthPerAddress,
                failedAuthWindow, bcryptConcurrency, bcryptWait, verifiedSecretCacheSize, policy);
    }

    /** {@link #bcryptConcurrency()}, with 0 resolved to the number of CPU cores. */
    public int bcryptPermits() {
        return bcryptConcurrency > 0 ? bcryptConcurrency : Runtime.getRuntime().availableProcessors();
    }
}
