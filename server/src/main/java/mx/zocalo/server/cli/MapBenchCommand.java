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
import java.util.concurrent.Callable;
import mx.zocalo.server.publish.DatasetPublisher;
import mx.zocalo.server.publish.Vocabularies;
import mx.zocalo.server.table.RowIndex;
import mx.zocalo.server.web.PortalServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zocalo bench map}: the choropleth of victims (or incidents) per state, {@code /dataset/{slug}/map?group=spatial&agg=sum&of=...},
 * with the states' boundaries it needs ({@code /api/places/estado.geojson}), over HTTP from the portal serving the
 * bench's data directory: cold (the first request after the portal starts: nothing cached), warm (the same page again:
 * the page cache), and re-rendered (the page asked with a parameter it ignores, so it is rendered again from the
 * service's kept answer). On the bundled crime dataset and on the 927,360-row victims file of {@code bench explore}
 * (published into the same data directory the first time, reused after).
 */
@Command(name = "map", mixinStandardHelpOptions = true,
        description = {"Measure the choropleth page of a sum per state, with the states' boundaries, over HTTP: cold (first request "
                + "after the portal starts), warm (page cache) and re-rendered (page rendered again, answer kept); p50 and p99.",
            "Datasets: lugares and incidencia-delictiva-estatal (from --mappings) and the 927,360-row victims file of bench explore "
                    + "(--input), published into --data the first time and reused after."})
public final class MapBenchCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--mappings", paramLabel = "DIR", defaultValue = "${env:ZOCALO_HOME:-.}/mappings",
            description = "Folder of the bundled datasets (lugares and incidencia-delictiva-estatal). Default: ${DEFAULT-VALUE}")
    Path mappings;

    @Option(names = "--input", paramLabel = "FILE", description = "The 927,360-row file, as for bench explore.")
    Path input;

    @Option(names = "--runs", defaultValue = "21", paramLabel = "N", description = "Timed runs of each measure (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--query-timeout", defaultValue = "600", paramLabel = "SECONDS",
            description = "The portal's query time limit while measuring (default: ${DEFAULT-VALUE}; a served portal has 30): the first "
                    + "sum per state over 927,360 rows is computed by SPARQL and can take longer than 30 s.")
    int queryTimeout;

    @Option(names = "--small-only", description = "Only the crime dataset (skips publishing and measuring the 927,360-row one).")
    boolean smallOnly;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (runs < 1) throw new IllegalArgumentException("--runs must be at least 1");
        Path data = store.data != null ? store.data : Path.of(System.getProperty("java.io.tmpdir"), "zocalo-bench-explore");
        for (String slug : List.of("lugares", ExploreBenchCommand.SMALL)) {
            if (!Files.isRegularFile(mappings.resolve(slug).resolve("dataset.yaml"))) {
                throw new IllegalArgumentException("No " + slug + " dataset in " + mappings.toAbsolutePath() + " (use --mappings DIR)");
            }
        }
        ExploreBenchCommand sources = new ExploreBenchCommand();
        sources.input = input;
        Path large = smallOnly ? null : sources.largeSource(data);
        out.printf(Locale.ROOT, "data directory %s (reused by later runs)%n", data.toAbsolutePath());
        out.flush();
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {ExploreBenchCommand.SMALL, "incidencias_anio", "38,016 rows"});
        if (large != null) cases.add(new String[] {ExploreBenchCommand.LARGE, "victimas", "927,360 rows"});
        try (StoreOptions.Portal p = store.open(data, StoreOptions.DEFAULT_BASE, RemoteCacheOptions.unused())) {
            DatasetPublisher publisher = new DatasetPublisher(p.store(), p.iris());
            ExploreBenchCommand.publish(out, publisher, mappings.resolve("lugares"), "83 places");
            ExploreBenchCommand.publish(out, publisher, mappings.resolve(ExploreBenchCommand.SMALL), "38,016 rows");
            if (large != null) ExploreBenchCommand.publish(out, publisher, large, "927,360 rows: this takes several minutes the first time");
            out.println("bringing the row index in step with the store...");
            out.flush();
            RowIndex.attach(p.store(), p.iris()).sync();
            Vocabularies.load(p.store(), p.iris());
            PortalServer server = PortalServer.builder().store(p.store()).iris(p.iris()).port(0)
                    .sparqlLimits(mx.zocalo.server.web.SparqlLimits.defaults().withTimeoutSeconds(queryTimeout).withPerClient(0, 0)).build().start();
            try {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                String local = "http://localhost:" + server.port();
                out.printf(Locale.ROOT, "HTTP on loopback, page + /api/places/estado.geojson; %d runs; query time limit %d s; milliseconds%n",
                        runs, queryTimeout);
                out.printf(Locale.ROOT, "%-30s %-14s %10s %17s %17s%n", "dataset", "rows", "cold", "warm p50/p99", "re-rendered p50/p99");
                for (String[] c : cases) {
                    String page = "/dataset/" + c[0] + "/map?group=spatial&agg=sum&of=" + c[1];
                    double cold = fetch(http, local, page, null);
                    double[] warm = times(http, local, page, false);
                    double[] again = times(http, local, page, true);
                    out.printf(Locale.ROOT, "%-30s %-14s %10.0f %8.0f /%7.0f %8.0f /%7.0f%n", c[0], c[2], cold, warm[0], warm[1], again[0], again[1]);
                    out.flush();
                }
            } finally {
                server.stop();
            }
        }
        return 0;
    }

    private double[] times(HttpClient http, String local, String page, boolean fresh) throws Exception {
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) ms[i] = fetch(http, local, page, fresh ? "_=" + System.nanoTime() : null);
        java.util.Arrays.sort(ms);
        return new double[] {ExploreBenchCommand.percentile(ms, 0.5), ExploreBenchCommand.percentile(ms, 0.99)};
    }

    /** Milliseconds to get the page and the states' boundaries, as a browser opening it does; a non-200 answer stops the bench. */
    private static double fetch(HttpClient http, String local, String page, String extra) throws Exception {
        long t0 = System.nanoTime();
        for (String path : List.of(page + (extra == null ? "" : "&" + extra), "/api/places/estado.geojson")) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(local + path)).header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return (System.nanoTime() - t0) / 1e6;
    }
}
