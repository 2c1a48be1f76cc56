package mx.zocalo.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
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
 * {@code zocalo bench replicas}: pages per second served by one read-only replica and by two, each a {@code zocalo
 * replica} process following a primary ({@code serve --patch-log}) on this machine. Publishes real datasets into the
 * primary's data directory, starts the primary and both replicas (each catching up from patch 1), then loads resource
 * pages with a cold page cache (every request a page not yet rendered) from C clients: first all on replica 1, then
 * spread over both. Prints pages/s of each and the ratio. On one machine the replicas share its cores, so the ratio
 * says what the setup costs, not the gain of real machines.
 */
@Command(name = "replicas", mixinStandardHelpOptions = true,
        description = {"Measure pages per second from one and from two read-only replicas (zocalo replica) following a primary "
                + "(serve --patch-log), all processes on this machine: a ratio; the real gain needs real machines."})
public final class ReplicaBenchCommand implements Callable<Integer> {
    @Option(names = "--mappings", paramLabel = "DIR", defaultValue = "${env:ZOCALO_HOME:-.}/mappings",
            description = "Folder of dataset folders. Default: ${DEFAULT-VALUE}")
    Path mappings;

    @Option(names = "--datasets", split = ",", paramLabel = "NAME", defaultValue = "accidentes-carreteros,poblacion-estatal",
            description = "Dataset folders of --mappings to publish (default: ${DEFAULT-VALUE}).")
    List<String> datasets;

    @Option(names = "--clients", defaultValue = "8", paramLabel = "C", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--seconds", defaultValue = "15", paramLabel = "S", description = "Measured seconds per setup, after 5 s of warm-up (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--heap", defaultValue = "512m", paramLabel = "SIZE", description = "-Xmx of each process (default: ${DEFAULT-VALUE}).")
    String heap;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path work = Files.createTempDirectory("zocalo-bench-replicas-");
        try {
            Path data = work.resolve("primary");
            PortalIris iris = new PortalIris("http://localhost:8080/");
            try (TdbStore store = TdbStore.open(data)) {
                Vocabularies.load(store, iris);
                DatasetPublisher publisher = new DatasetPublisher(store, iris);
                for (String name : datasets) {
                    long t0 = System.nanoTime();
                    publisher.publish(mappings.resolve(name), true);
                    out.printf(Locale.ROOT, "published %s in %.1f s%n", name, (System.nanoTime() - t0) / 1e9);
                    out.flush();
                }
            } finally {
                TDBInternal.expel(DatabaseMgr.connectDatasetGraph(data.resolve("tdb2").toString()));
            }
            DataDirectory.create(data, iris.base());
            ServerProcess.run(work, heap, List.of("index", "rebuild", "--data", data.toString()));
            try (ServerProcess primary = ServerProcess.zocalo(work, data, heap, "--patch-log");
                 ServerProcess r1 = replica(work, primary, data, iris, "r1");
                 ServerProcess r2 = replica(work, primary, data, iris, "r2")) {
                long t0 = System.nanoTime();
                for (ServerProcess s : List.of(r1, r2, primary)) {
                    if (!s.awaitIdle(Duration.ofMinutes(3))) out.println("warning: a process was still busy after 3 minutes (indexing?)");
                }
                List<String> pages = pages(r1, iris);
                out.printf(Locale.ROOT, "primary and 2 replicas up and idle (indexes built) after %2$.1f s; %1$d resource pages to ask%n", pages.size(), (System.nanoTime() - t0) / 1e9);
                out.printf(Locale.ROOT, "%d clients, cold page cache, %d s per setup, -Xmx%s each, all on this machine (%d cores)%n",
                        clients, seconds, heap, Runtime.getRuntime().availableProcessors());
                double one = load(out, "1 replica", List.of(r1), pages);
                double two = load(out, "2 replicas", List.of(r1, r2), pages);
                out.printf(Locale.ROOT, "pages/s: 2 replicas / 1 replica = %.2f (one machine: the replicas share its cores; "
                        + "the real gain needs a machine per replica)%n", two / one);
                out.printf(Locale.ROOT, "machine load average now %.1f%n",
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
            return 0;
        } finally {
            FusekiBenchCommand.delete(work);
            out.flush();
        }
    }

    private ServerProcess replica(Path work, ServerProcess primary, Path primaryData, PortalIris iris, String name)
            throws IOException, InterruptedException {
        int port = ServerProcess.freePort();
        return ServerProcess.zocaloCommand(work, heap, port, List.of("replica", "--primary", primary.baseUrl(),
                "--data", work.resolve(name).toString(), "--base", iris.base(), "--files", primaryData.resolve("files").toString(),
                "--port", Integer.toString(port), "--poll-ms", "500", "--primary-token",
                java.nio.file.Files.readString(mx.zocalo.server.store.PatchLog.tokenFile(primaryData)).trim()));
    }

    /** Paths of resource pages of the published datasets. */
    private static List<String> pages(ServerProcess server, PortalIris iris) throws IOException, InterruptedException {
        String q = "SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s a ?t } FILTER(STRSTARTS(STR(?s), \"" + iris.base() + "id/\")) } LIMIT 3000";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.queryUrl() + "?query="
                + URLEncoder.encode(q, StandardCharsets.UTF_8))).header("Accept", "text/csv").build(), HttpResponse.BodyHandlers.ofString());
        List<String> paths = new ArrayList<>();
        for (String line : r.body().split("\r?\n")) {
            if (line.startsWith(iris.base())) paths.add("/" + line.substring(iris.base().length()));
        }
        if (paths.isEmpty()) throw new IllegalStateException("No resource pages found on the replica: " + r.statusCode() + " " + r.body());
        return paths;
    }

    private double load(PrintWriter out, String name, List<ServerProcess> servers, List<String> pages) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        AtomicLong unique = new AtomicLong();
        run(http, servers, pages, unique, 5);
        long t0 = System.nanoTime();
        long[] counts = run(http, servers, pages, unique, seconds);
        double pagesPerSecond = counts[0] / ((System.nanoTime() - t0) / 1e9);
        out.printf(Locale.ROOT, "%-12s %10.1f pages/s %8d errors%n", name, pagesPerSecond, counts[1]);
        out.flush();
        return pagesPerSecond;
    }

    /** C clients, each asking page after page of the replicas in turn; {answered, errors}. */
    private long[] run(HttpClient http, List<ServerProcess> servers, List<String> pages, AtomicLong unique, int forSeconds) throws Exception {
        long end = System.nanoTime() + forSeconds * 1_000_000_000L;
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        long n = unique.incrementAndGet();
                        ServerProcess s = servers.get((int) (n % servers.size()));
                        String path = pages.get((int) ((n * 7919) % pages.size()));
                        HttpRequest r = HttpRequest.newBuilder(URI.create("http://localhost:" + s.port + path + "?r=" + n))
                                .header("Accept", "text/html").timeout(Duration.ofSeconds(30)).build();
                        try {
                            if (http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) done.incrementAndGet();
                            else errors.incrementAndGet();
                        } catch (IOException e) {
                            errors.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) f.get();
        } finally {
            pool.shutdownNow();
        }
        return new long[] {done.get(), errors.get()};
    }
}
