package org.twisted4j.enterprise;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.ReactorCore;
import org.twisted4j.internet.ReactorThreads;

/**
 * Sets up a {@link ConnectionPool}, with Twisted's {@code ConnectionPool} keyword arguments as methods of the
 * same meaning ({@code cp_min} is {@link #min}, {@code cp_max} {@link #max}, and so on) mapped onto HikariCP's
 * settings.
 *
 * <pre>{@code
 * ConnectionPool pool = ConnectionPool.builder()
 *         .url("jdbc:postgresql://127.0.0.1/guestbook").user("web").password(secret)
 *         .min(2).max(10).reconnect(true)
 *         .build(reactor);
 * }</pre>
 *
 * <h2>Where connections come from</h2>
 * One of: {@link #url} (with {@link #user}, {@link #password}, {@link #property}), a {@link #dataSource} (a
 * {@code com.zaxxer.hikari.HikariDataSource} is used as it is, any other is pooled by a HikariCP pool of our
 * own), or neither, which gives the embedded default: an H2 database in the file
 * {@value #EMBEDDED_NAME}{@code .mv.db} under {@link #embeddedDirectory} (the working directory unless set).
 *
 * <h2>Threading</h2>
 * Not thread-safe; build on one thread. {@link #build} on the reactor thread (or before the reactor runs).
 */
public final class ConnectionPoolBuilder {

    /** Twisted's default {@code cp_min}: connections kept open when idle. */
    public static final int DEFAULT_MIN = 3;
    /** Twisted's default {@code cp_max}: the most connections, and so the most calls running at once. */
    public static final int DEFAULT_MAX = 5;
    /** How many calls may wait for a busy pool before further calls fail with {@link PoolExhaustedError}. */
    public static final int DEFAULT_WAIT_QUEUE = 1000;
    /** How long opening a connection may take before the call waiting for it fails. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** The file name (before H2's {@code .mv.db}) of the embedded default database. */
    public static final String EMBEDDED_NAME = "adbapi";

    @Nullable String url;
    @Nullable String user;
    @Nullable String password;
    final Properties properties = new Properties();
    @Nullable DataSource dataSource;
    @Nullable Path embeddedDirectory;
    int min = DEFAULT_MIN;
    int max = DEFAULT_MAX;
    boolean reconnect;
    @Nullable String goodSql;
    @Nullable ConnectionInitializer openFun;
    boolean noisy;
    int waitQueue = DEFAULT_WAIT_QUEUE;
    Duration queryTimeout = Duration.ZERO;
    Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    boolean startWithReactor = true;

    ConnectionPoolBuilder() {
    }

    /** Connects with this JDBC URL, such as {@code jdbc:postgresql://127.0.0.1:5432/db} or {@code jdbc:sqlite:/p/x.db}. */
    public ConnectionPoolBuilder url(String url) {
        this.url = Objects.requireNonNull(url, "url");
        return this;
    }

    /** Logs in as this user (with {@link #url}). */
    public ConnectionPoolBuilder user(String user) {
        this.user = Objects.requireNonNull(user, "user");
        return this;
    }

    /** Logs in with this password (with {@link #url}). */
    public ConnectionPoolBuilder password(String password) {
        this.password = Objects.requireNonNull(password, "password");
        return this;
    }

    /** Passes a driver property, such as PostgreSQL's {@code sslmode} (with {@link #url}). */
    public ConnectionPoolBuilder property(String key, String value) {
        properties.setProperty(key, value);
        return this;
    }

    /**
     * Takes connections from {@code source} instead of a URL. A {@code HikariDataSource} is used as it is (its own
     * size and settings count, and it is left open when the pool closes); any other is pooled by HikariCP.
     */
    public ConnectionPoolBuilder dataSource(DataSource source) {
        this.dataSource = Objects.requireNonNull(source, "source");
        return this;
    }

    /** Puts the embedded default database (used when neither a URL nor a data source is given) under {@code directory}. */
    public ConnectionPoolBuilder embeddedDirectory(Path directory) {
        this.embeddedDirectory = Objects.requireNonNull(directory, "directory");
        return this;
    }

    /** {@code cp_min}: connections kept open when idle (HikariCP's {@code minimumIdle}); default {@value #DEFAULT_MIN}. */
    public ConnectionPoolBuilder min(int min) {
        if (min < 0) {
            throw new IllegalArgumentException("min must not be negative: " + min);
        }
        this.min = min;
        return this;
    }

    /**
     * {@code cp_max}: the most connections (HikariCP's {@code maximumPoolSize}), which is also how many calls run
     * at once on virtual threads; default {@value #DEFAULT_MAX}.
     */
    public ConnectionPoolBuilder max(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1: " + max);
        }
        this.max = max;
        return this;
    }

    /**
     * {@code cp_reconnect}: after a call fails, check its connection ({@link #goodSql}, or the driver's
     * {@code isValid}); if the check fails, replace the connection and fail the call with {@link ConnectionLost}.
     * Default off (HikariCP still drops connections whose errors say the link is gone).
     */
    public ConnectionPoolBuilder reconnect(boolean reconnect) {
        this.reconnect = reconnect;
        return this;
    }

    /**
     * {@code cp_good_sql}: the query that proves a connection alive, run by {@link #reconnect} after a failure
     * and by HikariCP when it hands out a connection that has been idle (its {@code connectionTestQuery}).
     * Default none: the driver's {@code Connection.isValid}, which every JDBC 4 driver has.
     */
    public ConnectionPoolBuilder goodSql(String sql) {
        this.goodSql = Objects.requireNonNull(sql, "sql");
        return this;
    }

    /** {@code cp_openfun}: run on each new physical connection before it is first used. */
    public ConnectionPoolBuilder openFun(ConnectionInitializer openFun) {
        this.openFun = Objects.requireNonNull(openFun, "openFun");
        return this;
    }

    /** {@code cp_noisy}: log each connection opened and each replaced. Default off. */
    public ConnectionPoolBuilder noisy(boolean noisy) {
        this.noisy = noisy;
        return this;
    }

    /**
     * How many calls may wait while all {@link #max} connections are busy; a call beyond that fails at once
     * with {@link PoolExhaustedError}. Zero means no waiting at all. Default {@value #DEFAULT_WAIT_QUEUE}.
     */
    public ConnectionPoolBuilder waitQueue(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("waitQueue must not be negative: " + length);
        }
        this.waitQueue = length;
        return this;
    }

    /**
     * The time limit of every statement ({@code Statement.setQueryTimeout}, whole seconds, rounded up); zero,
     * the default, means none. For a finer limit on one call, use {@code deferred.addTimeout(seconds, reactor)}:
     * the timeout cancels the Deferred, which cancels the statement.
     */
    public ConnectionPoolBuilder queryTimeout(Duration timeout) {
        Transaction.seconds(timeout);
        this.queryTimeout = timeout;
        return this;
    }

    /** How long to wait for a new connection before the call fails (HikariCP's {@code connectionTimeout}, at least 250 ms). */
    public ConnectionPoolBuilder connectTimeout(Duration timeout) {
        if (timeout.toMillis() < 250) {
            throw new IllegalArgumentException("connectTimeout must be at least 250 ms: " + timeout);
        }
        this.connectTimeout = timeout;
        return this;
    }

    /**
     * Whether {@link #build} ties the pool to the reactor, as Twisted's pool is: started when the reactor runs
     * and closed, after the calls in flight, before it shuts down. Default on; turn it off to run the pool
     * as a child of a {@code MultiService} instead.
     */
    public ConnectionPoolBuilder startWithReactor(boolean start) {
        this.startWithReactor = start;
        return this;
    }

    /**
     * Makes the pool. No connection is opened until it starts (see {@link #startWithReactor}).
     *
     * @param reactor the reactor its results are delivered on
     * @throws IllegalStateException if both a URL and a data source were given
     */
    public <R extends ReactorThreads & ReactorCore> ConnectionPool build(R reactor) {
        if (url != null && dataSource != null) {
            throw new IllegalStateException("give a URL or a data source, not both");
        }
        return new ConnectionPool(this, reactor, reactor);
    }

    /** The JDBC URL of the embedded default database. */
    String embeddedUrl() {
        Path directory = embeddedDirectory == null ? Path.of("") : embeddedDirectory;
        return "jdbc:h2:file:" + directory.toAbsolutePath().resolve(EMBEDDED_NAME);
    }
}
