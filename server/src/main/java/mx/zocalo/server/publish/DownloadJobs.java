package mx.zocalo.server.publish;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import mx.zocalo.server.catalog.CatalogRecord.FileFacts;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.catalog.RdfDownload;
import mx.zocalo.server.catalog.VersionRecord;
import mx.zocalo.server.store.Store;
import org.apache.jena.graph.Node;
import org.apache.jena.vocabulary.DCAT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the RDF downloads of a dataset ({@code files/{slug}/rdf/{slug}.nt .ttl .jsonld .rdf}) AFTER its new version is
 * committed, in the background, so that a publish never waits for them: one small executor per store (one thread, one
 * job per dataset at a time). Each file is written beside its final name and renamed into place when complete; then its
 * size and SHA-256 go into the catalog record (the current distribution and the version's) and into the version's
 * history line, in one small write transaction that also touches the catalog's {@code dct:modified} (so cached pages
 * change from "being prepared" to the link). Until then its download answers 503 with {@code Retry-After}.
 *
 * <p>A new publish of a dataset first waits for that dataset's job ({@link #await(Store, String)}): the job reads the
 * graph of the version it was made for, and that version keeps its complete downloads when it is moved to
 * {@code versions/}. Out of a server (the command line, tests) {@link #after} also waits, unless {@link #background} was
 * turned on; {@code zocalo publish} turns it on and waits for every job before it exits. At {@code serve} start
 * {@link #scheduleMissing} schedules what a crash between commit and downloads left unwritten.
 */
public final class DownloadJobs {
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.publish");
    /** The order the files are written in: N-Triples first, it is the VoID data dump and the quickest. */
    static final List<RdfDownload> ORDER = List.of(RdfDownload.NTRIPLES, RdfDownload.TURTLE, RdfDownload.JSONLD, RdfDownload.RDFXML);
    private static final Map<Store, DownloadJobs> BY_STORE = new WeakHashMap<>();

    /** One file made ready: which, its facts, and the milliseconds since its job was scheduled (after the commit). */
    public record Ready(String slug, RdfDownload format, FileFacts facts, long millisAfterCommit) {}

    /** Weak: the map of jobs by store must not keep a closed store (and its caches) alive. */
    private final java.lang.ref.WeakReference<Store> storeRef;
    private final ExecutorService executor;
    private final Map<String, Future<?>> jobs = new ConcurrentHashMap<>();
    private final List<Consumer<Ready>> listeners = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private volatile boolean background;
    private boolean paused;

    private DownloadJobs(Store store) {
        this.storeRef = new java.lang.ref.WeakReference<>(store);
        // one thread, ended when idle for a while (a closed store leaves no thread behind)
        java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(1, 1, 30, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "zocalo-downloads");
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
    }

    /** The jobs of {@code store} (made on first use). */
    public static DownloadJobs of(Store store) {
        synchronized (BY_STORE) {
            return BY_STORE.computeIfAbsent(store, DownloadJobs::new);
        }
    }

    /** Whether {@link #after} returns at once (a server, {@code zocalo publish}) or waits for the downloads (default). */
    public DownloadJobs background(boolean on) {
        this.background = on;
        return this;
    }

    /**
     * Holds the jobs before their next file until {@link #resume}: heavy writing kept off for a while (a load test, a
     * backup), a publish still returning at once in the background; meanwhile the downloads stay "being prepared".
     */
    public synchronized void pause() {
        paused = true;
    }

    public synchronized void resume() {
        paused = false;
        notifyAll();
    }

    private synchronized void waitWhilePaused() throws InterruptedException {
        while (paused) wait();
    }

    /** Tells {@code listener} of every file made ready from now on. */
    public DownloadJobs onReady(Consumer<Ready> listener) {
        listeners.add(listener);
        return this;
    }

    public void removeListener(Consumer<Ready> listener) {
        listeners.remove(listener);
    }

    /**
     * Schedules the downloads of the version of {@code slug} just swapped in as {@code datasetFolder}
     * ({@code files/{slug}}); waits for them unless {@link #background} is on.
     */
    public static void after(Store store, PortalIris iris, String slug, Path datasetFolder) {
        DownloadJobs jobs = of(store);
        jobs.schedule(iris, slug, datasetFolder);
        if (!jobs.background) jobs.await(slug);
    }

    /** Waits for the job of {@code slug} in {@code store}, if one is queued or running. */
    public static void await(Store store, String slug) {
        DownloadJobs jobs;
        synchronized (BY_STORE) {
            jobs = BY_STORE.get(store);
        }
        if (jobs != null) jobs.await(slug);
    }

    /** Waits for the job of {@code slug}, if any; its failure is logged by the job, not thrown here. */
    public void await(String slug) {
        Future<?> f = jobs.get(slug);
        if (f == null) return;
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | CancellationException e) {
            // told by the job itself
        }
    }

    /** Waits for every job queued or running. */
    public void awaitAll() {
        for (String slug : new ArrayList<>(jobs.keySet())) await(slug);
    }

    /** What failed so far (one line per dataset whose downloads could not be written; they stay "being prepared"). */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** Whether a job of {@code slug} is queued or running. */
    public boolean pending(String slug) {
        Future<?> f = jobs.get(slug);
        return f != null && !f.isDone();
    }

    /** Stops the jobs (a stopping server): the running one is interrupted, leaving no partial file in place. */
    public void stop() {
        jobs.values().forEach(f -> f.cancel(true));
    }

    /** Schedules the downloads of {@code slug}'s current version (those whose facts the catalog lacks). */
    public void schedule(PortalIris iris, String slug, Path datasetFolder) {
        await(slug); // one job per dataset at a time
        long t0 = System.nanoTime();
        jobs.put(slug, executor.submit(() -> run(iris, slug, datasetFolder, t0)));
    }

    /**
     * Schedules every missing download of the datasets published in {@code store} (a process killed after a commit and
     * before its downloads were written): the datasets whose catalog record has an RDF distribution without size.
     */
    public List<String> scheduleMissing(PortalIris iris) {
        Store store = storeRef.get();
        if (store == null) return List.of();
        List<String> slugs = store.read(dsg -> {
            List<String> out = new ArrayList<>();
            String prefix = iris.base() + "dataset/";
            dsg.find(iris.catalogGraph(), Node.ANY, DCAT.distribution.asNode(), Node.ANY).forEachRemaining(q -> {
                Node dist = q.getObject();
                String ds = q.getSubject().isURI() ? q.getSubject().getURI() : "";
                if (!ds.startsWith(prefix) || ds.indexOf('/', prefix.length()) >= 0 || !dist.isURI()) return;
                String slug = ds.substring(prefix.length());
                if (out.contains(slug)) return;
                for (RdfDownload f : ORDER) {
                    if (dist.equals(iris.distribution(slug, f.ext()))
                            && !dsg.contains(iris.catalogGraph(), dist, DCAT.byteSize.asNode(), Node.ANY)) {
                        out.add(slug);
                    }
                }
            });
            return out;
        });
        for (String slug : slugs) {
            Path folder = store.filesDirectory().resolve(slug);
            if (!Files.isDirectory(folder)) continue;
            LOG.info("{}: its RDF downloads were never written (stopped after its publish?): writing them now", slug);
            schedule(iris, slug, folder);
        }
        return slugs;
    }

    private void run(PortalIris iris, String slug, Path folder, long t0) {
        Store store = storeRef.get();
        if (store == null) return;
        try {
            Node graph = iris.datasetGraph(slug);
            List<VersionRecord.Version> history = Versions.read(Versions.root(store), store.filesDirectory(), slug);
            int n = history.isEmpty() ? 0 : history.get(history.size() - 1).number();
            var predicates = DumpFacts.predicates(store, iris, slug);
            var prefixes = Dumps.prefixes(iris);
            Path rdf = folder.resolve(Dumps.FOLDER);
            Files.createDirectories(rdf);
            for (RdfDownload f : ORDER) {
                waitWhilePaused();
                Path file = rdf.resolve(slug + "." + f.ext());
                if (Files.isRegularFile(file) && DumpFacts.recorded(store, iris, slug, f)) continue;
                long tf = System.nanoTime();
                FileFacts facts = Files.isRegularFile(file) ? Dumps.facts(file)
                        : store.read(dsg -> Dumps.write(dsg, graph, f, file, prefixes, predicates));
                DumpFacts.record(store, iris, slug, n, f, facts);
                if (n > 0) Versions.recordFile(Versions.root(store), slug, n, f.ext(), facts);
                long after = (System.nanoTime() - t0) / 1_000_000;
                LOG.info("{}: download {} ready ({} bytes, written in {} ms, {} ms after the publish)", slug, file.getFileName(),
                        facts.bytes(), (System.nanoTime() - tf) / 1_000_000, after);
                Ready ready = new Ready(slug, f, facts, after);
                for (Consumer<Ready> l : listeners) l.accept(ready);
            }
        } catch (CancellationException | InterruptedException e) {
            LOG.info("{}: writing its downloads stopped", slug);
        } catch (RuntimeException | java.io.IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                LOG.info("{}: writing its downloads stopped", slug);
            } else {
                LOG.error("{}: its RDF downloads could not be written: {}", slug, e.getMessage(), e);
                failures.add(slug + ": its RDF downloads could not be written: " + e.getMessage());
            }
        }
    }
}
