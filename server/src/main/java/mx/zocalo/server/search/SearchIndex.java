package mx.zocalo.server.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.publish.Vocabularies;
import mx.zocalo.server.store.DerivedIndex;
import mx.zocalo.server.store.Store;
import org.apache.jena.graph.Graph;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal's search: a Lucene index of the catalog's live datasets (the portal's own and the harvested ones) and of
 * the labelled resources of their graphs (records), in {@code DATA/indexes/search}. A view of the store, never its
 * source of truth: publish, unpublish, harvest and rebase sync it right after their write commits (through
 * {@link mx.zocalo.server.store.DerivedIndexes#afterWrite()}), the server catches it up in the background when it finds
 * it behind the store at start, and {@code zocalo index rebuild} builds it again from nothing.
 *
 * <pre>{@code
 * SearchIndex search = SearchIndex.attach(store, iris);
 * SearchResults r = search.search(SearchQuery.of(Map.of("q", List.of("población")), "es"));
 * }</pre>
 */
public final class SearchIndex implements DerivedIndex {
    public static final String NAME = "search";
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.search");
    /** Changes whenever the documents' fields change: an index of another schema is rebuilt. */
    static final String SCHEMA = "1";
    private static final String VERSION_KEY = "catalogVersion";

    /** The search cannot answer yet: the index is being built for the first time. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }

    private final Store store;
    private final PortalIris iris;
    private final Path folder;
    private final Directory directory;
    /** Null when another portal or command holds the index: this one then only reads it, and that one keeps it. */
    private final IndexWriter writer;
    private volatile SearcherManager searchers;
    private final Graph vocabularies;
    private volatile String indexedVersion;
    private volatile boolean catchingUp;
    private volatile boolean closing;
    private volatile Thread catchUp;
    private volatile SearchRun.IndexView view;
    private volatile IndexReader viewOf;

    private SearchIndex(Store store, PortalIris iris, Path folder) {
        this.store = store;
        this.iris = iris;
        this.folder = folder;
        this.vocabularies = Vocabularies.graph(iris);
        try {
            directory = FSDirectory.open(folder);
            Map<String, String> committed = DirectoryReader.indexExists(directory)
                    ? SegmentInfos.readLatestCommit(directory).getUserData() : Map.of();
            boolean fits = SCHEMA.equals(committed.get("schema")) && iris.base().equals(committed.get("base"));
            IndexWriter w;
            try {
                w = new IndexWriter(directory, new IndexWriterConfig(SearchAnalyzers.PER_FIELD).setRAMBufferSizeMB(64)
                        .setOpenMode(fits ? IndexWriterConfig.OpenMode.CREATE_OR_APPEND : IndexWriterConfig.OpenMode.CREATE));
            } catch (LockObtainFailedException e) {
                // another portal sharing this data directory (a remote store), or a command run beside it: it keeps the
                // index in step, this one searches what it commits
                LOG.warn("the search index in {} is kept by another Zócalo process or portal: this one only reads it", folder);
                w = null;
            }
            writer = w;
            indexedVersion = fits ? committed.get(VERSION_KEY) : null;
            if (!fits && !committed.isEmpty() && w != null) {
                LOG.info("the search index in {} was made for another base or schema: it is built again", folder);
            }
            searchers = w != null ? new SearcherManager(w, null) : committed.isEmpty() ? null : new SearcherManager(directory, null);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the search index in " + folder, e);
        }
    }

    /** The search index of {@code store}: the one already attached to it, else opened from {@code DATA/indexes/search}. */
    public static SearchIndex attach(Store store, PortalIris iris) {
        return store.derivedIndexes().attach(NAME, dir -> new SearchIndex(store, iris, dir));
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Whether the index reflects the store's current version. */
    public boolean current() {
        return CatalogVersion.of(store, iris).equals(indexedVersion);
    }

    /** Whether the index holds anything yet (a first build has committed). */
    public boolean built() {
        return indexedVersion != null;
    }

    /**
     * Starts bringing the index in step with the store in a background thread when it is behind (or missing); returns at
     * once. Searches meanwhile answer from the index as it was (marked {@code updating}), or {@link Unavailable} when
     * there is none yet.
     */
    public synchronized void catchUpInBackground() {
        if (writer == null || catchingUp || closing || current()) return;
        catchingUp = true;
        LOG.info(built() ? "the search index is behind the store: catching up in the background"
                : "no search index yet in {}: building it in the background", folder);
        Thread t = new Thread(() -> {
            try {
                sync();
            } catch (CancellationException e) {
                LOG.info("search index: stopped before it caught up (the store is closing); it catches up at the next start");
            } catch (RuntimeException e) {
                LOG.error("the search index could not catch up with the store: {}", e.toString());
            } finally {
                catchingUp = false;
            }
        }, "zocalo-search-catch-up");
        t.setDaemon(true);
        catchUp = t;
        t.start();
    }

    /** Brings the index in step with the store now: the datasets that changed since the last sync, and their records. */
    @Override
    public synchronized void sync() {
        if (writer == null) return; // the process that holds the index keeps it in step
        long t0 = System.nanoTime();
        try {
            for (int round = 0; round < 3; round++) {
                String version = CatalogVersion.of(store, iris);
                searchers.maybeRefreshBlocking();
                IndexSearcher s = searchers.acquire();
                Indexer.Outcome o;
                try {
                    o = new Indexer(store, iris, writer, vocabularies, () -> closing).sync(s);
                } finally {
                    searchers.release(s);
                }
                commit(version);
                if (o.changed()) {
                    LOG.info("search index: {} datasets indexed ({} records), {} removed, {} live, in {} ms", o.indexed(),
                            o.records(), o.removed(), o.datasets(), (System.nanoTime() - t0) / 1_000_000);
                }
                if (version.equals(CatalogVersion.of(store, iris))) return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot update the search index in " + folder, e);
        } catch (CancellationException e) {
            rollbackQuietly();
            throw e;
        }
    }

    /** Throws every document away and indexes the whole catalog again. */
    @Override
    public synchronized String rebuild() {
        if (writer == null) {
            throw new IllegalStateException("The search index in " + folder + " is in use by another Zócalo process; stop it "
                    + "(a portal using the same --data) and run the rebuild again");
        }
        long t0 = System.nanoTime();
        try {
            writer.deleteAll();
            indexedVersion = null;
            sync();
            searchers.maybeRefreshBlocking();
            IndexSearcher s = searchers.acquire();
            try {
                int datasets = s.count(QueryCompiler.type(Documents.DATASET));
                int records = s.count(QueryCompiler.type(Documents.RECORD));
                return "search: " + datasets + " datasets and " + records + " records indexed in "
                        + (System.nanoTime() - t0) / 1_000_000 + " ms";
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot rebuild the search index in " + folder, e);
        }
    }

    /**
     * Answers one query. When the index is behind the store (another program wrote a remote store, or it is catching
     * up after a start), the answer comes from the index as it is, marked {@code updating}, while it catches up.
     *
     * @throws Unavailable when there is no index yet (the first build is running)
     */
    public SearchResults search(SearchQuery q) {
        if (writer == null) return searchReadOnly(q);
        boolean behind = !current();
        if (behind) catchUpInBackground();
        if (!built()) {
            throw new Unavailable("The search index is being built for the first time; try again in a few seconds.");
        }
        try {
            searchers.maybeRefresh();
            IndexSearcher s = searchers.acquire();
            try {
                return SearchRun.run(s, q, view(s), behind || catchingUp);
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the search index in " + folder, e);
        }
    }

    /** A search of an index another process keeps: what it last committed, marked {@code updating} when that is behind. */
    private SearchResults searchReadOnly(SearchQuery q) {
        try {
            if (searchers == null) {
                synchronized (this) {
                    if (searchers == null && DirectoryReader.indexExists(directory)) searchers = new SearcherManager(directory, null);
                }
            }
            if (searchers == null) throw new Unavailable("The search index is being built by another process; try again in a few seconds.");
            searchers.maybeRefresh();
            IndexSearcher s = searchers.acquire();
            try {
                String committed = ((DirectoryReader) s.getIndexReader()).getIndexCommit().getUserData().get(VERSION_KEY);
                return SearchRun.run(s, q, view(s), !CatalogVersion.of(store, iris).equals(committed));
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the search index in " + folder, e);
        }
    }

    /** The facet state and labels of the reader {@code s} reads, made once per reader. */
    private SearchRun.IndexView view(IndexSearcher s) throws IOException {
        IndexReader reader = s.getIndexReader();
        SearchRun.IndexView v = view;
        if (v != null && viewOf == reader) return v;
        SortedSetDocValuesReaderState state;
        try {
            state = new DefaultSortedSetDocValuesReaderState(reader, Documents.FACETS);
        } catch (IllegalArgumentException e) {
            state = null; // no dataset has a facet value yet
        }
        Map<String, String[]> labels = new HashMap<>();
        TopDocs all = s.search(QueryCompiler.type(Documents.DATASET), Math.max(1, s.count(QueryCompiler.type(Documents.DATASET))));
        for (ScoreDoc sd : all.scoreDocs) {
            Document d = s.storedFields().document(sd.doc, Set.of(Documents.FACET_LABEL));
            for (String l : d.getValues(Documents.FACET_LABEL)) {
                String[] p = l.split("\t", 4);
                if (p.length == 4) labels.putIfAbsent(p[0] + '\t' + p[1], new String[] {p[2], p[3]});
            }
        }
        v = new SearchRun.IndexView(state, labels);
        view = v;
        viewOf = reader;
        return v;
    }

    private void commit(String version) throws IOException {
        writer.setLiveCommitData(Map.of(VERSION_KEY, version, "schema", SCHEMA, "base", iris.base()).entrySet());
        writer.commit();
        indexedVersion = version;
        searchers.maybeRefreshBlocking();
    }

    private void rollbackQuietly() {
        try {
            writer.rollback();
        } catch (IOException e) {
            LOG.warn("search index: {}", e.toString());
        }
    }

    @Override
    public void close() {
        closing = true;
        Thread t = catchUp;
        if (t != null) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (searchers != null) searchers.close();
            if (writer != null && writer.isOpen()) writer.close();
            directory.close();
        } catch (IOException e) {
            LOG.warn("closing the search index: {}", e.toString());
        }
    }
}
