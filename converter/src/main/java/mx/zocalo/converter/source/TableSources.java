package mx.zocalo.converter.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens a table by its file name: {@code .xlsx} and {@code .xls} are Excel workbooks (the sheet the options name, else the first), {@code .csv.gz} and
 * {@code .gz} are gzipped CSV, anything else is CSV in UTF-8.
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
            return XlsTableReader.open(file, options.skipRows(), options.sheet());
        }
        if (name.endsWith(".xlsx")) {
            return XlsxTableReader.open(file, options.skipRows(), options.sheet());
        }
        return CsvTableReader.open(file, name.endsWith(".gz"), options);
    }
}
