package mx.zocalo.server.store;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Properties;

/**
 * What a data directory remembers about itself, in {@code DATA/zocalo-data.properties}: the base IRI everything in it
 * was minted under, and when the directory was created (and, after a {@code --rebase}, from which base and when it was
 * moved). Zócalo writes the file when it first creates the directory, or when it finds a directory made by an earlier
 * version without one; people read it, commands change it ({@code --base NEW --rebase}).
 *
 * <pre>
 * # Zócalo data directory: written by zocalo. Change the base with --base NEW --rebase, not here.
 * base=http://localhost:8080/
 * created=2025-06-01T17:02:11Z
 * </pre>
 */
public final class DataDirectory {
    /** The file's name inside the data directory. */
    public static final String FILE = "zocalo-data.properties";
    /**
     * The layout of data directories this portal writes and reads ({@code format=} in the file): 1 for directories of
     * versions that did not record it, 2 since. A directory of a newer format is refused; an older one is upgraded on
     * open, one step at a time ({@link #upgrade}).
     */
    public static final int FORMAT = 2;
    /** This portal's version, recorded as {@code writtenBy=} by every write of the file. */
    public static final String PORTAL_VERSION = "0.1.0";

    /** The recorded facts: the base IRI, when the directory was created, and the last rebase (both null if none). */
    public record Recorded(String base, Instant created, String rebasedFrom, Instant rebased) {}

    private DataDirectory() {}

    /** The file of {@code dir}. */
    public static Path file(Path dir) {
        return dir.resolve(FILE);
    }

    /** What {@code dir} records, or empty when it has no such file (a new directory, or one made by an earlier version). */
    public static Optional<Recorded> read(Path dir) {
        Path file = file(dir);
        if (!Files.isRegularFile(file)) return Optional.empty();
        Properties p = properties(file);
        String base = p.getProperty("base");
        if (base == null || base.isBlank()) {
            throw new IllegalStateException(file + " has no base= line. It records the base IRI of the data in "
                    + dir + "; write the one it was published with, e.g. base=http://localhost:8080/");
        }
        return Optional.of(new Recorded(base.strip(), instant(file, p, "created"), blankToNull(p.getProperty("rebasedFrom")),
                instant(file, p, "rebased")));
    }

    /** Records {@code base} as the base of a directory created (or first seen) now. */
    public static Recorded create(Path dir, String base) {
        Recorded r = new Recorded(base, Instant.now().truncatedTo(ChronoUnit.SECONDS), null, null);
        write(dir, r);
        return r;
    }

    /** Records that the directory's data moved from {@code from} to {@code base} now, keeping when it was created. */
    public static Recorded rebase(Path dir, String from, String base) {
        Instant created = read(dir).map(Recorded::created).orElse(null);
        Recorded r = new Recorded(base, created, from, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        write(dir, r);
        return r;
    }

    /** Writes the file whole (a temporary file renamed over it), creating the directory if needed. */
    private static void write(Path dir, Recorded r) {
        StringBuilder text = new StringBuilder()
                .append("# Zócalo data directory: written by zocalo. Change the base with --base NEW --rebase, not here.\n")
                .append("base=").append(r.base()).append('\n');
        if (r.created() != null) text.append("created=").append(r.created()).append('\n');
        if (r.rebasedFrom() != null) text.append("rebasedFrom=").append(r.rebasedFrom()).append('\n');
        if (r.rebased() != null) text.append("rebased=").append(r.rebased()).append('\n');
        text.append("format=").append(FORMAT).append('\n');
        text.append("writtenBy=").append(PORTAL_VERSION).append('\n');
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".zocalo-data", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file(dir), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file(dir), e);
        }
    }

    /** What {@link #upgrade} did: the format found and the one now recorded (equal when nothing was to do). */
    public record Upgrade(int from, int to, String writtenBy) {
        public boolean changed() {
            return from != to;
        }
    }

    /**
     * Checks the directory's format before anything opens it: a newer one than {@link #FORMAT} is refused with what to
     * do; an older one is brought up to date, step by step, and the new format recorded. A directory without the file
     * (new) has nothing to check.
     *
     * @throws IllegalStateException for a directory written by a newer portal
     */
    public static Upgrade upgrade(Path dir) {
        Path file = file(dir);
        if (!Files.isRegularFile(file)) return new Upgrade(FORMAT, FORMAT, PORTAL_VERSION);
        Properties p = properties(file);
        String writtenBy = blankToNull(p.getProperty("writtenBy"));
        int format;
        try {
            format = Integer.parseInt(p.getProperty("format", "1").strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(file + ": format=" + p.getProperty("format") + " is not a number");
        }
        if (format > FORMAT) {
            throw new IllegalStateException("The data directory " + dir + " was written by a newer Zócalo ("
                    + (writtenBy != null ? writtenBy : "unknown version") + ", data format " + format + "); this Zócalo ("
                    + PORTAL_VERSION + ") reads data format " + FORMAT + " at most. Run the newer version, or restore a backup "
                    + "made with this one into another directory; nothing was changed.");
        }
        if (format == FORMAT) return new Upgrade(format, format, writtenBy);
        // 1 → 2: the format and the writer are recorded; nothing else changed in the layout
        read(dir).ifPresent(r -> write(dir, r));
        return new Upgrade(format, FORMAT, writtenBy);
    }

    private static Properties properties(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        return p;
    }

    private static Instant instant(Path file, Properties p, String key) {
        String v = blankToNull(p.getProperty(key));
        if (v == null) return null;
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(file + ": " + key + "=" + v + " is not a date-time such as 2025-06-01T17:02:11Z");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
