package mx.zocalo.server.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import mx.zocalo.server.store.DerivedIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code zocalo index rebuild}: the derived indexes (search) built again from the store. */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Look after the derived indexes kept beside the store in DATA/indexes (the search index): rebuild them.",
        subcommands = {IndexCommand.Rebuild.class})
final class IndexCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @Command(name = "rebuild", mixinStandardHelpOptions = true,
            description = {"Throw away every derived index (the search index in DATA/indexes/search, the row index in DATA/indexes/rows) and build it again from "
                    + "the store. They are never the source of truth: publish, unpublish and harvest keep them in step, and a "
                    + "serving portal catches up by itself; rebuild after restoring a backup or if one looks wrong.",
                    "Run it with the portal stopped (with --store, stop the portal that uses the same --data)."})
    static final class Rebuild implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            store.requireStore(store.dataDir());
            try (StoreOptions.Portal p = store.open(store.dataDir(), StoreOptions.DEFAULT_BASE, RemoteCacheOptions.unused())) {
                var indexes = p.store().derivedIndexes().all();
                if (indexes.isEmpty()) {
                    throw new IllegalStateException("No index could be opened in " + store.dataDir().toAbsolutePath()
                            .resolve("indexes") + ": is a portal using this data directory? Stop it and try again");
                }
                for (DerivedIndex index : indexes) {
                    out.println("rebuilt " + index.rebuild());
                    out.flush();
                }
            }
            return 0;
        }
    }
}
