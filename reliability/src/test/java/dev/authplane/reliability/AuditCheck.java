package dev.authplane.reliability;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit promise: every token a client received has its issuance row. */
final class AuditCheck {

    private AuditCheck() {
    }

    /**
     * Asserts that the {@code jti} of every 200 in {@code outcomes} is among {@code rows}.
     *
     * @return how many rows belong to no received token (possible only when a commit succeeded but
     *         its acknowledgement was lost, e.g. the database or the server died in between)
     */
    static int assertEveryReceivedTokenHasItsRow(List<TokenLoad.Outcome> outcomes, Set<String> rows) {
        Set<String> received = new HashSet<>();
        outcomes.stream().filter(o -> o.status() == 200).map(TokenLoad.Outcome::jti).filter(Objects::nonNull)
                .forEach(received::add);
        assertThat(received).as("jti of every 200").hasSize((int) outcomes.stream().filter(o -> o.status() == 200).count());
        Set<String> missing = new HashSet<>(received);
        missing.removeAll(rows);
        assertThat(missing).as("tokens a client received without an issuance row").isEmpty();
        return rows.size() - received.size();
    }
}
