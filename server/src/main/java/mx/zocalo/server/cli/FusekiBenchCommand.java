package mx.zocalo.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.publish.DatasetPublisher;
import mx.zocalo.server.publish.Vocabularies;
import mx.zocalo.server.store.DataDirectory;
import mx.zocalo.server.store.TdbStore;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.sys.TDBInternal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zocalo bench fuseki}: the portal's {@code /sparql} against stock Fuseki (the same Jena) on the same TDB2 store.
 * Publishes real datasets (folders of {@code mappings/}) into a temporary data directory, draws a query mix from what the
 * store holds ({@link QueryMix}: lookups, joins, aggregates, property paths, each with a varying IRI or offset so no
 * answer repeats), then serves the store in turn — TDB2 belongs to one process — with {@code zocalo serve} and with
 * {@code jena-fuseki-server --tdb2 --set tdb2:unionDefaultGraph=true}, each a child JVM with the same heap, and loads
 * each with the same concurrent clients asking for SPARQL JSON results (with {@code Cache-Control: no-cache}, so the
 * portal's answer cache is passed). Before measuring, a few check queries are asked of both and their answers compared.
 * Prints queries/s, p50/p99 of both servers per round, and the ratio.
 */
@Command(name = "fuseki", mixinStandardHelpOptions = true,
        description = {"Compare the portal's /sparql with stock Fuseki 5.6.0 on the same TDB2 store: a mix of uncached queries "
                + "(lookups, joins, aggregates, property paths), the same concurrent clients, each server alone on the store in turn.",
            "Prints queries/s of both and the ratio (ours / Fuseki)."})
public final class FusekiBenchCommand implements Callable<Integer> {
    @Option(names = "--mappings", paramLabel = "DIR", defaultValue = "${env:ZOCALO_HOME:-.}/mappings",
            description = "Folder of dataset folders. Default: ${DEFAULT-VALUE}")
    Path mappings;

    @Option(names = "--datasets", split = ",", paramLabel = "NAME",
            defaultValue = "poblacion-estatal,incidencia-delictiva-estatal,accidentes-carreteros,localidades-nuevo-leon",
            description = "Dataset folders of --mappings to publish (default: ${DEFAULT-VALUE}).")
    List<String> datasets;

    @Option(names = "--clients", defaultValue = "4", paramLabel = "C", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--seconds", defaultValue = "15", paramLabel = "S",
            description = "Measured seconds per server and round, after --warmup seconds (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup", defaultValue = "5", paramLabel = "S", description = "Warm-up seconds before each measure (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--rounds", defaultValue = "4", paramLabel = "N",
            description = "Rounds; each measures both servers, ours first in odd rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--heap", defaultValue = "1g", paramLabel = "SIZE", description = "-Xmx of both servers (default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--fuseki-jar", paramLabel = "FILE",
            description = "The jena-fuseki-server 5.6.0 jar. Default: server/target/fuseki/jena-fuseki-server.jar (copied by the "
                    + "test build), else the one in the local Maven repository.")
    Path fusekiJar;

    @Option(names = "--keep", description = "Keep the temporary data directory (its path is printed).")
    boolean keep;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Use (and keep) this data directory: the datasets are published into it only when it has no store yet.")
    Path reuse;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path jar = fusekiJar != null ? fusekiJar : ServerProcess.findFusekiJar();
        if (jar == null || !Files.isRegularFile(jar)) {
            spec.commandLine().getErr().println("zocalo bench fuseki: no Fuseki server jar"
                    + (jar != null ? " at " + jar : "") + "; build the tests once (mvn test-compile copies it to "
                    + "server/target/fuseki/) or give --fuseki-jar FILE");
            return 2;
        }
        Path work = Files.createTempDirectory("zocalo-bench-fuseki-");
        try {
            Path data = reuse != null ? reuse.toAbsolutePath() : work.resolve("data");
            boolean fresh = !Files.isDirectory(data.resolve("tdb2"));
            PortalIris iris = new PortalIris("http://localhost:8080/");
            QueryMix mix;
            try (TdbStore store = TdbStore.open(data)) {
                Vocabularies.load(store, iris);
                DatasetPublisher publisher = new DatasetPublisher(store, iris);
                for (String name : fresh ? datasets : List.<String>of()) {
                    long t0 = System.nanoTime();
                    publisher.publish(mappings.resolve(name), true);
                    out.printf(Locale.ROOT, "published %s in %.1f s%n", name, (System.nanoTime() - t0) / 1e9);
                    out.flush();
                }
                mix = QueryMix.draw(store, 20260);
                out.printf(Locale.ROOT, "store: %,d quads; query mix drawn from %d subjects, %d linked objects, %d predicates%n",
                        mix.quads(), mix.subjects(), mix.objects(), mix.predicates());
            } finally {
                // the store's lock is this JVM's until Jena forgets the location: free it for the servers
                TDBInternal.expel(DatabaseMgr.connectDatasetGraph(data.resolve("tdb2").toString()));
            }
            if (DataDirectory.read(data).isEmpty()) DataDirectory.create(data, iris.base());
            // the derived indexes (search, rows) built now: a portal that finds them behind catches up in the background,
            // which would load the machine during the measure; a serving portal keeps them in step at each publish
            ServerProcess.run(work, heap, List.of("index", "rebuild", "--data", data.toString()));
            out.printf(Locale.ROOT, "%d clients, %d s warm-up + %d s measured per server and round, -Xmx%s each; Fuseki: %s%n",
                    clients, warmup, seconds, heap, jar);
            out.printf(Locale.ROOT, "%-8s %-8s %10s %10s %10s %8s%n", "round", "server", "queries/s", "p50 ms", "p99 ms", "errors");
            out.flush();
            List<QueryLoad.Result> ours = new ArrayList<>();
            List<QueryLoad.Result> theirs = new ArrayList<>();
            List<String> oursCheck = null;
            List<String> theirsCheck = null;
            for (int r = 1; r <= rounds; r++) {
                // the order alternates (ours first in odd rounds), so a drift of the machine's load weighs on both alike
                for (boolean zocalo : r % 2 == 1 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                    try (ServerProcess p = zocalo ? ServerProcess.zocalo(work, data, heap)
                            : ServerProcess.fuseki(work, jar, data.resolve("tdb2"), heap)) {
                        p.awaitIdle(java.time.Duration.ofSeconds(60)); // done with starting (JIT, caches) before the clock runs
                        List<String> answers = QueryLoad.check(p.queryUrl(), mix);
                        if (zocalo && oursCheck == null) oursCheck = answers;
                        if (!zocalo && theirsCheck == null) theirsCheck = answers;
                        QueryLoad.Result res = QueryLoad.run(p.queryUrl(), mix, clients, warmup, seconds, r);
                        (zocalo ? ours : theirs).add(report(out, r, zocalo ? "zocalo" : "fuseki", res));
                    }
                }
            }
            int same = 0;
            for (int i = 0; i < oursCheck.size(); i++) if (oursCheck.get(i).equals(theirsCheck.get(i))) same++;
            out.printf(Locale.ROOT, "check queries with the same answer on both: %d of %d%n", same, oursCheck.size());
            if (same < oursCheck.size()) {
                for (int i = 0; i < oursCheck.size(); i++) {
                    if (!oursCheck.get(i).equals(theirsCheck.get(i))) {
                        out.printf(Locale.ROOT, "  differs: %s%n    zocalo %s%n    fuseki %s%n", mix.query(i).replace('\n', ' '),
                                oursCheck.get(i), theirsCheck.get(i));
                    }
                }
            }
            double o = ours.stream().mapToDouble(QueryLoad.Result::throughput).sum() / ours.size();
            double f = theirs.stream().mapToDouble(QueryLoad.Result::throughput).sum() / theirs.size();
            out.printf(Locale.ROOT, "mean queries/s: zocalo %.1f, fuseki %.1f; zocalo / fuseki = %.2f (target >= 0.90)%n", o, f, o / f);
            double[] ratios = new double[rounds];
            for (int i = 0; i < rounds; i++) ratios[i] = ours.get(i).throughput() / theirs.get(i).throughput();
            java.util.Arrays.sort(ratios);
            out.printf(Locale.ROOT, "ratio per round: min %.2f, median %.2f, max %.2f; machine load average now %.1f on %d cores%n",
                    ratios[0], ratios[rounds / 2], ratios[rounds - 1],
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
            for (String kind : QueryMix.KINDS) {
                double ok = ours.stream().mapToDouble(x -> x.perKindMillis(kind)).average().orElse(Double.NaN);
                double fk = theirs.stream().mapToDouble(x -> x.perKindMillis(kind)).average().orElse(Double.NaN);
                out.printf(Locale.ROOT, "  %-10s mean latency ms: zocalo %.2f, fuseki %.2f%n", kind, ok, fk);
            }
            out.flush();
            return same == oursCheck.size() ? 0 : 1;
        } finally {
            if (keep) {
                out.println("kept " + work);
            } else {
                delete(work);
            }
            out.flush();
        }
    }

    private static QueryLoad.Result report(PrintWriter out, int round, String server, QueryLoad.Result r) {
        out.printf(Locale.ROOT, "%-8d %-8s %10.1f %10.2f %10.2f %8d%n", round, server, r.throughput(), r.p50(), r.p99(), r.errors());
        out.flush();
        return r;
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
