package mx.zocalo.server.publish;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mx.zocalo.server.catalog.CatalogRecord.FileFacts;
import mx.zocalo.server.catalog.VersionRecord.Version;
import mx.zocalo.server.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kept versions of the datasets, in the data directory beside {@code files/}:
 * <pre>
 * versions/{slug}/history.jsonl   one line per version ever published (number, date, who, note, counts, files, diff)
 * versions/{slug}/{n}/            the files of version n (original, rdf/ dumps, CSVW...) as they were in files/{slug}
 * </pre>
 * The current version's files stay in {@code files/{slug}}. When a new version is swapped in, the previous
 * {@code files/{slug}} is MOVED (a rename, not a copy) to {@code versions/{slug}/{n-1}}, then the staged folder is
 * moved to {@code files/{slug}}, then the history is replaced (written beside it and renamed over it); if a move fails
 * the previous folder is moved back. Versions beyond the retention ({@link #keep}, the current one included) lose
 * their folder; the history keeps their line, and the catalog says their files are no longer kept. The history holds
 * who published (an e-mail): it is never served, only the figures and notes go to the catalog.
 */
public final class Versions {
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.publish");
    /** The folder beside {@code files/} that holds the versions. */
    public static final String FOLDER = "versions";
    static final String HISTORY = "history.jsonl";
    /** The default number of versions kept, the current one included. */
    public static final int DEFAULT_KEEP = 5;
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** One line of the history file. */
    record Line(int n, String issued, String by, String note, long rows, long triples, String original,
                Map<String, FileFacts> files, boolean stable, long added, long removed, long changed) {
        Version version(boolean kept) {
            return new Version(n, Instant.parse(issued), by, note == null ? "" : note, rows, triples, original,
                    files == null ? Map.of() : files, stable, added, removed, changed, kept);
        }

        static Line of(Version v) {
            return new Line(v.number(), v.issued().toString(), v.by(), v.note(), v.rows(), v.triples(), v.originalFileName(),
                    v.files(), v.stable(), v.added(), v.removed(), v.changed());
        }
    }

    private final Path root;
    private final Path files;
    private final int keep;

    public Versions(Store store, int keep) {
        this(store.filesDirectory().resolveSibling(FOLDER), store.filesDirectory(), keep);
    }

    Versions(Path root, Path files, int keep) {
        if (keep < 1) throw new IllegalArgumentException("At least the current version is kept: --keep-versions must be 1 or more, not " + keep);
        this.root = root;
        this.files = files;
        this.keep = keep;
    }

    /** The folder of the versions of {@code store}. */
    public static Path root(Store store) {
        return store.filesDirectory().resolveSibling(FOLDER);
    }

    public int keep() {
        return keep;
    }

    /** Every version of {@code slug} ever published, oldest first; {@link Version#kept()} from the folders present. */
    public List<Version> history(String slug) {
        return read(root, files, slug);
    }

    /** The history of {@code slug} in the versions folder {@code root} (beside {@code files}). */
    static List<Version> read(Path root, Path files, String slug) {
        Path file = root.resolve(slug).resolve(HISTORY);
        if (!Files.isRegularFile(file)) return List.of();
        List<Line> lines = new ArrayList<>();
        try {
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!l.isBlank()) lines.add(JSON.readValue(l, Line.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the history of " + slug + " in " + file, e);
        }
        List<Version> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            boolean last = i == lines.size() - 1;
            boolean kept = last ? Files.isDirectory(files.resolve(slug)) : Files.isDirectory(root.resolve(slug).resolve(Integer.toString(l.n())));
            out.add(l.version(kept));
        }
        return out;
    }

    /** The folder holding the files of version {@code n} of {@code slug}, if they are kept. */
    public static Optional<Path> folder(Store store, String slug, int n) {
        List<Version> h = read(root(store), store.filesDirectory(), slug);
        if (h.isEmpty() || n < 1) return Optional.empty();
        Path dir = n == h.get(h.size() - 1).number() ? store.filesDirectory().resolve(slug) : root(store).resolve(slug).resolve(Integer.toString(n));
        return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }

    /** The history after publishing {@code next}: what is beyond the retention is marked not kept. */
    List<Version> after(List<Version> before, Version next) {
        List<Version> all = new ArrayList<>(before);
        // a version whose files were not kept (published before versions were) stays not kept
        all.add(next);
        int oldestKept = next.number() - keep + 1;
        all.replaceAll(v -> v.number() < oldestKept ? v.withKept(false) : v);
        return all;
    }

    /**
     * Swaps {@code staged} in as {@code files/{slug}}, the previous folder becoming {@code versions/{slug}/{n}} of the
     * previous version, and writes {@code history}. Then deletes the folders of versions not kept.
     */
    void swapIn(String slug, Path staged, List<Version> history) {
        Path target = files.resolve(slug);
        Path dir = root.resolve(slug);
        Version previous = history.size() > 1 ? history.get(history.size() - 2) : null;
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve("." + HISTORY + ".tmp");
            StringBuilder text = new StringBuilder();
            for (Version v : history) text.append(JSON.writeValueAsString(Line.of(v))).append('\n');
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Path moved = null;
            if (Files.exists(target)) {
                if (previous != null) {
                    moved = dir.resolve(Integer.toString(previous.number()));
                    DatasetPublisher.deleteTree(moved);
                    Files.move(target, moved, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    DatasetPublisher.deleteTree(target); // published before versions were kept: no number to keep it under
                }
            }
            try {
                Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
                Files.move(tmp, dir.resolve(HISTORY), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (Files.exists(target) && !Files.exists(staged)) Files.move(target, staged, StandardCopyOption.ATOMIC_MOVE);
                if (moved != null) Files.move(moved, target, StandardCopyOption.ATOMIC_MOVE);
                Files.deleteIfExists(tmp);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move " + staged + " to " + target + " keeping the previous version", e);
        }
        for (Version v : history) {
            Path old = dir.resolve(Integer.toString(v.number()));
            if (!v.kept() && Files.exists(old)) {
                DatasetPublisher.deleteTree(old);
                LOG.info("{}: version {} is beyond the {} kept, its files deleted", slug, v.number(), keep);
            }
        }
    }

    /**
     * Adds the facts of a file written after the publish (an RDF download, {@link DownloadJobs}) to the history line
     * of version {@code n} of {@code slug}: the history is written beside and renamed over, as {@link #swapIn} does.
     */
    static synchronized void recordFile(Path root, String slug, int n, String ext, FileFacts facts) {
        Path file = root.resolve(slug).resolve(HISTORY);
        if (!Files.isRegularFile(file)) return;
        try {
            StringBuilder text = new StringBuilder();
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (l.isBlank()) continue;
                Line line = JSON.readValue(l, Line.class);
                if (line.n() == n) {
                    Map<String, FileFacts> files = new LinkedHashMap<>(line.files() == null ? Map.of() : line.files());
                    files.put(ext, facts);
                    line = new Line(line.n(), line.issued(), line.by(), line.note(), line.rows(), line.triples(), line.original(),
                            files, line.stable(), line.added(), line.removed(), line.changed());
                }
                text.append(JSON.writeValueAsString(line)).append('\n');
            }
            Path tmp = file.resolveSibling("." + HISTORY + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record " + slug + "." + ext + " in the history of " + slug, e);
        }
    }

    /** Deletes the kept files of every version of {@code slug} but not its history (numbers go on if it comes back). */
    public static void removeFiles(Store store, String slug) {
        Path dir = root(store).resolve(slug);
        if (!Files.isDirectory(dir)) return;
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                if (Files.isDirectory(p)) DatasetPublisher.deleteTree(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the versions of " + slug + " in " + dir, e);
        }
    }

    /** The facts of the files of a staged (or kept) dataset folder, by download extension. */
    static Map<String, FileFacts> facts(String originalFileName, FileFacts original, Map<String, FileFacts> dumps, FileFacts csvw) {
        Map<String, FileFacts> m = new LinkedHashMap<>();
        m.put(mx.zocalo.server.catalog.CatalogRecord.extension(originalFileName), original);
        m.putAll(dumps);
        if (csvw != null) m.put(mx.zocalo.server.catalog.CatalogRecord.CSVW_EXTENSION, csvw);
        return m;
    }
}
