package mx.zocalo.server.cli;

import java.nio.file.Path;
import mx.zocalo.server.catalog.PortalIris;
import picocli.CommandLine.Option;

/** {@code --data} and {@code --base}, shared by the commands that open the store. */
final class StoreOptions {
    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
            description = "Data directory (TDB2 database and original files). Default: ${DEFAULT-VALUE}")
    Path data;

    @Option(names = "--base", paramLabel = "IRI",
            description = "Base IRI of everything the portal mints. Default: http://localhost:PORT/")
    String base;

    PortalIris iris(int port) {
        return new PortalIris(base != null ? base : "http://localhost:" + port + "/");
    }
}
