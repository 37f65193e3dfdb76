package dev.authplane.core.admin;

import dev.authplane.core.audit.AdminAction;
import dev.authplane.core.audit.AdminActor;
import dev.authplane.core.audit.AdminAuditLog;
import dev.authplane.core.audit.AdminEvent;
import dev.authplane.core.observe.AuthPlaneObserver;
import dev.authplane.core.support.IdGenerator;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs each administrative change through the {@link AdminAuditLog}, so that the change and its
 * event are durable together, and tells the observer once both are. Thread-safe.
 */
final class AuditTrail {

    private final AdminAuditLog log;
    private final AuthPlaneObserver observer;
    private final IdGenerator ids;
    private final Clock clock;

    AuditTrail(AdminAuditLog log, AuthPlaneObserver observer, IdGenerator ids, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Makes {@code change} and records {@code action} on the object {@code objectId} names in its
     * result, with the note {@code detail} makes of it ({@code null} for none).
     */
    <T> T record(AdminActor actor, AdminAction action, Supplier<T> change, Function<T, String> objectId,
                 Function<T, String> detail) {
        AdminEvent[] made = new AdminEvent[1];
        T result = log.recordChange(change, r -> made[0] = new AdminEvent(ids.newTokenId(), clock.instant(), action,
                objectId.apply(r), actor, detail.apply(r)));
        observer.adminChanged(action.value());
        return result;
    }

    /** {@link #record} for a change with no note. */
    <T> T record(AdminActor actor, AdminAction action, Supplier<T> change, Function<T, String> objectId) {
        return record(actor, action, change, objectId, r -> null);
    }

    AdminAuditLog log() {
        return log;
    }
}
