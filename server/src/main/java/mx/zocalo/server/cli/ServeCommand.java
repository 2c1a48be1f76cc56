package mx.zocalo.server.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.publish.Vocabularies;
import mx.zocalo.server.store.Store;
import mx.zocalo.server.store.TdbStore;
import mx.zocalo.server.web.PortalServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the portal (pages, catalog, downloads, SPARQL) from a data directory.")
final class ServeCommand implements Callable<Integer> {
    static final Logger LOG = LoggerFactory.getLogger("zocalo.server");

    @Mixin
    StoreOptions store;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port. Default: ${DEFAULT-VALUE}")
    int port;

    @Override
    public Integer call() throws Exception {
        try (Store s = TdbStore.open(store.data)) {
            PortalIris iris = store.iris(port);
            serve(s, iris, port, System.nanoTime());
        }
        return 0;
    }

    /** Loads the vocabularies, starts the server and blocks until the JVM is asked to stop. */
    static void serve(Store store, PortalIris iris, int port, long startedNanos) throws InterruptedException {
        Vocabularies.load(store, iris);
        PortalServer server = PortalServer.builder().store(store).iris(iris).port(port).build().start();
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
