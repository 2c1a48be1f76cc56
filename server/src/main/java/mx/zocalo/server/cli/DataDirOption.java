package mx.zocalo.server.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data} (and {@code --config}, read for {@code data:}) of the commands that look after a data directory without serving it. */
final class DataDirOption {
    @Option(names = "--data", paramLabel = "DIR", description = "Data directory. Default: zocalo-data")
    Path data;

    @Option(names = "--config", paramLabel = "FILE", description = "Settings file (read for data:)")
    Path config; // read by Settings before parsing: declared so that it is accepted

    Path dir() {
        return data != null ? data : Path.of("zocalo-data");
    }
}
