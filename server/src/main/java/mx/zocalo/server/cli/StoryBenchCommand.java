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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mx.zocalo.server.web.PortalServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zocalo bench story}: publishes the spending dataset (cuenta-publica, from --mappings) into a temporary store,
 * brings its derived indexes in step, serves it on a free loopback port and times, over HTTP, the money story page
 * {@code /dataset/cuenta-publica/story}: cold (the first request of each year: nothing rendered or answered yet; the
 * very first also loads the table model and warms the JVM), warm (the same pages again, from the page
 * cache), and re-rendered with the table service's answers kept (a page with a new URL); then the data behind its
 * panels (the row API queries the page links to), cold and warm.
 */
@Command(name = "story", mixinStandardHelpOptions = true,
        description = {"Measure the money story page (/dataset/cuenta-publica/story) and the row API queries behind its panels: cold and warm, in ms.",
            "The spending dataset is published from --mappings into a temporary TDB2 store first; all traffic stays on loopback."})
public final class StoryBenchCommand implements Callable<Integer> {
    static final String SLUG = "cuenta-publica";

    @Option(names = "--mappings", paramLabel = "DIR", defaultValue = "${env:ZOCALO_HOME:-.}/mappings",
            description = "Folder of the bundled datasets (cuenta-publica is taken from it). Default: ${DEFAULT-VALUE}")
    Path mappings;

    @Option(names = "--runs", defaultValue = "21", paramLabel = "N", description = "Timed warm requests of each page (default: ${DEFAULT-VALUE}).")
    int runs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path folder = mappings.resolve(SLUG);
        if (!Files.isRegularFile(folder.resolve("dataset.yaml"))) {
            throw new IllegalArgumentException("No " + folder.resolve("dataset.yaml") + " (use --mappings DIR)");
        }
        try (BenchPortal bench = new BenchPortal("story")) {
            long t0 = System.nanoTime();
            bench.publisher.publish(folder, true);
            // the derived indexes in step before serving, so that "cold" measures the page, not their background build
            mx.zocalo.server.table.RowIndex.attach(bench.store, bench.iris).sync();
            mx.zocalo.server.search.SearchIndex.attach(bench.store, bench.iris).sync();
            out.printf(Locale.ROOT, "published %s (and its derived indexes) in %.1f s%n", SLUG, (System.nanoTime() - t0) / 1e9);
            PortalServer server = bench.start();
            String base = "http://localhost:" + server.port();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String story = base + "/dataset/" + SLUG + "/story?eq.ejercicio_fiscal=";
            List<String> years = new ArrayList<>();
            for (int y = 2013; y <= 2023; y++) years.add(String.valueOf(y));
            double[] cold = new double[years.size()];
            String last = null;
            for (int i = 0; i < years.size(); i++) {
                long t = System.nanoTime();
                last = get(http, story + years.get(i));
                cold[i] = ms(t);
            }
            out.printf(Locale.ROOT, "story page, cold (first request of each of %d years): first %.0f ms, p50 %.0f ms, max %.0f ms%n",
                    years.size(), cold[0], p(cold, 50), Arrays.stream(cold).max().orElse(0));
            double[] warm = new double[runs * years.size()];
            for (int r = 0, n = 0; r < runs; r++) {
                for (String y : years) {
                    long t = System.nanoTime();
                    get(http, story + y);
                    warm[n++] = ms(t);
                }
            }
            out.printf(Locale.ROOT, "story page, warm (page cache): p50 %.1f ms, p99 %.1f ms over %d requests%n", p(warm, 50), p(warm, 99), warm.length);
            double[] rendered = new double[runs];
            for (int r = 0; r < runs; r++) {
                long t = System.nanoTime();
                get(http, story + "2023&lang=en&_=" + r); // a new URL: rendered again, the table service's answers kept
                rendered[r] = ms(t);
            }
            out.printf(Locale.ROOT, "story page, rendered again (answers kept): p50 %.1f ms, p99 %.1f ms%n", p(rendered, 50), p(rendered, 99));
            List<String> apis = new ArrayList<>();
            Matcher m = Pattern.compile("href=\"(/api/datasets/[^\"]+)\"").matcher(last);
            while (m.find()) apis.add(m.group(1).replace("&amp;", "&"));
            for (String api : apis) {
                long t = System.nanoTime();
                get(http, base + api + "&$limit=5000");
                double first = ms(t);
                double[] again = new double[runs];
                for (int r = 0; r < runs; r++) {
                    long t1 = System.nanoTime();
                    get(http, base + api + "&$limit=5000");
                    again[r] = ms(t1);
                }
                out.printf(Locale.ROOT, "panel data %s: cold %.0f ms, warm p50 %.1f ms, p99 %.1f ms%n",
                        api.substring(0, Math.min(70, api.length())) + "…", first, p(again, 50), p(again, 99));
            }
        }
        return 0;
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException(url + ": HTTP " + r.statusCode() + ": " + r.body());
        return r.body();
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double p(double[] values, int percentile) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(percentile / 100.0 * s.length) - 1)];
    }
}
