package mx.zocalo.server.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import mx.zocalo.server.publish.DatasetPublisher;
import mx.zocalo.server.publish.PublishOutcome;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Publish datasets: convert each table with its mapping and record it in the catalog.",
                "A failed conversion leaves the previously published version untouched."})
final class PublishCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Option(names = "--force", description = "Republish even when description, mapping and data are unchanged.")
    boolean force;

    @Parameters(paramLabel = "DATASET", arity = "1..*",
            description = "A dataset.yaml, or the folder that holds one (or a folder of such folders).")
    List<Path> datasets;

    @Mixin
    PerformanceOptions performance;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        int failures = 0;
        try (StoreOptions.Portal portal = store.open(store.dataDir(), StoreOptions.DEFAULT_BASE, RemoteCacheOptions.unused())) {
            DatasetPublisher publisher = new DatasetPublisher(portal.store(), portal.iris());
            java.util.Set<String> published = new java.util.LinkedHashSet<>();
            for (Path p : datasets) {
                if (Files.isDirectory(p) && !Files.exists(p.resolve("dataset.yaml"))) {
                    publisher.publishAll(p, force).stream().filter(o -> !o.skipped()).forEach(o -> published.add(o.slug()));
                    continue;
                }
                try {
                    PublishOutcome o = publisher.publish(p, force);
                    if (!o.skipped()) published.add(o.slug());
                    err.println(o.skipped() ? o.slug() + ": unchanged"
                            : o.slug() + ": " + o.rows() + " rows, " + o.triples() + " triples");
                } catch (RuntimeException e) {
                    failures++;
                    String m = String.valueOf(e.getMessage());
                    err.println("zocalo publish: " + (m.contains(p.toString()) ? m : p + ": " + m));
                }
            }
            // the goals whose measures read a dataset just published are computed again, in the same publish
            if (!published.isEmpty()) {
                for (var g : performance.publish(portal.store(), portal.iris(), published)) {
                    err.println("performance: " + g.id() + " computed again" + (g.problems().isEmpty() ? "" : ", " + g.problems().size() + " problem(s)"));
                    g.problems().forEach(err::println);
                }
            }
        }
        return failures == 0 ? 0 : 1;
    }
}
