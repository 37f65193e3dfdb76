package dev.authplane.servlet;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FormDecodingTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void formDecodingTurnsPlusIntoSpaceAndPercentEscapesIntoUtf8() {
        assertThat(FormDecoding.parseForm(bytes("scope=a+b&x=%C3%A9%2B%2F%40%25")))
                .containsEntry("scope", "a b").containsEntry("x", "\u00e9+/@%");
    }

    @Test
    void formDecodingKeepsBodyOrderSkipsEmptySegmentsAndTreatsBareNamesAsEmpty() {
        assertThat(FormDecoding.parseForm(bytes("b=2&&a&c=")))
                .containsExactly(java.util.Map.entry("b", "2"), java.util.Map.entry("a", ""),
                        java.util.Map.entry("c", ""));
    }

    @Test
    void formDecodingWhenParameterRepeatedThenRejectedNamingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> FormDecoding.parseForm(bytes("resource=a&resource=b")))
                .withMessageContaining("'resource' is repeated");
    }

    @Test
    void formDecodingWhenRepeatedThroughEscapedNameThenStillRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> FormDecoding.parseForm(bytes("scope=a&sc%6Fpe=b")))
                .withMessageContaining("'scope' is repeated");
    }

    @Test
    void formDecodingWhenEscapeTruncatedOrNotHexThenRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> FormDecoding.parseForm(bytes("a=%4")));
        assertThatIllegalArgumentException().isThrownBy(() -> FormDecoding.parseForm(bytes("a=%")));
        assertThatIllegalArgumentException().isThrownBy(() -> FormDecoding.parseForm(bytes("a=%zz")));
        assertThatIllegalArgumentException().isThrownBy(() -> FormDecoding.parseForm(bytes("a=%-1")));
    }

    @Test
    void formDecodingWhenBytesAreNotUtf8ThenRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> FormDecoding.parseForm(bytes("a=%C3%28")))
                .withMessageContaining("UTF-8");
    }

    @Test
    void formDecodingNeverEchoesAnUnprintableParameterName() {
        assertThatIllegalArgumentException().isThrownBy(() -> FormDecoding.parseForm(bytes("%3Cb%3E=1&%3Cb%3E=2")))
                .withMessageNotContaining("<b>").withMessageContaining("a parameter");
    }
}
