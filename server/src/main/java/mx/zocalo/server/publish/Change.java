package mx.zocalo.server.publish;

/**
 * Who publishes a version and why: the e-mail of the signed-in user (or {@code cli:USER} for the command line) and
 * the change note they gave (may be empty).
 */
public record Change(String by, String note) {
    public Change {
        by = by == null || by.isBlank() ? "cli:" + System.getProperty("user.name", "unknown") : by;
        note = note == null ? "" : note.strip();
    }

    /** A publish from the command line, with no note. */
    public static Change commandLine() {
        return new Change(null, null);
    }
}
