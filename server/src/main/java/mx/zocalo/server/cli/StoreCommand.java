package mx.zocalo.server.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import mx.zocalo.server.catalog.StoreCheck;
import mx.zocalo.server.publish.GraphDrop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zocalo store check} and {@code zocalo store drop}: what the store holds outside the catalog, and removing it. */
@Command(name = "store", mixinStandardHelpOptions = true,
        description = "Look after the store: list what belongs to no catalog record (check), remove a graph (drop).",
        subcommands = {StoreCommand.Check.class, StoreCommand.Drop.class})
final class StoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** The command that removes a finding, for the user to run. */
    static String command(StoreCheck.Finding f, String again) {
        return switch (f.fix()) {
            case DROP_GRAPH -> "./zocalo store drop " + StoreOptions.quoted(f.what()) + " " + again;
            case UNPUBLISH -> "./zocalo unpublish " + f.what() + " " + again;
            case REMOVE_FOLDER -> "rm -r " + StoreOptions.quoted(f.what());
        };
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"List what the store holds that belongs to no live record of the portal's catalog: graphs "
                    + "published under another base IRI, graphs and files of withdrawn datasets, datasets whose graph is "
                    + "missing; each with the command that removes it.",
                    "Harvested sub-catalogs and their datasets belong to the catalog. Exit status 0 when nothing is found, 1 otherwise."})
    static final class Check implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Path dir = store.dataDir();
            List<StoreCheck.Finding> found;
            String base;
            store.requireStore(dir);
            try (StoreOptions.Portal p = store.open(dir, StoreOptions.DEFAULT_BASE, RemoteCacheOptions.unused())) {
                found = StoreCheck.run(p.store(), p.iris());
                base = p.iris().base();
            }
            if (found.isEmpty()) {
                out.println("the store of " + dir + " holds nothing outside the catalog of " + base);
                out.flush();
                return 0;
            }
            out.println(found.size() + (found.size() == 1 ? " thing" : " things") + " in the store of " + dir
                    + (found.size() == 1 ? " belongs" : " belong") + " to no live record of the catalog of " + base + ":");
            for (StoreCheck.Finding f : found) {
                out.println();
                out.println("  " + f.what());
                out.println("    " + f.why());
                out.println("    " + command(f, store.again(dir)));
            }
            out.flush();
            return 1;
        }
    }

    @Command(name = "drop", mixinStandardHelpOptions = true,
            description = {"Remove named graphs that belong to no live record of the catalog (those `store check` lists), "
                    + "each in one transaction.",
                    "The portal's own catalog and vocabulary graphs and the graphs of published datasets are refused "
                            + "(withdraw a dataset with `unpublish`). Run it with the portal stopped (with --store, while it runs)."})
    static final class Drop implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "GRAPH-IRI", arity = "1..*", description = "The name of a graph, as `store check` prints it.")
        List<String> graphs;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int failures = 0;
            store.requireStore(store.dataDir());
            try (StoreOptions.Portal p = store.open(store.dataDir(), StoreOptions.DEFAULT_BASE, RemoteCacheOptions.unused())) {
                for (String g : graphs) {
                    try {
                        out.println("dropped " + g + " (" + GraphDrop.drop(p.store(), p.iris(), g) + " triples)");
                    } catch (IllegalArgumentException e) {
                        failures++;
                        err.println("zocalo store drop: " + e.getMessage());
                    }
                }
            }
            out.flush();
            err.flush();
            return failures == 0 ? 0 : 1;
        }
    }
}
