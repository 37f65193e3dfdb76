package dev.authplane.examples.authserver;

import dev.authplane.examples.authserver.config.ServerConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseTest {

    @Test
    void redactedUrlDropsEveryPlaceCredentialsCanHide() {
        assertThat(Database.redacted("jdbc:postgresql://db:5432/authplane?user=a&password=secret"))
                .isEqualTo("jdbc:postgresql://db:5432/authplane");
        assertThat(Database.redacted("jdbc:postgresql://a:secret@db:5432/authplane"))
                .isEqualTo("jdbc:postgresql://db:5432/authplane");
        assertThat(Database.redacted("jdbc:h2:file:/data/authplane;PASSWORD=secret")).isEqualTo("jdbc:h2:file:/data/authplane");
    }

    @Test
    void embeddedDatabaseLivesInTheDataDirectory() {
        assertThat(Database.url(new ServerConfig.Storage(null, null, null,
                Path.of("/srv/authplane"), null, null, false), Path.of("/srv/authplane")))
                .startsWith("jdbc:h2:file:/srv/authplane/authplane;");
    }
}
