package mx.zocalo.server.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import mx.zocalo.server.harvest.Harvester;
import mx.zocalo.server.harvest.SourceReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "harvest", mixinStandardHelpOptions = true,
        description = {"Harvest the datasets of another DCAT catalog into this portal's catalog.",
                "SOURCE is an http(s) URL (Turtle, JSON-LD, RDF/XML or N-Triples by content negotiation; Hydra pages "
                        + "are followed) or a local file (the syntax from its extension).",
                "The source becomes the sub-catalog {base}catalog/harvested/NAME; each dataset keeps its IRI and its "
                        + "description and gets a catalog record. Harvesting the same source again replaces what it "
                        + "brought; datasets gone upstream are kept and marked withdrawn.",
                "Everything is read first and written in one transaction: on any error nothing changes.",
                "Run it on the data directory with the portal stopped: a TDB2 store belongs to one process."})
final class HarvestCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Name of the sub-catalog (lower-case letters, digits, dashes). Default: from the source's host and path, or file name")
    String name;

    @Option(names = "--max-pages", paramLabel = "N", defaultValue = "10000",
            description = "Stop with an error if the source has more pages than this. Default: ${DEFAULT-VALUE}")
    int maxPages;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Time limit to connect and for each page to arrive. Default: ${DEFAULT-VALUE}")
    int timeout;

    @Parameters(paramLabel = "SOURCE", arity = "1", description = "An http(s) URL or a file: the catalog to harvest.")
    String source;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SourceReader reader = new SourceReader(Duration.ofSeconds(timeout), maxPages);
        BaseChoice base = store.choose(store.dataDir(), StoreOptions.DEFAULT_BASE);
        Harvester.Read read = Harvester.read(base.iris(), reader, source, name);   // before the store is even created
        Harvester.Outcome o;
        try (StoreOptions.Portal p = store.open(store.dataDir(), base, RemoteCacheOptions.unused())) {
            o = new Harvester(p.store(), p.iris(), reader).write(read);
        }
        out.println(o.summary());
        for (String w : o.withdrawnDatasets()) out.println("  withdrawn: " + w);
        for (String k : o.skipped()) out.println("  skipped: " + k);
        out.flush();
        return 0;
    }
}
