package mx.zocalo.server.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import mx.zocalo.server.table.Table;
import mx.zocalo.server.table.TableModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zocalo tables rebuild}: the table models of published datasets, computed again from the store. */
@Command(name = "tables", mixinStandardHelpOptions = true,
        description = "Look after the table models the row API reads (each dataset's classes as tables, its properties as columns).",
        subcommands = {TablesCommand.Rebuild.class})
final class TablesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @Command(name = "rebuild", mixinStandardHelpOptions = true,
            description = {"Compute the table model of published datasets again from their graphs and keep it beside their "
                    + "files (files/SLUG/tables.json). Publishing does this; use it for data published before, or after "
                    + "changing a graph by other means.",
                    "Run it with the portal stopped: a TDB2 store belongs to one process (with --store, while it runs)."})
    static final class Rebuild implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "SLUG", arity = "0..*", description = "Datasets to rebuild; none: every published dataset.")
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
                List<String> published = TableModels.published(p.store(), p.iris());
                List<String> asked = slugs == null || slugs.isEmpty() ? published : slugs;
                for (String slug : asked) {
                    if (!published.contains(slug)) {
                        failures++;
                        err.println("zocalo tables rebuild: no dataset called '" + slug + "' with data is published here; published: "
                                + (published.isEmpty() ? "none" : String.join(", ", published)));
                        continue;
                    }
                    long t0 = System.nanoTime();
                    List<Table> tables = TableModels.rebuild(p.store(), p.iris(), slug);
                    out.printf("%s: %d %s (%s) in %d ms%n", slug, tables.size(), tables.size() == 1 ? "table" : "tables",
                            String.join(", ", tables.stream().map(t -> t.name() + " " + t.rows() + " rows, " + t.columns().size() + " columns").toList()),
                            (System.nanoTime() - t0) / 1_000_000);
                }
            }
            out.flush();
            err.flush();
            return failures == 0 ? 0 : 1;
        }
    }
}
