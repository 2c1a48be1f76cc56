package mx.zocalo.server.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import mx.zocalo.server.publish.DatasetPublisher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zocalo bench publish}: the portal's {@code publish} of the 927,360-row victims file against Jena's own bulk
 * loader ({@code tdb2.tdbloader}) loading the same triples, converted to N-Quads beforehand. Every side runs as its own
 * JVM with the same heap; the figures are wall times measured here, peak resident memory (VmHWM, polled) and peak heap
 * (from the child's GC log).
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Measure publish against Jena's tdb2.tdbloader on the 927,360-row victims file (12 M triples): "
                + "(a) zocalo publish into a fresh data directory, timed until the new version is served (committed or swapped in) "
                + "and until the command ends; (b) the same file converted to N-Quads (not timed against), then loaded by "
                + "tdb2.tdbloader into another fresh directory, timed alone. Each a separate JVM with --heap. Prints times, "
                + "the ratio (publish until served / fastest loader) and peak memory."})
public final class PublishBenchCommand implements Callable<Integer> {
    /** What the publish logs when the new version is served: the moment the bench calls queryable. */
    static final String SERVED = DatasetPublisher.SERVED;

    @Option(names = "--rows", defaultValue = "0", paramLabel = "N", description = "Only the first N rows (a short run); default: all.")
    long rows;

    @Option(names = "--heap", defaultValue = "1g", paramLabel = "SIZE", description = "-Xmx of every child JVM (default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--loader", defaultValue = "phased,parallel", split = ",", paramLabel = "NAME",
            description = "tdb2.tdbloader loaders to run, each into its own directory: phased, parallel, sequential, basic "
                    + "(default: ${DEFAULT-VALUE}); the ratio is against the fastest.")
    List<String> loaders;

    @Option(names = "--load", defaultValue = "auto", split = ",", paramLabel = "MODE",
            description = "publish --load modes to run, each into its own data directory: auto, bulk, transaction (default: ${DEFAULT-VALUE}).")
    List<String> loads;

    @Option(names = "--shape", defaultValue = "quads,triples", split = ",", paramLabel = "SHAPE",
            description = "What the loader loads (default: ${DEFAULT-VALUE}): quads = the converted triples in the dataset's "
                    + "named graph, as publish stores them (6 quad indexes, the like-for-like comparison); triples = the "
                    + "same triples in the default graph (3 triple indexes: less work than a publish). The ratio is "
                    + "against the fastest loader of each shape.")
    List<String> shapes;

    @Option(names = "--input", paramLabel = "FILE", description = "The victims file (default: "
            + mx.zocalo.converter.cli.BenchCommand.DEFAULT_INPUT + ", else beside the Zócalo folder's shared/data/bench).")
    Path input;

    @Option(names = "--work", paramLabel = "DIR", description = "Working folder (default: a new temporary one, deleted at the end).")
    Path work;

    @Option(names = "--loader-jar", paramLabel = "JAR", description = "A jar with tdb2.tdbloader (jena-fuseki-server 5.6.0). "
            + "Default: server/target/fuseki/jena-fuseki-server.jar, else the local Maven repository's.")
    Path loaderJar;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (rows < 0) throw new IllegalArgumentException("--rows must be 0 (all) or more, not " + rows);
        for (String l : loaders) {
            if (!List.of("phased", "parallel", "sequential", "basic").contains(l)) throw new IllegalArgumentException("unknown --loader " + l);
        }
        for (String sh : shapes) {
            if (!List.of("quads", "triples").contains(sh)) throw new IllegalArgumentException("unknown --shape " + sh + " (quads or triples)");
        }
        for (String l : loads) {
            if (!List.of("auto", "bulk", "transaction").contains(l)) throw new IllegalArgumentException("unknown --load " + l);
        }
        Path jar = loaderJar != null ? loaderJar : ChildJvm.fusekiJar();
        if (jar == null || !Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("No jar with tdb2.tdbloader found (jena-fuseki-server 5.6.0): give it with --loader-jar JAR");
        }
        boolean temporary = work == null;
        Path dir = temporary ? Files.createTempDirectory("zocalo-bench-publish") : Files.createDirectories(work);
        try {
            Path source = source(dir.resolve("source"));
            out.printf(Locale.ROOT, "input %s%s, heap %s, %d processors, load average %s%n", source.resolve(FILE),
                    rows > 0 ? " (first " + rows + " rows)" : "", heap, Runtime.getRuntime().availableProcessors(), loadAverage());
            out.flush();
            List<String[]> table = new ArrayList<>();
            double bestPublish = Double.MAX_VALUE;
            double publishCpu = Double.MAX_VALUE;
            for (String load : loads) {
                Path data = dir.resolve("publish-" + load);
                ChildJvm.Result r = ChildJvm.run(List.of("-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
                        ZocaloCommand.class.getName(), "publish", "--data", data.toString(), "--load", load,
                        "--performance", Files.createDirectories(dir.resolve("no-goals")).toString(), source.toString()),
                        dir.resolve("publish-" + load + ".log"), SERVED);
                if (r.exit() != 0) throw new IllegalStateException("publish --load " + load + " failed (exit " + r.exit() + "): " + r.tail());
                out.printf(Locale.ROOT, "publish --load %-11s served after %7.1f s (CPU %.1f s), command done in %7.1f s (CPU %.1f s, with "
                        + "the downloads and indexes written after), peak RSS %5d MB, peak heap %5d MB%n",
                        load, r.markSeconds(), r.markCpuSeconds(), r.seconds(), r.cpuSeconds(), r.peakRssMb(), r.peakHeapMb());
                for (String phase : r.phases()) out.println("    " + phase);
                out.flush();
                bestPublish = Math.min(bestPublish, r.markSeconds() > 0 ? r.markSeconds() : r.seconds());
                publishCpu = Math.min(publishCpu, r.markCpuSeconds() > 0 ? r.markCpuSeconds() : r.cpuSeconds());
                table.add(new String[] {"publish --load " + load, fmt(r.markSeconds()), fmt(r.seconds()), fmt(r.markCpuSeconds()) + " / " + fmt(r.cpuSeconds()),
                        r.peakRssMb() + "", r.peakHeapMb() + ""});
            }
            Path nq = dir.resolve("bench.nq");
            ChildJvm.Result c = ChildJvm.run(List.of("-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
                    ZocaloCommand.class.getName(), "convert", "-m", source.resolve("mapping.rml.ttl").toString(),
                    "-b", StoreOptions.DEFAULT_BASE, "-o", nq.toString()), dir.resolve("convert.log"), null);
            if (c.exit() != 0) throw new IllegalStateException("convert failed (exit " + c.exit() + "): " + c.tail());
            out.printf(Locale.ROOT, "convert to N-Quads (not counted for the loader): %.1f s, %,d bytes%n", c.seconds(), Files.size(nq));
            out.flush();
            List<String> ratios = new ArrayList<>();
            for (String shape : shapes) {
                Path file = nq;
                if (shape.equals("quads")) {
                    file = dir.resolve("bench-graph.nq");
                    long t0 = System.nanoTime();
                    long n = inGraph(nq, file, StoreOptions.DEFAULT_BASE + "graph/" + SLUG);
                    out.printf(Locale.ROOT, "the same %,d triples as quads of <%sgraph/%s> (not counted): %.1f s%n", n,
                            StoreOptions.DEFAULT_BASE, SLUG, (System.nanoTime() - t0) / 1e9);
                }
                double bestLoader = Double.MAX_VALUE;
                double loaderCpu = Double.MAX_VALUE;
                String bestName = null;
                for (String loader : loaders) {
                    String name = "tdbloader-" + loader + "-" + shape;
                    Path loc = dir.resolve(name);
                    ChildJvm.Result r = ChildJvm.run(List.of("-Xmx" + heap, "-cp", jar.toString(), "tdb2.tdbloader",
                            "--loader=" + loader, "--loc", loc.toString(), file.toString()), dir.resolve(name + ".log"), null);
                    if (r.exit() != 0) throw new IllegalStateException("tdb2.tdbloader --loader=" + loader + " failed (exit " + r.exit() + "): " + r.tail());
                    out.printf(Locale.ROOT, "tdb2.tdbloader --loader=%-10s %-7s %7.1f s (CPU %.1f s), peak RSS %5d MB, peak heap %5d MB%n",
                            loader, shape, r.seconds(), r.cpuSeconds(), r.peakRssMb(), r.peakHeapMb());
                    out.flush();
                    loaderCpu = Math.min(loaderCpu, r.cpuSeconds());
                    if (r.seconds() < bestLoader) {
                        bestLoader = r.seconds();
                        bestName = loader;
                    }
                    table.add(new String[] {"tdb2.tdbloader --loader=" + loader + " " + shape, "", fmt(r.seconds()), fmt(r.cpuSeconds()), r.peakRssMb() + "", r.peakHeapMb() + ""});
                }
                if (!file.equals(nq)) Files.deleteIfExists(file);
                ratios.add(String.format(Locale.ROOT, "ratio against %s: publish until served / tdb2.tdbloader --loader=%s = %.1f s / %.1f s = %.2fx%s; "
                        + "CPU until served / the loader's = %.1f s / %.1f s = %.2fx", shape, bestName, bestPublish, bestLoader, bestPublish / bestLoader,
                        shape.equals("quads") ? " (target <= 1.2x)" : "", publishCpu, loaderCpu, publishCpu / loaderCpu));
            }
            out.println();
            out.printf(Locale.ROOT, "%-34s %10s %10s %24s %12s %13s%n", "", "served s", "total s", "CPU s (served / total)", "peak RSS MB", "peak heap MB");
            for (String[] t : table) out.printf(Locale.ROOT, "%-34s %10s %10s %24s %12s %13s%n", (Object[]) t);
            for (String r : ratios) out.println(r);
            out.printf(Locale.ROOT, "load average now %s%n", loadAverage());
            out.flush();
            return 0;
        } finally {
            if (temporary) ChildJvm.deleteQuietly(dir);
        }
    }

    /** The 1, 5 and 15 minute load averages: wall times mean little on a machine shared with other work. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String fmt(double s) {
        return s > 0 ? String.format(Locale.ROOT, "%.1f", s) : "";
    }

    static final String FILE = "db_victimas_delitos_ent_long.csv.gz";
    /** The bench dataset's slug (its bundled dataset.yaml): the loader's quads go to the graph publish gives it. */
    static final String SLUG = "victimas-delitos-bench";

    /**
     * Copies the converter's N-Quads (every line a triple: the converter writes no graph) with {@code graph} as each line's
     * graph (the bench mapping has no graph map); returns the lines copied.
     */
    static long inGraph(Path from, Path to, String graph) throws IOException {
        String suffix = " <" + graph + "> .\n";
        long n = 0;
        try (BufferedReader in = Files.newBufferedReader(from, StandardCharsets.UTF_8);
             BufferedWriter w = Files.newBufferedWriter(to, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String t = line.stripTrailing();
                if (t.isEmpty() || t.startsWith("#")) continue;
                if (!t.endsWith(".")) throw new IOException(from + ": line " + (n + 1) + " is not a statement");
                String body = t.substring(0, t.length() - 1).stripTrailing();
                w.write(body);
                w.write(suffix);
                n++;
            }
        }
        return n;
    }

    /** The dataset folder: the bundled description and mapping, and the file (or its first {@code rows} rows). */
    private Path source(Path folder) throws IOException {
        Path file = input != null ? input : ExploreBenchCommand.defaultInput();
        if (file == null || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("The 927,360-row file was not found at " + (file == null
                    ? mx.zocalo.converter.cli.BenchCommand.DEFAULT_INPUT : file.toAbsolutePath()) + ": give it with --input FILE");
        }
        Files.createDirectories(folder);
        for (String name : List.of("dataset.yaml", "mapping.rml.ttl")) {
            try (InputStream in = PublishBenchCommand.class.getResourceAsStream("/zocalo/bench/victimas/" + name)) {
                if (in == null) throw new IllegalStateException("missing resource /zocalo/bench/victimas/" + name);
                Files.copy(in, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path copy = folder.resolve(FILE);
        if (rows == 0) {
            Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            return folder;
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8));
             BufferedWriter w = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(copy)), StandardCharsets.UTF_8))) {
            String line = in.readLine(); // the header
            for (long n = 0; line != null && n <= rows; n++, line = in.readLine()) {
                w.write(line);
                w.write('\n');
            }
        }
        return folder;
    }
}
