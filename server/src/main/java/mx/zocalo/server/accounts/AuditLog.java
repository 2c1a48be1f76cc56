package mx.zocalo.server.accounts;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What was done, by whom, when and from where: every sign-in (success and failure, never the password), sign-out,
 * role change, token creation and revocation, and what the other parts of the portal record (publish, unpublish,
 * review). {@code who} is an e-mail, {@code cli:USER} for the command line, or {@code anonymous}.
 */
public final class AuditLog {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("zocalo.audit");
    private static final AuditLog NONE = new AuditLog(null);
    private final Accounts db;

    AuditLog(Accounts db) {
        this.db = db;
    }

    /** A log that keeps nothing (a portal without accounts): entries go to the {@code zocalo.audit} logger only. */
    public static AuditLog none() {
        return NONE;
    }

    /** One entry of the log. */
    public record Entry(long id, Instant time, String who, String action, String target, String address, String detail) {}

    /** Records an action (address unknown). */
    public void record(String who, String action, String target, String detail) {
        record(who, action, target, null, detail);
    }

    /** Records an action from an address. */
    public void record(String who, String action, String target, String address, String detail) {
        LOG.info("{} {} {} {}", who, action, target == null ? "" : target, address == null ? "" : address);
        if (db == null) return;
        long now = db.now();
        db.with(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO audit_log (time, who, action, target, address, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
                p.setLong(1, now);
                p.setString(2, cut(who == null ? "anonymous" : who, 400));
                p.setString(3, cut(action, 64));
                p.setString(4, cut(target, 1000));
                p.setString(5, cut(address, 64));
                p.setString(6, cut(detail, 4000));
                return p.executeUpdate();
            }
        });
    }

    /**
     * Entries newest first, {@code limit} from {@code offset}, keeping those whose action is {@code action} and whose
     * who is {@code who} (null or blank: any).
     */
    public List<Entry> page(String action, String who, int offset, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, time, who, action, target, address, detail FROM audit_log WHERE TRUE");
        List<String> args = new ArrayList<>();
        if (action != null && !action.isBlank()) {
            sql.append(" AND action = ?");
            args.add(action.strip());
        }
        if (who != null && !who.isBlank()) {
            sql.append(" AND who = ?");
            args.add(who.strip());
        }
        sql.append(" ORDER BY id DESC LIMIT ? OFFSET ?");
        if (db == null) return List.of();
        return db.with(c -> {
            List<Entry> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(sql.toString())) {
                int i = 1;
                for (String a : args) p.setString(i++, a);
                p.setInt(i++, Math.max(0, limit));
                p.setInt(i, Math.max(0, offset));
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Entry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7)));
                    }
                }
            }
            return out;
        });
    }

    /** The actions found in the log, for the filter. */
    public List<String> actions() {
        if (db == null) return List.of();
        return db.with(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT DISTINCT action FROM audit_log ORDER BY action"); ResultSet rs = p.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        });
    }

    private static String cut(String s, int max) {
        return s == null ? null : s.length() > max ? s.substring(0, max) : s;
    }
}
