package mx.zocalo.converter.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import mx.zocalo.converter.source.fuzz.ReaderFuzzer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fuzz}: mutated tables through the CSV and Excel readers; anything but rows or the readers' own error fails. */
@Command(
        name = "fuzz",
        mixinStandardHelpOptions = true,
        description = {
            "Fuzz the CSV and Excel readers with mutated files.",
            "",
            "Sample files are mutated (bytes flipped, inserted, deleted, truncated, chunks "
                    + "duplicated; inside the zip entries of .xlsx; CSV also gzipped) and each is read with the layout "
                    + "detected. Every input must end in rows or in the readers' own error (TableSourceException); "
                    + "anything else is printed with the seed and iteration that reproduce it, and the exit status is 1.",
            "Default samples: $ZOCALO_HOME/converter/src/test/resources/data (ZOCALO_HOME defaults to the working directory)."
        })
public final class FuzzCommand implements Callable<Integer> {
    static final String DEFAULT_SAMPLES = "converter/src/test/resources/data";

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "1000", description = "Mutated inputs to read (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed, to reproduce a run (default: the clock).")
    Long seed;

    @Option(names = "--samples", paramLabel = "DIR", description = "Folder of .csv and .xlsx files to mutate.")
    Path samples;

    @Option(names = "--keep", paramLabel = "DIR", description = "Keep here the inputs that escaped, to reproduce them.")
    Path keep;

    @Override
    public Integer call() throws IOException {
        PrintStream out = System.out;
        if (iterations < 1) {
            System.err.println("error: --iterations must be at least 1");
            return CommandLine.ExitCode.USAGE;
        }
        Path dir = samples != null ? samples : Path.of(System.getenv().getOrDefault("ZOCALO_HOME", ".")).resolve(DEFAULT_SAMPLES);
        if (!Files.isDirectory(dir)) {
            System.err.println("error: no folder of samples at " + dir + " (give one with --samples)");
            return CommandLine.ExitCode.USAGE;
        }
        List<Path> files = ReaderFuzzer.samples(dir);
        if (files.isEmpty()) {
            System.err.println("error: no .csv or .xlsx file in " + dir);
            return CommandLine.ExitCode.USAGE;
        }
        long s = seed != null ? seed : System.currentTimeMillis();
        Path work = Files.createTempDirectory("reader-fuzz");
        long start = System.nanoTime();
        try {
            ReaderFuzzer.Result r = new ReaderFuzzer(files, work, keep, out).run(iterations, s);
            out.printf(Locale.ROOT, "seed %d: %d iterations over %d sample files in %.1f s: %d ended in rows, %d in TableSourceException, %d escaped%n",
                    s, r.iterations(), files.size(), (System.nanoTime() - start) / 1e9, r.rows(), r.refused(), r.escapes().size());
            r.escapes().forEach(out::println);
            if (!r.wrapped().isEmpty()) {
                out.println(r.wrapped().size() + " TableSourceExceptions caused by a programming error (caught, but to fix):");
                r.wrapped().forEach(out::println);
            }
            return r.escapes().isEmpty() ? 0 : 1;
        } finally {
            try (Stream<Path> walk = Files.walk(work)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
