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
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
        }
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
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".zocalo-data", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file(dir), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file(dir), e);
        }
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
