package mx.zocalo.server.cli;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.catalog.StoreCheck;
import mx.zocalo.server.publish.DownloadJobs;
import mx.zocalo.server.publish.Vocabularies;
import mx.zocalo.server.store.Store;
import mx.zocalo.server.web.MapTiles;
import mx.zocalo.server.web.PortalServer;
import mx.zocalo.server.web.SparqlLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the portal (pages, catalog, downloads, SPARQL) from a data directory, or from a SPARQL store with --store.")
final class ServeCommand implements Callable<Integer> {
    static final Logger LOG = LoggerFactory.getLogger("zocalo.server");
    /** Counted down by {@code serve} and {@code demo} once the store and the accounts are closed, for the shutdown hook. */
    static final CountDownLatch CLOSED = new CountDownLatch(1);
    private static final Pattern LOCAL_BASE = Pattern.compile("https?://(localhost|127\\.0\\.0\\.1)(?::(\\d+))?/.*");

    @Mixin
    StoreOptions store;

    @Mixin
    RemoteCacheOptions cache;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "HTTP port. Default: ${DEFAULT-VALUE}")
    int port;

    @Mixin
    SparqlOptions sparql;

    @Mixin
    PerformanceOptions performance;

    @Mixin
    MapTileOptions tiles;

    @Mixin
    AccountOptions accounts;

    @Option(names = "--patch-log", description = "Record every write in DATA/patches/ (RDF Patch) and serve it at /patches, "
            + "for replicas (`zocalo replica --primary URL`). Once started, the log is kept by every command on this data directory.")
    boolean patchLog;

    @Mixin
    OpsOptions ops;

    @Mixin
    SiteOptions site;

    @Override
    public Integer call() throws Exception {
        ops.logs();
        MapTiles mapTiles = tiles.tiles(); // a bad template is told before the store opens
        mx.zocalo.server.web.SiteIdentity identity = site.identity(); // so is a missing logo or a bad contact
        try (StoreOptions.Portal p = store.open(store.dataDir(), "http://localhost:" + port + "/", cache.maxAge())) {
            if (patchLog) {
                if (!(p.store() instanceof mx.zocalo.server.store.TdbStore tdb)) {
                    throw new IllegalArgumentException("--patch-log needs the embedded store (not --store): the patch log records its writes");
                }
                LOG.info("patch log in {}: at patch {}", store.dataDir().resolve("patches"), tdb.startPatchLog().latest());
            }
            try (mx.zocalo.server.accounts.Accounts a = accounts.open(store.dataDir())) {
                serve(p.store(), p.iris(), port, sparql.limits(), System.nanoTime(), store.again(store.dataDir()), mapTiles, performance.folder,
                        b -> site.apply(ops.apply(accounts.apply(b, a), store.dataDir()), identity));
            }
        } finally {
            CLOSED.countDown();
        }
        return 0;
    }

    /**
     * What the store holds that belongs to no live catalog record (another base's graphs, a withdrawn dataset's
     * leftovers): one warning naming the command that lists them with their fixes.
     */
    static void warnAboutLeftovers(Store store, PortalIris iris, String again) {
        List<StoreCheck.Finding> found = StoreCheck.run(store, iris);
        if (found.isEmpty()) return;
        List<String> what = found.stream().map(StoreCheck.Finding::what).toList();
        LOG.warn("the store holds {} {} that no live record of the catalog of {} owns ({}); `./zocalo store check {}` lists "
                        + "them with the command that removes each",
                found.size(), found.size() == 1 ? "thing" : "things", iris.base(),
                String.join(", ", what.subList(0, Math.min(4, what.size()))) + (what.size() > 4 ? ", ..." : ""), again);
    }

    /** A base on this machine with another port: its IRIs do not lead here. */
    static void warnAboutPort(PortalIris iris, int port) {
        Matcher m = LOCAL_BASE.matcher(iris.base());
        if (port == 0 || !m.matches()) return;
        int basePort = m.group(2) != null ? Integer.parseInt(m.group(2)) : iris.base().startsWith("https") ? 443 : 80;
        if (basePort == port) return;
        LOG.warn("the data is published under {} but the portal listens on port {}: pages work, but its IRIs lead to port {}. "
                + "Serve with --port {}, or move the data with --base http://localhost:{}/ --rebase", iris.base(), port, basePort,
                basePort, port);
    }

    /** Loads the vocabularies, starts the server and blocks until the JVM is asked to stop. */
    static void serve(Store store, PortalIris iris, int port, SparqlLimits limits, long startedNanos, String again, MapTiles tiles)
            throws InterruptedException {
        serve(store, iris, port, limits, startedNanos, again, tiles, null);
    }

    /** The same, with the goals of the folder {@code performance} (null: none). */
    static void serve(Store store, PortalIris iris, int port, SparqlLimits limits, long startedNanos, String again, MapTiles tiles,
            java.nio.file.Path performance) throws InterruptedException {
        serve(store, iris, port, limits, startedNanos, again, tiles, performance, b -> b);
    }

    /** The same, with more settings of the server ({@code more}: e.g. the accounts database). */
    static void serve(Store store, PortalIris iris, int port, SparqlLimits limits, long startedNanos, String again, MapTiles tiles,
            java.nio.file.Path performance, java.util.function.UnaryOperator<PortalServer.Builder> more) throws InterruptedException {
        Vocabularies.load(store, iris);
        warnAboutLeftovers(store, iris, again);
        warnAboutPort(iris, port);
        PortalServer server = more.apply(PortalServer.builder().store(store).iris(iris).port(port).sparqlLimits(limits).mapTiles(tiles)
                .performance(performance)).build().start();
        LOG.info("serving {} on http://localhost:{}/ (ready in {} ms)", iris.base(), server.port(),
                (System.nanoTime() - startedNanos) / 1_000_000);
        // RDF downloads are written after each publish, in the background; those a stop after a commit left unwritten, now
        DownloadJobs downloads = DownloadJobs.of(store).background(true);
        downloads.scheduleMissing(iris);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            long t0 = System.nanoTime();
            LOG.info("stopping: no new requests; those running (a publish among them) may finish");
            downloads.stop(); // downloads not written yet are scheduled again at the next start
            server.stop(); // graceful: waits for running requests up to the stop timeout
            stopped.countDown();
            try {
                // the command closes the store and the accounts database; the JVM must not end before that
                if (!CLOSED.await(60, java.util.concurrent.TimeUnit.SECONDS)) LOG.warn("the store did not close within 60 s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LOG.info("stopped in {} ms; the store is closed", (System.nanoTime() - t0) / 1_000_000);
        }, "zocalo-shutdown"));
        stopped.await();
    }
}
