package mx.zocalo.converter.rml;

import java.util.List;
import java.util.Map;
import mx.zocalo.converter.source.TableRow;

/** A data row seen through its header: values by column name, null when empty; {@value #ROW_NUMBER} is the row number. */
record RowValues(Map<String, Integer> columns, TableRow row) implements Record {
    /**
     * A reference to a column that a table does not have by this name is the data row number (1, 2, ...), as
     * {@code _row} in CSVW URI templates.
     */
    static final String ROW_NUMBER = "_row";

    @Override
    public List<String> values(String column) {
        String value = get(column);
        return value == null ? List.of() : List.of(value);
    }

    String get(String column) {
        Integer index = columns.get(column);
        if (index == null) {
            return column.equals(ROW_NUMBER) ? Long.toString(row.number()) : null;
        }
        return row.value(index);
    }

    static Map<String, Integer> index(List<String> header) {
        Map<String, Integer> columns = new java.util.HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            columns.putIfAbsent(header.get(i), i);
        }
        return columns;
    }
}
