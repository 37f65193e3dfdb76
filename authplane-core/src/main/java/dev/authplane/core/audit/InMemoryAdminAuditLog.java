package dev.authplane.core.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link AdminAuditLog} held in memory, for a single node and for tests, over in-memory
 * repositories. Changes run one at a time; the event is appended only after its change returned,
 * and a change that throws leaves no event. Thread-safe; contents are lost when the process ends.
 */
public final class InMemoryAdminAuditLog implements AdminAuditLog {

    private static final Comparator<AdminEvent> NEWEST_FIRST =
            Comparator.comparing(AdminEvent::at).thenComparing(AdminEvent::id).reversed();

    private final List<AdminEvent> events = new ArrayList<>();

    @Override
    public synchronized <T> T recordChange(Supplier<T> change, Function<T, AdminEvent> describe) {
        T result = change.get();
        events.add(Objects.requireNonNull(describe.apply(result), "event"));
        return result;
    }

    @Override
    public synchronized List<AdminEvent> find(AdminEventQuery query) {
        return events.stream().filter(e -> !e.at().isBefore(query.since())).sorted(NEWEST_FIRST)
                .limit(query.limit()).toList();
    }
}
