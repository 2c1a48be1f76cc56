package mx.zocalo.server.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.store.Replica;
import mx.zocalo.server.web.PortalServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code zocalo replica}: a read-only portal on its own TDB2 store, kept in step with a primary portal ({@code serve
 * --patch-log}) by pulling and applying its RDF Patch log ({@link Replica}). Pages, catalog, search and SPARQL are served
 * as on the primary; writes (publishing, accounts) belong to the primary.
 */
@Command(name = "replica", mixinStandardHelpOptions = true,
        description = {"Serve a read-only copy of a primary portal (started with `serve --patch-log`): its own TDB2 store in --data, "
                + "kept in step by pulling the primary's RDF Patch log (GET PRIMARY/patches) every --poll-ms.",
            "Downloads are read from --files, a folder the primary's DATA/files is shared to (default DATA/files)."})
final class ReplicaCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.server");

    @Option(names = "--primary", required = true, paramLabel = "URL", description = "The primary portal, e.g. http://primary:8080/")
    URI primary;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "The replica's own data directory (its TDB2 store).")
    Path data;

    @Option(names = "--base", paramLabel = "IRI", description = "The base IRI the primary publishes under (its --base). Default: --primary")
    String base;

    @Option(names = "--files", paramLabel = "DIR", description = "The primary's DATA/files, shared (a network folder). Default: DATA/files")
    Path files;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "HTTP port. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--primary-token", paramLabel = "TOKEN", description = "The primary's replica token (its DATA/patches/"
            + "replica-token): the patch log is served only with it. Better in ZOCALO_PRIMARY_TOKEN or zocalo.yaml than on the command line.")
    String primaryToken;

    @Option(names = "--poll-ms", paramLabel = "MS", defaultValue = "1000", description = "How often the primary is asked for new patches. Default: ${DEFAULT-VALUE}")
    long pollMillis;

    @Mixin
    SparqlOptions sparql;

    @Mixin
    SiteOptions site; // a replica looks like its primary: same name, logo, contact and languages

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        mx.zocalo.server.web.SiteIdentity identity = site.identity(); // a missing logo stops start-up before anything opens
        PortalIris iris = new PortalIris(base != null ? base : primary.toString().endsWith("/") ? primary.toString() : primary + "/");
        try (Replica replica = Replica.open(data, primary, files, primaryToken)) {
            try {
                replica.pull();
            } catch (java.io.IOException e) {
                LOG.warn("the primary {} cannot be reached ({}): serving version {} until it can", primary, e.getMessage(), replica.version());
            }
            replica.follow(Duration.ofMillis(pollMillis));
            PortalServer server = site.apply(PortalServer.builder().store(replica).iris(iris).port(port).sparqlLimits(sparql.limits()),
                    identity).build().start();
            LOG.info("replica of {} at version {}, serving {} on http://localhost:{}/ (ready in {} ms)", primary, replica.version(),
                    iris.base(), server.port(), (System.nanoTime() - t0) / 1_000_000);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.stop();
                stopped.countDown();
            }));
            stopped.await();
        }
        return 0;
    }
}
