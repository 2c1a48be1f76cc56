package mx.zocalo.converter.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import mx.zocalo.converter.Conversion;
import mx.zocalo.converter.ConversionException;
import mx.zocalo.converter.ConversionResult;
import mx.zocalo.converter.auto.AutoMapping;
import org.apache.jena.atlas.RuntimeIOException;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDFWriter;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code convert}: runs an RML mapping and writes the RDF. Usable on its own ({@link #main}) or as a
 * subcommand of a larger command line:
 *
 * <pre>{@code
 * new CommandLine(new ZocaloCommand()).addSubcommand(new ConvertCommand()).execute(args);
 * }</pre>
 *
 * Exit codes: 0 success, 1 conversion or I/O error (message on standard error, no output file left
 * behind), 2 usage error.
 */
@Command(
        name = "convert",
        mixinStandardHelpOptions = true,
        description = {
            "Convert tables (CSV, .csv.gz, .xlsx, .xls) to RDF with a mapping (RML in Turtle, or YAML), or without one (--auto).",
            "Sources named in the mapping resolve relative to the mapping file. Without --output the RDF goes to "
                    + "standard output and only the RDF: messages go to standard error. With --output the file is "
                    + "written under a temporary name and renamed at the end, so an error never leaves a partial file."
        },
        footer = {
            "",
            "Formats: nquads (default) keeps named graphs; ntriples and turtle have no graphs, so quads the "
                    + "mapping puts in named graphs are written as plain triples.",
            "Exit codes: 0 done, 1 conversion error (file, row, column and mapping rule on standard error), 2 usage error."
        })
public final class ConvertCommand implements Callable<Integer> {

    /** Output syntaxes, all written as a stream (memory does not grow with the output). */
    public enum Format {
        nquads(RDFFormat.NQUADS), ntriples(RDFFormat.NTRIPLES), turtle(RDFFormat.TURTLE_BLOCKS);

        final RDFFormat rdfFormat;

        Format(RDFFormat rdfFormat) {
            this.rdfFormat = rdfFormat;
        }
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    /** Exactly one: a mapping, or a table to convert without one. */
    static final class What {
        @Option(names = {"-m", "--mapping"}, required = true, paramLabel = "FILE",
                description = "The mapping: RML in Turtle (.ttl), or YAML (.yml, .yaml: the YARRRML subset of "
                        + "zocalo mapping compile).")
        Path mapping;

        @Option(names = "--auto", required = true, paramLabel = "TABLE",
                description = "Convert this table without a mapping: one resource per row <BASE>id/SLUG/row/N (or "
                        + "<BASE>id/SLUG/VALUE from an identifier column), one property <BASE>def/SLUG#column per column, "
                        + "datatypes inferred over all rows, missing values (NA, n. d., -...) left out. Needs --base, "
                        + "except with --explain. Writes the CSVW metadata beside --output.")
        Path auto;
    }

    @picocli.CommandLine.Mixin
    TableChoice table = new TableChoice();

    @Option(names = "--explain",
            description = "With --auto: print the inferred schema (column, property, datatype, values, missing, examples) instead of "
                    + "converting; IRIs in full, under --base or else " + EXPLAIN_BASE + ".")
    boolean explain;

    @Option(names = "--csvw", paramLabel = "FILE",
            description = "With --auto: write the table's CSVW metadata (JSON) here (default: <output>.csv-metadata.json with --output, none without).")
    Path csvw;

    @Option(names = {"-b", "--base"}, paramLabel = "IRI",
            description = "Base IRI for relative IRIs in the mapping and in generated terms, e.g. https://datos.example.mx/. "
                    + "The mapping's own @base wins.")
    String base;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "nquads",
            description = "nquads, ntriples or turtle (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Output file (default: standard output).")
    Path output;

    /** What a row that cannot be converted does. */
    public enum OnError {
        fail, skip_row;

        /** As written on the command line: {@code skip-row}. */
        @Override
        public String toString() {
            return name().replace('_', '-');
        }
    }

    @Option(names = "--on-error", paramLabel = "WHAT", defaultValue = "fail", converter = OnErrorConverter.class,
            description = "fail (default): stop at the first row that cannot be converted, exit 1, no output file. "
                    + "skip-row: leave such rows out, go on, and report how many were skipped with the first reasons.")
    OnError onError;

    @Option(names = "--skip-bad-rows", hidden = true, description = "Same as --on-error=skip-row.")
    boolean skipBadRows;

    @Option(names = "--threads", paramLabel = "N", description = "Threads that map rows (default: one per processor).")
    Integer threads;

    /**
     * The base IRI {@code --explain} shows IRIs under when no {@code --base} is given: the one {@code zocalo serve} and
     * {@code zocalo publish} mint with by default, so the explanation never prints relative IRIs.
     */
    static final String EXPLAIN_BASE = "http://localhost:8080/";

    /** How many skipped rows are described one by one; the rest are only counted. */
    static final int REASONS_SHOWN = 10;

    static final class OnErrorConverter implements CommandLine.ITypeConverter<OnError> {
        @Override
        public OnError convert(String value) {
            for (OnError e : OnError.values()) {
                if (e.toString().equals(value)) {
                    return e;
                }
            }
            throw new CommandLine.TypeConversionException("expected fail or skip-row, not '" + value + "'");
        }
    }

    @Option(names = {"-q", "--quiet"},
            description = "No progress on standard error (by default a conversion longer than 2 s shows rows done, "
                    + "rows per second and the time left).")
    boolean quiet;

    @Spec
    CommandSpec spec;

    private final OutputStream standardOutput;

    public ConvertCommand() {
        this(new FileOutputStream(FileDescriptor.out));
    }

    /** A command that writes RDF to {@code standardOutput} when no --output is given. */
    public ConvertCommand(OutputStream standardOutput) {
        this.standardOutput = standardOutput;
    }

    public static void main(String[] args) {
        if (System.getProperty("log4j2.loggerContextFactory") == null) {
            // POI logs through the Log4j API; without a backend on the class path it would complain on stderr.
            System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        }
        CommandLine cli = new CommandLine(new ConvertCommand());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Conversion.Builder builder = Conversion.builder().base(base);
        AutoMapping inferred = null;
        if (what.mapping != null) {
            if (table.autoOnlyGiven() || explain || csvw != null) {
                err.println("error: --slug, --all-sheets, --id-column, --explain and --csvw are for a table without a mapping (--auto)");
                err.flush();
                return CommandLine.ExitCode.USAGE;
            }
            try {
                builder.mapping(what.mapping).sourceOptions(table.sourceOptions());
            } catch (IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                err.flush();
                return CommandLine.ExitCode.USAGE;
            }
        } else {
            if (base == null && !explain) {
                err.println("error: a conversion without a mapping needs the base IRI (--base), e.g. --base https://datos.example.mx/");
                err.flush();
                return CommandLine.ExitCode.USAGE;
            }
            if (base == null) {
                err.println("note: no --base given: the IRIs below are under " + EXPLAIN_BASE
                        + ", the portal's default base; give yours with --base");
            }
            try {
                inferred = AutoMapping.infer(what.auto, table.options(), base != null ? base : EXPLAIN_BASE, table.slug,
                        table.idColumn);
            } catch (IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                err.flush();
                return CommandLine.ExitCode.USAGE;
            } catch (ConversionException e) {
                err.println("error: " + e.getMessage());
                err.flush();
                return 1;
            }
            if (!explain) {
                for (String note : inferred.layoutNotes()) {
                    err.println("note: " + note);
                }
            }
            if (explain) {
                PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(standardOutput, java.nio.charset.StandardCharsets.UTF_8));
                inferred.explain(out);
                out.flush();
                return 0;
            }
            builder = Conversion.builder().auto(inferred);
        }
        long[] skippedSeen = {0};
        if (skipBadRows || onError == OnError.skip_row) {
            builder.rowErrors(e -> {
                if (++skippedSeen[0] <= REASONS_SHOWN) {
                    err.println("skipped: " + e.getMessage());
                } else if (skippedSeen[0] == REASONS_SHOWN + 1) {
                    err.println("skipped: more rows; only the first " + REASONS_SHOWN + " reasons are shown");
                }
            });
        }
        if (threads != null) {
            if (threads < 1) {
                err.println("error: --threads must be at least 1");
                err.flush();
                return CommandLine.ExitCode.USAGE;
            }
            builder.threads(threads);
        }
        if (!quiet) {
            builder.progress(ConsoleProgress.on(err));
        }
        Conversion conversion;
        try {
            conversion = builder.build();
        } catch (IllegalStateException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return CommandLine.ExitCode.USAGE;
        }
        if (base != null && !base.endsWith("/") && !base.endsWith("#")) {
            err.println("warning: the base IRI <" + base + "> does not end with / or #; relative IRIs are appended to it as is");
        }
        long start = System.nanoTime();
        try {
            ConversionResult result = output == null ? toStandardOutput(conversion) : toFile(conversion, output);
            Path metadata = csvw != null ? csvw : output != null && inferred != null
                    ? output.resolveSibling(output.getFileName() + ".csv-metadata.json") : null;
            if (inferred != null && metadata != null) {
                writeCsvw(inferred, metadata);
                err.println("CSVW metadata -> " + metadata);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            err.printf(Locale.ROOT, "converted %,d rows into %,d quads in %.1f s%s%s%n", result.rows(), result.quads(),
                    seconds, result.skippedRows() == 0 ? "" : String.format(Locale.ROOT, " (%,d rows skipped)", result.skippedRows()),
                    output == null ? "" : " -> " + output);
            String vocabulary = what.mapping == null ? null : mx.zocalo.converter.rml.RmlConversion.vocabulary(what.mapping);
            err.print(vocabulary == null ? "" : "mapping vocabulary: " + vocabulary + System.lineSeparator());
            err.flush();
            return 0;
        } catch (ConversionException e) {
            err.println("error: " + e.getMessage());
        } catch (IOException | UncheckedIOException | RuntimeIOException e) {
            Throwable cause = e.getCause() != null && !(e instanceof IOException) ? e.getCause() : e;
            err.println("error: cannot write " + (output == null ? "standard output" : output) + ": " + cause.getMessage());
        }
        err.flush();
        return 1;
    }

    /** The CSVW metadata of an inferred mapping, the table named relative to the metadata file. */
    static void writeCsvw(AutoMapping inferred, Path metadata) throws IOException {
        Path folder = metadata.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        String relative = folder.relativize(inferred.table().toAbsolutePath()).toString().replace(java.io.File.separatorChar, '/');
        String url;
        try {
            url = new java.net.URI(null, null, relative, null).getRawPath();
        } catch (java.net.URISyntaxException e) {
            url = relative;
        }
        Path temporary = folder.resolve("." + metadata.getFileName() + "." + ProcessHandle.current().pid() + ".part");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                inferred.writeCsvw(out, url);
            }
            Files.move(temporary, metadata, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private ConversionResult toStandardOutput(Conversion conversion) throws IOException {
        OutputStream out = new BufferedOutputStream(standardOutput, 1 << 16);
        ConversionResult result = convert(conversion, out);
        out.flush();
        return result;
    }

    private ConversionResult toFile(Conversion conversion, Path target) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        // A hidden sibling, so the final rename stays on one file system and is atomic.
        Path temporary = folder.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + System.nanoTime() + ".part");
        try {
            ConversionResult result;
            try (OutputStream out = new BufferedOutputStream(
                    Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16)) {
                result = convert(conversion, out);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return result;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private ConversionResult convert(Conversion conversion, OutputStream out) {
        return switch (format) {
            case nquads -> conversion.write(out, Conversion.LineFormat.NQUADS);
            case ntriples -> conversion.write(out, Conversion.LineFormat.NTRIPLES);
            case turtle -> conversion.run(StreamRDFWriter.getWriterStream(out, format.rdfFormat));
        };
    }
}
