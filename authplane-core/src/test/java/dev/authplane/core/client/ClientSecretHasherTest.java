package dev.authplane.core.client;

import dev.authplane.core.support.SecureRandomIdGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Client secrets are stored as bcrypt hashes at the configured cost. */
class ClientSecretHasherTest {

    private final ClientSecretHasher hasher = new ClientSecretHasher(5, new SecureRandomIdGenerator());

    @Test
    void hashIsBcryptAtTheConfiguredCostAndVerifies() {
        String hash = hasher.hash("s3cret");

        assertThat(hash).startsWith("$2a$05$").doesNotContain("s3cret");
        assertThat(hasher.matches("s3cret", hash)).isTrue();
        assertThat(hasher.matches("other", hash)).isFalse();
    }

    @Test
    void dummyCheckNeverMatchesAndSecretsOverBcryptsLimitNeverMatch() {
        String longSecret = "a".repeat(80);

        assertThat(hasher.matchesNothing("anything")).isFalse();
        assertThat(hasher.matchesNothing(null)).isFalse();
        assertThat(hasher.matches(longSecret, hasher.hash(longSecret.substring(0, 72)))).isFalse();
        assertThatThrownBy(() -> hasher.hash(longSecret)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedStoredHashDoesNotMatch() {
        assertThat(hasher.matches("s3cret", "not-a-bcrypt-hash")).isFalse();
    }
}
