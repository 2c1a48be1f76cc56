package mx.zocalo.converter;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import mx.zocalo.converter.auto.AutoMapping;
import mx.zocalo.converter.rml.RmlConversion;
import org.apache.jena.graph.Triple;
import org.apache.jena.irix.IRIException;
import org.apache.jena.irix.IRIx;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWrapper;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.Quad;

/**
 * One run of a mapping over its sources, producing quads into a {@link StreamRDF}.
 *
 * <pre>{@code
 * ConversionResult result = Conversion.builder()
 *     .mapping(Path.of("mappings/spending/mapping.rml.ttl"))
 *     .base("https://datos.example.mx/")
 *     .build()
 *     .run(sink);
 * }</pre>
 *
 * Sources named in the mapping resolve relative to the mapping file's folder. The sink receives
 * {@code start()}, the mapping's prefixes, then triples (default graph) and quads (named graphs), and
 * {@code finish()} — also when the conversion fails. On error a {@link ConversionException} names the
 * file, row, column and mapping rule; {@link Builder#rowErrors} can skip bad rows instead. A table can
 * also be converted without a mapping, with one inferred from it ({@link Builder#auto}).
 */
public final class Conversion {
    private final Path mapping;
    private final AutoMapping auto;
    private final String base;
    private final RowErrorHandler rowErrors;
    private final ProgressListener progress;
    private final int threads;
    private final int firstRows;
    private final RowResourceListener rowResources;
    private final Map<Path, SourceOptions> sourceOptions;
    private final SourceOptions allSources;

    private Conversion(Builder b) {
        this.mapping = b.mapping;
        this.auto = b.auto;
        this.base = b.base;
        this.rowErrors = b.rowErrors;
        this.progress = b.progress;
        this.threads = b.threads;
        this.firstRows = b.firstRows;
        this.rowResources = b.rowResources;
        this.sourceOptions = Map.copyOf(b.sourceOptions);
        this.allSources = b.allSources;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The mapping file, or null for a conversion with an inferred mapping ({@link Builder#auto}). */
    public Path mapping() {
        return mapping;
    }

    public String base() {
        return base;
    }

    /** Runs the mapping, sending every generated quad to {@code sink}. */
    public ConversionResult run(StreamRDF sink) {
        sink.start();
        ConversionResult result = null;
        try {
            result = mapping != null
                    ? RmlConversion.run(mapping, base, this::sourceOptions, rowErrors, progress, sink, threads, firstRows, rowResources)
                    : auto.run(absoluteOnly(sink), progress, firstRows, rowResources);
            return result;
        } finally {
            progress.finished(result == null ? -1 : result.rows());
            sink.finish();
        }
    }

    /** The options given for the table source reading {@code file}: those given for the file, then those for every source. */
    private SourceOptions sourceOptions(Path file) {
        return sourceOptions.getOrDefault(file.toAbsolutePath().normalize(), SourceOptions.NONE).or(allSources);
    }

    /** The sink, refusing a relative IRI ({@link AbsoluteIris}); the RML engine checks its own output. */
    private static StreamRDF absoluteOnly(StreamRDF sink) {
        return new StreamRDFWrapper(sink) {
            @Override
            public void triple(Triple triple) {
                AbsoluteIris.check(triple);
                super.triple(triple);
            }

            @Override
            public void quad(Quad quad) {
                AbsoluteIris.check(quad);
                super.quad(quad);
            }
        };
    }

    /** Line-based output syntaxes, written by {@link #write} without going through a {@link StreamRDF}. */
    public enum LineFormat {
        /** N-Quads: named graphs kept. */
        NQUADS,
        /** N-Triples: quads in named graphs are written as plain triples. */
        NTRIPLES
    }

    /**
     * Runs the mapping and writes the result to {@code out} (UTF-8, not closed). The fastest way out: the
     * lines are made on the worker threads along with the mapping, and written in source order.
     */
    public ConversionResult write(OutputStream out, LineFormat format) {
        boolean namedGraphs = format == LineFormat.NQUADS;
        if (mapping == null) {
            StreamRDF writer = StreamRDFWriter.getWriterStream(out, namedGraphs ? RDFFormat.NQUADS : RDFFormat.NTRIPLES);
            return run(namedGraphs ? writer : new QuadsAsTriples(writer));
        }
        ConversionResult result = null;
        try {
            result = RmlConversion.write(mapping, base, this::sourceOptions, rowErrors, progress, out, namedGraphs, threads);
            return result;
        } finally {
            progress.finished(result == null ? -1 : result.rows());
        }
    }

    public static final class Builder {
        private Path mapping;
        private AutoMapping auto;
        private String base;
        private RowErrorHandler rowErrors = RowErrorHandler.fail();
        private ProgressListener progress = ProgressListener.NONE;
        private int threads = Runtime.getRuntime().availableProcessors();
        private int firstRows;
        private RowResourceListener rowResources = RowResourceListener.NONE;
        private final Map<Path, SourceOptions> sourceOptions = new HashMap<>();
        private SourceOptions allSources = SourceOptions.NONE;

        private Builder() {}

        /**
         * Tells {@code listener} which resource each of the first {@code rows} rows of each table became, once the
         * table has been read (for {@link #run}; see {@link RowResourceListener}). None by default.
         */
        public Builder rowResources(int rows, RowResourceListener listener) {
            if (rows < 0) {
                throw new IllegalArgumentException("rows must be 0 or more, was " + rows);
            }
            this.firstRows = rows;
            this.rowResources = Objects.requireNonNull(listener, "row resource listener");
            return this;
        }

        /**
         * How to read the table {@code file} (header row, sheet, encoding, delimiter) wherever the mapping reads it and says
         * nothing itself: a {@code csvw:dialect} property, an {@code rml:iterator} naming a sheet, a YAML source's own
         * {@code headerRow}, {@code sheet}, {@code encoding} or {@code delimiter} win. For {@code dataset.yaml}'s
         * {@code source:}.
         */
        public Builder sourceOptions(Path file, SourceOptions options) {
            this.sourceOptions.put(file.toAbsolutePath().normalize(), Objects.requireNonNull(options, "source options"));
            return this;
        }

        /** As {@link #sourceOptions(Path, SourceOptions)}, for every table the mapping reads (for {@code convert}'s options). */
        public Builder sourceOptions(SourceOptions options) {
            this.allSources = Objects.requireNonNull(options, "source options");
            return this;
        }

        /**
         * Worker threads that map rows (default: one per processor). With 1, everything runs on the calling
         * thread. Either way the sink hears the quads on the calling thread, in source order.
         */
        public Builder threads(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("threads must be at least 1, was " + count);
            }
            this.threads = count;
            return this;
        }

        /**
         * Hears how far the conversion is: called every {@link ProgressListener#EVERY_ROWS} rows, at the end of
         * each source and at the end (e.g. {@code cli.ConsoleProgress}). None by default.
         */
        public Builder progress(ProgressListener listener) {
            this.progress = Objects.requireNonNull(listener, "progress listener");
            return this;
        }

        public Builder mapping(Path mappingFile) {
            this.mapping = mappingFile;
            return this;
        }

        /** Base IRI for relative IRIs the mapping generates; the mapping's own base wins when it declares one. */
        public Builder base(String baseIri) {
            this.base = baseIri;
            return this;
        }

        /** What to do with a row that cannot be converted; by default the conversion stops. */
        public Builder rowErrors(RowErrorHandler handler) {
            this.rowErrors = Objects.requireNonNull(handler, "row error handler");
            return this;
        }

        /**
         * Converts a table without a mapping file instead, with the mapping inferred from it
         * ({@link AutoMapping#infer}, which has its own base IRI; {@link #base} and {@link #rowErrors} do not apply).
         */
        public Builder auto(AutoMapping inferred) {
            this.auto = inferred;
            return this;
        }

        /**
         * @throws IllegalStateException unless exactly one of a mapping file and an inferred mapping is set,
         *                               or when the base is not an absolute IRI
         */
        public Conversion build() {
            if ((mapping == null) == (auto == null)) {
                throw new IllegalStateException(mapping == null
                        ? "give a mapping file (or a table to convert without mapping)"
                        : "give either a mapping file or a table to convert without mapping, not both");
            }
            if (base != null) {
                try {
                    if (!IRIx.create(base).isAbsolute()) {
                        throw new IllegalStateException("the base IRI must be absolute (with a scheme such as https:), not <" + base + ">");
                    }
                } catch (IRIException e) {
                    throw new IllegalStateException("the base IRI <" + base + "> is not a valid IRI: " + e.getMessage(), e);
                }
            }
            return new Conversion(this);
        }
    }
}
