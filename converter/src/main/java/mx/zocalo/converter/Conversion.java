package mx.zocalo.converter;

import java.nio.file.Path;
import java.util.Objects;
import mx.zocalo.converter.rml.RmlConversion;
import org.apache.jena.riot.system.StreamRDF;

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
 * {@code start()} and {@code finish()} around the quads. On error a {@link ConversionException} names
 * the file, row, column and mapping rule; {@link Builder#rowErrors} can skip bad rows instead.
 */
public final class Conversion {
    private final Path mapping;
    private final String base;
    private final RowErrorHandler rowErrors;

    private Conversion(Builder b) {
        this.mapping = b.mapping;
        this.base = b.base;
        this.rowErrors = b.rowErrors;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Path mapping() {
        return mapping;
    }

    public String base() {
        return base;
    }

    /** Runs the mapping, sending every generated quad to {@code sink}. */
    public ConversionResult run(StreamRDF sink) {
        sink.start();
        try {
            return RmlConversion.run(mapping, base, rowErrors, sink);
        } finally {
            sink.finish();
        }
    }

    public static final class Builder {
        private Path mapping;
        private String base;
        private RowErrorHandler rowErrors = RowErrorHandler.fail();

        private Builder() {}

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

        public Conversion build() {
            Objects.requireNonNull(mapping, "mapping file");
            return new Conversion(this);
        }
    }
}
