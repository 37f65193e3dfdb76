package dev.authplane.examples.authserver;

import dev.authplane.examples.authserver.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 14 §2 and §4 on the runnable server: the data directory is owner-only and an exposed one
 * stops the start; a plain-http issuer off loopback and a weak admin key are refused. Each refusal
 * has its accepted counterpart.
 */
class ServerHardeningTest {

    @TempDir
    Path tmp;

    @Test
    void aNewDataDirectoryIs0700AndEveryFileInIt0600() throws Exception {
        Path dir = tmp.resolve("fresh");
        try (AuthServer server = TestServers.start(dir, Map.of())) {
            assertThat(server.publicPort()).isPositive();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        try (var files = Files.list(dir)) {
            assertThat(files.filter(Files::isRegularFile).toList()).isNotEmpty().allSatisfy(f ->
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString())
                            .isEqualTo("rw-------"));
        }
    }

    @Test
    void anExistingDataDirectoryReadableByOthersStopsTheStartUnlessTheOperatorOptsOut() throws Exception {
        Path dir = tmp.resolve("exposed");
        try (AuthServer server = TestServers.start(dir, Map.of())) {
            assertThat(server.publicPort()).isPositive();
        }
        Files.setPosixFilePermissions(dir.resolve("authplane.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> TestServers.start(dir, Map.of())).isInstanceOf(CliException.class)
                .hasMessageContaining("readable by other users").hasMessageContaining("authplane.mv.db")
                .hasMessageContaining("chmod 700 " + dir).hasMessageContaining("data.allow_insecure_permissions");
        try (AuthServer server = TestServers.start(dir, Map.of("AUTHPLANE_DATA_ALLOW_INSECURE_PERMISSIONS", "true"))) {
            assertThat(server.publicPort()).isPositive();
        }
    }

    @Test
    void aPlainHttpIssuerOffLoopbackIsRefusedUnlessAllowedExplicitly() {
        Map<String, String> remote = Map.of("AUTHPLANE_SERVER_ISSUER", "http://auth.example.com");

        assertThatThrownBy(() -> TestServers.start(tmp.resolve("a"), remote)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("server.issuer").hasMessageContaining("server.allow_insecure_issuer");
        try (AuthServer server = TestServers.start(tmp.resolve("b"), Map.of("AUTHPLANE_SERVER_ISSUER",
                "http://auth.example.com", "AUTHPLANE_SERVER_ALLOW_INSECURE_ISSUER", "true"))) {
            assertThat(server.readyLine()).contains("issuer http://auth.example.com");
        }
        try (AuthServer server = TestServers.start(tmp.resolve("c"), Map.of("AUTHPLANE_SERVER_ISSUER",
                "https://auth.example.com"))) {
            assertThat(server.publicPort()).isPositive();
        }
    }

    @Test
    void weakAdminKeysAreRefusedWithAClearMessage() throws Exception {
        assertThatThrownBy(() -> TestServers.start(tmp.resolve("a"), Map.of("AUTHPLANE_ADMIN_API_KEY", "0123456789abcdef")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("admin.api_key")
                .hasMessageContaining("at least 22 characters").hasMessageNotContaining("0123456789abcdef");
        assertThatThrownBy(() -> TestServers.start(tmp.resolve("b"), Map.of("AUTHPLANE_ADMIN_API_KEY", "x".repeat(30))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("too little variety");

        Path dir = tmp.resolve("file-key");
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(AdminKeyFile.path(dir), "short-old-key\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(AdminKeyFile.path(dir), PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> TestServers.start(dir, Map.of())).isInstanceOf(CliException.class)
                .hasMessageContaining("delete the file");

        try (AuthServer server = TestServers.start(tmp.resolve("c"), Map.of("AUTHPLANE_ADMIN_API_KEY",
                "Zk3q-8Rm_T2vXpL9wYb4NcHs"))) {
            assertThat(server.adminKey()).isEqualTo("Zk3q-8Rm_T2vXpL9wYb4NcHs");
        }
    }
}
