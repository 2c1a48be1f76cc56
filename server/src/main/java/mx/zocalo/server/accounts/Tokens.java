package mx.zocalo.server.accounts;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * API tokens for {@code Authorization: Bearer}: {@code zoc_} and 256 random bits, shown once at creation and kept only
 * as their SHA-256, with a name, an expiry (default 90 days, at most a year) and a revocation time.
 */
public final class Tokens {
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(90);
    public static final Duration MAX_VALIDITY = Duration.ofDays(366);
    static final String PREFIX = "zoc_";
    private final Accounts db;

    Tokens(Accounts db) {
        this.db = db;
    }

    /** A token as listed on the account page (never its value). */
    public record Token(long id, String name, Instant created, Instant expires, Instant revoked, Instant lastUsed) {
        public boolean live(Instant now) {
            return revoked == null && now.isBefore(expires);
        }
    }

    /** A new token: its id and its value, to show once. */
    public record Created(long id, String value, Instant expires) {}

    public Created create(String email, String name, Duration validity) {
        if (name == null || name.isBlank() || name.length() > 200) throw new IllegalArgumentException("A token needs a name (up to 200 characters)");
        Duration v = validity == null ? DEFAULT_VALIDITY : validity;
        if (v.isNegative() || v.isZero() || v.compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("A token is valid from 1 day to 1 year");
        }
        String value = PREFIX + Secrets.random();
        long now = db.now();
        long expires = now + v.toMillis();
        long id = db.with(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO api_tokens (email, name, hash, created, expires) VALUES (?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                p.setString(1, email);
                p.setString(2, name.strip());
                p.setString(3, Secrets.sha256(value));
                p.setLong(4, now);
                p.setLong(5, expires);
                p.executeUpdate();
                try (ResultSet keys = p.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
        return new Created(id, value, Instant.ofEpochMilli(expires));
    }

    /** The user of a live token (not revoked, not expired, user enabled); records its use. */
    public Optional<Users.User> find(String value) {
        if (value == null || !value.startsWith(PREFIX) || value.length() != PREFIX.length() + 43) return Optional.empty();
        String hash = Secrets.sha256(value);
        long now = db.now();
        String email = db.with(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT email FROM api_tokens WHERE hash = ? AND revoked IS NULL AND expires > ?")) {
                p.setString(1, hash);
                p.setLong(2, now);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        if (email == null) return Optional.empty();
        db.with(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE api_tokens SET last_used = ? WHERE hash = ?")) {
                p.setLong(1, now);
                p.setString(2, hash);
                return p.executeUpdate();
            }
        });
        return db.users().find(email).filter(u -> !u.disabled());
    }

    public List<Token> list(String email) {
        return db.with(c -> {
            List<Token> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT id, name, created, expires, revoked, last_used FROM api_tokens WHERE email = ? ORDER BY created DESC, id DESC")) {
                p.setString(1, email);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Token(rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                                Instant.ofEpochMilli(rs.getLong(4)), instant(rs, 5), instant(rs, 6)));
                    }
                }
            }
            return out;
        });
    }

    /** Revokes one of the user's tokens; false when it is not theirs or already revoked. */
    public boolean revoke(String email, long id) {
        long now = db.now();
        return db.with(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE api_tokens SET revoked = ? WHERE id = ? AND email = ? AND revoked IS NULL")) {
                p.setLong(1, now);
                p.setLong(2, id);
                p.setString(3, email);
                return p.executeUpdate() == 1;
            }
        });
    }

    /** Revokes every token of the user; the number revoked. */
    public int revokeAll(String email) {
        long now = db.now();
        return db.with(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE api_tokens SET revoked = ? WHERE email = ? AND revoked IS NULL")) {
                p.setLong(1, now);
                p.setString(2, email);
                return p.executeUpdate();
            }
        });
    }

    private static Instant instant(ResultSet rs, int col) throws java.sql.SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
