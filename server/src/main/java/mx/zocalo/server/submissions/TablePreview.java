package mx.zocalo.server.submissions;

import java.nio.file.Path;
import java.util.List;

/**
 * What the portal reads in a table before it is published: rows, columns with their inferred types and examples, and
 * notes on the layout (header row, footnotes, sheet) — the preview a reviewer judges a submission by. One implementation
 * ({@link AutoTablePreview}) asks the converter's inference, as {@code zocalo convert --auto --explain} does.
 */
public interface TablePreview {
    /** A column as read: its title, the inferred type (its CSVW name), how many values are missing, a few examples. */
    record Column(String title, String type, long missing, boolean unique, List<String> examples) {}

    /** The table as read, or the reason it cannot be read ({@code error}, naming file, sheet, row and column). */
    record Preview(long rows, List<Column> columns, List<String> notes, String explanation, String error) {
        public static Preview failed(String error) {
            return new Preview(0, List.of(), List.of(), null, error);
        }

        public boolean ok() {
            return error == null;
        }
    }

    /** Reads {@code table} (a CSV, XLSX or XLS file) as it would be published under {@code slug}. */
    Preview read(Path table, String slug);
}
