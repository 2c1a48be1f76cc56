package mx.zocalo.server.accounts;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Sign-in throttling: after {@link #PER_ACCOUNT} failures for one account, or {@link #PER_ADDRESS} from one address,
 * within {@link #WINDOW}, further attempts (even with the right password) are refused until the oldest failure of the
 * window leaves it. Whether the account exists makes no difference. A success clears nothing: failures age out.
 */
public final class LoginThrottle {
    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final int PER_ACCOUNT = 5;
    /** Higher than per account: many people may share one address (an office's NAT). */
    public static final int PER_ADDRESS = 20;
    private final Accounts db;

    LoginThrottle(Accounts db) {
        this.db = db;
    }

    /** How long to wait before trying again, when blocked. */
    public Optional<Duration> blocked(String account, String address) {
        long now = db.now();
        long since = now - WINDOW.toMillis();
        long a = oldestBlocking("account", key(account), PER_ACCOUNT, since);
        long b = oldestBlocking("address", address == null ? "" : address, PER_ADDRESS, since);
        long until = Math.max(a, b);
        if (until <= now) return Optional.empty();
        return Optional.of(Duration.ofMillis(until - now));
    }

    /** Records an attempt. */
    public void record(String account, String address, boolean success) {
        long now = db.now();
        db.with(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO login_attempts VALUES (?, ?, ?, ?)")) {
                p.setLong(1, now);
                p.setString(2, key(account));
                p.setString(3, address == null ? "" : truncate(address));
                p.setBoolean(4, success);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("DELETE FROM login_attempts WHERE time < ?")) {
                p.setLong(1, now - 2 * WINDOW.toMillis());
                return p.executeUpdate();
            }
        });
    }

    /** When the block by this column ends: the time of the failure that makes the limit, plus the window; 0 if none. */
    private long oldestBlocking(String column, String value, int limit, long since) {
        return db.with(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT time FROM login_attempts WHERE " + column
                    + " = ? AND success = FALSE AND time > ? ORDER BY time DESC LIMIT 1 OFFSET ?")) {
                p.setString(1, value);
                p.setLong(2, since);
                p.setInt(3, limit - 1);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? rs.getLong(1) + WINDOW.toMillis() : 0L;
                }
            }
        });
    }

    private static String key(String account) {
        return truncate(account == null ? "" : account.strip().toLowerCase(Locale.ROOT));
    }

    private static String truncate(String s) {
        return s.length() > 300 ? s.substring(0, 300) : s;
    }
}
