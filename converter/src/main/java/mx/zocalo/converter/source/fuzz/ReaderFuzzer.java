package mx.zocalo.converter.source.fuzz;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import mx.zocalo.converter.source.TableOptions;
import mx.zocalo.converter.source.TableReader;
import mx.zocalo.converter.source.TableRow;
import mx.zocalo.converter.source.TableSourceException;
import mx.zocalo.converter.source.TableSources;

/**
 * Mutation fuzzing of the table readers: real sample files with bytes flipped, inserted or deleted, truncated, chunks
 * duplicated; for {@code .xlsx}, the same inside one zip entry (the sheet, the shared strings, the styles...), and for
 * CSV also gzipped. The rule: every input ends in rows or in a {@link TableSourceException}; anything else (a
 * NullPointerException, one of POI's own exceptions, OutOfMemoryError...) is an escape, printed with the seed and the
 * iteration that reproduce it.
 *
 * <pre>java -cp ... mx.zocalo.converter.source.fuzz.ReaderFuzzer --iterations 5000 --seed 1 [--samples dir] [--keep dir]</pre>
 *
 * Samples: the {@code .csv} and {@code .xlsx} files of at most 512 KiB in {@code --samples} (default
 * {@code converter/src/test/resources/data}). With {@code --keep}, each escaping input is saved there. Exit status 1
 * when something escaped.
 */
public final class ReaderFuzzer {
    private static final int MAX_SAMPLE_BYTES = 512 << 10;

    /** What one run found. */
    public record Result(int iterations, int rows, int refused, List<String> escapes, List<String> wrapped) {}

    /** Programming errors, not format errors: found as the cause of a TableSourceException, they are reported too. */
    private static final List<Class<?>> BUGS = List.of(NullPointerException.class, ClassCastException.class,
            IndexOutOfBoundsException.class, NegativeArraySizeException.class, ArithmeticException.class);

    private final List<Path> samples;
    private final Path work;
    private final Path keep;
    private final PrintStream log;

    public ReaderFuzzer(List<Path> samples, Path work, Path keep, PrintStream log) {
        this.samples = List.copyOf(samples);
        this.work = work;
        this.keep = keep;
        this.log = log;
    }

    /** Same as {@code zocalo fuzz} ({@link mx.zocalo.converter.cli.FuzzCommand}). */
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new mx.zocalo.converter.cli.FuzzCommand()).execute(args));
    }

    /** The fuzzable files of a folder. */
    public static List<Path> samples(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".csv") || p.toString().endsWith(".xlsx"))
                    .filter(p -> p.toFile().length() <= MAX_SAMPLE_BYTES).sorted().toList();
        }
    }

    public Result run(int iterations, long seed) throws IOException {
        int rows = 0;
        int refused = 0;
        List<String> escapes = new ArrayList<>();
        List<String> wrapped = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            // One generator per iteration, seeded from the run's seed and the iteration: any one can be replayed.
            Random random = new Random(seed * 1_000_003L + i);
            Path sample = samples.get(random.nextInt(samples.size()));
            byte[] bytes = Files.readAllBytes(sample);
            String name = sample.getFileName().toString();
            String what;
            if (name.endsWith(".xlsx")) {
                what = "xlsx";
                bytes = random.nextInt(4) == 0 ? mutate(bytes, random) : mutateEntry(bytes, random);
            } else if (random.nextInt(4) == 0) {
                what = "csv.gz";
                name = name + ".gz";
                bytes = random.nextBoolean() ? mutate(gzip(bytes), random) : gzip(mutate(bytes, random));
            } else {
                what = "csv";
                bytes = mutate(bytes, random);
            }
            Path input = work.resolve("fuzz-" + i + "-" + name);
            Files.write(input, bytes);
            TableOptions options = random.nextBoolean() ? TableOptions.AUTO : TableOptions.DEFAULT;
            if (name.endsWith(".xlsx") && random.nextInt(3) == 0) {
                options = options.withAllSheets();
            }
            try (TableReader table = TableSources.open(input, options)) {
                for (TableRow r = table.next(); r != null; r = table.next()) {
                    r.values();
                }
                rows++;
            } catch (TableSourceException e) {
                refused++;
                for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
                    Throwable cause = c;
                    if (BUGS.stream().anyMatch(b -> b.isInstance(cause))) {
                        wrapped.add("WRAPPED seed " + seed + " iteration " + i + " (" + what + " from " + sample.getFileName()
                                + "): " + trace(cause));
                        break;
                    }
                }
            } catch (Throwable e) { // an escape, whatever it is: report it and go on
                String trace = trace(e);
                escapes.add("ESCAPE seed " + seed + " iteration " + i + " (" + what + " from " + sample.getFileName() + ", "
                        + (options.detectHeader() ? "AUTO" : "DEFAULT") + (options.allSheets() ? " all sheets" : "") + "): " + trace);
                if (keep != null) {
                    Files.createDirectories(keep);
                    Files.copy(input, keep.resolve(input.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                if (log != null) {
                    log.println(escapes.get(escapes.size() - 1));
                }
            } finally {
                Files.deleteIfExists(input);
            }
            if (log != null && (i + 1) % 500 == 0) {
                log.printf(Locale.ROOT, "%d iterations: %d rows, %d refused, %d escaped%n", i + 1, rows, refused, escapes.size());
            }
        }
        return new Result(iterations, rows, refused, escapes, wrapped);
    }

    private static String trace(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        String[] lines = w.toString().split("\n");
        return String.join("\n    ", java.util.Arrays.copyOf(lines, Math.min(lines.length, 12)));
    }

    /** One to eight mutations: flip, insert, delete, truncate, duplicate a chunk, or insert a meaningful byte. */
    static byte[] mutate(byte[] data, Random random) {
        int times = 1 + random.nextInt(8);
        for (int t = 0; t < times; t++) {
            if (data.length == 0) {
                data = new byte[] {(byte) random.nextInt(256)};
                continue;
            }
            int at = random.nextInt(data.length);
            switch (random.nextInt(7)) {
                case 0 -> data[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> data = insert(data, at, new byte[] {(byte) random.nextInt(256)});
                case 2 -> data = delete(data, at, 1 + random.nextInt(Math.min(64, data.length - at)));
                case 3 -> data = java.util.Arrays.copyOf(data, at);
                case 4 -> {
                    int length = 1 + random.nextInt(Math.min(4096, data.length - at));
                    byte[] chunk = java.util.Arrays.copyOfRange(data, at, at + length);
                    data = insert(data, random.nextInt(data.length + 1), chunk);
                }
                case 5 -> {
                    byte[] special = {'"', ',', ';', '\t', '\n', '\r', '<', '>', '/', '=', '&', 0, (byte) 0xFF, (byte) 0xC3, '9', '-'};
                    data = insert(data, at, new byte[] {special[random.nextInt(special.length)]});
                }
                default -> data[at] = (byte) random.nextInt(256);
            }
        }
        return data;
    }

    /** Mutates the bytes of one entry of a zip archive (an .xlsx), keeping the archive valid. */
    static byte[] mutateEntry(byte[] zip, Random random) throws IOException {
        List<String> names = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
                contents.add(in.readAllBytes());
            }
        }
        if (names.isEmpty()) {
            return mutate(zip, random);
        }
        // Mostly the parts a reader reads: a sheet, the shared strings, the styles, the workbook.
        int target = random.nextInt(names.size());
        for (int tries = 0; tries < 4 && !names.get(target).startsWith("xl/"); tries++) {
            target = random.nextInt(names.size());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(zip.length + 1024);
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (int i = 0; i < names.size(); i++) {
                if (i == target && random.nextInt(20) == 0) {
                    continue; // a missing part
                }
                out.putNextEntry(new ZipEntry(names.get(i)));
                out.write(i == target ? mutate(contents.get(i), random) : contents.get(i));
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] insert(byte[] data, int at, byte[] inserted) {
        byte[] result = new byte[data.length + inserted.length];
        System.arraycopy(data, 0, result, 0, at);
        System.arraycopy(inserted, 0, result, at, inserted.length);
        System.arraycopy(data, at, result, at + inserted.length, data.length - at);
        return result;
    }

    private static byte[] delete(byte[] data, int at, int length) {
        byte[] result = new byte[data.length - length];
        System.arraycopy(data, 0, result, 0, at);
        System.arraycopy(data, at + length, result, at, data.length - at - length);
        return result;
    }
}
