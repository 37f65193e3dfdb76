package dev.authplane.jdbc;

import com.nimbusds.jose.jwk.ECKey;
import com.zaxxer.hikari.HikariDataSource;
import dev.authplane.core.key.SigningKey;
import dev.authplane.core.key.TestSigningKeys;
import dev.authplane.core.storage.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static dev.authplane.testsupport.TestTimes.t0Plus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 14 §2: a key-encryption key configured later encrypts every clear private key at start-up,
 * and a new key-encryption key with the old one as previous re-wraps every key; no key is lost,
 * none is left in clear, also in the bytes of the embedded database file.
 */
class KeyEncryptionAtStartTest {

    private static final String NEW_KEK = "ZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmY=";
    private static final String UNRELATED_KEK = "d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3c=";

    @TempDir
    Path dir;

    @Test
    void clearKeysAreEncryptedAtStartAndThenReWrappedUnderANewKeyEncryptionKey() throws Exception {
        SigningKey first = TestSigningKeys.active();
        SigningKey second = SigningKey.active(first.kid() + "-b", "ES256", TestSigningKeys.active().privateJwkJson(),
                t0Plus(1));
        List<SigningKey> stored;
        try (HikariDataSource pool = pool()) {
            JdbcStorage clear = JdbcStorage.create(pool, null);
            clear.signingKeys().insertIfNoActive(first);
            clear.signingKeys().rotate(first.kid(), second, t0Plus(1), t0Plus(3600));
            stored = clear.signingKeys().findAll();
            assertThat(protections(pool)).as("the starting point: keys in clear").containsOnly("none");
            assertThat(fileText()).as("positive control: the byte check sees a clear key")
                    .contains(ECKey.parse(first.privateJwkJson()).getD().toString());

            JdbcStorage encrypted = JdbcStorage.create(pool, TestDatabase.KEK);
            assertThat(protections(pool)).containsOnly("aes-gcm");
            assertThat(encrypted.signingKeys().findAll()).isEqualTo(stored);

            JdbcStorage rewrapped = JdbcStorage.builder(pool).keyEncryptionKey(NEW_KEK)
                    .previousKeyEncryptionKey(TestDatabase.KEK).build();
            assertThat(rewrapped.signingKeys().findAll()).isEqualTo(stored);
            assertThatThrownBy(() -> new JdbcSigningKeyRepository(pool, TestDatabase.KEK).findAll())
                    .as("the old key-encryption key opens nothing any more").isInstanceOf(StorageException.class);
            assertThat(JdbcStorage.create(pool, NEW_KEK).signingKeys().findAll())
                    .as("a restart with only the new key").isEqualTo(stored);

            assertThatThrownBy(() -> JdbcStorage.builder(pool).keyEncryptionKey(UNRELATED_KEK)
                    .previousKeyEncryptionKey(TestDatabase.KEK).build())
                    .isInstanceOf(StorageException.class).hasMessageContaining("nothing was changed");
            assertThat(JdbcStorage.create(pool, NEW_KEK).signingKeys().findAll()).as("nothing lost").isEqualTo(stored);
        }
        String file = fileText();
        for (SigningKey key : stored) {
            String privateScalar = ECKey.parse(key.privateJwkJson()).getD().toString();
            assertThat(file).as("private scalar of %s in the closed file", key.kid()).doesNotContain(privateScalar);
        }
    }

    @Test
    void aPreviousKeyEncryptionKeyWithoutACurrentOneIsRefused() {
        try (HikariDataSource pool = pool()) {
            assertThatThrownBy(() -> JdbcStorage.builder(pool).previousKeyEncryptionKey(TestDatabase.KEK).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs the key-encryption key");
        }
    }

    private String fileText() throws Exception {
        return new String(Files.readAllBytes(dir.resolve("keys.mv.db")), StandardCharsets.ISO_8859_1);
    }

    private HikariDataSource pool() {
        return TestDatabase.pool("jdbc:h2:file:" + dir.resolve("keys") + ";DB_CLOSE_ON_EXIT=FALSE", "kek-at-start");
    }

    private static List<String> protections(HikariDataSource pool) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT private_jwk_protection FROM authplane_signing_key");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
