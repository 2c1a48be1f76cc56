package mx.zocalo.converter.source;

import java.io.Closeable;
import java.util.List;

/**
 * Reads a table one row at a time: the header first, then the data rows. One implementation per
 * source format; the mapping engine never asks which.
 */
public interface TableReader extends Closeable {

    /** Column names, in order: the header row's names, stripped, made unique and never empty (see {@link #writtenHeader()}). */
    List<String> header();

    /**
     * The header as the file writes it, before empty names became {@code column_N} and repeated names got {@code _2},
     * {@code _3}...; without the {@code sheet} column of {@link TableOptions#allSheets()}. A reference to a name the file
     * repeats is ambiguous, whatever {@link #header()} made of it.
     */
    default List<String> writtenHeader() {
        return header();
    }

    /**
     * What the reader made of the table's layout when it found it by itself: title rows passed over, no header row,
     * footnote rows left out after the table. Complete once the last row was read; empty when there was nothing to say.
     */
    default List<String> layoutNotes() {
        return List.of();
    }

    /**
     * Where the header was found, in CSVW dialect terms: the rows above it ({@code skipRows}, counted in lines for CSV)
     * and the number of header rows (0 for a table without one, 2 for a two-row header).
     */
    default HeaderLayout headerLayout() {
        return new HeaderLayout(0, 1);
    }

    /** See {@link #headerLayout()}. */
    record HeaderLayout(long skipRows, int headerRowCount) {}

    /**
     * How the file was read, in words for messages: a CSV file's encoding and delimiter (and whether they were given or
     * found), a workbook's sheet among its sheets; null when there is nothing to say.
     */
    default String readAs() {
        return null;
    }

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
