package mx.zocalo.server.cli;

import java.nio.file.Path;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.store.RemoteStore;
import mx.zocalo.server.store.Store;
import mx.zocalo.server.store.TdbStore;
import picocli.CommandLine.Option;

/** {@code --data}, {@code --base} and {@code --store}, shared by the commands that open the store. */
final class StoreOptions {
    @Option(names = "--data", paramLabel = "DIR",
            description = "Data directory (TDB2 database and original files; with --store only the files). Default: zocalo-data (zocalo-data/demo for demo, in the Zócalo folder)")
    Path data;

    @Option(names = "--store", paramLabel = "URL",
            description = "Keep the RDF in a remote SPARQL 1.1 store instead of the embedded TDB2, e.g. a Fuseki dataset http://HOST:3030/zocalo")
    String remote;

    @Option(names = "--store-query", paramLabel = "NAME|URL", defaultValue = "query",
            description = "With --store: its query service, under the dataset URL or absolute. Default: ${DEFAULT-VALUE}")
    String remoteQuery;

    @Option(names = "--store-update", paramLabel = "NAME|URL", defaultValue = "update",
            description = "With --store: its update service. Default: ${DEFAULT-VALUE}")
    String remoteUpdate;

    @Option(names = "--store-data", paramLabel = "NAME|URL", defaultValue = "data",
            description = "With --store: its Graph Store Protocol service. Default: ${DEFAULT-VALUE}")
    String remoteData;

    @Option(names = "--store-max-age", paramLabel = "SECONDS", defaultValue = "" + RemoteStore.DEFAULT_MAX_AGE_SECONDS,
            description = "With --store: pages and copies read from the store are reused for at most this long while the "
                    + "catalog's dct:modified stays the same (a publish through Zócalo changes it at once; this bounds "
                    + "how long other writers' changes go unseen). 0: never reuse. Default: ${DEFAULT-VALUE}")
    int remoteMaxAge;

    /** The remote store when {@code --store} is given (files in {@code DIR/files}), else TDB2 in {@code dataDir}. */
    Store open(Path dataDir, PortalIris iris) {
        if (remote == null) return TdbStore.open(dataDir);
        return RemoteStore.builder(remote)
                .queryEndpoint(remoteQuery).updateEndpoint(remoteUpdate).dataEndpoint(remoteData)
                .mirror(iris.catalogGraph(), iris.vocabularyGraph())
                .files(dataDir.resolve("files"))
                .maxAge(java.time.Duration.ofSeconds(remoteMaxAge))
                .build();
    }

    /** The data directory given, or {@code zocalo-data} in the current folder. */
    Path dataDir() {
        return data != null ? data : Path.of("zocalo-data");
    }

    @Option(names = "--base", paramLabel = "IRI",
            description = "Base IRI of everything the portal mints. Default: http://localhost:PORT/")
    String base;

    PortalIris iris(int port) {
        return new PortalIris(base != null ? base : "http://localhost:" + port + "/");
    }
}
