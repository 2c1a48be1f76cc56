package mx.zocalo.server.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import mx.zocalo.server.fuzz.SparqlAbuse;
import mx.zocalo.server.fuzz.SparqlFlood;
import mx.zocalo.server.web.PortalServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zocalo bench abuse}: a generated dataset published into a temporary store and served with the default SPARQL
 * limits; each abusive query once ({@link SparqlAbuse#queries}: the status it got and how long it took); then the
 * page p50/p99 (home, catalog, a dataset page, resource pages; new connection each) unloaded, and again while
 * {@code --clients} connections send {@code --queries} slow queries at once; prints both and the ratio (target ≤ 2×).
 */
@Command(name = "abuse", mixinStandardHelpOptions = true,
        description = {"Abuse /sparql (cartesian products, unbounded paths, huge OFFSET and VALUES, SERVICE, thousands of slow queries at once) and measure page latency unloaded and during the abuse.",
            "Prints each abusive query's status and time, the flood's answers, page p50/p99 both ways and the ratio (target <= 2x)."})
public final class AbuseBenchCommand implements Callable<Integer> {
    @Option(names = "--rows", defaultValue = "5000", paramLabel = "N", description = "Payments in the generated dataset (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--queries", defaultValue = "3000", paramLabel = "Q",
            description = "Slow queries the flood sends at least; it goes on while pages are timed (default: ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--clients", defaultValue = "500", paramLabel = "C", description = "Connections sending them at once (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--seconds", defaultValue = "15", paramLabel = "S", description = "Seconds pages are timed, each way (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--query-timeout", defaultValue = "10", paramLabel = "S",
            description = "The endpoint's query time limit in seconds; the other limits are the defaults (default: ${DEFAULT-VALUE}).")
    int queryTimeout;

    @Option(names = "--page-clients", defaultValue = "2", paramLabel = "P", description = "Clients asking pages (default: ${DEFAULT-VALUE}).")
    int pageClients;

    @Option(names = "--flood-nice", defaultValue = "0", paramLabel = "N",
            description = "CPU priority (nice) of the flooding clients' process: 0 = the portal's own (default); 19 = the lowest, "
                    + "a stand-in for clients on other machines, whose CPU is not the portal's.")
    int floodNice;

    @Option(names = "--per-client", defaultValue = "0", paramLabel = "N",
            description = "The portal's limit of queries per client address (--max-queries-per-client): 0 = none (default: the "
                    + "flood's connections stand for many machines, all of them this one here); N = one abusive address, refused 429 "
                    + "past N at once or past the default query time a minute.")
    int perClient;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (BenchPortal bench = new BenchPortal("abuse")) {
            Path folder = bench.work.resolve("mappings").resolve("bench-pages");
            PagesBenchCommand.generate(folder, rows);
            bench.publisher.publish(folder, true);
            PortalServer server = bench.start(mx.zocalo.server.web.SparqlLimits.defaults().withTimeoutSeconds(queryTimeout).withPerClient(perClient, perClient > 0 ? mx.zocalo.server.web.SparqlLimits.DEFAULT_CLIENT_SECONDS_PER_MINUTE : 0));
            int port = server.port();
            out.printf(Locale.ROOT, "%d payments published; SPARQL limits: %d s, default rows, slots and queue; http://localhost:%d%n", rows, queryTimeout, port);
            out.flush();
            List<String> pages = new ArrayList<>(List.of("/", "/catalog", "/dataset/bench-pages"));
            for (int i = 1; i <= 20; i++) pages.add("/id/bench-pages/pago/" + i);
            SparqlAbuse.pageLatencies("localhost", port, pages, pageClients, 3_000); // every page rendered once, JIT warm
            int wrong = 0;
            for (SparqlAbuse.Abuse a : SparqlAbuse.queries()) {
                SparqlAbuse.Outcome o = SparqlAbuse.send("localhost", port, a, 120_000);
                boolean ok = a.allowed().contains(o.key());
                if (!ok) wrong++;
                out.printf(Locale.ROOT, "  %-40s %-24s %7d ms%s%n", a.name(), o.key(), o.millis(), ok ? "" : "   NOT ALLOWED: " + a.allowed());
                out.flush();
            }
            Thread.sleep(3_000); // queries past their limit end
            SparqlAbuse.Latencies quiet = SparqlAbuse.pageLatencies("localhost", port, pages, pageClients, seconds * 1000L);
            // the flood from its own process (its clients are not the portal's threads), for the pages' time and a second more
            SparqlFlood.Child child = SparqlFlood.start("localhost", port, clients, seconds + 2, floodNice);
            Thread.sleep(1_500);
            SparqlAbuse.Latencies loaded = SparqlAbuse.pageLatencies("localhost", port, pages, pageClients, seconds * 1000L);
            SparqlAbuse.Flood f = child.tally();
            boolean floodLasted = f.seconds() >= seconds;
            out.printf(Locale.ROOT, "flood (its own process, nice %d): %d queries from %d connections in %.1f s: %s; outside the limits: %d; slowest answer %d ms%s%n",
                    floodNice, f.sent(), clients, f.seconds(), f.outcomes(), f.wrong(), f.slowestMillis(),
                    !floodLasted ? " (the flood ended before the pages' timing)" : f.sent() < queries ? " (fewer than --queries: raise --seconds)" : "");
            out.printf(Locale.ROOT, "%-28s %8s %9s %9s %8s%n", "pages", "requests", "p50 ms", "p99 ms", "non-200");
            out.printf(Locale.ROOT, "%-28s %8d %9.2f %9.2f %8d%n", "unloaded", quiet.count(), quiet.p(0.5), quiet.p(0.99), quiet.failures());
            out.printf(Locale.ROOT, "%-28s %8d %9.2f %9.2f %8d%n", "during the abuse", loaded.count(), loaded.p(0.5), loaded.p(0.99), loaded.failures());
            out.printf(Locale.ROOT, "page p99 during / unloaded = %.2f (target <= 2.00)%n", loaded.p(0.99) / quiet.p(0.99));
            out.flush();
            return wrong == 0 && f.wrong() == 0 && loaded.failures() == 0 ? 0 : 1;
        }
    }
}
