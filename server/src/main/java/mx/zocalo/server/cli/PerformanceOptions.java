package mx.zocalo.server.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.performance.GoalResult;
import mx.zocalo.server.performance.PerformancePublisher;
import mx.zocalo.server.performance.PerformanceService;
import mx.zocalo.server.store.Store;
import mx.zocalo.server.table.TableService;
import picocli.CommandLine.Option;

/** The folder of goal files ({@code --performance}) and how commands compute and publish its goals. */
final class PerformanceOptions {
    /** A publish waits longer for a measure than a page does: the first sums over a large dataset take a while. */
    static final Duration TIMEOUT = Duration.ofMinutes(10);

    @Option(names = "--performance", paramLabel = "DIR", defaultValue = "${env:ZOCALO_HOME:-.}/performance",
            description = "Folder of performance goal files (*.yaml). Default: ${DEFAULT-VALUE}")
    Path folder;

    PerformanceService service(Store store, PortalIris iris) {
        TableService tables = TableService.builder(store, iris).timeout(TIMEOUT).build();
        return PerformanceService.builder(tables, folder).build();
    }

    /** Computes again and writes the goals that read any of {@code datasets} (every goal for null). */
    List<GoalResult> publish(Store store, PortalIris iris, Collection<String> datasets) {
        PerformanceService service = service(store, iris);
        PerformancePublisher publisher = new PerformancePublisher(store, iris);
        return datasets == null ? publisher.publishAll(service) : publisher.publish(service, datasets);
    }
}
