package mx.zocalo.server.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import mx.zocalo.server.publish.DownloadJobs;
import mx.zocalo.server.publish.PublishOutcome;
import mx.zocalo.server.web.PortalServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code zocalo bench downloads}: publishes the 927,360-row victims file (or its first {@code --rows}) into a temporary
 * store with the RDF downloads written in the background, as {@code serve} does, and prints when the publish returned
 * (the new version committed and served) and when each download was ready after it; then serves the store on a free
 * port and times the first byte and the whole of each download (Turtle, N-Triples, N-Quads, JSON-LD, RDF/XML).
 */
@Command(name = "downloads", mixinStandardHelpOptions = true,
        description = {"Measure the RDF downloads of the 927,360-row victims file: time for each to be ready after the publish "
                + "(written in the background), then time to first byte and total time of each download over HTTP.",
            "--rows N publishes only the first N rows (a short run)."})
public final class DownloadsBenchCommand implements Callable<Integer> {
    static final List<String> FORMATS = List.of("nt", "ttl", "jsonld", "rdf", "nq");

    @Option(names = "--rows", paramLabel = "N", description = "Only the first N rows of the file (default: all).")
    Integer rows;

    @Option(names = "--input", paramLabel = "FILE",
            description = "The file db_victimas_delitos_ent_long.csv.gz. Default: " + mx.zocalo.converter.cli.BenchCommand.DEFAULT_INPUT
                    + ", else beside the Zócalo folder's shared/data/bench")
    Path input;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (rows != null && rows < 1) throw new IllegalArgumentException("--rows must be 1 or more, not " + rows);
        ExploreBenchCommand finder = new ExploreBenchCommand();
        finder.input = input;
        try (BenchPortal bench = new BenchPortal("downloads")) {
            Path source = finder.largeSource(bench.work);
            if (rows != null) firstRows(source.resolve("db_victimas_delitos_ent_long.csv.gz"), rows);
            DownloadJobs jobs = DownloadJobs.of(bench.store).background(true);
            jobs.onReady(r -> {
                out.printf(Locale.ROOT, "  %-7s ready %8.1f s after the commit and swap (%,d bytes)%n", r.format().ext(),
                        r.millisAfterCommit() / 1000.0, r.facts().bytes());
                out.flush();
            });
            out.printf(Locale.ROOT, "publishing %s rows of %s...%n", rows == null ? "all" : String.format(Locale.ROOT, "%,d", rows),
                    source.resolve("db_victimas_delitos_ent_long.csv.gz").getFileName());
            out.flush();
            long t0 = System.nanoTime();
            PublishOutcome o = bench.publisher.publish(source, true);
            out.printf(Locale.ROOT, "publish returned (version committed and served) in %.1f s: %,d rows, %,d triples%n",
                    (System.nanoTime() - t0) / 1e9, o.rows(), o.triples());
            out.flush();
            long tw = System.nanoTime();
            jobs.awaitAll();
            out.printf(Locale.ROOT, "all downloads ready %.1f s after the publish returned%n", (System.nanoTime() - tw) / 1e9);
            PortalServer server = bench.start();
            HttpClient http = HttpClient.newHttpClient();
            // one untimed request first: the server's first answer pays for its own start (threads, templates, JIT)
            http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/dataset/" + o.slug())).build(),
                    HttpResponse.BodyHandlers.discarding());
            out.printf(Locale.ROOT, "%-44s %6s %12s %10s %14s%n", "GET", "status", "first byte", "total", "bytes");
            for (String ext : FORMATS) {
                String path = "/download/" + o.slug() + "." + ext;
                long ts = System.nanoTime();
                HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path)).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                long first = -1;
                long bytes = 0;
                byte[] buf = new byte[1 << 16];
                try (InputStream in = r.body()) {
                    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                        if (first < 0) first = System.nanoTime();
                        bytes += n;
                    }
                }
                long end = System.nanoTime();
                out.printf(Locale.ROOT, "%-44s %6d %9.1f ms %8.2f s %,14d%n", path, r.statusCode(),
                        first < 0 ? 0 : (first - ts) / 1e6, (end - ts) / 1e9, bytes);
                out.flush();
            }
        }
        return 0;
    }

    /** Keeps the header and the first {@code n} rows of a gzipped CSV, in place. */
    static void firstRows(Path gz, int n) throws IOException {
        Path tmp = gz.resolveSibling(gz.getFileName() + ".part");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8));
                OutputStream o = new GZIPOutputStream(Files.newOutputStream(tmp));
                Writer w = new java.io.OutputStreamWriter(o, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            for (int i = 0; line != null && i <= n; i++, line = r.readLine()) w.write(line + "\n");
        }
        Files.move(tmp, gz, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
