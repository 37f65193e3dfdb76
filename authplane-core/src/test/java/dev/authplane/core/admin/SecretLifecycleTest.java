package dev.authplane.core.admin;

import dev.authplane.core.AuthPlane;
import dev.authplane.core.TestAuthPlanes;
import dev.authplane.core.client.Client;
import dev.authplane.core.client.ClientAuthMethod;
import dev.authplane.core.client.ClientSecretCredentials;
import dev.authplane.core.client.GrantTypes;
import dev.authplane.core.client.InMemoryClientRepository;
import dev.authplane.core.error.OAuthError;
import dev.authplane.core.error.OAuthException;
import dev.authplane.core.resource.InMemoryResourceRepository;
import dev.authplane.core.scope.ScopeDefinition;
import dev.authplane.core.token.TokenRequest;
import dev.authplane.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static dev.authplane.core.TestAuthPlanes.RESOURCE_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Secret rotation with overlap, secret expiry and per-client token lifetimes, through the admin
 * service and the token service of one in-memory AuthPlane (the verified-secret cache on).
 */
class SecretLifecycleTest {

    private final MutableClock clock = new MutableClock();
    private final InMemoryClientRepository clients = new InMemoryClientRepository();
    private final InMemoryResourceRepository resources = new InMemoryResourceRepository();
    private AuthPlane plane;

    @BeforeEach
    void setUp() {
        plane = TestAuthPlanes.builder(TestAuthPlanes.config("client_credentials.max_token_expiry", "2h"), clock)
                .clients(clients).resources(resources).build();
        TestAuthPlanes.registerResource(plane);
    }

    private static NewClient worker(String name) {
        return new NewClient(name, Set.of(GrantTypes.CLIENT_CREDENTIALS), "client_secret_post",
                List.of(ScopeDefinition.of("tools/query")));
    }

    private long issue(Client client, String secret) {
        return plane.tokens().issue(new TokenRequest(GrantTypes.CLIENT_CREDENTIALS,
                new ClientSecretCredentials(client.clientId(), secret, ClientAuthMethod.CLIENT_SECRET_POST),
                "tools/query", RESOURCE_URI, null)).expiresIn();
    }

    private void assertRefused(Client client, String secret) {
        assertThatThrownBy(() -> issue(client, secret)).isInstanceOfSatisfying(OAuthException.class,
                e -> assertThat(e.error()).isEqualTo(OAuthError.INVALID_CLIENT));
    }

    @Test
    void theOldSecretKeepsWorkingUntilTheGracePeriodEndsEvenWhenCached() {
        CreatedClient created = plane.admin().createClient(worker("fleet"));
        String old = created.clientSecret();
        issue(created.client(), old);

        CreatedClient rotated = plane.admin().rotateSecret("fleet", Duration.ofHours(24), null);

        assertThat(rotated.clientSecret()).isNotEqualTo(old);
        assertThat(issue(rotated.client(), old)).as("old secret, checked by bcrypt").isPositive();
        assertThat(issue(rotated.client(), old)).as("old secret, from the cache").isPositive();
        assertThat(issue(rotated.client(), rotated.clientSecret())).isPositive();
        assertThat(plane.admin().getClient("fleet").secretValidity().previousValidUntil())
                .isEqualTo(clock.instant().plus(Duration.ofHours(24)));

        clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertThat(issue(rotated.client(), old)).isPositive();
        clock.advance(Duration.ofSeconds(1));
        assertRefused(rotated.client(), old);
        assertThat(issue(rotated.client(), rotated.clientSecret())).isPositive();
    }

    @Test
    void withoutAGracePeriodTheOldSecretStopsAtOnceAndAWrongSecretStaysWrong() {
        CreatedClient created = plane.admin().createClient(worker("cutover"));
        issue(created.client(), created.clientSecret());

        CreatedClient rotated = plane.admin().rotateSecret("cutover");

        assertRefused(rotated.client(), created.clientSecret());
        assertThat(issue(rotated.client(), rotated.clientSecret())).isPositive();
        assertThat(plane.admin().getClient("cutover").secretValidity().previousHash()).isNull();
        assertRefused(rotated.client(), "not-the-secret");
    }

    @Test
    void aSecondRotationEndsTheFirstSecretsGraceAndKeepsOnlyTheOneItReplaced() {
        CreatedClient first = plane.admin().createClient(worker("twice"));
        CreatedClient second = plane.admin().rotateSecret("twice", Duration.ofHours(24), null);
        CreatedClient third = plane.admin().rotateSecret("twice", Duration.ofHours(1), null);

        assertRefused(third.client(), first.clientSecret());
        assertThat(issue(third.client(), second.clientSecret())).isPositive();
        assertThat(issue(third.client(), third.clientSecret())).isPositive();
        clock.advance(Duration.ofHours(1));
        assertRefused(third.client(), second.clientSecret());
    }

    @Test
    void anExpiredSecretIsInvalidClientAndListedAsExpiringBeforeThat() {
        CreatedClient expiring = plane.admin().createClient(worker("expiring").withSecretExpiresIn(Duration.ofDays(90)));
        plane.admin().createClient(worker("forever"));
        assertThat(plane.admin().getClient("expiring").secretValidity().expiresAt())
                .isEqualTo(clock.instant().plus(Duration.ofDays(90)));

        clock.advance(Duration.ofDays(80));
        assertThat(plane.admin().clientsWithSecretExpiringWithin(Duration.ofDays(14))).extracting(Client::name)
                .containsExactly("expiring");
        assertThat(plane.admin().clientsWithSecretExpiringWithin(Duration.ofDays(7))).isEmpty();
        assertThat(issue(expiring.client(), expiring.clientSecret())).isPositive();

        clock.advance(Duration.ofDays(10));
        assertRefused(expiring.client(), expiring.clientSecret());

        CreatedClient renewed = plane.admin().rotateSecret("expiring", Duration.ofHours(1), Duration.ofDays(90));
        assertRefused(renewed.client(), expiring.clientSecret());
        assertThat(plane.admin().getClient("expiring").secretValidity().previousHash())
                .as("an expired secret gets no grace period").isNull();
        assertThat(issue(renewed.client(), renewed.clientSecret())).isPositive();
    }

    @Test
    void aClientsOwnTokenLifetimeIsUsedWithinTheBoundsAndCutToALoweredLimit() {
        CreatedClient brief = plane.admin().createClient(worker("brief").withTokenLifetime(Duration.ofMinutes(15)));
        CreatedClient usual = plane.admin().createClient(worker("usual"));

        assertThat(issue(brief.client(), brief.clientSecret())).isEqualTo(900);
        assertThat(issue(usual.client(), usual.clientSecret())).isEqualTo(3600);

        plane.admin().updateClient("usual", ClientChanges.tokenLifetime(Duration.ofHours(2)));
        assertThat(issue(usual.client(), usual.clientSecret())).isEqualTo(7200);
        plane.admin().updateClient("usual", ClientChanges.tokenLifetime(Duration.ZERO));
        assertThat(issue(usual.client(), usual.clientSecret())).isEqualTo(3600);

        for (Duration outOfBounds : List.of(Duration.ofSeconds(9), Duration.ofHours(2).plusSeconds(1))) {
            assertThatThrownBy(() -> plane.admin().createClient(worker("bad").withTokenLifetime(outOfBounds)))
                    .isInstanceOf(AdminException.class).hasMessageContaining("from 10s to 2h");
            assertThatThrownBy(() -> plane.admin().updateClient("brief", ClientChanges.tokenLifetime(outOfBounds)))
                    .isInstanceOf(AdminException.class).hasMessageContaining("max_token_expiry");
        }

        plane.admin().updateClient("usual", ClientChanges.tokenLifetime(Duration.ofHours(2)));
        AuthPlane lowered = TestAuthPlanes.builder(TestAuthPlanes.config("client_credentials.max_token_expiry", "1h",
                "client_credentials.token_expiry", "30m"), clock).clients(clients).resources(resources).build();
        assertThat(lowered.tokens().issue(new TokenRequest(GrantTypes.CLIENT_CREDENTIALS,
                new ClientSecretCredentials(usual.client().clientId(), usual.clientSecret(),
                        ClientAuthMethod.CLIENT_SECRET_POST), "tools/query", RESOURCE_URI, null)).expiresIn())
                .as("a stored 2h lifetime under a 1h limit").isEqualTo(3600);
    }

    @Test
    void periodsOutOfBoundsAndSecretTermsOnAKeyClientAreRefused() {
        plane.admin().createClient(worker("bounds"));

        assertThatThrownBy(() -> plane.admin().rotateSecret("bounds", Duration.ofDays(31), null))
                .isInstanceOf(AdminException.class).hasMessageContaining("0s to 30d");
        assertThatThrownBy(() -> plane.admin().rotateSecret("bounds", Duration.ofSeconds(-1), null))
                .isInstanceOf(AdminException.class).hasMessageContaining("0s to 30d");
        assertThatThrownBy(() -> plane.admin().rotateSecret("bounds", Duration.ZERO, Duration.ofSeconds(30)))
                .isInstanceOf(AdminException.class).hasMessageContaining("1m to 3650d");
        assertThat(plane.admin().rotateSecret("bounds", Duration.ofDays(30), Duration.ofDays(3650)).clientSecret())
                .isNotBlank();
    }
}
