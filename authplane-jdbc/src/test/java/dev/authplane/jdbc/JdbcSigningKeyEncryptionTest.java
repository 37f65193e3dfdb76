package dev.authplane.jdbc;

import com.nimbusds.jose.jwk.ECKey;
import dev.authplane.core.key.SigningKey;
import dev.authplane.core.key.TestSigningKeys;
import dev.authplane.core.storage.StorageException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

import static dev.authplane.testsupport.TestTimes.t0Plus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Private signing keys at rest (RFC 7517, RFC 8414 and RFC 9728): AES-GCM under the key-encryption key, or clear without one. */
class JdbcSigningKeyEncryptionTest {

    private static final String OTHER_KEK = "ZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmY=";

    private DataSource dataSource;

    @BeforeEach
    void cleanDatabase() {
        dataSource = TestDatabase.h2().clean();
    }

    @Test
    void withKeyEncryptionKeyThePrivateKeyIsStoredEncryptedAndReadBackDecrypted() throws Exception {
        SigningKey key = TestSigningKeys.active();
        JdbcSigningKeyRepository repository = new JdbcSigningKeyRepository(dataSource, TestDatabase.KEK);

        repository.insertIfNoActive(key);

        String[] stored = storedRow(key.kid());
        String privateScalar = ECKey.parse(key.privateJwkJson()).getD().toString();
        assertThat(stored[0]).isEqualTo("aes-gcm");
        assertThat(stored[1]).startsWith("v1.").doesNotContain(privateScalar).doesNotContain("{");
        assertThat(repository.findActive()).contains(key);
    }

    @Test
    void eachEncryptionUsesAFreshNonce() throws Exception {
        SigningKey first = TestSigningKeys.active();
        SigningKey second = SigningKey.active(first.kid() + "-b", "ES256", first.privateJwkJson(), t0Plus(1));
        JdbcSigningKeyRepository repository = new JdbcSigningKeyRepository(dataSource, TestDatabase.KEK);
        repository.insertIfNoActive(first);
        repository.rotate(first.kid(), second, t0Plus(1), t0Plus(100));

        assertThat(storedRow(first.kid())[1]).isNotEqualTo(storedRow(second.kid())[1]);
    }

    @Test
    void withoutKeyEncryptionKeyThePrivateKeyIsStoredInClear() throws Exception {
        SigningKey key = TestSigningKeys.active();
        JdbcSigningKeyRepository repository = new JdbcSigningKeyRepository(dataSource, null);

        repository.insertIfNoActive(key);

        assertThat(storedRow(key.kid())).containsExactly("none", key.privateJwkJson());
        assertThat(repository.findActive()).contains(key);
    }

    @Test
    void wrongKeyEncryptionKeyFailsClosedWithoutShowingKeyMaterial() throws Exception {
        SigningKey key = TestSigningKeys.active();
        new JdbcSigningKeyRepository(dataSource, TestDatabase.KEK).insertIfNoActive(key);
        JdbcSigningKeyRepository wrong = new JdbcSigningKeyRepository(dataSource, OTHER_KEK);

        assertThatThrownBy(wrong::findActive).isInstanceOf(StorageException.class)
                .hasMessageContaining("wrong key-encryption key")
                .hasMessageNotContaining(storedRow(key.kid())[1])
                .hasMessageNotContaining(OTHER_KEK);
    }

    @Test
    void encryptedKeyWithoutAConfiguredKeyEncryptionKeyFailsClosed() {
        SigningKey key = TestSigningKeys.active();
        new JdbcSigningKeyRepository(dataSource, TestDatabase.KEK).insertIfNoActive(key);

        assertThatThrownBy(() -> new JdbcSigningKeyRepository(dataSource, null).findAll())
                .isInstanceOf(StorageException.class).hasMessageContaining("no key-encryption key is configured");
    }

    @Test
    void ciphertextCopiedToAnotherKidDoesNotDecrypt() throws Exception {
        SigningKey first = TestSigningKeys.active();
        SigningKey second = TestSigningKeys.active(t0Plus(1));
        JdbcSigningKeyRepository repository = new JdbcSigningKeyRepository(dataSource, TestDatabase.KEK);
        repository.insertIfNoActive(first);
        repository.rotate(first.kid(), second, t0Plus(1), t0Plus(100));

        overwritePrivateKey(second.kid(), storedRow(first.kid())[1]);

        assertThatThrownBy(repository::findActive).isInstanceOf(StorageException.class)
                .hasMessageContaining(second.kid());
    }

    @Test
    void malformedKeyEncryptionKeyIsRejectedWithoutEchoingIt() {
        String tooShort = "c2hvcnQta2V5";

        assertThatThrownBy(() -> new JdbcSigningKeyRepository(dataSource, tooShort))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16, 24 or 32 byte")
                .hasMessageNotContaining(tooShort);
        assertThatThrownBy(() -> new JdbcSigningKeyRepository(dataSource, "not base64 at all!"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void urlSafeUnpaddedKeyEncryptionKeyIsAccepted() {
        SigningKey key = TestSigningKeys.active();
        String urlSafe = TestDatabase.KEK.replace('+', '-').replace('/', '_').replace("=", "");

        new JdbcSigningKeyRepository(dataSource, urlSafe).insertIfNoActive(key);

        assertThat(new JdbcSigningKeyRepository(dataSource, TestDatabase.KEK).findActive()).contains(key);
    }

    /** {protection, stored private key text} of one row. */
    private String[] storedRow(String kid) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT private_jwk_protection, private_jwk FROM authplane_signing_key WHERE kid = ?")) {
            ps.setString(1, kid);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return new String[] {rs.getString(1), rs.getString(2)};
            }
        }
    }

    private void overwritePrivateKey(String kid, String value) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE authplane_signing_key SET private_jwk = ? WHERE kid = ?")) {
            ps.setString(1, value);
            ps.setString(2, kid);
            ps.executeUpdate();
        }
    }
}
