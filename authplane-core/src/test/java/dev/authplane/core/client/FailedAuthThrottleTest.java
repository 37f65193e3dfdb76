package dev.authplane.core.client;

import dev.authplane.core.error.OAuthError;
import dev.authplane.core.error.OAuthException;
import dev.authplane.core.support.FailureWindows;
import dev.authplane.core.support.SecureRandomIdGenerator;
import dev.authplane.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Issues 8 and 14: failed authentications are throttled per (client id, address) and per address,
 * before any bcrypt work, and never per client id alone (no lockout of a client by its id).
 */
class FailedAuthThrottleTest {

    private static final String ADDRESS = "203.0.113.7";
    private static final String ATTACKER = "198.51.100.66";
    private static final String CLIENT_HOST = "192.0.2.10";
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final MutableClock clock = new MutableClock();
    private final InMemoryClientRepository clients = new InMemoryClientRepository();
    private final CountingSecretVerifier verifier = new CountingSecretVerifier();
    private final ClientAuthenticator authenticator = ClientAuthenticator.builder(clients, verifier).clock(clock)
            .verifiedSecretCache(100, new SecureRandomIdGenerator())
            .failedAuthLimits(3, 5, WINDOW).build();
    private final Client client = TestClients.client().build();

    FailedAuthThrottleTest() {
        clients.insert(client);
    }

    @Test
    void failuresPerClientIdFromOneAddressBeyondTheLimitAreAnsweredSlowDownWithRetryAfter() {
        failWrongSecret(client.clientId(), 3, ATTACKER);
        clock.advance(Duration.ofSeconds(20));

        OAuthException e = attempt(client.clientId(), "wrong", ATTACKER);

        assertThat(e.error()).isEqualTo(OAuthError.SLOW_DOWN);
        assertThat(e.description()).isEqualTo(FailedAuthThrottle.THROTTLED);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(40));
    }

    @Test
    void failuresFromOneAddressNeverSlowTheSameClientIdDownFromAnotherAddress() {
        ClientAuthenticator uncached = ClientAuthenticator.builder(clients, verifier).clock(clock)
                .failedAuthLimits(3, 5, WINDOW).build();
        for (int i = 0; i < 20; i++) {
            catchThrowable(() -> uncached.authenticate(post(client.clientId(), "wrong"), ATTACKER));
        }
        assertThat(catchThrowable(() -> uncached.authenticate(post(client.clientId(), TestClients.SECRET), ATTACKER)))
                .isInstanceOf(OAuthException.class).extracting(t -> ((OAuthException) t).error()).isEqualTo(OAuthError.SLOW_DOWN);
        int checks = verifier.checks();

        assertThat(uncached.authenticate(post(client.clientId(), TestClients.SECRET), CLIENT_HOST).client()).isEqualTo(client);
        assertThat(verifier.checks()).as("the right secret from a clean address reaches the bcrypt check").isEqualTo(checks + 1);
    }

    @Test
    void failuresPerAddressThrottleEveryClientIdFromThatAddress() {
        for (int i = 0; i < 5; i++) {
            attempt("unknown-" + i, "wrong", ADDRESS);
        }

        OAuthException e = attempt(client.clientId(), "wrong", ADDRESS);

        assertThat(e.error()).isEqualTo(OAuthError.SLOW_DOWN);
        assertThat(e.retryAfter()).contains(WINDOW);
        assertThat(attempt(client.clientId(), "wrong", "198.51.100.1").error()).isEqualTo(OAuthError.INVALID_CLIENT);
    }

    @Test
    void throttledRequestsDoNoBcryptWork() {
        failWrongSecret(client.clientId(), 3, ADDRESS);
        int checks = verifier.checks();

        for (int i = 0; i < 10; i++) {
            assertThat(attempt(client.clientId(), i % 2 == 0 ? "wrong" : TestClients.SECRET, ADDRESS).error())
                    .isEqualTo(OAuthError.SLOW_DOWN);
        }

        assertThat(verifier.checks()).isEqualTo(checks);
    }

    @Test
    void throttledUnknownClientAndThrottledKnownClientGetTheSameImmediateAnswer() {
        failWrongSecret(client.clientId(), 3, null);
        failWrongSecret("no-such-client", 3, null);
        int checks = verifier.checks();

        OAuthException known = attempt(client.clientId(), "wrong", null);
        OAuthException unknown = attempt("no-such-client", "wrong", null);

        assertThat(known.error()).isEqualTo(unknown.error()).isEqualTo(OAuthError.SLOW_DOWN);
        assertThat(known.description()).isEqualTo(unknown.description());
        assertThat(known.retryAfter()).isEqualTo(unknown.retryAfter());
        assertThat(verifier.checks()).isEqualTo(checks);
    }

    @Test
    void throttleLiftsWhenTheWindowEnds() {
        failWrongSecret(client.clientId(), 3, ADDRESS);
        clock.advance(WINDOW);

        assertThat(authenticator.authenticate(post(client.clientId(), TestClients.SECRET), ADDRESS).client()).isEqualTo(client);
    }

    @Test
    void cachedClientKeepsSucceedingWhileItsIdIsFloodedWithWrongSecrets() {
        authenticator.authenticate(post(client.clientId(), TestClients.SECRET), ADDRESS);
        for (int i = 0; i < 10; i++) {
            assertThat(attempt(client.clientId(), "wrong", ADDRESS).error())
                    .isIn(OAuthError.INVALID_CLIENT, OAuthError.SLOW_DOWN);
        }
        assertThat(attempt(client.clientId(), "wrong", ADDRESS).error()).isEqualTo(OAuthError.SLOW_DOWN);
        int checks = verifier.checks();

        assertThat(authenticator.authenticate(post(client.clientId(), TestClients.SECRET), ADDRESS).client()).isEqualTo(client);
        assertThat(verifier.checks()).isEqualTo(checks);
    }

    @Test
    void uncachedRightSecretFromTheFailingAddressIsThrottledLikeAnyOtherAttempt() {
        failWrongSecret(client.clientId(), 3, ATTACKER);

        assertThat(attempt(client.clientId(), TestClients.SECRET, ATTACKER).error()).isEqualTo(OAuthError.SLOW_DOWN);
    }

    @Test
    void ipv6AddressesInOneSlash64ShareALimitAndMappedIpv4CountsAsIpv4() {
        assertThat(FailedAuthThrottle.addressKey("2001:db8:1:2::1"))
                .isEqualTo(FailedAuthThrottle.addressKey("[2001:db8:1:2:ffff:ffff:ffff:ffff]"))
                .isEqualTo(FailedAuthThrottle.addressKey("2001:db8:1:2::9%eth0"))
                .isNotEqualTo(FailedAuthThrottle.addressKey("2001:db8:1:3::1"));
        assertThat(FailedAuthThrottle.addressKey("::ffff:203.0.113.7")).isEqualTo(ADDRESS);
        assertThat(FailedAuthThrottle.addressKey(" ")).isNull();
        assertThat(FailedAuthThrottle.addressKey("not:an:address:zz")).isEqualTo("not:an:address:zz");
    }

    @Test
    void overlongClientIdsAreTrackedByDigestSoKeysStayShort() {
        String longId = "x".repeat(10_000);

        assertThat(FailedAuthThrottle.clientKey(longId)).hasSizeLessThanOrEqualTo(FailedAuthThrottle.MAX_KEY_CHARS)
                .isEqualTo(FailedAuthThrottle.clientKey(longId))
                .isNotEqualTo(FailedAuthThrottle.clientKey(longId + "y"));
        assertThat(FailedAuthThrottle.clientKey(client.clientId())).isEqualTo(client.clientId());
    }

    @Test
    void trackedKeysAreBoundedByForgettingTheLeastRecentlySeen() {
        FailureWindows windows = new FailureWindows(1, WINDOW, clock, 3);
        for (int i = 0; i < 10; i++) {
            windows.recordFailure("key-" + i);
        }

        assertThat(windows.trackedKeys()).isEqualTo(3);
        assertThat(windows.blockedFor("key-9")).isEqualTo(WINDOW);
        assertThat(windows.blockedFor("key-0")).isZero();
    }

    @Test
    void zeroLimitsTurnThrottlingOff() {
        ClientAuthenticator unthrottled = ClientAuthenticator.builder(clients, verifier).clock(clock)
                .failedAuthLimits(0, 0, WINDOW).build();
        for (int i = 0; i < 20; i++) {
            catchThrowable(() -> unthrottled.authenticate(post(client.clientId(), "wrong"), ADDRESS));
        }

        assertThat(unthrottled.authenticate(post(client.clientId(), TestClients.SECRET), ADDRESS).client()).isEqualTo(client);
    }

    private void failWrongSecret(String clientId, int times, String address) {
        for (int i = 0; i < times; i++) {
            assertThat(attempt(clientId, "wrong-" + i, address).error()).isEqualTo(OAuthError.INVALID_CLIENT);
        }
    }

    private OAuthException attempt(String clientId, String secret, String address) {
        Throwable thrown = catchThrowable(() -> authenticator.authenticate(post(clientId, secret), address));
        assertThat(thrown).isInstanceOf(OAuthException.class);
        return (OAuthException) thrown;
    }

    private static ClientSecretCredentials post(String clientId, String secret) {
        return new ClientSecretCredentials(clientId, secret, ClientAuthMethod.CLIENT_SECRET_POST);
    }
}
