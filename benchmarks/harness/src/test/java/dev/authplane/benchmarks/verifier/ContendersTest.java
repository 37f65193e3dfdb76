package dev.authplane.benchmarks.verifier;

import dev.authplane.benchmarks.InProcessAuthPlane;
import dev.authplane.mcp.verifier.TokenVerifier;
import org.junit.jupiter.api.Test;

import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each verifier contender accepts AuthPlane's tokens, so none can post a figure for rejecting them. */
class ContendersTest {

    private final InProcessAuthPlane authPlane = InProcessAuthPlane.create(4, UnaryOperator.identity());

    @Test
    void everyContenderAcceptsAFreshAuthPlaneToken() throws Exception {
        Contenders contenders = new Contenders(authPlane.authPlane().keys().publicJwkSet());
        String token = authPlane.mint();
        try (TokenVerifier verifier = contenders.newAuthPlaneVerifier()) {
            assertThat(Contenders.authPlane(verifier).verify(token)).isPositive();
        }
        assertThat(contenders.springDecoder().verify(token)).isPositive();
        assertThat(contenders.rawNimbus().verify(token)).isEqualTo(64);
    }

    @Test
    void everyContenderRejectsATamperedToken() throws Exception {
        Contenders contenders = new Contenders(authPlane.authPlane().keys().publicJwkSet());
        String token = authPlane.mint();
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        try (TokenVerifier verifier = contenders.newAuthPlaneVerifier()) {
            assertThatThrownBy(() -> Contenders.authPlane(verifier).verify(tampered)).isInstanceOf(IllegalStateException.class);
        }
        assertThatThrownBy(() -> contenders.springDecoder().verify(tampered)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> contenders.rawNimbus().verify(tampered)).isInstanceOf(IllegalStateException.class);
    }
}
