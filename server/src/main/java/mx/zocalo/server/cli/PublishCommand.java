package mx.zocalo.server.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import mx.zocalo.server.publish.DatasetPublisher;
import mx.zocalo.server.publish.DownloadJobs;
import mx.zocalo.server.publish.PublishOutcome;
import mx.zocalo.server.publish.Change;
import mx.zocalo.server.publish.Versions;
import mx.zocalo.server.publish.LoadMode;
import mx.zocalo.server.store.TdbGenerations;
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

    @Option(names = "--note", paramLabel = "TEXT",
            description = "Why this version: the change note of each dataset published (in its history and the catalog).")
    String note;

    @Option(names = "--keep-versions", paramLabel = "N", defaultValue = "" + Versions.DEFAULT_KEEP,
            description = "How many versions of each dataset keep their files for download, the current one included "
                    + "(default: ${DEFAULT-VALUE}). Older versions stay in the history and the catalog, marked no longer kept.")
    int keepVersions;

    @Option(names = "--load", paramLabel = "MODE", defaultValue = "auto",
            description = {"How the new version goes into the embedded store: bulk (Jena's bulk loader builds the store's next "
                    + "generation, swapped in atomically when complete: the loader's speed, but it copies the whole store), "
                    + "transaction (one write transaction: about 45,000 triples/s) or auto (default: bulk for a dataset of "
                    + "250,000+ triples that is at least a quarter of the store). A remote --store always uses a transaction."})
    String load;

    @Option(names = "--loader", paramLabel = "NAME", defaultValue = "phased",
            description = "With the bulk load: Jena's phased (default) or parallel loader (more threads and memory).")
    String loader;

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
        if (keepVersions < 1) {
            err.println("zocalo publish: --keep-versions must be 1 or more (the current version is always kept), not " + keepVersions);
            return 2;
        }
        LoadMode mode;
        TdbGenerations.Loader bulkLoader;
        try {
            mode = LoadMode.parse(load);
            bulkLoader = loader(loader);
        } catch (IllegalArgumentException e) {
            err.println("zocalo publish: " + e.getMessage());
            return 2;
        }
        int failures = 0;
        try (StoreOptions.Portal portal = store.open(store.dataDir(), StoreOptions.DEFAULT_BASE, RemoteCacheOptions.unused())) {
            DatasetPublisher publisher = new DatasetPublisher(portal.store(), portal.iris()).keepVersions(keepVersions)
                    .load(mode, bulkLoader);
            // the RDF downloads are written after each commit, in the background; this command waits for them before it exits
            DownloadJobs downloads = DownloadJobs.of(portal.store()).background(true);
            java.util.function.Consumer<DownloadJobs.Ready> told = r -> {
                err.println(r.slug() + ": download " + r.slug() + "." + r.format().ext() + " ready (" + r.facts().bytes() + " bytes, "
                        + r.millisAfterCommit() + " ms after its publish)");
                err.flush();
            };
            downloads.onReady(told);
            Change change = new Change(null, note);
            java.util.Set<String> published = new java.util.LinkedHashSet<>();
            for (Path p : datasets) {
                if (Files.isDirectory(p) && !Files.exists(p.resolve("dataset.yaml"))) {
                    publisher.publishAll(p, force, change).stream().filter(o -> !o.skipped()).forEach(o -> published.add(o.slug()));
                    continue;
                }
                try {
                    PublishOutcome o = publisher.publish(p, force, change);
                    if (!o.skipped()) published.add(o.slug());
                    err.println(o.skipped() ? o.slug() + ": unchanged"
                            : o.slug() + ": " + o.rows() + " rows, " + o.triples() + " triples");
                } catch (RuntimeException e) {
                    failures++;
                    String m = String.valueOf(e.getMessage());
                    err.println("zocalo publish: " + (m.contains(p.toString()) ? m : p + ": " + m));
                }
            }
            if (!published.isEmpty()) err.println("waiting for the RDF downloads of " + String.join(", ", published) + "...");
            err.flush();
            downloads.awaitAll();
            downloads.removeListener(told);
            for (String f : downloads.failures()) {
                failures++;
                err.println("zocalo publish: " + f + " (they are written again at the next `zocalo serve` start)");
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

    static TdbGenerations.Loader loader(String name) {
        try {
            return TdbGenerations.Loader.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--loader must be phased, parallel or sequential, not " + name, e);
        }
    }
}
