package mx.zocalo.server.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import mx.zocalo.server.publish.PublishOutcome;
import mx.zocalo.server.web.PortalServer;
import mx.zocalo.server.web.SparqlLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zocalo bench soak}: the portal under a realistic mix of traffic for N minutes, in this JVM on a free loopback
 * port over a temporary TDB2 store with a few bundled datasets, while one more dataset is republished every minute
 * alternating between two versions ({@link SoakVersions}) and every answer about it is checked for mixing versions.
 * Prints a line every sample (heap after GC, threads, open files), then per route requests, errors, p50/p99, and
 * verdict lines ({@link SoakReport}); exit 1 when a verdict fails.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = {"Soak the portal: concurrent clients on loopback for N minutes (pages, catalog, search, explorer and row API, SPARQL "
                + "including slow queries stopped by the time limit) while a dataset is republished every minute, alternating between two versions.",
            "Reports per route requests, errors and p50/p99, heap after GC, threads and open files over time, and verdicts: 5xx outside the "
                + "documented 503s, answers mixing two versions, p99 drift of pages, heap and open files growth. Exit 1 when a verdict fails."})
public final class SoakCommand implements Callable<Integer> {
    @Option(names = "--minutes", defaultValue = "5", paramLabel = "N", description = "Length of the traffic, after the warm-up (default: ${DEFAULT-VALUE}; decimals allowed).")
    double minutes;

    @Option(names = "--clients", defaultValue = "12", paramLabel = "C", description = "Concurrent clients of the ordinary mix (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--think-ms", defaultValue = "20", paramLabel = "MS", description = "Pause of each client between two requests (default: ${DEFAULT-VALUE}).")
    int thinkMillis;

    @Option(names = "--slow-clients", defaultValue = "1", paramLabel = "N", description = "Clients sending only the slow SPARQL query, one after another (default: ${DEFAULT-VALUE}).")
    int slowClients;

    @Option(names = "--publish-every", defaultValue = "60", paramLabel = "S", description = "Seconds between two publishes of the republished dataset (default: ${DEFAULT-VALUE}).")
    double publishEvery;

    @Option(names = "--sample-every", defaultValue = "30", paramLabel = "S", description = "Seconds between two samples of heap, threads and open files (default: ${DEFAULT-VALUE}).")
    double sampleEvery;

    @Option(names = "--warmup", defaultValue = "10", paramLabel = "S", description = "Seconds of traffic before the measured run (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--query-timeout", defaultValue = "10", paramLabel = "S", description = "The portal's SPARQL time limit during the soak (default: ${DEFAULT-VALUE}).")
    int queryTimeout;

    @Option(names = "--max-concurrent-queries", defaultValue = "4", paramLabel = "N", description = "The portal's query slots (default: ${DEFAULT-VALUE}).")
    int maxConcurrent;

    @Option(names = "--mappings", paramLabel = "DIR", defaultValue = "${env:ZOCALO_HOME:-.}/mappings",
            description = "Folder of the bundled datasets. Default: ${DEFAULT-VALUE}")
    Path mappings;

    @Option(names = "--datasets", paramLabel = "SLUG,...", split = ",", defaultValue = "accidentes-carreteros,cuenta-publica,poblacion-estatal",
            description = "Bundled datasets published before the traffic (default: ${DEFAULT-VALUE}).")
    List<String> datasets;

    @Option(names = "--versioned-file", paramLabel = "CSV",
            description = "The CSV the republished dataset is made from (default: the population file of mappings/poblacion-estatal).")
    Path versionedFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (minutes <= 0 || clients < 1 || slowClients < 0 || publishEvery <= 0 || sampleEvery <= 0 || warmup < 0) {
            throw new IllegalArgumentException("--minutes, --clients, --publish-every and --sample-every must be positive; --slow-clients and --warmup at least 0");
        }
        Path file = versionedFile != null ? versionedFile : mappings.resolve("poblacion-estatal").resolve("conapo_pob_ent_gender_1950_2070.csv");
        for (String slug : datasets) {
            if (!Files.isRegularFile(mappings.resolve(slug).resolve("dataset.yaml"))) {
                throw new IllegalArgumentException("No dataset " + slug + " in " + mappings.toAbsolutePath() + " (use --mappings DIR or --datasets)");
            }
        }
        try (BenchPortal bench = new BenchPortal("soak")) {
            SoakVersions versions = new SoakVersions(file, bench.work.resolve("sources").resolve(SoakVersions.SLUG));
            long t0 = System.nanoTime();
            for (String slug : datasets) {
                PublishOutcome o = bench.publisher.publish(mappings.resolve(slug), false);
                out.printf(Locale.ROOT, "published %s: %,d rows%n", slug, o.rows());
                out.flush();
            }
            bench.publisher.publish(versions.write(1), false);
            out.printf(Locale.ROOT, "published %s version 1: %,d rows (from %s); everything in %.1f s%n", SoakVersions.SLUG, versions.rows(1),
                    file.getFileName(), (System.nanoTime() - t0) / 1e9);
            SparqlLimits limits = SparqlLimits.defaults().withTimeoutSeconds(queryTimeout).withMaxConcurrent(maxConcurrent).withPerClient(0, 0);
            PortalServer server = bench.start(limits);
            String local = "http://localhost:" + server.port();
            ExecutorService httpThreads = Executors.newFixedThreadPool(4);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(httpThreads)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            try {
                waitForSearch(out, http, local);
                SoakTraffic traffic = new SoakTraffic(local, bench.iris, bench.store, datasets, versions);
                return run(out, bench, http, traffic, versions);
            } finally {
                httpThreads.shutdownNow();
            }
        }
    }

    private int run(PrintWriter out, BenchPortal bench, HttpClient http, SoakTraffic traffic, SoakVersions versions) throws Exception {
        long warm = (long) (warmup * 1e9);
        long length = (long) (minutes * 60e9);
        long start = System.nanoTime() + warm; // the measured run
        long end = start + length;
        out.printf(Locale.ROOT, "%s: %d clients (+%d slow SPARQL), %.0f s warm-up, %.1f min measured, a publish every %.0f s, "
                + "SPARQL limits %d s / %d slots%n", "soak", clients, slowClients, warmup, minutes, publishEvery, queryTimeout, maxConcurrent);
        out.flush();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Random random = new Random(1000 + i);
            threads.add(thread("soak-client-" + i, () -> {
                while (System.nanoTime() < end) {
                    boolean measured = System.nanoTime() >= start;
                    SoakRoute route = traffic.choose(random);
                    if (measured) {
                        SoakTraffic.send(http, route, random, start, length, versions);
                    } else {
                        warmUp(http, route, random);
                    }
                    if (!pause(thinkMillis)) return;
                }
            }));
        }
        for (int i = 0; i < slowClients; i++) {
            Random random = new Random(2000 + i);
            threads.add(thread("soak-slow-" + i, () -> {
                while (System.nanoTime() < end) {
                    if (System.nanoTime() >= start) SoakTraffic.send(http, traffic.slow, random, start, length, versions);
                    else warmUp(http, traffic.slow, random);
                    if (!pause(1000)) return;
                }
            }));
        }
        AtomicInteger publishes = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        Thread publisher = thread("soak-publisher", () -> {
            long n = 1;
            long next = start + (long) (publishEvery * 1e9);
            while (next < end) {
                if (!pause((next - System.nanoTime()) / 1_000_000) || System.nanoTime() >= end) return; // late: the traffic is over
                n++;
                long p0 = System.nanoTime();
                try {
                    Path folder = versions.write(n);
                    versions.begun = n;
                    PublishOutcome o = bench.publisher.publish(folder, false);
                    versions.published = n;
                    publishes.incrementAndGet();
                    say(out, String.format(Locale.ROOT, "  t=%5.0f s  published version %d: %,d rows in %.1f s", (System.nanoTime() - start) / 1e9, n, o.rows(),
                            (System.nanoTime() - p0) / 1e9));
                } catch (RuntimeException | java.io.IOException e) {
                    publishes.incrementAndGet();
                    failures.incrementAndGet();
                    say(out, "  publish of version " + n + " failed: " + e);
                }
                next += (long) (publishEvery * 1e9);
            }
        });
        SoakSampler sampler = new SoakSampler();
        pause(warm / 1_000_000);
        for (long k = 0; ; k++) {
            long at = start + (long) (k * sampleEvery * 1e9);
            if (at > end) break; // the last sample is at the end of the traffic, while the clients are still there
            pause((at - System.nanoTime()) / 1_000_000);
            long requests = traffic.routes.stream().mapToLong(r -> r.requests.sum()).sum();
            SoakSampler.Sample s = sampler.sample((System.nanoTime() - start) / 1e9, requests);
            say(out, String.format(Locale.ROOT, "  t=%5.0f s  requests %,9d  heap after GC %7.1f MB  threads %4d  open files %5d  rss %7.1f MB",
                    s.seconds(), s.requests(), s.heapMb(), s.threads(), s.fds(), s.rssMb()));
        }
        for (Thread t : threads) t.join();
        publisher.join();
        boolean pass = new SoakReport(out).print(traffic.routes, sampler.samples, publishes.get(), failures.get(), length / 1e9);
        return pass ? 0 : 1;
    }

    private static Thread thread(String name, Runnable run) {
        Thread t = new Thread(run, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void warmUp(HttpClient http, SoakRoute route, Random random) {
        try {
            http.send(route.request.apply(random), HttpResponse.BodyHandlers.discarding());
        } catch (java.io.IOException e) {
            // not counted: the warm-up only fills the caches
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static synchronized void say(PrintWriter out, String line) {
        out.println(line);
        out.flush();
    }

    private static boolean pause(long millis) {
        if (millis <= 0) return true;
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The search index is built in the background at start: the soak begins once it answers. */
    private static void waitForSearch(PrintWriter out, HttpClient http, String local) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        HttpRequest r = HttpRequest.newBuilder(URI.create(local + "/api/search?q=datos")).header("Accept", "application/json").build();
        while (http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("the search index was not ready within 2 minutes");
            Thread.sleep(500);
        }
        out.println("search index ready");
        out.flush();
    }
}
