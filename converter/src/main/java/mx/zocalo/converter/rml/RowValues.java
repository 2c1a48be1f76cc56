package mx.zocalo.converter.rml;

import java.util.List;
import java.util.Map;
import mx.zocalo.converter.source.TableRow;

/** A data row seen through its header: values by column name, null when empty. */
record RowValues(Map<String, Integer> columns, TableRow row) implements Record {

    @Override
    public List<String> values(String column) {
        String value = get(column);
        return value == null ? List.of() : List.of(value);
    }

    String get(String column) {
        Integer index = columns.get(column);
        return index == null ? null : row.value(index);
    }

    static Map<String, Integer> index(List<String> header) {
        Map<String, Integer> columns = new java.util.HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            columns.putIfAbsent(header.get(i), i);
        }
        return columns;
    }
}
