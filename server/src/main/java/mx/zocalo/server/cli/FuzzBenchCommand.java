package mx.zocalo.server.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import mx.zocalo.server.fuzz.FuzzRequests;
import mx.zocalo.server.fuzz.HttpFuzz;
import mx.zocalo.server.web.PortalServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zocalo bench fuzz}: the long run of the HTTP fuzz test. A generated dataset is published into a temporary
 * store and served on a free loopback port; then {@code N} bad requests drawn from a seed ({@link FuzzRequests#random})
 * go to every route over raw sockets, and every answer is judged ({@code FuzzVerdict}): no 500, no stack trace or
 * class name, no hang, every 4xx the portal's error in the request's language. The same seed sends the same requests.
 * Exit status 1 when any answer failed.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = {"Send N seeded bad HTTP requests (broken request lines, headers, addresses, bodies; absurd Accept and Range) to every route of a portal serving a generated dataset, over raw sockets on loopback.",
            "Fails (exit 1) on a 500, a stack trace or class name in a body, a hang, or a 4xx that is not the portal's error in the request's language."})
public final class FuzzBenchCommand implements Callable<Integer> {
    @Option(names = "--requests", defaultValue = "20000", paramLabel = "N", description = "Requests to send (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the random requests (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--workers", defaultValue = "8", paramLabel = "C", description = "Connections at once (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--timeout", defaultValue = "30", paramLabel = "S", description = "Seconds without an answer that count as a hang (default: ${DEFAULT-VALUE}).")
    int timeout;

    @Option(names = "--fixed", description = "Also send the fixed set of the test first (every route × every kind of damage).")
    boolean fixed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (requests < 1 || workers < 1 || timeout < 1) throw new IllegalArgumentException("--requests, --workers and --timeout must be at least 1");
        try (BenchPortal bench = new BenchPortal("fuzz")) {
            Path folder = bench.work.resolve("mappings").resolve("bench-pages");
            PagesBenchCommand.generate(folder, 500);
            bench.publisher.publish(folder, true);
            PortalServer server = bench.start();
            FuzzRequests gen = new FuzzRequests(server.routes(), Map.of("slug", "bench-pages", "file", "bench-pages.ttl", "name", "bench-pages",
                    "goal", "x", "version", "1", "id", "20260101-AAAAAA", "*", "id/bench-pages/pago/1"));
            out.printf(Locale.ROOT, "%d routes; seed %d; %d requests, %d at once, on http://localhost:%d%n", gen.routeCount(), seed, requests,
                    workers, server.port());
            out.flush();
            int failures = 0;
            if (fixed) {
                out.println("fixed set:");
                HttpFuzz.Report f = HttpFuzz.run("localhost", server.port(), gen.fixed(), workers, timeout * 1000);
                f.print(out);
                failures += f.failures().size();
            }
            HttpFuzz.Report r = HttpFuzz.run("localhost", server.port(), gen.random(requests, seed), workers, timeout * 1000);
            r.print(out);
            failures += r.failures().size();
            out.println(failures == 0 ? "verdict: every answer passed" : "verdict: " + failures + " answers failed");
            out.flush();
            return failures == 0 ? 0 : 1;
        }
    }
}
