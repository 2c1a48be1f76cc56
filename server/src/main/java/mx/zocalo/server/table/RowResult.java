package mx.zocalo.server.table;

import java.util.List;

/**
 * The answer to a row query: its columns, the rows of the page, and how many rows (or groups) the whole answer has.
 *
 * @param query   what was asked, compiled: its SPARQL ({@link CompiledQuery#sparql()}) is what the answer stands for
 * @param rows    the page
 * @param total   every row (or group) the query's conditions keep, over all pages
 * @param cached  whether the answer was computed earlier for the same data version
 * @param indexed whether the derived row index answered (which rows, in which order, how many) rather than SPARQL;
 *                the answer is the same either way
 */
public record RowResult(CompiledQuery query, List<Row> rows, long total, boolean cached, boolean indexed) {
    public RowResult {
        rows = List.copyOf(rows);
    }

    public RowResult(CompiledQuery query, List<Row> rows, long total, boolean cached) {
        this(query, rows, total, cached, false);
    }

    public List<ResultColumn> columns() {
        return query.columns();
    }

    RowResult asCached() {
        return new RowResult(query, rows, total, true, indexed);
    }
}
