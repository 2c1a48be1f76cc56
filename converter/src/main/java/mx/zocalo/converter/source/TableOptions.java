package mx.zocalo.converter.source;

import java.nio.charset.Charset;
import java.util.Set;

/**
 * How to read a table, after the CSVW dialect (<a href="https://www.w3.org/TR/tabular-metadata/#dialect-descriptions">CSVW
 * dialect descriptions</a>) a mapping may give, and the sheet a workbook source names.
 *
 * @param delimiter CSV field separator
 * @param encoding  CSV character encoding, or null to detect (UTF-8, else Windows-1252)
 * @param skipRows  rows before the header to ignore (CSV records; sheet rows in a workbook), e.g. a title
 * @param sheet     for a workbook ({@code .xlsx}, {@code .xls}): the sheet to read, by name, or else by its 1-based
 *                  position ("2"); null for the first sheet. CSV ignores it.
 * @param sniffDelimiter CSV: find the delimiter ({@code , ; tab |}) from the first lines instead of using {@code delimiter}
 * @param detectHeader   find the header row below title rows instead of taking the row after {@code skipRows}
 * @param allSheets      for a workbook: read every sheet, one after the other, with the sheet name as an extra first column
 * @param strictRows     CSV: a data row with fewer cells than the header is an error naming it, as one with more cells
 *                       always is; otherwise the missing cells are empty (an RML mapping reads strictly, the automatic
 *                       mapping pads)
 * @param nulls          the cell texts that are empty (null), exactly, for RML-IO {@code rml:null}: then an empty or
 *                       blank CSV cell is a value ({@code ""}, {@code " "}) unless listed; null for the spreadsheet
 *                       rule, where a cell that is empty or only white space is empty. A workbook cell with no text or only
 *                       spaces is empty either way.
 */
public record TableOptions(char delimiter, Charset encoding, int skipRows, String sheet, boolean sniffDelimiter,
        boolean detectHeader, boolean allSheets, boolean strictRows, Set<String> nulls) {
    /** As a mapping reads a table unless it says otherwise: comma, detected encoding, header in the first row. */
    public static final TableOptions DEFAULT = new TableOptions(',', null, 0);

    /** For a table without a mapping: encoding, delimiter and header row detected. */
    public static final TableOptions AUTO = new TableOptions(',', null, 0, null, true, true, false);

    public TableOptions {
        if (skipRows < 0) {
            throw new IllegalArgumentException("skipRows must be >= 0, was " + skipRows);
        }
        if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
            throw new IllegalArgumentException("the delimiter cannot be a quote or a line break");
        }
        if (sheet != null && sheet.isBlank()) {
            throw new IllegalArgumentException("the sheet name is empty");
        }
        nulls = nulls == null ? null : Set.copyOf(nulls);
    }

    public TableOptions(char delimiter, Charset encoding, int skipRows, String sheet, boolean sniffDelimiter,
            boolean detectHeader, boolean allSheets) {
        this(delimiter, encoding, skipRows, sheet, sniffDelimiter, detectHeader, allSheets, false, null);
    }

    public TableOptions(char delimiter, Charset encoding, int skipRows) {
        this(delimiter, encoding, skipRows, null);
    }

    public TableOptions(char delimiter, Charset encoding, int skipRows, String sheet) {
        this(delimiter, encoding, skipRows, sheet, false, false, false);
    }

    /** These options, reading the given sheet of a workbook (null: the first). */
    public TableOptions withSheet(String sheet) {
        return new TableOptions(delimiter, encoding, skipRows, sheet, sniffDelimiter, detectHeader, false, strictRows, nulls);
    }

    /** These options, reading every sheet of a workbook with the sheet name as a first column. */
    public TableOptions withAllSheets() {
        return new TableOptions(delimiter, encoding, skipRows, null, sniffDelimiter, detectHeader, true, strictRows, nulls);
    }

    /** These options with this CSV encoding instead of detecting it. */
    public TableOptions withEncoding(Charset encoding) {
        return new TableOptions(delimiter, encoding, skipRows, sheet, sniffDelimiter, detectHeader, allSheets, strictRows, nulls);
    }

    /** These options with this CSV delimiter instead of finding it. */
    public TableOptions withDelimiter(char delimiter) {
        return new TableOptions(delimiter, encoding, skipRows, sheet, false, detectHeader, allSheets, strictRows, nulls);
    }

    /** These options with the header in row {@code row} (1-based: the rows above it are skipped) instead of finding it. */
    public TableOptions withHeaderRow(int row) {
        if (row < 1) {
            throw new IllegalArgumentException("the header row is counted from 1, was " + row);
        }
        return new TableOptions(delimiter, encoding, row - 1, sheet, sniffDelimiter, false, allSheets, strictRows, nulls);
    }

    /** These options, with a CSV row shorter than the header an error instead of padded ({@link #strictRows()}). */
    public TableOptions withStrictRows() {
        return new TableOptions(delimiter, encoding, skipRows, sheet, sniffDelimiter, detectHeader, allSheets, true, nulls);
    }

    /** These options, with exactly these cell texts empty ({@link #nulls()}); null for the spreadsheet rule. */
    public TableOptions withNulls(Set<String> nulls) {
        return new TableOptions(delimiter, encoding, skipRows, sheet, sniffDelimiter, detectHeader, allSheets, strictRows, nulls);
    }

    /**
     * Which of a workbook's sheets {@code sheet} selects: the sheet of that name, else (a whole number) the sheet at that
     * 1-based position; the first sheet when {@code sheet} is null.
     *
     * @throws TableSourceException naming the sheets the workbook has, when none fits
     */
    static int sheetIndex(String file, java.util.List<String> names, String sheet) {
        if (names.isEmpty()) {
            throw new TableSourceException(file + ": the workbook has no sheet", -1, null);
        }
        if (sheet == null) {
            return 0;
        }
        int byName = names.indexOf(sheet);
        if (byName >= 0) {
            return byName;
        }
        if (sheet.strip().matches("[0-9]{1,9}")) {
            int position = Integer.parseInt(sheet.strip());
            if (position >= 1 && position <= names.size()) {
                return position - 1;
            }
        }
        String list = String.join(", ", names.stream().map(n -> "\"" + n + "\"").toList());
        throw new TableSourceException(file + ": the workbook has no sheet \"" + sheet + "\"; its sheets are: " + list
                + " (give a name, or a position from 1 to " + names.size() + ")", -1, null);
    }

    /** Which sheet of a workbook is read, among which, in words ({@link TableReader#readAs()}). */
    static String sheetsRead(java.util.List<String> names, int index, boolean all) {
        String list = String.join(", ", names.stream().map(n -> "\"" + n + "\"").toList());
        if (all) {
            return "all " + names.size() + " sheets (" + list + ")";
        }
        return "sheet \"" + names.get(index) + "\" (" + (names.size() == 1 ? "the only sheet"
                : (index + 1) + " of " + names.size() + ": " + list) + ")";
    }
}
