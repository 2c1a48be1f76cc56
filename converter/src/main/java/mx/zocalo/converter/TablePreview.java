package mx.zocalo.converter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mx.zocalo.converter.source.TableOptions;
import mx.zocalo.converter.source.TableReader;
import mx.zocalo.converter.source.TableRow;
import mx.zocalo.converter.source.TableSourceException;
import mx.zocalo.converter.source.TableSources;

/**
 * The header and first rows of a source table (CSV, gzipped CSV, XLSX, XLS), as text, for display. Empty
 * cells are empty strings; every row has as many cells as the header (or more, if the row is longer). {@code lines}
 * holds, for each row, the line (CSV) or sheet row (Excel) where it starts, as {@link RowResourceListener} names rows.
 */
public record TablePreview(List<String> header, List<List<String>> rows, List<Long> lines) {

    /**
     * Reads the header and at most {@code maxRows} data rows of {@code file}, its layout found as the automatic mapping
     * finds it ({@link TableOptions#AUTO}: encoding, delimiter, title rows above the header).
     *
     * @throws ConversionException when the file is missing or cannot be read
     */
    public static TablePreview read(Path file, int maxRows) {
        if (maxRows < 0) {
            throw new IllegalArgumentException("maxRows must be >= 0, was " + maxRows);
        }
        String name = file.getFileName().toString();
        try (TableReader table = TableSources.open(file, TableOptions.AUTO)) {
            List<List<String>> rows = new ArrayList<>();
            List<Long> lines = new ArrayList<>();
            int width = table.header().size();
            TableRow row;
            while (rows.size() < maxRows && (row = table.next()) != null) {
                List<String> cells = new ArrayList<>(Math.max(width, row.values().size()));
                for (int i = 0; i < Math.max(width, row.values().size()); i++) {
                    String v = row.value(i);
                    cells.add(v == null ? "" : v);
                }
                rows.add(List.copyOf(cells));
                lines.add(row.line());
            }
            return new TablePreview(table.header(), List.copyOf(rows), List.copyOf(lines));
        } catch (TableSourceException e) {
            throw new ConversionException(e.getMessage(), name, -1, null, null, e);
        }
    }
}
