package mx.zocalo.server.accounts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The accounts database of a data directory ({@code DATA/accounts/}): organisations, users, sessions, API tokens, login
 * attempts and the audit log, in an embedded H2 database, never in the RDF store, so that nothing of it can be reached
 * through {@code /sparql}, the dumps or the downloads. The schema is versioned ({@code schema_version}); opening an
 * older database brings it up to date.
 *
 * <pre>{@code
 * try (Accounts accounts = Accounts.open(dataDir)) {
 *     accounts.users().addOrganisation("finanzas", "Secretaría de Finanzas", null, null);
 * }
 * }</pre>
 */
public final class Accounts implements AutoCloseable {
    /** The folder under the data directory. */
    public static final String FOLDER = "accounts";
    static final int SCHEMA = 1;
    private final JdbcConnectionPool pool;
    private final Clock clock;
    private final Users users;
    private final Sessions sessions;
    private final Tokens tokens;
    private final LoginThrottle throttle;
    private final AuditLog audit;

    private Accounts(JdbcConnectionPool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
        this.users = new Users(this);
        this.sessions = new Sessions(this, Sessions.Limits.defaults());
        this.tokens = new Tokens(this);
        this.throttle = new LoginThrottle(this);
        this.audit = new AuditLog(this);
    }

    /** Opens (creating or upgrading) the accounts database of {@code dataDir}. */
    public static Accounts open(Path dataDir) {
        return open(dataDir, Clock.systemUTC());
    }

    /** The same with another clock (tests of expiry). */
    public static Accounts open(Path dataDir, Clock clock) {
        Path dir = dataDir.resolve(FOLDER);
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // no trace file: it could hold statements with their values
        String url = "jdbc:h2:file:" + dir.resolve("accounts").toAbsolutePath() + ";TRACE_LEVEL_FILE=0;DB_CLOSE_ON_EXIT=FALSE";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "zocalo", "");
        Accounts a = new Accounts(pool, clock);
        try {
            a.migrate();
        } catch (SQLException e) {
            pool.dispose();
            if (String.valueOf(e.getMessage()).contains("already in use")) {
                throw new IllegalStateException("The accounts database " + dir + " is in use by a running portal: stop it, or "
                        + "manage users on its /admin/users page", e);
            }
            throw new IllegalStateException("Cannot open the accounts database " + dir + ": " + e.getMessage(), e);
        }
        return a;
    }

    public Users users() { return users; }
    public Sessions sessions() { return sessions; }
    public Tokens tokens() { return tokens; }
    public LoginThrottle throttle() { return throttle; }
    public AuditLog audit() { return audit; }
    Clock clock() { return clock; }

    /** The session limits (idle and absolute expiry); defaults 8 hours idle, 7 days absolute. */
    public Accounts sessionLimits(Sessions.Limits limits) {
        sessions.limits(limits);
        return this;
    }

    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /**
     * A consistent copy of the whole database, taken while it is in use (H2's {@code BACKUP TO}): a zip holding the
     * database file, which {@code zocalo restore} unpacks into a new data directory's {@code accounts/}.
     */
    public void backupTo(java.nio.file.Path zip) {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute("BACKUP TO '" + zip.toAbsolutePath().toString().replace("'", "''") + "'");
        } catch (SQLException e) {
            throw new AccountsException(e);
        }
    }

    /** The current version of the schema in the database. */
    public int schemaVersion() {
        try (Connection c = connection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new AccountsException(e);
        }
    }

    private void migrate() throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT NOT NULL, applied BIGINT NOT NULL)");
            int current;
            try (var rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                rs.next();
                current = rs.getInt(1);
            }
            if (current > SCHEMA) {
                throw new SQLException("The accounts database has schema " + current + ", newer than this portal's " + SCHEMA);
            }
            if (current < 1) {
                c.setAutoCommit(false);
                for (String ddl : Schema.V1) s.execute(ddl);
                s.execute("INSERT INTO schema_version VALUES (1, " + clock.millis() + ")");
                c.commit();
            }
        }
    }

    @Override
    public void close() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            // already closed
        }
        pool.dispose();
    }

    /** A failure of the accounts database. */
    public static final class AccountsException extends RuntimeException {
        AccountsException(SQLException e) {
            super("Accounts database: " + e.getMessage(), e);
        }
    }

    /** Runs statements on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    <T> T with(Work<T> work) {
        try (Connection c = connection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new AccountsException(e);
        }
    }

    long now() {
        return clock.millis();
    }
}
