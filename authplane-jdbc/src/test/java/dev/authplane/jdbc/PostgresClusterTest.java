package dev.authplane.jdbc;

import com.nimbusds.jwt.SignedJWT;
import com.zaxxer.hikari.HikariDataSource;
import dev.authplane.core.AuthPlane;
import dev.authplane.core.TestAuthPlanes;
import dev.authplane.core.admin.CreatedClient;
import dev.authplane.core.admin.NewClient;
import dev.authplane.core.admin.NewResource;
import dev.authplane.core.client.ClientAuthMethod;
import dev.authplane.core.client.ClientSecretCredentials;
import dev.authplane.core.client.GrantTypes;
import dev.authplane.core.config.AuthPlaneConfig;
import dev.authplane.core.key.KeyInfo;
import dev.authplane.core.key.KeyStatus;
import dev.authplane.core.scope.ScopeDefinition;
import dev.authplane.core.token.IssuedToken;
import dev.authplane.core.token.TokenRequest;
import dev.authplane.testsupport.Concurrently;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two AuthPlane nodes (two connection pools, two {@link AuthPlane} instances) on one PostgreSQL
 * database, driven through core's services: nothing minted is lost, and rotations from both nodes
 * at once leave exactly one active key (the issuance audit (README walk-through, step 6) and RFC 7517, RFC 8414 and RFC 9728).
 */
class PostgresClusterTest {

    private static final String RESOURCE_URI = "https://mcp.example.com/mcp";

    private HikariDataSource node1Pool;
    private HikariDataSource node2Pool;
    private AuthPlane node1;
    private AuthPlane node2;

    @BeforeEach
    void startTwoNodes() {
        String url = TestDatabase.freshPostgresUrl("authplane_cluster");
        node1Pool = TestDatabase.pool(url, "cluster-node-1");
        node2Pool = TestDatabase.pool(url, "cluster-node-2");
        node1 = node(node1Pool);
        node2 = node(node2Pool);
    }

    @AfterEach
    void stopNodes() {
        for (HikariDataSource pool : new HikariDataSource[] {node1Pool, node2Pool}) {
            if (pool != null) {
                pool.close();
            }
        }
    }

    private static AuthPlane node(HikariDataSource pool) {
        AuthPlaneConfig config = TestAuthPlanes.config();
        JdbcStorage storage = JdbcStorage.create(pool, TestDatabase.KEK);
        return AuthPlane.builder(config).clients(storage.clients()).resources(storage.resources())
                .issuances(storage.issuances()).signingKeys(storage.signingKeys()).replayStore(storage.replayStore())
                .build();
    }

    @Test
    void sixteenThreadsOnTwoNodesMintingFiveHundredTokensEachThenEightThousandDistinctRows() throws Exception {
        node1.admin().createResource(new NewResource("load-mcp", RESOURCE_URI, "mint",
                List.of(ScopeDefinition.parse("tools/query||Query tools"))));
        CreatedClient client = node1.admin().createClient(new NewClient("load-worker",
                Set.of(GrantTypes.CLIENT_CREDENTIALS), "client_secret_post",
                List.of(ScopeDefinition.parse("tools/query||Query tools"))));
        TokenRequest request = new TokenRequest(GrantTypes.CLIENT_CREDENTIALS, new ClientSecretCredentials(
                client.client().clientId(), client.clientSecret(), ClientAuthMethod.CLIENT_SECRET_POST),
                "tools/query", RESOURCE_URI, null);

        List<List<String>> minted = Concurrently.run(16, t -> {
            AuthPlane node = t % 2 == 0 ? node1 : node2;
            List<String> jtis = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                IssuedToken token = node.tokens().issue(request);
                jtis.add(SignedJWT.parse(token.accessToken()).getJWTClaimsSet().getJWTID());
            }
            return jtis;
        });

        Set<String> released = new HashSet<>();
        minted.forEach(released::addAll);
        assertThat(released).hasSize(8000);
        assertThat(count("SELECT COUNT(*) FROM authplane_issuance")).isEqualTo(8000);
        assertThat(count("SELECT COUNT(DISTINCT jti) FROM authplane_issuance")).isEqualTo(8000);
        assertThat(storedJtis()).isEqualTo(released);
    }

    @Test
    void twoKeyManagersRotatingAtOnceThenExactlyOneActiveKey() throws Exception {
        String first = node1.keys().activeKey().kid();
        assertThat(node2.keys().activeKey().kid()).as("both nodes agree on the first key").isEqualTo(first);

        for (int round = 0; round < 10; round++) {
            List<KeyInfo> results = Concurrently.run(2, t -> (t == 0 ? node1 : node2).keys().rotate());

            List<KeyInfo> active = node1.keys().list().stream().filter(k -> k.status() == KeyStatus.ACTIVE).toList();
            assertThat(active).as("round %d", round).hasSize(1);
            assertThat(results).extracting(KeyInfo::kid).as("round %d", round).contains(active.get(0).kid());
        }
        assertThat(node1.keys().list()).extracting(KeyInfo::kid).contains(first);
    }

    private long count(String sql) throws Exception {
        try (Connection c = node1Pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Set<String> storedJtis() throws Exception {
        Set<String> jtis = new HashSet<>();
        try (Connection c = node1Pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT jti FROM authplane_issuance")) {
            while (rs.next()) {
                jtis.add(rs.getString(1));
            }
        }
        return jtis;
    }
}
