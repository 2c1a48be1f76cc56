package mx.zocalo.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.system.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal's RDF in a remote SPARQL 1.1 store — a Fuseki server, or any store with the Query, Update and Graph Store
 * protocols — with the original files and downloads still in a local folder.
 *
 * <pre>{@code
 * try (Store store = RemoteStore.builder("http://localhost:3030/zocalo")
 *         .mirror(iris.catalogGraph(), iris.vocabularyGraph())
 *         .files(Path.of("zocalo-data/files")).build()) {
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Reads</b> go through a read-only {@link DatasetGraph} view ({@link RemoteDatasetGraph}): the mirrored graphs
 * (catalog and vocabularies, small) are kept as a local copy, everything else is asked of the store. The copy is
 * refreshed when the <em>version marker</em> — the {@code dct:modified} of the {@code dcat:Catalog}, which every publish
 * sets — changes; the marker is checked at most once per {@link Builder#versionCheck interval} (1 s by default), so another
 * portal process sees a publish within that time. A writer that does not set the marker is seen within
 * {@link Builder#maxAge} (60 s by default): the copy and the cached answers are reloaded at least that often. A
 * {@link #read} is not a snapshot: a publish may land between two of its requests.
 *
 * <p><b>Queries</b> ({@link #query}) go to the store's query endpoint as they are, with the time limit.
 *
 * <p><b>Writes</b> run the action on a local in-memory copy (the mirrored graphs plus whatever the action writes), and
 * only when it returns send the result ({@link StagedWrite}): a PUT per replaced graph, then one SPARQL Update. An action
 * that throws sends nothing. Each request is atomic in Fuseki; the write as a whole is not (see the README).
 */
public final class RemoteStore implements Store {
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.store");
    private static final Query VERSION = QueryFactory.create("""
            PREFIX dcat: <http://www.w3.org/ns/dcat#>
            PREFIX dct: <http://purl.org/dc/terms/>
            SELECT ?m WHERE { GRAPH ?g { ?c a dcat:Catalog ; dct:modified ?m } } ORDER BY ?m""");
    private static final Query PING = QueryFactory.create("ASK WHERE { }");
    /** Default for {@link Builder#maxAge}. */
    public static final int DEFAULT_MAX_AGE_SECONDS = 60;
    private static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(DEFAULT_MAX_AGE_SECONDS);

    private final String dataset;
    private final RemoteEndpoints remote;
    private final Set<Node> mirrored;
    private final Path files;
    private final DerivedIndexes indexes;
    private final long checkNanos;
    private final Duration maxAge;
    private final RemoteDatasetGraph view;
    private volatile RemoteDatasetGraph.Mirror mirror;
    private volatile long checkedAt;
    private volatile long loadedAt;

    private RemoteStore(Builder b, RemoteEndpoints remote, Path files) {
        this.dataset = b.dataset;
        this.remote = remote;
        this.mirrored = Set.copyOf(b.mirrored);
        this.files = files;
        this.indexes = new DerivedIndexes(files.toAbsolutePath().getParent().resolve(DerivedIndexes.FOLDER));
        this.checkNanos = b.versionCheck.toNanos();
        this.maxAge = b.maxAge;
        this.view = new RemoteDatasetGraph(remote, () -> mirror);
    }

    /** A store over the dataset at {@code datasetUrl} (e.g. Fuseki's {@code http://host:3030/zocalo}). */
    public static Builder builder(String datasetUrl) {
        return new Builder(datasetUrl);
    }

    /** The URL the store was opened with. */
    public String url() {
        return dataset;
    }

    @Override
    public <T> T read(Function<DatasetGraph, T> action) {
        if (System.nanoTime() - checkedAt > checkNanos) refreshIfChanged();
        return action.apply(view);
    }

    @Override
    public synchronized void write(Consumer<DatasetGraph> action) {
        RemoteDatasetGraph.Mirror seed = load(version());
        DatasetGraph staging = DatasetGraphFactory.createTxnMem();
        Txn.executeWrite(staging, () -> seed.copy().find().forEachRemaining(staging::add));
        StagedWrite staged = new StagedWrite(staging, seed);
        Txn.executeWrite(staging, () -> action.accept(staged));
        if (staged.changesNothing()) return;
        Txn.executeRead(staging, () -> staged.send(remote));
        view.forget();
        mirror = load(version());
        checkedAt = loadedAt = System.nanoTime();
    }

    /** Sent as it is to the query endpoint, which applies {@code FROM} / {@code FROM NAMED} itself. */
    @Override
    public <T> T query(Query query, Duration timeout, Function<QueryExecution, T> action) {
        return remote.query(query, timeout, action);
    }

    @Override
    public Optional<Duration> maxAge() {
        return Optional.of(maxAge);
    }

    @Override
    public Path filesDirectory() {
        return files;
    }

    /** Beside the files folder: {@code DATA/indexes} when the files are in {@code DATA/files}. */
    @Override
    public DerivedIndexes derivedIndexes() {
        return indexes;
    }

    @Override
    public void close() {
        indexes.closeAll();
        view.forget();
    }

    /**
     * Reloads the copy when the version marker changed, or when it is older than {@link #maxAge()} (a program that
     * wrote the store without setting the marker). A store that does not answer keeps the last copy: pages that need
     * only it still work.
     */
    private synchronized void refreshIfChanged() {
        long now = System.nanoTime();
        if (now - checkedAt <= checkNanos) return;
        try {
            String v = version();
            boolean changed = !v.equals(mirror.version());
            if (changed || now - loadedAt > maxAge.toNanos()) {
                if (changed) LOG.info("the store at {} changed (version {}); refreshing the catalog", dataset, v);
                RemoteDatasetGraph.Mirror fresh = load(v);
                view.forget();
                mirror = fresh;
                loadedAt = now;
            }
        } catch (StoreUnavailableException e) {
            LOG.warn("{}; serving the catalog as last seen", e.getMessage());
        }
        checkedAt = System.nanoTime();
    }

    private String version() {
        List<String> values = new ArrayList<>();
        remote.select(VERSION, Map.of()).forEach(b -> values.add(b.get(Var.alloc("m")).getLiteralLexicalForm()));
        return String.join(" ", values);
    }

    private RemoteDatasetGraph.Mirror load(String version) {
        DatasetGraph copy = DatasetGraphFactory.create();
        for (Node g : mirrored) {
            Graph content = remote.get(g);
            content.find().forEach(t -> copy.add(g, t.getSubject(), t.getPredicate(), t.getObject()));
        }
        return new RemoteDatasetGraph.Mirror(version, mirrored, copy);
    }

    /** Endpoints relative to the dataset URL (Fuseki's names by default) or absolute; the mirrored graphs; the files folder. */
    public static final class Builder {
        private final String dataset;
        private String query = "query";
        private String update = "update";
        private String data = "data";
        private final Set<Node> mirrored = new LinkedHashSet<>();
        private Path files;
        private Duration versionCheck = Duration.ofSeconds(1);
        private Duration maxAge = DEFAULT_MAX_AGE;

        private Builder(String dataset) {
            this.dataset = dataset == null ? null : dataset.replaceAll("/+$", "");
        }

        /** The query service: a name under the dataset ({@code query}, {@code sparql}) or an absolute URL. */
        public Builder queryEndpoint(String endpoint) { this.query = endpoint; return this; }
        /** The update service ({@code update} by default). */
        public Builder updateEndpoint(String endpoint) { this.update = endpoint; return this; }
        /** The Graph Store Protocol service ({@code data} by default). */
        public Builder dataEndpoint(String endpoint) { this.data = endpoint; return this; }
        /** Graphs kept as a local copy for fast reads: the small, often-read ones (catalog, vocabularies). */
        public Builder mirror(Node... graphs) { mirrored.addAll(List.of(graphs)); return this; }
        /** The local folder for original files and downloads. */
        public Builder files(Path folder) { this.files = folder; return this; }
        /** How often, at most, to ask the store whether another process published. */
        public Builder versionCheck(Duration interval) { this.versionCheck = interval; return this; }
        /**
         * How long what was read may be used while the version marker stays the same ({@value #DEFAULT_MAX_AGE_SECONDS}
         * s by default): the bound on staleness after a write by a program that does not set the marker.
         */
        public Builder maxAge(Duration age) {
            if (age.isNegative()) throw new IllegalArgumentException("--store-max-age must be 0 or more seconds: " + age.toSeconds());
            this.maxAge = age;
            return this;
        }

        /** Checks the URLs, creates the files folder, and asks the store once: it must answer. */
        public RemoteStore build() {
            URI uri;
            try {
                uri = URI.create(dataset == null ? "" : dataset);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Not a URL: " + dataset + " (expected http://HOST:PORT/DATASET)");
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("Not an http(s) URL: " + dataset + " (expected http://HOST:PORT/DATASET)");
            }
            if (files == null) throw new IllegalArgumentException("RemoteStore needs a folder for files");
            try {
                Files.createDirectories(files);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the files folder " + files, e);
            }
            RemoteEndpoints remote = new RemoteEndpoints(resolve(query), resolve(update), resolve(data));
            RemoteStore store = new RemoteStore(this, remote, files);
            try {
                remote.ask(PING, Map.of());
                store.mirror = store.load(store.version());
            } catch (StoreUnavailableException e) {
                throw new StoreUnavailableException("Cannot use the SPARQL store at " + dataset + ": " + e.getMessage(), e);
            }
            store.checkedAt = store.loadedAt = System.nanoTime();
            LOG.info("using the SPARQL store at {} (query {}, update {}, data {})", dataset, remote.query(), remote.update(), remote.data());
            return store;
        }

        private String resolve(String endpoint) {
            if (endpoint == null || endpoint.isEmpty()) return dataset;
            if (endpoint.startsWith("http://") || endpoint.startsWith("https://")) return endpoint;
            return dataset + "/" + endpoint.replaceAll("^/+", "");
        }
    }
}
