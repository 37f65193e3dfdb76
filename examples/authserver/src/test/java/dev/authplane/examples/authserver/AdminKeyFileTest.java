package dev.authplane.examples.authserver;

import dev.authplane.core.support.SecureRandomIdGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class AdminKeyFileTest {

    @TempDir
    Path dir;

    @Test
    void firstStartGeneratesA256BitKeyReadableOnlyByTheOwner() throws Exception {
        Path dataDir = dir.resolve("data");

        AdminKeyFile.Loaded loaded = AdminKeyFile.loadOrCreate(dataDir, new SecureRandomIdGenerator());

        assertThat(loaded.generated()).isTrue();
        assertThat(loaded.key()).matches("[A-Za-z0-9_-]{43}");
        Path file = dataDir.resolve("admin-api-key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(AdminKeyFile.read(dataDir)).hasValue(loaded.key());
    }

    @Test
    void laterStartsReuseTheStoredKey() {
        AdminKeyFile.Loaded first = AdminKeyFile.loadOrCreate(dir, new SecureRandomIdGenerator());

        AdminKeyFile.Loaded second = AdminKeyFile.loadOrCreate(dir, new SecureRandomIdGenerator());

        assertThat(second.generated()).isFalse();
        assertThat(second.key()).isEqualTo(first.key());
    }

    @Test
    void readFindsNothingInAnEmptyDirectory() {
        assertThat(AdminKeyFile.read(dir)).isEmpty();
    }

    @Test
    void loadedNeverPrintsTheKey() {
        AdminKeyFile.Loaded loaded = AdminKeyFile.loadOrCreate(dir, new SecureRandomIdGenerator());

        assertThat(loaded.toString()).doesNotContain(loaded.key());
    }

    @Test
    void aKeyFileOthersCanReadIsReportedAsExposed() throws Exception {
        AdminKeyFile.loadOrCreate(dir, new SecureRandomIdGenerator());
        assertThat(AdminKeyFile.isExposed(dir)).isFalse();

        Files.setPosixFilePermissions(dir.resolve("admin-api-key"), PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(AdminKeyFile.isExposed(dir)).isTrue();
    }
}
