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
import java.util.function.LongFunction;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.web.PortalServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zocalo bench pages}: publishes a generated dataset of N payments (each linking a supplier) into a temporary
 * store, serves it on a free loopback port, and loads it with C concurrent connections for a few seconds each:
 * the portal's SPARQL endpoint (Jena ARQ over the same TDB2 store, as in Fuseki) answering {@code DESCRIBE <iri>} in
 * Turtle, run every time ({@code Cache-Control: no-cache}), then HTML resource pages with a cold page cache
 * (every request a page not yet rendered) and with a warm one (a small set of pages asked again and again).
 * Prints throughput, p50 and p99 latency, and the ratio of page throughput to DESCRIBE throughput.
 */
@Command(name = "pages", mixinStandardHelpOptions = true,
        description = {"Measure resource-page throughput and latency (cold and warm page cache) against the SPARQL endpoint answering DESCRIBE (run each time: Cache-Control: no-cache).",
            "A generated dataset is published into a temporary TDB2 store first; all traffic stays on loopback."})
public final class PagesBenchCommand implements Callable<Integer> {
    @Option(names = "--rows", defaultValue = "5000", paramLabel = "N", description = "Payments in the generated dataset (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--connections", defaultValue = "32", paramLabel = "C", description = "Concurrent connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--seconds", defaultValue = "10", paramLabel = "S", description = "Measured seconds per scenario, after 2 s of warm-up (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Spec
    CommandSpec spec;

    record Result(String name, long requests, double seconds, double p50, double p99, long errors) {
        double throughput() {
            return requests / seconds;
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (BenchPortal bench = new BenchPortal("pages")) {
            Path folder = bench.work.resolve("mappings").resolve("bench-pages");
            generate(folder, rows);
            long t0 = System.nanoTime();
            bench.publisher.publish(folder, true);
            out.printf(Locale.ROOT, "published %d payments in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
            out.flush();
            PortalServer server = bench.start();
            PortalIris iris = bench.iris;
            String local = "http://localhost:" + server.port();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(5)).build();
            LongFunction<String> iri = n -> iris.base() + "id/bench-pages/pago/" + (1 + Math.floorMod(n, rows));
            LongFunction<HttpRequest> describe = n -> HttpRequest.newBuilder(URI.create(local + "/sparql?query="
                    + URLEncoder.encode("DESCRIBE <" + iri.apply(n) + ">", StandardCharsets.UTF_8)))
                    .header("Accept", "text/turtle").header("Cache-Control", "no-cache").build(); // run, not replayed
            // cold: a query parameter the page ignores makes every request a page the cache has not seen
            AtomicLong unique = new AtomicLong();
            LongFunction<HttpRequest> cold = n -> HttpRequest.newBuilder(URI.create(local + "/id/bench-pages/pago/"
                    + (1 + Math.floorMod(n, rows)) + "?r=" + unique.incrementAndGet()))
                    .header("Accept", "text/html").build();
            LongFunction<HttpRequest> warm = n -> HttpRequest.newBuilder(URI.create(local + "/id/bench-pages/pago/"
                    + (1 + Math.floorMod(n, Math.min(rows, 200))))).header("Accept", "text/html").build();

            out.printf(Locale.ROOT, "%d connections, %d s per scenario on loopback%n", connections, seconds);
            out.printf(Locale.ROOT, "%-34s %10s %10s %10s %8s%n", "scenario", "req/s", "p50 ms", "p99 ms", "errors");
            Result d = run(out, http, "DESCRIBE <iri> (/sparql, Turtle)", describe);
            Result c = run(out, http, "HTML resource page, cold cache", cold);
            Result w = run(out, http, "HTML resource page, warm cache", warm);
            out.printf(Locale.ROOT, "cold pages / DESCRIBE = %.2f (target >= 0.50)%n", c.throughput() / d.throughput());
            out.printf(Locale.ROOT, "warm pages / DESCRIBE = %.2f%n", w.throughput() / d.throughput());
            out.flush();
        }
        return 0;
    }

    private Result run(PrintWriter out, HttpClient http, String name, LongFunction<HttpRequest> request) throws Exception {
        load(http, request, 2, new ArrayList<>());
        List<long[]> perThread = new ArrayList<>();
        long t0 = System.nanoTime();
        long[] counts = load(http, request, seconds, perThread);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        int total = 0;
        for (long[] l : perThread) total += (int) l[0];
        long[] all = new long[total];
        int k = 0;
        for (long[] l : perThread) {
            System.arraycopy(l, 1, all, k, (int) l[0]);
            k += (int) l[0];
        }
        java.util.Arrays.sort(all);
        Result r = new Result(name, counts[0], elapsed, pct(all, 0.50), pct(all, 0.99), counts[1]);
        out.printf(Locale.ROOT, "%-34s %10.0f %10.2f %10.2f %8d%n", name, r.throughput(), r.p50(), r.p99(), r.errors());
        out.flush();
        return r;
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p) - 1)] / 1e6;
    }

    /** C workers, each sending one request after another until the time is up; returns {requests, errors}. */
    private long[] load(HttpClient http, LongFunction<HttpRequest> request, int forSeconds, List<long[]> latencies) throws Exception {
        long end = System.nanoTime() + forSeconds * 1_000_000_000L;
        AtomicLong next = new AtomicLong();
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                futures.add(pool.submit(() -> {
                    long[] lat = new long[1 << 16];
                    int n = 0;
                    while (System.nanoTime() < end) {
                        HttpRequest r = request.apply(next.getAndIncrement() * 7919L);
                        long s = System.nanoTime();
                        try {
                            HttpResponse<byte[]> resp = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
                            if (resp.statusCode() != 200) errors.incrementAndGet();
                        } catch (IOException e) {
                            errors.incrementAndGet();
                        }
                        long t = System.nanoTime() - s;
                        if (n + 1 >= lat.length) lat = java.util.Arrays.copyOf(lat, lat.length * 2);
                        lat[++n] = t;
                        done.incrementAndGet();
                    }
                    lat[0] = n;
                    return lat;
                }));
            }
            for (Future<long[]> f : futures) latencies.add(f.get());
        } finally {
            pool.shutdown();
        }
        return new long[] {done.get(), errors.get()};
    }

    /** A dataset folder of {@code rows} generated payments (slug {@code bench-pages}), each linking a supplier. */
    static void generate(Path folder, int rows) throws IOException {
        Files.createDirectories(folder);
        StringBuilder csv = new StringBuilder("ID,PROVEEDOR,CONCEPTO,MONTO,FECHA\n");
        String[] suppliers = {"Papelería Núñez", "Constructora Peña", "Servicios Médicos del Norte", "Transportes Garza", "Tecnología Regia"};
        for (int i = 1; i <= rows; i++) {
            csv.append(i).append(',').append(suppliers[i % suppliers.length]).append(",Concepto ").append(i).append(',')
                    .append(100 + (i * 37 % 100000)).append(".50,2024-").append(String.format(Locale.ROOT, "%02d-%02d", 1 + i % 12, 1 + i % 28)).append('\n');
        }
        Files.writeString(folder.resolve("pagos.csv"), csv, StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("mapping.rml.ttl"), """
                @prefix rml: <http://w3id.org/rml/> .
                @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
                @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
                <#Fuente> rml:source "pagos.csv" ; rml:referenceFormulation rml:CSV .
                <#Pago> rml:logicalSource <#Fuente> ;
                  rml:subjectMap [ rml:template "id/bench-pages/pago/{ID}" ; rml:class <def/zocalo#Pago> ] ;
                  rml:predicateObjectMap [ rml:predicate rdfs:label ; rml:objectMap [ rml:reference "CONCEPTO" ; rml:language "es" ] ] ,
                    [ rml:predicate <def/zocalo#monto> ; rml:objectMap [ rml:reference "MONTO" ; rml:datatype xsd:decimal ] ] ,
                    [ rml:predicate <def/zocalo#fecha> ; rml:objectMap [ rml:reference "FECHA" ; rml:datatype xsd:date ] ] ,
                    [ rml:predicate <def/zocalo#proveedor> ; rml:objectMap [ rml:template "id/bench-pages/proveedor/{PROVEEDOR}" ] ] .
                <#Proveedor> rml:logicalSource <#Fuente> ;
                  rml:subjectMap [ rml:template "id/bench-pages/proveedor/{PROVEEDOR}" ; rml:class <def/zocalo#Proveedor> ] ;
                  rml:predicateObjectMap [ rml:predicate rdfs:label ; rml:objectMap [ rml:reference "PROVEEDOR" ] ] .
                """, StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("dataset.yaml"), """
                slug: bench-pages
                title: {es: "Pagos generados para medir las páginas", en: "Payments generated to time the pages"}
                description: {es: "Pagos generados.", en: "Generated payments."}
                publisher: {name: "Tesorería de Prueba"}
                contact: {name: "Datos Abiertos", email: "datos@example.org"}
                themes: [GOVE]
                license: "https://creativecommons.org/licenses/by/4.0/"
                source: {file: pagos.csv, mediaType: text/csv}
                mapping: mapping.rml.ttl
                issued: 2024-05-01
                modified: 2024-05-02
                """, StandardCharsets.UTF_8);
    }
}
