package mx.zocalo.server.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import mx.zocalo.server.publish.Unpublisher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "unpublish", mixinStandardHelpOptions = true,
        description = {"Withdraw published datasets: remove each one's graph, files and downloads, and keep a withdrawn "
                + "record in the catalog (DCAT-AP: change type deleted).",
                "Its pages and IRIs then answer 410 Gone with a page saying when it was withdrawn; publishing it again "
                        + "brings it back. The store's graph and catalog record change in one transaction.",
                "Run it with the portal stopped: a TDB2 store belongs to one process (with --store, while it runs)."})
final class UnpublishCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Parameters(paramLabel = "SLUG", arity = "1..*", description = "The slug of a published dataset (its /dataset/SLUG).")
    List<String> slugs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int failures = 0;
        store.requireStore(store.dataDir());
        try (StoreOptions.Portal p = store.open(store.dataDir(), StoreOptions.DEFAULT_BASE, RemoteCacheOptions.unused())) {
            Unpublisher unpublisher = new Unpublisher(p.store(), p.iris());
            for (String slug : slugs) {
                try {
                    out.println(unpublisher.unpublish(slug).summary());
                } catch (IllegalArgumentException e) {
                    failures++;
                    err.println("zocalo unpublish: " + e.getMessage());
                }
            }
        }
        out.flush();
        err.flush();
        return failures == 0 ? 0 : 1;
    }
}
