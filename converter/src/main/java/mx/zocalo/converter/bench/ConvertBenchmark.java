package mx.zocalo.converter.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import mx.zocalo.converter.Conversion;
import mx.zocalo.converter.ConversionResult;

/**
 * Converts a table with the engine ({@code zocalo/bench/victimas.rml.ttl}) and with the hand-written
 * {@link BaselineConverter}, both writing N-Triples to a discarding stream, and compares their speed.
 * A warm-up pass of each over the first {@link #WARM_UP_ROWS} rows comes first.
 */
public final class ConvertBenchmark {
    /** Rows of the warm-up pass of each converter (fewer when the measured run has fewer). */
    public static final long WARM_UP_ROWS = 200_000;

    /**
     * One measured run.
     *
     * @param seconds    wall-clock time
     * @param cpuSeconds processor time of the whole process meanwhile (all threads, the collector's too): above
     *                   {@code seconds} when more than one core worked
     */
    public record Run(String name, long rows, long triples, double seconds, double cpuSeconds) {
        public double rowsPerSecond() {
            return rows / seconds;
        }

        public double triplesPerSecond() {
            return triples / seconds;
        }
    }

    /** Both runs; {@link #ratio} is engine throughput over baseline throughput. */
    public record Result(Run engine, Run baseline) {
        public double ratio() {
            return baseline.seconds() / engine.seconds();
        }
    }

    private ConvertBenchmark() {}

    /** The engine's conversion of {@code input}, N-Triples to {@code out}. */
    public static ConversionResult engine(Path input, Path workFolder, OutputStream out) throws IOException {
        Path mapping = BenchFiles.mapping(workFolder, input);
        OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        // as `convert --format ntriples` writes
        ConversionResult result = Conversion.builder().mapping(mapping).build().write(buffered, Conversion.LineFormat.NTRIPLES);
        buffered.flush();
        return result;
    }

    /** The baseline's conversion of {@code input}, N-Triples to {@code out}. */
    public static BaselineConverter.Counts baseline(Path input, OutputStream out) throws IOException {
        return BaselineConverter.run(input, out);
    }

    /**
     * Measures both converters on {@code input} ({@code rows} > 0: its first rows only). Progress messages go
     * to {@code log}.
     */
    public static Result run(Path input, long rows, PrintWriter log) throws IOException {
        Path work = Files.createTempDirectory("zocalo-bench-");
        try {
            Path measured = input;
            if (rows > 0) {
                log.printf(Locale.ROOT, "taking the first %,d rows of %s%n", rows, input.getFileName());
                log.flush();
                measured = BenchFiles.firstRows(input, rows, work, "rows");
            }
            long warmRows = rows > 0 ? Math.min(rows, WARM_UP_ROWS) : WARM_UP_ROWS;
            Path warm = BenchFiles.firstRows(input, warmRows, work, "warm-up");
            log.printf(Locale.ROOT, "warm-up: %,d rows with each converter%n", warmRows);
            log.flush();
            engine(warm, work, OutputStream.nullOutputStream());
            baseline(warm, OutputStream.nullOutputStream());

            log.println("measuring the engine ...");
            log.flush();
            long t0 = System.nanoTime();
            long c0 = cpuNanos();
            ConversionResult e = engine(measured, work, OutputStream.nullOutputStream());
            Run engine = new Run("engine", e.rows(), e.quads(), (System.nanoTime() - t0) / 1e9, (cpuNanos() - c0) / 1e9);
            log.println("measuring the baseline ...");
            log.flush();
            t0 = System.nanoTime();
            c0 = cpuNanos();
            BaselineConverter.Counts b = baseline(measured, OutputStream.nullOutputStream());
            Run baseline = new Run("baseline", b.rows(), b.triples(), (System.nanoTime() - t0) / 1e9, (cpuNanos() - c0) / 1e9);
            return new Result(engine, baseline);
        } finally {
            deleteTree(work);
        }
    }

    /** Processor time of this process so far, or 0 where the JVM does not tell. */
    static long cpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }

    /** The result as a small table. */
    public static String report(Result r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%-10s %12s %14s %9s %12s %14s %9s %6s%n", "", "rows", "triples", "seconds", "rows/s",
                "triples/s", "cpu s", "cores"));
        for (Run run : new Run[] {r.engine(), r.baseline()}) {
            s.append(String.format(Locale.ROOT, "%-10s %,12d %,14d %9.2f %,12.0f %,14.0f %9.2f %6.2f%n", run.name(), run.rows(),
                    run.triples(), run.seconds(), run.rowsPerSecond(), run.triplesPerSecond(), run.cpuSeconds(),
                    run.cpuSeconds() / run.seconds()));
        }
        s.append(String.format(Locale.ROOT, "processors: %d; cores = cpu s / seconds, the cores kept busy on average%n",
                Runtime.getRuntime().availableProcessors()));
        s.append(String.format(Locale.ROOT, "engine/baseline: %.2f (engine throughput as a share of the baseline's)%n", r.ratio()));
        return s.toString();
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder left behind is not worth failing the benchmark
        }
    }
}
