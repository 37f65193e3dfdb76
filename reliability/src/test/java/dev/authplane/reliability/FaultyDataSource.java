package dev.authplane.reliability;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} in front of a real pool that misbehaves on demand, for the faults a real
 * database cannot be told to produce at an exact moment. {@link Mode#DOWN}: every connection
 * request fails as a pool does when the database is gone (SQLState 08001). {@link Mode#WRITES_FAIL}:
 * connections work and reads succeed, but every {@code INSERT} fails as a connection lost
 * mid-statement (SQLState 08006) — authentication passes and the issuance write fails, the
 * moment where a token exists but must not leave. Thread-safe.
 */
final class FaultyDataSource implements DataSource {

    /** How the next database call behaves. */
    enum Mode { UP, DOWN, WRITES_FAIL }

    private final DataSource delegate;
    private volatile Mode mode = Mode.UP;

    FaultyDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    void mode(Mode mode) {
        this.mode = mode;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (mode == Mode.DOWN) {
            throw new SQLTransientConnectionException("injected fault: database unreachable", "08001");
        }
        return wrap(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    private Connection wrap(Connection real) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result = invoke(real, method, args);
            if (result instanceof PreparedStatement statement && method.getName().equals("prepareStatement")) {
                return statement(statement, (String) args[0]);
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private PreparedStatement statement(PreparedStatement real, String sql) {
        boolean insert = sql.strip().toLowerCase(Locale.ROOT).startsWith("insert");
        InvocationHandler handler = (proxy, method, args) -> {
            if (insert && method.getName().startsWith("execute") && mode == Mode.WRITES_FAIL) {
                throw new SQLException("injected fault: connection lost during write", "08006");
            }
            return invoke(real, method, args);
        };
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getLogger("dev.authplane.reliability");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return delegate.isWrapperFor(iface);
    }
}
