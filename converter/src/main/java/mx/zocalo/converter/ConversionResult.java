package mx.zocalo.converter;

import java.nio.file.Path;
import java.util.List;

/**
 * What a conversion did.
 *
 * @param rows        data rows read (once per source, however many triples maps read it)
 * @param quads       quads sent to the sink (triples in the default graph count as quads)
 * @param sources     the source files read, in order
 * @param skippedRows rows left out because a {@link RowErrorHandler} chose to skip them
 */
public record ConversionResult(long rows, long quads, List<Path> sources, long skippedRows) {

    public ConversionResult(long rows, long quads, List<Path> sources) {
        this(rows, quads, sources, 0);
    }
}
