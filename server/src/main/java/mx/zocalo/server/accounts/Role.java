package mx.zocalo.server.accounts;

/**
 * What a user may do, as CKAN's roles: an {@link #ADMIN} does everything; an {@link #EDITOR} publishes, updates and
 * unpublishes the datasets of one organisation; a {@link #REVIEWER} accepts or rejects citizens' submissions.
 */
public enum Role {
    ADMIN, EDITOR, REVIEWER;

    /** The role named {@code word} (any case), or an error that lists the roles. */
    public static Role parse(String word) {
        for (Role r : values()) {
            if (r.name().equalsIgnoreCase(word == null ? "" : word.strip())) return r;
        }
        throw new IllegalArgumentException("Unknown role '" + word + "': use admin, editor or reviewer");
    }

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
