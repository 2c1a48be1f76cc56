package mx.zocalo.converter;

import java.nio.file.Path;
import java.util.List;

/** The header and first rows of a source table (CSV, gzipped CSV, XLSX), as text, for display. */
public record TablePreview(List<String> header, List<List<String>> rows) {

    /** Reads the header and at most {@code maxRows} data rows of {@code file}. */
    public static TablePreview read(Path file, int maxRows) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
