package dev.authplane.examples.authserver.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerConfigurationTest {

    @TempDir
    Path dir;

    private Path yaml(String text) throws Exception {
        Path file = dir.resolve("authplane.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void seedYamlEnablesTheGrantWithItsTokenExpiry() throws Exception {
        ServerConfig config = ServerConfiguration.load(yaml("""
                client_credentials:
                  enabled: true
                  token_expiry: 1h
                """), Map.of());

        assertThat(config.core().clientCredentials().enabled()).isTrue();
        assertThat(config.core().clientCredentials().tokenExpiry()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void environmentWinsOverTheFile() throws Exception {
        ServerConfig config = ServerConfiguration.load(yaml("""
                server:
                  port: 9100
                client_credentials:
                  enabled: true
                """), Map.of("AUTHPLANE_CLIENT_CREDENTIALS_ENABLED", "false", "AUTHPLANE_SERVER_PORT", "9200"));

        assertThat(config.core().clientCredentials().enabled()).isFalse();
        assertThat(config.server().port()).isEqualTo(9200);
    }

    @Test
    void withoutAFileTheDefaultsOfSpecSection9Apply() {
        ServerConfig config = ServerConfiguration.load(null, Map.of());

        assertThat(config.issuer()).isEqualTo("http://localhost:9000");
        assertThat(config.server().port()).isEqualTo(9000);
        assertThat(config.admin().port()).isEqualTo(9001);
        assertThat(config.admin().bind()).isEqualTo("127.0.0.1");
        assertThat(config.storage().dataDir()).isEqualTo(Path.of("./authplane-data"));
        assertThat(config.core().clientCredentials().enabled()).isFalse();
    }

    @Test
    void authplaneConfigEnvNamesTheFileWhenNoOptionIsGiven() throws Exception {
        Path file = yaml("dpop:\n  enabled: false\n");

        ServerConfig config = ServerConfiguration.load(null, Map.of("AUTHPLANE_CONFIG", file.toString()));

        assertThat(config.core().dpop().enabled()).isFalse();
    }

    @Test
    void emptyFileMeansDefaults() throws Exception {
        assertThat(ServerConfiguration.load(yaml(""), Map.of()).server().port()).isEqualTo(9000);
    }

    @Test
    void missingFileIsAOneLineError() {
        assertThatThrownBy(() -> ServerConfiguration.load(dir.resolve("nope.yaml"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("configuration file " + dir.resolve("nope.yaml") + " does not exist");
    }

    @Test
    void malformedYamlNamesTheFileAndLine() throws Exception {
        Path file = yaml("client_credentials:\n  enabled: [true\n");

        assertThatThrownBy(() -> ServerConfiguration.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("configuration file " + file + " is not a YAML mapping of sections (line ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void misspelledKeyIsRefusedByName() throws Exception {
        assertThatThrownBy(() -> ServerConfiguration.load(yaml("client_credentials:\n  enabeld: true\n"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("unknown configuration key 'client_credentials.enabeld'");
    }

    @Test
    void topLevelListIsRefused() throws Exception {
        assertThatThrownBy(() -> ServerConfiguration.load(yaml("- a\n- b\n"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is not a YAML mapping of sections");
    }
}
