package dev.authplane.core.audit;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Port: the admin audit trail. Every administrative change runs through {@link #recordChange}, which
 * makes the change and its event durable together. A storage adapter implements it over the same
 * store as the other repositories, so that the change and its event share one transaction
 * (authplane-jdbc joins the repositories' statements to it); contract: {@code AdminAuditLogContract}
 * in authplane-core's test jar.
 */
public interface AdminAuditLog {

    /**
     * Runs {@code change} and records the event {@code describe} makes of its result, atomically:
     * when either fails, neither is durable and the failure propagates unchanged.
     */
    <T> T recordChange(Supplier<T> change, Function<T, AdminEvent> describe);

    /** Events matching {@code query}, newest first. */
    List<AdminEvent> find(AdminEventQuery query);
}
