package mx.zocalo.converter.rml;

import java.util.List;
import mx.zocalo.converter.ConversionException;
import mx.zocalo.converter.source.TableOptions;
import mx.zocalo.converter.source.TableReader;
import mx.zocalo.converter.source.TableRow;
import mx.zocalo.converter.source.TableSources;

/**
 * The error for a reference to a column that the table, as read, does not have. Besides the file, the column and the
 * columns found, it says how the table was read (encoding and delimiter, or sheet; the header row and the rows left out
 * above it), looks for the name in the first {@value #ROWS_SEARCHED} rows of the file, and says how to read it otherwise:
 * {@code headerRow:} (dataset.yaml's {@code source:}, a YAML mapping's source), {@code --header-row} (convert),
 * {@code csvw:skipRows} (an RML mapping); likewise for the delimiter and the encoding when the names suggest them.
 */
final class ColumnNotFound {
    static final int ROWS_SEARCHED = 50;

    private ColumnNotFound() {}

    static ConversionException error(Records table, String column, String rule) {
        String kind = table.keyKind();
        StringBuilder message = new StringBuilder(table.description()).append(": ").append(kind).append(" \"").append(column)
                .append("\" does not exist (").append(rule).append("); the ").append(kind).append("s are: ").append(quoted(table.header()));
        TableReader reader = table.table();
        LogicalSource source = table.source();
        if (reader != null && source != null) {
            boolean workbook = LogicalSourceReader.isWorkbook(source.file());
            long skipped = reader.headerLayout().skipRows();
            String row = (workbook ? "sheet row " : "line ") + (skipped + 1);
            message.append(". The table was read");
            if (reader.readAs() != null) {
                message.append(" with ").append(reader.readAs()).append(',');
            }
            message.append(" the header on ").append(row).append(skipped == 0 ? "" : " (the " + (skipped == 1 ? "row" : skipped + " rows")
                    + " above it left out)").append(". ");
            message.append(advice(source, reader, column, workbook));
        }
        return new ConversionException(message.toString(), table.description(), -1, column, rule, null);
    }

    private static final String HOW_HEADER = "headerRow: %1$s under source: in dataset.yaml or on the YAML mapping's source, "
            + "--header-row %1$s on convert, csvw:skipRows %2$s in an RML mapping's csvw:dialect; a mapping's own setting wins";
    private static final String HOW_DELIMITER = "delimiter: \"%1$s\" in dataset.yaml or the YAML source, --delimiter \"%1$s\" "
            + "on convert, csvw:delimiter in an RML mapping";

    private static String advice(LogicalSource source, TableReader reader, String column, boolean workbook) {
        long found = find(source, source.options(), column, workbook);
        if (found > 0) {
            return "\"" + column + "\" is in " + (workbook ? "sheet row " : "row ") + found + ": if that is the header, say so ("
                    + header(found) + ")";
        }
        List<String> header = reader.writtenHeader();
        if (!workbook) {
            for (char d : new char[] {';', '\t', '|', ','}) {
                if (d != source.options().delimiter() && header.stream().anyMatch(h -> h.indexOf(d) >= 0)) {
                    String shown = d == '\t' ? "\\t" : String.valueOf(d);
                    long withIt = find(source, source.options().withDelimiter(d), column, false);
                    return "The names hold \"" + shown + "\": if that is the delimiter, say so (" + String.format(HOW_DELIMITER, shown)
                            + ")" + (withIt > 0 ? "; read so, \"" + column + "\" is in row " + withIt
                            + (withIt > 1 ? ", so the header row is " + withIt + " (" + header(withIt) + ")" : "") : "");
                }
            }
            if (header.stream().anyMatch(h -> h.contains("\uFFFD") || h.contains("Ã") || h.contains("Â"))) {
                return "The names look wrongly decoded: give the file's encoding (encoding: windows-1252 or UTF-8 in dataset.yaml or "
                        + "the YAML source, --encoding on convert, csvw:encoding in an RML mapping)";
            }
        }
        return "No cell of the first " + ROWS_SEARCHED + " rows is \"" + column + "\": check the name (it must match the header "
                + "exactly, accents, case and spaces included), or say which row is the header (" + String.format(HOW_HEADER, "N", "N-1") + ")"
                + (workbook ? "; or read another sheet (sheet: NAME, --sheet, rml:iterator)" : "");
    }

    private static String header(long row) {
        return String.format(HOW_HEADER, row, row - 1);
    }

    /**
     * The row of the first {@value #ROWS_SEARCHED} where a cell is {@code column}, counted as a header row is given (CSV:
     * records; a workbook: sheet rows); 0 when none is.
     */
    private static long find(LogicalSource source, TableOptions options, String column, boolean workbook) {
        try (TableReader table = TableSources.open(source.file(), options.withHeaderRow(1))) {
            if (table.writtenHeader().stream().anyMatch(column::equals)) {
                return workbook ? table.headerLayout().skipRows() + 1 : 1;
            }
            for (int i = 0; i < ROWS_SEARCHED; i++) {
                TableRow row = table.next();
                if (row == null) {
                    return 0;
                }
                for (String value : row.values()) {
                    if (value != null && value.strip().equals(column)) {
                        return workbook ? row.line() : row.number() + 1;
                    }
                }
            }
        } catch (RuntimeException e) {
            return 0; // the table could not be read again: the error says what it can without
        }
        return 0;
    }

    private static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(h -> "\"" + h + "\"").toList());
    }
}
