package dev.authplane.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Wraps a real {@link DataSource} and counts calls to the JDBC methods a test cares about
 * (connections, statements, batches, commits); every call still reaches the real driver.
 */
final class StatementCounter {

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final DataSource dataSource;

    StatementCounter(DataSource real) {
        this.dataSource = proxy(DataSource.class, real);
    }

    /** The counting data source. */
    DataSource dataSource() {
        return dataSource;
    }

    int count(String method) {
        AtomicInteger n = counts.get(method);
        return n == null ? 0 : n.get();
    }

    private <T> T proxy(Class<T> type, T target) {
        InvocationHandler handler = (proxy, method, args) -> {
            counts.computeIfAbsent(method.getName(), m -> new AtomicInteger()).incrementAndGet();
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return wrap(result);
        };
        return type.cast(Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private Object wrap(Object result) {
        if (result instanceof PreparedStatement ps) {
            return proxy(PreparedStatement.class, ps);
        }
        if (result instanceof Connection c) {
            return proxy(Connection.class, c);
        }
        return result;
    }
}
