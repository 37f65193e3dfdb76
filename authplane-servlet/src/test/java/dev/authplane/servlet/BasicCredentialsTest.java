package dev.authplane.servlet;

import dev.authplane.core.client.ClientAuthMethod;
import dev.authplane.core.client.ClientSecretCredentials;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BasicCredentialsTest {

    /** RFC 6749 §2.3.1: each half is form-url-encoded before the Basic encoding. */
    static String basic(String clientId, String secret) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicWhenBothHalvesFormEncodedThenColonInIdAndSpecialCharactersInSecretSurvive() {
        ClientSecretCredentials credentials = BasicCredentials.parse(basic("svc:reporting", "s+/@%:= x\u00e9"));

        assertThat(credentials.clientId()).isEqualTo("svc:reporting");
        assertThat(credentials.clientSecret()).isEqualTo("s+/@%:= x\u00e9");
        assertThat(credentials.method()).isEqualTo(ClientAuthMethod.CLIENT_SECRET_BASIC);
    }

    @Test
    void basicSchemeIsCaseInsensitive() {
        assertThat(BasicCredentials.isBasic("bAsIc abc")).isTrue();
        assertThat(BasicCredentials.isBasic("Bearer abc")).isFalse();
        assertThat(BasicCredentials.isBasic("Basicabc")).isFalse();
    }

    @Test
    void basicWhenPayloadNotBase64ThenRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> BasicCredentials.parse("Basic !!!"))
                .withMessageContaining("base64");
    }

    @Test
    void basicWhenNoColonThenRejected() {
        String noColon = "Basic " + Base64.getEncoder().encodeToString("justanid".getBytes(StandardCharsets.UTF_8));
        assertThatIllegalArgumentException().isThrownBy(() -> BasicCredentials.parse(noColon))
                .withMessageContaining("client_id:client_secret");
    }

    @Test
    void basicWhenClientIdEmptyThenRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> BasicCredentials.parse(basic("", "secret")));
    }

    @Test
    void basicWhenHalfHasBrokenEscapeThenRejected() {
        String broken = "Basic " + Base64.getEncoder().encodeToString("id:%zz".getBytes(StandardCharsets.UTF_8));
        assertThatIllegalArgumentException().isThrownBy(() -> BasicCredentials.parse(broken));
    }
}
