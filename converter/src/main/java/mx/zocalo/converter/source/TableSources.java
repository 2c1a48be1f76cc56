package mx.zocalo.converter.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens a table by its file name: {@code .xlsx} and {@code .xls} are Excel workbooks (the sheet the options name, else the
 * first, or all of them), {@code .csv.gz} and {@code .gz} are gzipped CSV, anything else is CSV. Whatever the file holds,
 * opening and reading it either gives rows or throws a {@link TableSourceException} naming the file (and, where there is
 * one, the row and column).
 */
public final class TableSources {
    private TableSources() {}

    public static TableReader open(Path file) {
        return open(file, TableOptions.DEFAULT);
    }

    public static TableReader open(Path file, TableOptions options) {
        if (!Files.isRegularFile(file)) {
            throw new TableSourceException("source file not found: " + file.toAbsolutePath().normalize(), -1, null);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".xls")) {
            return XlsTableReader.open(file, options);
        }
        if (name.endsWith(".xlsx")) {
            return XlsxTableReader.open(file, options);
        }
        return CsvTableReader.open(file, name.endsWith(".gz"), options);
    }
}
