package mx.zocalo.server.accounts;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;

/**
 * Signed-in sessions: a random 256-bit id given to the browser once (its cookie), kept only as its SHA-256; a session
 * ends after {@link Limits#idle()} without requests or {@link Limits#absolute()} after sign-in, at sign-out, or when
 * the user signs out everywhere.
 */
public final class Sessions {
    /** Expiry of sessions. */
    public record Limits(Duration idle, Duration absolute) {
        public static Limits defaults() {
            return new Limits(Duration.ofHours(8), Duration.ofDays(7));
        }
    }

    /** A session found by its id: its user and when it expires at the latest (absolute). */
    public record Session(Users.User user, long expiresMillis) {}

    /** How often the "last seen" time is written (not at every request). */
    private static final long TOUCH_MILLIS = 60_000;
    private final Accounts db;
    private volatile Limits limits;

    Sessions(Accounts db, Limits limits) {
        this.db = db;
        this.limits = limits;
    }

    void limits(Limits l) {
        this.limits = l;
    }

    public Limits limits() {
        return limits;
    }

    /** Starts a session for {@code email}; returns its id (for the cookie), never stored as is. */
    public String create(String email) {
        String id = Secrets.random();
        long now = db.now();
        db.with(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO sessions VALUES (?, ?, ?, ?, ?)")) {
                p.setString(1, Secrets.sha256(id));
                p.setString(2, email);
                p.setLong(3, now);
                p.setLong(4, now + limits.absolute().toMillis());
                p.setLong(5, now);
                return p.executeUpdate();
            }
        });
        return id;
    }

    /** The live session of this id (not expired, its user not disabled); an expired one is deleted. */
    public Optional<Session> find(String id) {
        if (id == null || id.length() != 43) return Optional.empty();
        String hash = Secrets.sha256(id);
        long now = db.now();
        record Row(String email, long expires, long lastSeen) {}
        Row row = db.with(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT email, expires, last_seen FROM sessions WHERE id_hash = ?")) {
                p.setString(1, hash);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? new Row(rs.getString(1), rs.getLong(2), rs.getLong(3)) : null;
                }
            }
        });
        if (row == null) return Optional.empty();
        if (now >= row.expires() || now - row.lastSeen() >= limits.idle().toMillis()) {
            delete(id);
            return Optional.empty();
        }
        Optional<Users.User> user = db.users().find(row.email()).filter(u -> !u.disabled());
        if (user.isEmpty()) return Optional.empty();
        if (now - row.lastSeen() > TOUCH_MILLIS) {
            db.with(c -> {
                try (PreparedStatement p = c.prepareStatement("UPDATE sessions SET last_seen = ? WHERE id_hash = ?")) {
                    p.setLong(1, now);
                    p.setString(2, hash);
                    return p.executeUpdate();
                }
            });
        }
        return Optional.of(new Session(user.get(), row.expires()));
    }

    /** Ends one session (sign-out). */
    public void delete(String id) {
        if (id == null) return;
        db.with(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM sessions WHERE id_hash = ?")) {
                p.setString(1, Secrets.sha256(id));
                return p.executeUpdate();
            }
        });
    }

    /** Ends every session of a user (sign out everywhere, password reset); the number ended. */
    public int deleteAll(String email) {
        return db.with(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM sessions WHERE email = ?")) {
                p.setString(1, email);
                return p.executeUpdate();
            }
        });
    }

    /** The number of live sessions of a user. */
    public int count(String email) {
        long now = db.now();
        return db.with(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM sessions WHERE email = ? AND expires > ? AND last_seen > ?")) {
                p.setString(1, email);
                p.setLong(2, now);
                p.setLong(3, now - limits.idle().toMillis());
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }
}
