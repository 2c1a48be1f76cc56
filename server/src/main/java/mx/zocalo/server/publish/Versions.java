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
    /** The new history, in the staged folder from just before the commit until the swap is done ({@link #prepare}). */
    static final String PENDING = ".history.pending.jsonl";
    /** The system property of the pause before each step of a swap (ms): for crash trials only. */
    public static final String PAUSE = "zocalo.crash.swapPauseMs";
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
     * Writes the history {@code history} (the new version last) into {@code staged} as {@value #PENDING}, in the write
     * transaction, before it commits: if the process dies between the commit and the end of {@link #swapIn}, the next
     * start ({@link Unfinished}) finds there the history to finish the swap with.
     */
    void prepare(Path staged, List<Version> history) {
        try {
            Files.writeString(staged.resolve(PENDING), "{\"keep\":" + keep + "}\n" + lines(history), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the pending history into " + staged, e);
        }
    }

    /**
     * Swaps {@code staged} in as {@code files/{slug}}, the previous folder becoming {@code versions/{slug}/{n}} of the
     * previous version, and writes {@code history}. Then deletes the folders of versions not kept. Each step can be
     * done again: {@link Unfinished} resumes a swap that a killed process left half-way.
     */
    void swapIn(String slug, Path staged, List<Version> history) {
        Path target = files.resolve(slug);
        Path dir = root.resolve(slug);
        Version previous = history.size() > 1 ? history.get(history.size() - 2) : null;
        try {
            Files.createDirectories(dir);
            if (!Files.exists(staged.resolve(PENDING))) prepare(staged, history);
            Path moved = null;
            step(slug, "the previous folder to versions/");
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
                step(slug, "the staged folder to files/");
                Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (moved != null) Files.move(moved, target, StandardCopyOption.ATOMIC_MOVE);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move " + staged + " to " + target + " keeping the previous version", e);
        }
        writeHistory(slug);
    }

    /**
     * The last step of a swap: the pending history that came in with {@code files/{slug}} replaces the history file
     * (written beside it and renamed over it), then the folders of versions beyond the retention are deleted.
     */
    void writeHistory(String slug) {
        Path pending = files.resolve(slug).resolve(PENDING);
        Path dir = root.resolve(slug);
        List<Version> history;
        try {
            Files.createDirectories(dir);
            history = parse(Files.readString(pending, StandardCharsets.UTF_8));
            Path tmp = dir.resolve("." + HISTORY + ".tmp");
            Files.writeString(tmp, lines(history), StandardCharsets.UTF_8);
            step(slug, "the history");
            Files.move(tmp, dir.resolve(HISTORY), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            step(slug, "done, the pending history deleted");
            Files.delete(pending);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the history of " + slug + " in " + dir, e);
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

    /**
     * Logs one step of the swap (DEBUG); with the system property {@value #PAUSE} (milliseconds, set by the crash
     * trials of {@code zocalo bench crash} in their child processes) waits that long first, so that kills at random
     * moments land between the steps too.
     */
    private static void step(String slug, String what) {
        long pause = Long.getLong(PAUSE, 0);
        if (pause > 0) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.debug("{}: swapping the files in: {}", slug, what);
    }

    /** The pending history written by {@link #prepare} in {@code folder}, or empty when there is none or it is cut short. */
    static Optional<List<Version>> pending(Path folder, String slug) {
        Path file = folder.resolve(PENDING);
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (!text.endsWith("\n")) return Optional.empty();
            List<Version> h = parse(text);
            return h.isEmpty() ? Optional.empty() : Optional.of(h);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String lines(List<Version> history) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Version v : history) text.append(JSON.writeValueAsString(Line.of(v))).append('\n');
        return text.toString();
    }

    /** The versions of a pending history, those beyond the retention it was written with marked not kept. */
    private static List<Version> parse(String text) throws IOException {
        List<String> all = text.lines().filter(l -> !l.isBlank()).toList();
        if (all.size() < 2) throw new IOException("a pending history without versions");
        int kept = JSON.readTree(all.get(0)).path("keep").asInt(DEFAULT_KEEP);
        List<Version> out = new ArrayList<>();
        for (String l : all.subList(1, all.size())) out.add(JSON.readValue(l, Line.class).version(true));
        int oldestKept = out.get(out.size() - 1).number() - kept + 1;
        out.replaceAll(v -> v.number() < oldestKept ? v.withKept(false) : v);
        return out;
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
