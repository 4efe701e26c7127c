package org.twisted4j.enterprise;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The data source HikariCP opens physical connections from: the user's (or a URL's), with {@code cp_openfun}
 * run on each new connection and, with {@code cp_noisy}, a log line per connection opened.
 */
final class OpeningDataSource implements DataSource {
    private static final org.twisted4j.logger.Logger LOG = org.twisted4j.logger.Logger.forClass(ConnectionPool.class);

    private final DataSource target;
    private final @Nullable ConnectionInitializer openFun;
    private final boolean noisy;
    private final String description;

    OpeningDataSource(DataSource target, @Nullable ConnectionInitializer openFun, boolean noisy, String description) {
        this.target = target;
        this.openFun = openFun;
        this.noisy = noisy;
        this.description = description;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return prepare(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return prepare(target.getConnection(username, password));
    }

    private Connection prepare(Connection connection) throws SQLException {
        if (openFun != null) {
            try {
                openFun.initialize(connection);
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.close();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
        if (noisy) {
            LOG.info("adbapi connecting: {database}", "database", description);
        }
        return connection;
    }

    @Override
    public @Nullable PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(@Nullable PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(target) ? type.cast(target) : target.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(target) || target.isWrapperFor(type);
    }
}
