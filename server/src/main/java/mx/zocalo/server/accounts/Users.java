package mx.zocalo.server.accounts;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The organisations and users of the {@link Accounts} database. */
public final class Users {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");
    /** Hashed once, so that signing in as an unknown e-mail costs the same as a wrong password. */
    private static final String DUMMY_HASH = Passwords.hash("not a password, ever".toCharArray());
    private final Accounts db;

    Users(Accounts db) {
        this.db = db;
    }

    /** An organisation (a DCAT publisher). */
    public record Organisation(String slug, String name, String nameEn, String homepage) {}

    /** A user as stored (without the password hash). */
    public record User(String email, String name, Role role, String organisation, Instant created, boolean disabled, boolean mustChange) {
        public Principal principal() {
            return new Principal(email, name == null || name.isBlank() ? email : name, role, organisation);
        }
    }

    /** Adds an organisation; refuses a bad slug or one that exists. */
    public Organisation addOrganisation(String slug, String name, String nameEn, String homepage) {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            throw new IllegalArgumentException("An organisation's slug is lower-case letters, digits and hyphens: '" + slug + "'");
        }
        if (name == null || name.isBlank()) throw new IllegalArgumentException("An organisation needs a name: " + slug);
        if (homepage != null && !homepage.isBlank() && !homepage.matches("https?://\\S+")) {
            throw new IllegalArgumentException("An organisation's homepage is an http(s) address: " + homepage);
        }
        if (organisation(slug).isPresent()) throw new IllegalArgumentException("The organisation " + slug + " exists already");
        db.with(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO organisations VALUES (?, ?, ?, ?, ?)")) {
                p.setString(1, slug);
                p.setString(2, name.strip());
                p.setString(3, blankToNull(nameEn));
                p.setString(4, blankToNull(homepage));
                p.setLong(5, db.now());
                return p.executeUpdate();
            }
        });
        return new Organisation(slug, name.strip(), blankToNull(nameEn), blankToNull(homepage));
    }

    public Optional<Organisation> organisation(String slug) {
        return organisations().stream().filter(o -> o.slug().equals(slug)).findFirst();
    }

    public List<Organisation> organisations() {
        return db.with(c -> {
            List<Organisation> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT slug, name, name_en, homepage FROM organisations ORDER BY slug");
                 ResultSet rs = p.executeQuery()) {
                while (rs.next()) out.add(new Organisation(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
            return out;
        });
    }

    /** Adds a user; an editor needs an existing organisation, the other roles none; the password must be strong enough. */
    public User add(String email, String name, Role role, String organisation, char[] password, boolean mustChange) {
        String e = normalise(email);
        checkRole(role, organisation);
        String weak = Passwords.weakness(password, e);
        if (weak != null) throw new IllegalArgumentException("Password refused: at least " + Passwords.MIN_LENGTH + " characters, not the e-mail");
        if (find(e).isPresent()) throw new IllegalArgumentException("The user " + e + " exists already");
        String hash = Passwords.hash(password);
        long now = db.now();
        db.with(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO users (email, name, role, organisation, password_hash, created, must_change) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                p.setString(1, e);
                p.setString(2, blankToNull(name));
                p.setString(3, role.word());
                p.setString(4, role == Role.EDITOR ? organisation : null);
                p.setString(5, hash);
                p.setLong(6, now);
                p.setBoolean(7, mustChange);
                return p.executeUpdate();
            }
        });
        return find(e).orElseThrow();
    }

    public Optional<User> find(String email) {
        if (email == null) return Optional.empty();
        String e = email.strip().toLowerCase(Locale.ROOT);
        return db.with(c -> {
            try (PreparedStatement p = c.prepareStatement(SELECT + " WHERE email = ?")) {
                p.setString(1, e);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(user(rs)) : Optional.<User>empty();
                }
            }
        });
    }

    public List<User> list() {
        return db.with(c -> {
            List<User> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(SELECT + " ORDER BY email"); ResultSet rs = p.executeQuery()) {
                while (rs.next()) out.add(user(rs));
            }
            return out;
        });
    }

    /** The user whose password this is, when enabled; checks as long for an unknown e-mail as for a known one. */
    public Optional<User> authenticate(String email, char[] password) {
        String e = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        String hash = db.with(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT password_hash FROM users WHERE email = ?")) {
                p.setString(1, e);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        boolean ok = Passwords.verify(password, hash != null ? hash : DUMMY_HASH) && hash != null;
        if (!ok) return Optional.empty();
        return find(e).filter(u -> !u.disabled());
    }

    /** Sets a new password ({@code mustChange}: to be changed at the next sign-in, for one-time passwords). */
    public void setPassword(String email, char[] password, boolean mustChange) {
        String e = normalise(email);
        if (Passwords.weakness(password, e) != null) {
            throw new IllegalArgumentException("Password refused: at least " + Passwords.MIN_LENGTH + " characters, not the e-mail");
        }
        String hash = Passwords.hash(password);
        update(e, "UPDATE users SET password_hash = ?, must_change = ? WHERE email = ?", hash, mustChange);
    }

    /** Changes a user's role and organisation. */
    public void setRole(String email, Role role, String organisation) {
        checkRole(role, organisation);
        update(normalise(email), "UPDATE users SET role = ?, organisation = ? WHERE email = ?", role.word(),
                role == Role.EDITOR ? organisation : null);
    }

    public void setDisabled(String email, boolean disabled) {
        update(normalise(email), "UPDATE users SET disabled = ? WHERE email = ?", disabled);
    }

    private void update(String email, String sql, Object... values) {
        int n = db.with(c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) p.setObject(i + 1, values[i]);
                p.setString(values.length + 1, email);
                return p.executeUpdate();
            }
        });
        if (n == 0) throw new IllegalArgumentException("No user " + email);
    }

    private void checkRole(Role role, String organisation) {
        if (role == Role.EDITOR) {
            if (organisation == null || organisation.isBlank()) throw new IllegalArgumentException("An editor needs an organisation (--org SLUG)");
            if (organisation(organisation).isEmpty()) {
                throw new IllegalArgumentException("No organisation " + organisation + ": add it first (./zocalo org add "
                        + organisation + " --name NAME)");
            }
        }
    }

    static String normalise(String email) {
        String e = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(e).matches()) throw new IllegalArgumentException("Not an e-mail address: '" + email + "'");
        return e;
    }

    private static final String SELECT = "SELECT email, name, role, organisation, created, disabled, must_change FROM users";

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getString(1), rs.getString(2), Role.parse(rs.getString(3)), rs.getString(4),
                Instant.ofEpochMilli(rs.getLong(5)), rs.getBoolean(6), rs.getBoolean(7));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
