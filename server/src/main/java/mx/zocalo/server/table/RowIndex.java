package mx.zocalo.server.table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.store.DerivedIndex;
import mx.zocalo.server.store.Store;
import org.apache.jena.graph.Node;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The row index: a derived Lucene index of the rows of every published dataset's tables, in {@code DATA/indexes/rows},
 * that answers row queries — which rows match, in which order, how many, and their values — faster than SPARQL over
 * the store, with the same answers. Never the source of truth: each dataset's index sits in a folder named after the
 * dataset's stamp (its catalog record's {@code dct:modified} and source SHA-256, which every publish changes), and
 * {@link TableService} uses it only when the stamp the store has now names a folder that exists and whose commit says
 * the same stamp; otherwise (behind, missing, being built, written by someone else, a query it cannot express) the
 * answer comes from SPARQL. Publish, unpublish and harvest sync it right after their write ({@code afterWrite()}), the
 * portal catches it up in the background at start, and {@code zocalo index rebuild} builds it again.
 */
public final class RowIndex implements DerivedIndex {
    public static final String NAME = "rows";
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.rowindex");
    /** Changes whenever what the index holds changes: folders of another schema are not used, and are rebuilt. */
    static final String SCHEMA = "2";

    private final Store store;
    private final PortalIris iris;
    private final Path folder;
    private final Map<String, RowIndexReader> open = new ConcurrentHashMap<>();
    private volatile boolean closing;
    private final java.util.concurrent.atomic.AtomicBoolean catchingUp = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile long lastFailure;

    private RowIndex(Store store, PortalIris iris, Path folder) {
        this.store = store;
        this.iris = iris;
        this.folder = folder;
    }

    /** The row index of {@code store}: the one already attached to it, else opened from {@code DATA/indexes/rows}. */
    public static RowIndex attach(Store store, PortalIris iris) {
        return store.derivedIndexes().attach(NAME, dir -> new RowIndex(store, iris, dir));
    }

    /** The row index attached to {@code store}, if any. */
    static Optional<RowIndex> of(Store store) {
        return store.derivedIndexes().get(NAME).filter(RowIndex.class::isInstance).map(RowIndex.class::cast);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The stamp of each live dataset of the portal: what changes whenever its data may have changed. */
    Map<String, String> stamps() {
        return store.read(dsg -> {
            Map<String, String> out = new LinkedHashMap<>();
            String own = iris.dataset("").getURI();
            dsg.find(iris.catalogGraph(), iris.catalog(), DCAT.dataset.asNode(), Node.ANY).forEachRemaining(q -> {
                Node d = q.getObject();
                if (d.isURI() && d.getURI().startsWith(own) && d.getURI().indexOf('/', own.length()) < 0) {
                    String slug = d.getURI().substring(own.length());
                    out.put(slug, stamp(dsg, slug));
                }
            });
            return out;
        });
    }

    /** The stamp of dataset {@code slug} now; null when it is not a live dataset of the portal. */
    String stamp(String slug) {
        return store.read(dsg -> dsg.contains(iris.catalogGraph(), iris.catalog(), DCAT.dataset.asNode(), iris.dataset(slug))
                ? stamp(dsg, slug) : null);
    }

    private String stamp(org.apache.jena.sparql.core.DatasetGraph dsg, String slug) {
        TreeSet<String> parts = new TreeSet<>();
        for (Node p : List.of(DCTerms.modified.asNode(), iris.term("sourceSha256"))) {
            dsg.find(iris.catalogGraph(), iris.record(slug), p, Node.ANY).forEachRemaining(q -> parts.add(q.getObject().toString()));
        }
        return String.join(" ", parts);
    }

    /** The folder of {@code slug}'s index at {@code stamp}: {@code SLUG~HASH}, the hash of schema, base and stamp. */
    String folderName(String slug, String stamp) {
        return slug + "~" + sha256(SCHEMA + "\n" + iris.base() + "\n" + stamp).substring(0, 20);
    }

    /** The model a table's rows were indexed with: the index answers only for the same model. */
    static String fingerprint(Table t) {
        StringBuilder b = new StringBuilder(t.classIri()).append('\n').append(t.rows());
        for (Column c : t.columns()) {
            b.append('\n').append(c.name()).append('|').append(c.property()).append('|').append(c.language()).append('|')
                    .append(c.type()).append('|').append(c.rows()).append('|').append(c.multiValued()).append('|')
                    .append(c.labelLanguage()).append('|').append(c.labelGraph());
        }
        return sha256(b.toString()).substring(0, 20);
    }

    /** Brings every live dataset's index in step with the store; drops the folders of older stamps and withdrawn datasets. */
    @Override
    public synchronized void sync() {
        for (int round = 0; round < 3; round++) {
            Map<String, String> stamps = stamps();
            List<String> current = new ArrayList<>();
            for (Map.Entry<String, String> e : stamps.entrySet()) {
                String name = folderName(e.getKey(), e.getValue());
                current.add(name);
                if (!Files.isDirectory(folder.resolve(name))) build(e.getKey(), e.getValue(), name);
            }
            prune(current);
            if (stamps.equals(stamps())) return;
        }
    }

    @Override
    public synchronized String rebuild() {
        long t0 = System.nanoTime();
        prune(List.of());
        sync();
        long rows = 0;
        int datasets = 0;
        for (Map.Entry<String, String> e : stamps().entrySet()) {
            RowIndexReader r = acquire(e.getKey(), e.getValue());
            if (r == null) continue;
            try {
                datasets++;
                rows += r.reader().numDocs();
            } finally {
                r.release();
            }
        }
        return "rows: " + datasets + " datasets, " + rows + " rows indexed in " + (System.nanoTime() - t0) / 1_000_000 + " ms";
    }

    /** Starts {@link #sync()} in a background thread when some live dataset has no index for its stamp; returns at once. */
    public void catchUpInBackground() {
        if (closing || lastFailure != 0 && System.nanoTime() - lastFailure < 60_000_000_000L) return;
        if (!catchingUp.compareAndSet(false, true)) return; // never waits for a sync that is running
        boolean started = false;
        try {
            boolean behind = stamps().entrySet().stream()
                    .anyMatch(e -> !Files.isDirectory(folder.resolve(folderName(e.getKey(), e.getValue()))));
            if (!behind) return;
            LOG.info("the row index is behind the store: catching up in the background");
            Thread t = new Thread(() -> {
                try {
                    sync();
                } catch (CancellationException e) {
                    LOG.info("row index: stopped before it caught up (the store is closing)");
                } catch (RuntimeException e) {
                    lastFailure = System.nanoTime();
                    LOG.error("the row index could not catch up with the store: {}", e.toString());
                } finally {
                    catchingUp.set(false);
                }
            }, "zocalo-row-index-catch-up");
            t.setDaemon(true);
            t.start();
            started = true;
        } finally {
            if (!started) catchingUp.set(false);
        }
    }

    /**
     * The index of {@code slug} when it reflects the store as it is now (acquired: {@link RowIndexReader#release()} it);
     * else null, and a catch-up is started.
     */
    RowIndexReader acquire(String slug) {
        String stamp = stamp(slug);
        if (stamp == null) return null;
        RowIndexReader r = acquire(slug, stamp);
        if (r == null) catchUpInBackground();
        return r;
    }

    private RowIndexReader acquire(String slug, String stamp) {
        if (closing) return null;
        String name = folderName(slug, stamp);
        Path dir = folder.resolve(name);
        for (int attempt = 0; attempt < 2; attempt++) {
            RowIndexReader r = open.get(name);
            if (r == null) {
                if (!Files.isDirectory(dir)) return null;
                try {
                    r = RowIndexReader.open(dir, stamp);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("row index of {} in {} cannot be read ({}); answering from the store, and indexing it again", slug, dir,
                            e.toString());
                    delete(dir);
                    catchUpInBackground();
                    return null;
                }
                if (r == null) return null; // another stamp or schema in the commit: never used
                RowIndexReader known = open.putIfAbsent(name, r);
                if (known != null) {
                    r.close();
                    r = known;
                }
            }
            if (r.tryAcquire()) return r;
            open.remove(name, r);
        }
        return null;
    }

    private void build(String slug, String stamp, String name) {
        long t0 = System.nanoTime();
        List<Table> tables = TableModels.read(store.filesDirectory().resolve(slug))
                .orElseGet(() -> store.read(dsg -> TableModels.compute(dsg, iris.datasetGraph(slug))));
        Path building;
        try {
            building = Files.createTempDirectory(folder, ".building-" + slug + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a folder in " + folder, e);
        }
        try {
            try (Directory dir = FSDirectory.open(building)) {
                Map<String, String> data = Map.of("schema", SCHEMA, "base", iris.base(), "stamp", stamp, "slug", slug);
                RowIndexBuilder.build(store, iris.datasetGraph(slug).getURI(), tables, dir, folder, data, () -> closing);
            }
            if (!stamp.equals(stamp(slug))) return; // written meanwhile: the next round indexes the new version
            try {
                Files.move(building, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(building, folder.resolve(name));
            } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                return; // another process indexed the same version first
            }
            long rows = tables.stream().mapToLong(Table::rows).sum();
            LOG.info("row index: {} ({} rows in {} tables) indexed in {} ms", slug, rows, tables.size(), (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot build the row index of " + slug + " in " + folder, e);
        } finally {
            delete(building);
        }
    }

    /** Closes and deletes every folder but {@code keep}. */
    private void prune(List<String> keep) {
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (keep.contains(n) || n.startsWith(".building-") && !closing && recent(p)) continue;
                RowIndexReader r = open.remove(n);
                if (r != null) r.close();
                delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
    }

    /** A folder another process may still be building into. */
    private static boolean recent(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis() > System.currentTimeMillis() - 3_600_000L;
        } catch (IOException e) {
            return false;
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("row index: cannot delete {}: {}", dir, e.toString());
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closing = true;
        synchronized (this) {
            for (RowIndexReader r : open.values()) r.close();
            open.clear();
        }
    }
}
