package mx.zocalo.converter.rml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import mx.zocalo.converter.ConversionException;
import mx.zocalo.converter.ConversionResult;
import mx.zocalo.converter.ProgressListener;
import mx.zocalo.converter.RowErrorHandler;
import mx.zocalo.converter.RowResourceListener;
import mx.zocalo.converter.SourceOptions;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.system.StreamRDF;

/**
 * Entry point of the RML engine for {@link mx.zocalo.converter.Conversion}: reads and validates the
 * mapping, then runs it. Every failure comes out as a {@link ConversionException}.
 */
public final class RmlConversion {
    private static final Function<Path, SourceOptions> NO_OPTIONS = file -> SourceOptions.NONE;

    private RmlConversion() {}

    public static ConversionResult run(Path mappingFile, String base, RowErrorHandler rowErrors, StreamRDF sink) {
        return run(mappingFile, base, rowErrors, ProgressListener.NONE, sink);
    }

    public static ConversionResult run(Path mappingFile, String base, RowErrorHandler rowErrors, ProgressListener progress,
            StreamRDF sink) {
        return run(mappingFile, base, NO_OPTIONS, rowErrors, progress, QuadOutput.of(sink), 1, 0, RowResourceListener.NONE);
    }

    /**
     * Runs the mapping with {@code threads} worker threads: quads reach {@code sink} in source order on the calling
     * thread.
     */
    public static ConversionResult run(Path mappingFile, String base, Function<Path, SourceOptions> sourceOptions,
            RowErrorHandler rowErrors, ProgressListener progress, StreamRDF sink, int threads) {
        return run(mappingFile, base, sourceOptions, rowErrors, progress, sink, threads, 0, RowResourceListener.NONE);
    }

    /**
     * As {@link #run(Path, String, Function, RowErrorHandler, ProgressListener, StreamRDF, int)}, and tells
     * {@code rowResources} which resource each of the first {@code firstRows} rows of each table became.
     */
    public static ConversionResult run(Path mappingFile, String base, Function<Path, SourceOptions> sourceOptions,
            RowErrorHandler rowErrors, ProgressListener progress, StreamRDF sink, int threads, int firstRows,
            RowResourceListener rowResources) {
        return run(mappingFile, base, sourceOptions, rowErrors, progress, QuadOutput.of(sink), threads, firstRows, rowResources);
    }

    /**
     * Runs the mapping and writes N-Quads ({@code namedGraphs}) or N-Triples to {@code out}, the lines made on
     * {@code threads} worker threads and written in source order.
     */
    public static ConversionResult write(Path mappingFile, String base, Function<Path, SourceOptions> sourceOptions,
            RowErrorHandler rowErrors, ProgressListener progress, java.io.OutputStream out, boolean namedGraphs, int threads) {
        return run(mappingFile, base, sourceOptions, rowErrors, progress, QuadOutput.lines(out, namedGraphs), threads, 0,
                RowResourceListener.NONE);
    }

    private static ConversionResult run(Path mappingFile, String base, Function<Path, SourceOptions> sourceOptions,
            RowErrorHandler rowErrors, ProgressListener progress, QuadOutput sink, int threads, int firstRows,
            RowResourceListener rowResources) {
        String name = mappingFile.getFileName().toString();
        if (!Files.isRegularFile(mappingFile)) {
            throw new ConversionException("mapping file not found: " + mappingFile.toAbsolutePath().normalize(),
                    name, -1, null, null, null);
        }
        Mapping mapping;
        try {
            mapping = MappingReader.read(mappingFile, base, sourceOptions);
            ConstantIris.check(mapping);
        } catch (MappingSyntaxException e) {
            throw new ConversionException(e.getMessage(), name, -1, null, null, e);
        } catch (RiotException e) {
            throw new ConversionException(name + ": cannot read the mapping: " + e.getMessage(), name, -1, null, null, e);
        } catch (MappingException e) {
            throw new ConversionException(name + ": invalid mapping: " + e.getMessage(), name, -1, null, e.getMessage(), e);
        }
        mapping.prefixes().forEach(sink::prefix);
        return new MappingRunner(mapping, sink, rowErrors, threads).progress(progress).rowResources(firstRows, rowResources).run();
    }

    /**
     * The vocabulary a mapping file is written in, in words: {@code RML (http://w3id.org/rml/)}, or the older
     * {@code legacy RML (http://semweb.mmlab.be/ns/rml#)} and {@code R2RML (http://www.w3.org/ns/r2rml#)}, which
     * the engine reads too; null when the file cannot be read as RDF (running it reports why).
     */
    public static String vocabulary(Path mappingFile) {
        try {
            return MappingReader.vocabulary(mappingFile);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
