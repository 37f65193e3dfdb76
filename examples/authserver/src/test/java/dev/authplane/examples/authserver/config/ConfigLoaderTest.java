package dev.authplane.examples.authserver.config;

import dev.authplane.core.config.ScopePolicy;
import dev.authplane.core.config.SecuritySettings;
import dev.authplane.core.config.SigningAlgorithm;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** the README's Configuration section: one YAML tree plus AUTHPLANE_SECTION_KEY overrides, env wins, clear errors. */
class ConfigLoaderTest {

    @Test
    void defaultsFollowTheSpec() {
        ServerConfig c = ConfigLoader.load(Map.of(), Map.of());

        assertThat(c.core().clientCredentials().enabled()).isFalse();
        assertThat(c.core().clientCredentials().tokenExpiry()).isEqualTo(Duration.ofHours(1));
        assertThat(c.core().clientCredentials().requireResource()).isTrue();
        assertThat(c.core().clientCredentials().scopePolicy()).isEqualTo(ScopePolicy.INTERSECTION);
        assertThat(c.issuer()).isEqualTo("http://localhost:9000");
        assertThat(c.server().port()).isEqualTo(9000);
        assertThat(c.admin().port()).isEqualTo(9001);
        assertThat(c.core().dpop().enabled()).isTrue();
        assertThat(c.core().dpop().proofLifetime()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.core().signingAlgorithm()).isEqualTo(SigningAlgorithm.ES256);
        assertThat(c.core().tokenEndpoint()).isEqualTo("http://localhost:9000/oauth/token");
    }

    @Test
    void aDisabledGrantIsExplainedInThisServersTerms() {
        assertThat(ConfigLoader.load(Map.of(), Map.of()).core().clientCredentials().howToEnable())
                .isEqualTo("enable it with client_credentials.enabled: true or AUTHPLANE_CLIENT_CREDENTIALS_ENABLED=true");
    }

    @Test
    void environmentOverridesTheFile() {
        Map<String, Object> tree = Map.of("client_credentials", Map.of("enabled", true, "token_expiry", "15m"));

        ServerConfig c = ConfigLoader.load(tree, Map.of("AUTHPLANE_CLIENT_CREDENTIALS_TOKEN_EXPIRY", "90s"));

        assertThat(c.core().clientCredentials().enabled()).isTrue();
        assertThat(c.core().clientCredentials().tokenExpiry()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void invalidValueNamesTheKeyItsEnvVarAndTheAcceptedValues() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("client_credentials", Map.of("enabled", "maybe")), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("client_credentials.enabled")
                .hasMessageContaining("AUTHPLANE_CLIENT_CREDENTIALS_ENABLED")
                .hasMessageContaining("true or false");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("AUTHPLANE_SIGNING_ALGORITHM", "HS256")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("signing.algorithm").hasMessageContaining("ES256").hasMessageContaining("RS256");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("client_credentials", Map.of("token_expiry", "2d")), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("client_credentials.token_expiry")
                .hasMessageContaining("AUTHPLANE_CLIENT_CREDENTIALS_TOKEN_EXPIRY");
    }

    @Test
    void revocationAndIntrospectionAreOnByDefaultAndTurnOffFromFileOrEnvironment() {
        ServerConfig defaults = ConfigLoader.load(Map.of(), Map.of());
        assertThat(defaults.core().lifecycle().revocationEnabled()).isTrue();
        assertThat(defaults.core().lifecycle().introspectionEnabled()).isTrue();
        assertThat(defaults.core().lifecycle().revocationRefreshInterval()).isEqualTo(Duration.ofSeconds(5));

        ServerConfig off = ConfigLoader.load(Map.of("revocation", Map.of("enabled", false, "refresh_interval", "1s")),
                Map.of("AUTHPLANE_INTROSPECTION_ENABLED", "false"));
        assertThat(off.core().lifecycle().revocationEnabled()).isFalse();
        assertThat(off.core().lifecycle().introspectionEnabled()).isFalse();
        assertThat(off.core().lifecycle().revocationRefreshInterval()).isEqualTo(Duration.ofSeconds(1));

        assertThatThrownBy(() -> ConfigLoader.load(Map.of("revocation", Map.of("refresh_interval", "1h")), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("revocation.refresh_interval")
                .hasMessageContaining("AUTHPLANE_REVOCATION_REFRESH_INTERVAL").hasMessageContaining("0s to 5m");
    }

    @Test
    void theDefaultTokenLifetimeMayNotExceedTheLongestOne() {
        ServerConfig c = ConfigLoader.load(Map.of("client_credentials", Map.of("max_token_expiry", "2h")), Map.of());
        assertThat(c.core().clientCredentials().maxTokenExpiry()).isEqualTo(Duration.ofHours(2));
        assertThat(ConfigLoader.load(Map.of(), Map.of()).core().clientCredentials().maxTokenExpiry())
                .isEqualTo(Duration.ofDays(1));

        assertThatThrownBy(() -> ConfigLoader.load(Map.of("client_credentials",
                Map.of("max_token_expiry", "30m", "token_expiry", "1h")), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("client_credentials.token_expiry")
                .hasMessageContaining("from 10s to 30m");
    }

    @Test
    void unknownKeyIsRefusedListingTheKnownKeys() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("client_credentials", Map.of("enable", true)), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("client_credentials.enable").hasMessageContaining("client_credentials.enabled");
    }

    @Test
    void issuerMustBeAnAbsoluteUrlWithoutTrailingSlash() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("server", Map.of("issuer", "https://as.example.com/")), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AUTHPLANE_SERVER_ISSUER");
    }

    @Test
    void keyEncryptionKeyMustBeBase64OfAnAesKeyLength() {
        String aes256 = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(ConfigLoader.load(Map.of(), Map.of("AUTHPLANE_SIGNING_KEY_ENCRYPTION_KEY", aes256))
                .storage().keyEncryptionKey()).isEqualTo(aes256);

        for (String bad : new String[] {"not base64 at all!!", java.util.Base64.getEncoder().encodeToString(new byte[20])}) {
            assertThatThrownBy(() -> ConfigLoader.load(Map.of("signing", Map.of("key_encryption_key", bad)), Map.of()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("signing.key_encryption_key")
                    .hasMessageContaining("AUTHPLANE_SIGNING_KEY_ENCRYPTION_KEY")
                    .hasMessageContaining("16, 24 or 32 bytes")
                    .hasMessageNotContaining(bad);
        }
    }

    @Test
    void secretsAreHiddenInToString() {
        ServerConfig c = ConfigLoader.load(Map.of("admin", Map.of("api_key", "0123456789abcdef-secret")), Map.of());

        assertThat(c.toString()).doesNotContain("0123456789abcdef-secret");
    }

    @Test
    void storageToStringHidesThePasswordAndCredentialsInsideTheJdbcUrl() {
        ServerConfig c = ConfigLoader.load(Map.of("storage", Map.of(
                "url", "jdbc:postgresql://db.example/authplane?user=ap&password=url-secret-1&ssl=true",
                "password", "field-secret-2")), Map.of());
        ServerConfig.Storage userInfo = new ServerConfig.Storage(
                "jdbc:mysql://ap:url-secret-3@db.example/authplane;PWD=url-secret-4", null, null, null, null, null, false);

        assertThat(c.toString()).doesNotContain("url-secret-1", "field-secret-2")
                .contains("db.example/authplane?user=ap&password=***&ssl=true");
        assertThat(userInfo.toString()).doesNotContain("url-secret-3", "url-secret-4").contains("//***@db.example");
    }

    @Test
    void throttlingPoolCacheAndGroupCommitSettingsHaveDocumentedDefaults() {
        ServerConfig c = ConfigLoader.load(Map.of(), Map.of());

        assertThat(c.core().security()).isEqualTo(new SecuritySettings(12, Duration.ofSeconds(60)));
        assertThat(c.core().security().maxFailedAuthPerClient()).isEqualTo(10);
        assertThat(c.core().security().maxFailedAuthPerAddress()).isEqualTo(50);
        assertThat(c.core().security().failedAuthWindow()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.core().security().bcryptConcurrency()).isZero();
        assertThat(c.core().security().bcryptWait()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.core().security().verifiedSecretCacheSize()).isEqualTo(10_000);
        assertThat(c.core().issuance().groupCommitMaxBatch()).isEqualTo(64);
        assertThat(c.core().issuance().groupCommitMaxWait()).isZero();
        assertThat(ConfigLoader.knownKeys()).contains("security.max_failed_auth_per_client",
                "security.max_failed_auth_per_address", "security.failed_auth_window", "security.bcrypt_concurrency",
                "security.bcrypt_wait", "security.verified_secret_cache_size", "storage.group_commit_max_batch",
                "storage.group_commit_max_wait");
    }

    @Test
    void throttlingPoolCacheAndGroupCommitSettingsComeFromFileAndEnvironment() {
        Map<String, Object> tree = Map.of("security", Map.of("max_failed_auth_per_client", 5,
                "failed_auth_window", "5m", "verified_secret_cache_size", 0),
                "storage", Map.of("group_commit_max_batch", 1));

        ServerConfig c = ConfigLoader.load(tree, Map.of("AUTHPLANE_SECURITY_MAX_FAILED_AUTH_PER_ADDRESS", "0",
                "AUTHPLANE_SECURITY_BCRYPT_CONCURRENCY", "3", "AUTHPLANE_SECURITY_BCRYPT_WAIT", "250ms",
                "AUTHPLANE_STORAGE_GROUP_COMMIT_MAX_WAIT", "1ms"));

        assertThat(c.core().security().maxFailedAuthPerClient()).isEqualTo(5);
        assertThat(c.core().security().maxFailedAuthPerAddress()).isZero();
        assertThat(c.core().security().failedAuthWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.core().security().bcryptPermits()).isEqualTo(3);
        assertThat(c.core().security().bcryptWait()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.core().security().verifiedSecretCacheSize()).isZero();
        assertThat(c.core().issuance().groupCommitMaxBatch()).isEqualTo(1);
        assertThat(c.core().issuance().groupCommitMaxWait()).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void invalidThrottlingPoolCacheOrGroupCommitValueNamesTheKeyAndItsEnvVar() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("AUTHPLANE_SECURITY_MAX_FAILED_AUTH_PER_CLIENT", "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("security.max_failed_auth_per_client")
                .hasMessageContaining("AUTHPLANE_SECURITY_MAX_FAILED_AUTH_PER_CLIENT").hasMessageContaining("0 to");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("security", Map.of("failed_auth_window", "0s")), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("security.failed_auth_window");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("storage", Map.of("group_commit_max_batch", 0)), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AUTHPLANE_STORAGE_GROUP_COMMIT_MAX_BATCH");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("storage", Map.of("group_commit_max_wait", "1s")), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("storage.group_commit_max_wait")
                .hasMessageContaining("100ms");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("AUTHPLANE_SECURITY_BCRYPT_WAIT", "soon")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("security.bcrypt_wait");
    }

    @Test
    void dpopNonceKeyMustHold32BytesAndIsNeverPrinted() {
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'q');
        ServerConfig c = ConfigLoader.load(Map.of(), Map.of("AUTHPLANE_DPOP_NONCE_KEY", key));

        assertThat(c.server().dpopNonceKeyBytes()).hasValueSatisfying(b -> assertThat(b).hasSize(32));
        assertThat(c.toString()).doesNotContain(key);
        assertThat(ConfigLoader.load(Map.of(), Map.of()).server().dpopNonceKeyBytes()).isEmpty();
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("AUTHPLANE_DPOP_NONCE_KEY", "c2hvcnQ=")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("dpop.nonce_key")
                .hasMessageContaining("32").hasMessageNotContaining("c2hvcnQ=");
    }
}
