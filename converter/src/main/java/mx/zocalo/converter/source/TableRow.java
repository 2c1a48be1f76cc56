package mx.zocalo.converter.source;

import java.util.Collections;
import java.util.List;

/**
 * One data row of a table.
 *
 * @param number 1-based data row number (the header is not counted)
 * @param line   1-based line (CSV) or sheet row (Excel) where the row starts
 * @param values cell values as text, aligned with the header; an empty, blank (only white space) or missing cell is {@code null}
 */
public record TableRow(long number, long line, List<String> values) {

    public TableRow {
        values = Collections.unmodifiableList(values); // a view: rows are many, copying each would cost
    }

    /** The value at {@code index}, or null when the cell is empty or missing. */
    public String value(int index) {
        return index < values.size() ? values.get(index) : null;
    }
}
