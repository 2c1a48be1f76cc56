package mx.zocalo.server.cli;

import java.nio.file.Path;
import mx.zocalo.server.catalog.PortalIris;
import picocli.CommandLine.Option;

/** {@code --data} and {@code --base}, shared by the commands that open the store. */
final class StoreOptions {
    @Option(names = "--data", paramLabel = "DIR",
            description = "Data directory (TDB2 database and original files). Default: zocalo-data (zocalo-data/demo for demo, in the Zócalo folder)")
    Path data;

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
