package mx.zocalo.converter.source;

import java.io.Closeable;
import java.util.List;

/**
 * Reads a table one row at a time: the header first, then the data rows. One implementation per
 * source format; the mapping engine never asks which.
 */
public interface TableReader extends Closeable {

    /** Column names, in order, as written in the header row. */
    List<String> header();

    /** The next data row, or null at the end of the table. */
    TableRow next();

    /** Where the table comes from, for messages (a file name, with the sheet for workbooks). */
    String description();

    /** Bytes of the source file consumed so far (compressed bytes for a gzipped file), or -1 if not known; for progress. */
    default long bytesRead() {
        return -1;
    }

    @Override
    void close();
}
