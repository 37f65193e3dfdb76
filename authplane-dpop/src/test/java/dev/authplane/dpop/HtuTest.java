package dev.authplane.dpop;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The one htu normaliser (RFC 9449 §4.3, RFC 3986 §6.2.2-6.2.3). */
class HtuTest {

    @ParameterizedTest
    @CsvSource({
            "https://mcp.example.com/mcp, https://mcp.example.com/mcp",
            "HTTPS://MCP.EXAMPLE.COM:443/mcp, https://mcp.example.com/mcp",
            "http://mcp.example.com:80, http://mcp.example.com/",
            "https://mcp.example.com:8443/a/./b/../mcp?x=1#f, https://mcp.example.com:8443/a/mcp",
            "https://mcp.example.com/m%7ecp, https://mcp.example.com/m%7Ecp"})
    void htuNormalisation(String htu, String expected) {
        assertThat(Htu.normalize(htu)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/mcp", "ftp://mcp.example.com/mcp", "not a uri", "mailto:a@b"})
    void htuThatIsNotAnAbsoluteHttpUrlThenNull(String htu) {
        assertThat(Htu.normalize(htu)).isNull();
    }

}
