package mx.zocalo.converter.rml;

import java.nio.file.Path;
import mx.zocalo.converter.source.TableOptions;

/**
 * Where a triples map reads its records: a table file (CSV, gzipped CSV or XLSX), already resolved to a
 * path, and how to read it (from a CSVW dialect, else the defaults); or a JSON file and the JSONPath
 * iterator that selects its records ({@code iterator} is null for tables).
 */
record LogicalSource(Path file, TableOptions options, String iterator) implements AbstractSource {
    LogicalSource(Path file, TableOptions options) {
        this(file, options, null);
    }

    boolean isJson() {
        return iterator != null;
    }
}
