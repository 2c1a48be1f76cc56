package mx.zocalo.server.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.jena.graph.Node;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.RDF;
import java.util.concurrent.CountDownLatch;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.publish.Vocabularies;
import mx.zocalo.server.store.Store;
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

    @Mixin
    StoreOptions store;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "HTTP port. Default: ${DEFAULT-VALUE}")
    int port;

    @Mixin
    SparqlOptions sparql;

    @Override
    public Integer call() throws Exception {
        PortalIris iris = store.iris(port);
        try (Store s = store.open(store.dataDir(), iris)) {
            serve(s, iris, port, sparql.limits(), System.nanoTime());
        }
        return 0;
    }

    /** Data published under another base IRI would not dereference here: say so, with the fix. */
    private static void warnAboutOtherBases(Store store, PortalIris iris) {
        List<String> others = store.read(dsg -> {
            List<String> found = new ArrayList<>();
            dsg.find(Node.ANY, Node.ANY, RDF.type.asNode(), DCAT.Catalog.asNode()).forEachRemaining(q -> {
                String c = q.getSubject().getURI();
                if (c != null && !c.equals(iris.catalog().getURI()) && !found.contains(c)) found.add(c);
            });
            return found;
        });
        for (String c : others) {
            LOG.warn("the data directory holds datasets published with base {}; serve with --base {} (or republish with --base {})",
                    c.substring(0, c.length() - "catalog".length()), c.substring(0, c.length() - "catalog".length()), iris.base());
        }
    }

    /** Loads the vocabularies, starts the server and blocks until the JVM is asked to stop. */
    static void serve(Store store, PortalIris iris, int port, SparqlLimits limits, long startedNanos) throws InterruptedException {
        Vocabularies.load(store, iris);
        warnAboutOtherBases(store, iris);
        PortalServer server = PortalServer.builder().store(store).iris(iris).port(port).sparqlLimits(limits).build().start();
        LOG.info("serving {} on http://localhost:{}/ (ready in {} ms)", iris.base(), server.port(),
                (System.nanoTime() - startedNanos) / 1_000_000);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }));
        stopped.await();
    }
}
