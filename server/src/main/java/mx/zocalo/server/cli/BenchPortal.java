package mx.zocalo.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.publish.DatasetPublisher;
import mx.zocalo.server.publish.Vocabularies;
import mx.zocalo.server.store.TdbStore;
import mx.zocalo.server.web.PortalServer;

/**
 * What a portal benchmark runs against: a temporary folder with a TDB2 store (vocabularies loaded) to publish generated
 * datasets into, and the portal serving it on a free loopback port once {@link #start}ed. Closing stops the portal,
 * closes the store and deletes the folder.
 */
final class BenchPortal implements AutoCloseable {
    final Path work;
    final PortalIris iris = new PortalIris("http://localhost:8080/");
    final TdbStore store;
    final DatasetPublisher publisher;
    private PortalServer server;

    BenchPortal(String name) throws IOException {
        work = Files.createTempDirectory("zocalo-bench-" + name + "-");
        try {
            store = TdbStore.open(work.resolve("data"));
        } catch (RuntimeException e) {
            delete(work);
            throw e;
        }
        Vocabularies.load(store, iris);
        publisher = new DatasetPublisher(store, iris);
    }

    /** Serves the store; the portal's address is {@code http://localhost:PORT}. */
    PortalServer start() {
        return start(mx.zocalo.server.web.SparqlLimits.defaults().withPerClient(0, 0)); // every client of a bench is this machine
    }

    /** Serves the store with the given SPARQL limits. */
    PortalServer start(mx.zocalo.server.web.SparqlLimits limits) {
        server = PortalServer.builder().store(store).iris(iris).port(0).sparqlLimits(limits).build().start();
        return server;
    }

    @Override
    public void close() throws IOException {
        try {
            if (server != null) server.stop();
            store.close();
        } finally {
            delete(work);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> paths = s.sorted(Comparator.reverseOrder()).toList();
            for (Path p : paths) Files.deleteIfExists(p);
        }
    }
}
