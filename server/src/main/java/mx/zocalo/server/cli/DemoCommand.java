package mx.zocalo.server.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import mx.zocalo.server.publish.DatasetPublisher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Publish the bundled datasets (every mappings/*/dataset.yaml) and serve the portal.",
                "Datasets whose description, mapping and data are unchanged are not republished."})
final class DemoCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Mixin
    RemoteCacheOptions cache;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "HTTP port. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--mappings", paramLabel = "DIR", defaultValue = "${env:ZOCALO_HOME:-.}/mappings",
            description = "Folder of dataset folders. Default: ${DEFAULT-VALUE} (the launcher sets ZOCALO_HOME)")
    Path mappings;

    @Mixin
    SparqlOptions sparql;

    @Mixin
    PerformanceOptions performance;

    @Mixin
    MapTileOptions tiles;

    @Mixin
    AccountOptions accounts;

    @Mixin
    OpsOptions ops;

    @Mixin
    SiteOptions site;

    /** The demo keeps its own store beside the repository's mappings unless --data says otherwise. */
    private Path demoData() {
        if (store.data != null) return store.data;
        String home = System.getenv("ZOCALO_HOME");
        return Path.of(home != null ? home : ".", "zocalo-data", "demo");
    }

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        ops.logs();
        if (!Files.isDirectory(mappings)) {
            throw new IllegalArgumentException("No mappings folder at " + mappings.toAbsolutePath() + " (use --mappings DIR)");
        }
        mx.zocalo.server.web.MapTiles mapTiles = tiles.tiles(); // a bad template is told before anything is published
        mx.zocalo.server.web.SiteIdentity identity = site.identity(); // so is a missing logo or a bad contact
        try (StoreOptions.Portal p = store.open(demoData(), "http://localhost:" + port + "/", cache.maxAge())) {
            new DatasetPublisher(p.store(), p.iris()).publishAll(mappings, false);
            performance.publish(p.store(), p.iris(), null); // every goal: the goal files may have changed without the data
            try (mx.zocalo.server.accounts.Accounts a = accounts.open(demoData())) {
                ServeCommand.serve(p.store(), p.iris(), port, sparql.limits(), t0, store.again(demoData()), mapTiles, performance.folder,
                        b -> site.apply(ops.apply(accounts.apply(b, a), demoData()), identity));
            }
        } finally {
            ServeCommand.CLOSED.countDown();
        }
        return 0;
    }
}
