package mx.zocalo.converter;

import java.nio.file.Path;

/**
 * Hears which resource each of the first rows of a table became ({@link Conversion.Builder#rowResources}), so that a
 * preview of the table can link its rows to their resources. Called on the thread that runs the conversion, once a
 * table has been read, in row order, for each of its first rows that became a resource (an IRI); rows that became
 * none, or that failed, are not heard of.
 *
 * <p>Which resource a row became: with the automatic mapping, the row's resource. With an RML mapping, the subject of
 * one of the triples maps that read the table directly (logical views and JSON sources are left out): the one whose
 * subjects differ most from row to row among these first rows (a resource per row, not a code shared by many rows), then
 * the one with more predicate-object maps, then the first by name.
 */
@FunctionalInterface
public interface RowResourceListener {
    /** Hears nothing. */
    RowResourceListener NONE = (table, row, line, resource) -> {};

    /**
     * @param table    the table file, as the mapping names it (resolved)
     * @param row      the 1-based data row number (the header not counted)
     * @param line     the line (CSV) or sheet row (Excel) where the row starts
     * @param resource the IRI of the resource the row became
     */
    void rowResource(Path table, long row, long line, String resource);
}
