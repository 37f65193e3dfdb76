package dev.authplane.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.authplane.core.audit.IssuanceQuery;
import dev.authplane.core.audit.TestIssuances;
import dev.authplane.core.client.TestClients;
import dev.authplane.core.key.TestSigningKeys;
import dev.authplane.core.resource.TestResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static dev.authplane.testsupport.TestTimes.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The all-in-one factory: schema migration on build, five working adapters, housekeeping. */
class JdbcStorageTest {

    private static final Instant NOW = T0.plus(Duration.ofDays(40));

    private HikariDataSource dataSource;

    @BeforeEach
    void openEmptyDatabase() {
        dataSource = TestDatabase.pool(TestDatabase.freshH2Url(), "storage");
    }

    @AfterEach
    void closeDatabase() {
        dataSource.close();
    }

    @Test
    void createMigratesTheSchemaAndWiresEveryAdapter() {
        JdbcStorage storage = JdbcStorage.create(dataSource, TestDatabase.KEK);

        var client = TestClients.client().build();
        var resource = TestResources.resource().build();
        var key = TestSigningKeys.active();
        storage.clients().insert(client);
        storage.resources().insert(resource);
        storage.issuances().record(TestIssuances.issuance().build());
        storage.signingKeys().insertIfNoActive(key);

        assertThat(storage.clients().findByClientId(client.clientId())).contains(client);
        assertThat(storage.resources().findByUri(resource.uri())).contains(resource);
        assertThat(storage.issuances().find(IssuanceQuery.lastDay(T0.plusSeconds(1)))).hasSize(1);
        assertThat(storage.signingKeys().findActive()).contains(key);
        assertThat(storage.replayStore().markUsed("jti", NOW.plusSeconds(60))).isTrue();
        assertThat(AuthPlaneSchema.migrate(dataSource)).as("already at the latest version").isZero();
    }

    @Test
    void purgeExpiredWithRetentionDropsOldIssuancesAndExpiredProofs() {
        JdbcStorage storage = JdbcStorage.builder(dataSource).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .issuanceRetention(Duration.ofDays(30)).build();
        var old = TestIssuances.issuance().issuedAt(NOW.minus(Duration.ofDays(31))).build();
        var recent = TestIssuances.issuance().issuedAt(NOW.minus(Duration.ofDays(29))).build();
        storage.issuances().recordAll(List.of(old, recent));
        storage.replayStore().markUsed("expired", NOW.minusSeconds(1));
        storage.replayStore().markUsed("live", NOW.plusSeconds(60));

        assertThat(storage.purgeExpired()).isEqualTo(new JdbcStorage.PurgeResult(1, 1));

        assertThat(storage.issuances().find(new IssuanceQuery(null, null, T0, null, 100))).containsExactly(recent);
        assertThat(storage.replayStore().markUsed("live", NOW.plusSeconds(60))).isFalse();
    }

    @Test
    void purgeExpiredWithoutRetentionKeepsEveryIssuance() {
        JdbcStorage storage = JdbcStorage.builder(dataSource).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        storage.issuances().record(TestIssuances.issuance().issuedAt(T0).build());

        assertThat(storage.purgeExpired()).isEqualTo(new JdbcStorage.PurgeResult(0, 0));
        assertThat(storage.issuanceRetention()).isEmpty();
    }

    @Test
    void builderWithoutMigrationLeavesTheSchemaToTheEmbedder() {
        JdbcStorage.builder(dataSource).migrateSchema(false).build();

        assertThat(AuthPlaneSchema.migrate(dataSource)).isEqualTo(Integer.parseInt(AuthPlaneSchema.LATEST_VERSION));
    }

    @Test
    void nonPositiveRetentionIsRejected() {
        assertThatThrownBy(() -> JdbcStorage.builder(dataSource).issuanceRetention(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
