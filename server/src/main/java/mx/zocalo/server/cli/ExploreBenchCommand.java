package mx.zocalo.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.publish.DatasetPublisher;
import mx.zocalo.server.publish.PublishOutcome;
import mx.zocalo.server.store.Store;
import mx.zocalo.server.table.CompiledQuery;
import mx.zocalo.server.table.RowIndex;
import mx.zocalo.server.table.RowQuery;
import mx.zocalo.server.table.RowResult;
import mx.zocalo.server.table.TableService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zocalo bench explore}: the row API (through {@link TableService}, in process, with no answer cache) beside the
 * SPARQL queries it stands for, run on the same store: (a) a filtered, sorted first page, (b) a group-by with a sum,
 * (c) a {@code $q} search, (d) a deep page. On the bundled crime dataset (38,016 rows) and on the 927,360-row
 * victims file, published once into the data directory and reused by later runs.
 */
@Command(name = "explore", mixinStandardHelpOptions = true,
        description = {"Measure the row API (TableService in process, answer cache off) against the same queries as plain SPARQL on the same store: "
                + "(a) a filtered, sorted first page, (b) a group-by with sum, (c) a $q search, (d) a deep page; p50 and p99 of each, warm.",
            "Datasets: incidencia-delictiva-estatal (from --mappings) and the 927,360-row victims file (--input), published into --data "
                    + "the first time (minutes) and reused after."})
public final class ExploreBenchCommand implements Callable<Integer> {
    static final String LARGE = "victimas-delitos-bench";
    static final String SMALL = "incidencia-delictiva-estatal";

    @Mixin
    StoreOptions store;

    @Option(names = "--mappings", paramLabel = "DIR", defaultValue = "${env:ZOCALO_HOME:-.}/mappings",
            description = "Folder of the bundled datasets (incidencia-delictiva-estatal is taken from it). Default: ${DEFAULT-VALUE}")
    Path mappings;

    @Option(names = "--input", paramLabel = "FILE",
            description = "The 927,360-row file db_victimas_delitos_ent_long.csv.gz. Default: "
                    + mx.zocalo.converter.cli.BenchCommand.DEFAULT_INPUT + ", else beside the Zócalo folder's shared/data/bench")
    Path input;

    @Option(names = "--runs", defaultValue = "21", paramLabel = "N", description = "Timed runs of each query (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup", defaultValue = "3", paramLabel = "N", description = "Untimed runs of each query first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--small-only", description = "Only the crime dataset (skips publishing and measuring the 927,360-row one).")
    boolean smallOnly;

    @Option(names = "--short", description = "A quick check that everything runs: 2 runs after 1 warm-up, the crime dataset only.")
    boolean quick;

    @Option(names = "--queries", defaultValue = "a,b,c,d", paramLabel = "a,b,c,d", split = ",",
            description = "Which of the four queries to run (default: all).")
    List<String> queries;

    @Option(names = "--without-index", description = "The row API without its derived row index: every answer from SPARQL.")
    boolean withoutIndex;

    @Spec
    CommandSpec spec;

    /** One query of the bench: its letter, what it is, and the query itself. */
    record Case(String id, String what, RowQuery query) {}

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (quick) {
            runs = 2;
            warmup = 1;
            smallOnly = true;
        }
        if (runs < 1 || warmup < 0) throw new IllegalArgumentException("--runs must be at least 1 and --warmup at least 0");
        Path data = store.data != null ? store.data : Path.of(System.getProperty("java.io.tmpdir"), "zocalo-bench-explore");
        Path small = mappings.resolve(SMALL);
        if (!Files.isRegularFile(small.resolve("dataset.yaml"))) {
            throw new IllegalArgumentException("No " + SMALL + " dataset in " + mappings.toAbsolutePath() + " (use --mappings DIR)");
        }
        Path large = smallOnly ? null : largeSource(data);
        out.printf(Locale.ROOT, "data directory %s (reused by later runs)%n", data.toAbsolutePath());
        out.flush();
        try (StoreOptions.Portal p = store.open(data, StoreOptions.DEFAULT_BASE, RemoteCacheOptions.unused())) {
            DatasetPublisher publisher = new DatasetPublisher(p.store(), p.iris());
            publish(out, publisher, small, "38,016 rows");
            if (large != null) publish(out, publisher, large, "927,360 rows: this takes several minutes the first time");
            if (!withoutIndex) {
                long t0 = System.nanoTime();
                out.println("bringing the row index in step with the store (minutes when a dataset was never indexed)...");
                out.flush();
                RowIndex.attach(p.store(), p.iris()).sync();
                out.printf(Locale.ROOT, "  row index in step in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            }
            TableService tables = TableService.builder(p.store(), p.iris()).rowIndex(!withoutIndex)
                    .timeout(java.time.Duration.ofMinutes(10)) // SPARQL's $q over 927,360 rows takes longer than the portal's 30 s
                    .version(() -> "bench").build(); // table models kept; answers always computed (query(.., false))
            out.printf(Locale.ROOT, "API: TableService.query in process, answer cache off%s; SPARQL: the page query and the count "
                    + "query it compiles to, run on the same store. %d runs after %d warm-up; milliseconds%n",
                    withoutIndex ? ", row index off" : "", runs, warmup);
            measure(out, p.store(), tables, SMALL, smallCases());
            if (large != null) measure(out, p.store(), tables, LARGE, largeCases());
        }
        return 0;
    }

    static List<Case> smallCases() {
        return List.of(
                new Case("a", "filtered, sorted first page", RowQuery.builder()
                        .where("anio = 2014 AND entidad_federativa.label = 'NUEVO LEON'").order("incidencias_anio DESC").limit(20).build()),
                new Case("b", "group by with sum", RowQuery.builder().select("entidad_federativa, sum(incidencias_anio) AS total")
                        .group("entidad_federativa").limit(100).build()),
                new Case("c", "$q search", RowQuery.builder().search("robo vehículos").limit(20).build()),
                new Case("d", "deep page (offset 20,500)", RowQuery.builder().offset(20_500).limit(20).build()));
    }

    static List<Case> largeCases() {
        return List.of(
                new Case("a", "filtered, sorted first page", RowQuery.builder()
                        .where("anio = 2020 AND entidad_federativa.label = 'Nuevo León'").order("victimas DESC").limit(20).build()),
                new Case("b", "group by with sum", RowQuery.builder().select("tipo_delito, sum(victimas) AS total")
                        .group("tipo_delito").limit(100).build()),
                new Case("c", "$q search", RowQuery.builder().search("secuestro expres").limit(20).build()),
                new Case("d", "deep page (offset 500,000)", RowQuery.builder().offset(500_000).limit(20).build()));
    }

    private void measure(PrintWriter out, Store s, TableService tables, String slug, List<Case> cases) {
        long rows = tables.tables(slug).get(0).rows();
        out.printf(Locale.ROOT, "%n%s (%,d rows)%n", slug, rows);
        out.printf(Locale.ROOT, "%-36s %17s %17s %17s %8s  %s%n", "query", "API p50/p99", "SPARQL page", "page+count", "API/SQ", "answered by");
        for (Case c : cases) {
            if (!queries.contains(c.id())) continue;
            CompiledQuery compiled = tables.compile(slug, c.query());
            String[] by = new String[1];
            Supplier<Object> api = () -> {
                RowResult r = tables.query(slug, c.query(), false);
                by[0] = r.indexed() ? "row index" : "SPARQL";
                return r;
            };
            Supplier<Object> page = () -> s.query(compiled.page(), java.time.Duration.ofMinutes(10),
                    qe -> org.apache.jena.query.ResultSetFormatter.consume(qe.execSelect()));
            Supplier<Object> count = () -> compiled.count().map(q -> s.query(q, java.time.Duration.ofMinutes(10),
                    qe -> org.apache.jena.query.ResultSetFormatter.consume(qe.execSelect()))).orElse(0);
            double[] a = time(api);
            double[] pg = time(page);
            double[] both = time(() -> {
                page.get();
                return count.get();
            });
            out.printf(Locale.ROOT, "(%s) %-32s %8.0f /%7.0f %8.0f /%7.0f %8.0f /%7.0f %7.2fx  %s%n", c.id(), c.what(), a[0], a[1],
                    pg[0], pg[1], both[0], both[1], a[0] / Math.max(0.001, both[0]), by[0]);
            out.flush();
        }
    }

    /** p50 and p99 in milliseconds of {@code runs} runs, after the warm-up runs. */
    private double[] time(Supplier<Object> run) {
        for (int i = 0; i < warmup; i++) run.get();
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            run.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        java.util.Arrays.sort(ms);
        return new double[] {percentile(ms, 0.50), percentile(ms, 0.99)};
    }

    static double percentile(double[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static void publish(PrintWriter out, DatasetPublisher publisher, Path folder, String size) {
        long t0 = System.nanoTime();
        out.printf(Locale.ROOT, "publishing %s (%s) unless the data directory holds it already...%n", folder.getFileName(), size);
        out.flush();
        Thread ticker = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(30_000);
                    out.printf(Locale.ROOT, "  still publishing %s (and bringing the derived indexes in step): %.0f s%n", folder.getFileName(),
                            (System.nanoTime() - t0) / 1e9);
                    out.flush();
                }
            } catch (InterruptedException e) {
                // done
            }
        }, "bench-publish-progress");
        ticker.setDaemon(true);
        ticker.start();
        try {
            PublishOutcome o = publisher.publish(folder, false);
            out.printf(Locale.ROOT, "  %s: %s in %.1f s%n", o.slug(), o.skipped() ? "already published, reused"
                    : String.format(Locale.ROOT, "%,d rows, %,d triples", o.rows(), o.triples()), (System.nanoTime() - t0) / 1e9);
        } finally {
            ticker.interrupt();
        }
        out.flush();
    }

    /** The large dataset's folder in {@code DATA/source/}: its description and mapping (bundled) and the input file. */
    Path largeSource(Path data) throws IOException {
        Path file = input != null ? input : defaultInput();
        if (file == null || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("The 927,360-row file was not found at " + (file == null
                    ? mx.zocalo.converter.cli.BenchCommand.DEFAULT_INPUT : file.toAbsolutePath()) + ": give it with --input FILE, or use --small-only");
        }
        Path folder = Files.createDirectories(data.resolve("source").resolve(LARGE));
        for (String name : List.of("dataset.yaml", "mapping.rml.ttl")) {
            try (InputStream in = ExploreBenchCommand.class.getResourceAsStream("/zocalo/bench/victimas/" + name)) {
                if (in == null) throw new IllegalStateException("missing resource /zocalo/bench/victimas/" + name);
                Files.copy(in, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path copy = folder.resolve("db_victimas_delitos_ent_long.csv.gz");
        if (!Files.exists(copy) || Files.size(copy) != Files.size(file)) Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        return folder;
    }

    static Path defaultInput() {
        List<Path> candidates = new ArrayList<>(List.of(Path.of(mx.zocalo.converter.cli.BenchCommand.DEFAULT_INPUT)));
        String home = System.getenv("ZOCALO_HOME");
        if (home != null) {
            for (Path up = Path.of(home).toAbsolutePath(); up != null; up = up.getParent()) {
                candidates.add(up.resolve("shared/data/bench/db_victimas_delitos_ent_long.csv.gz"));
            }
        }
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElse(null);
    }
}
