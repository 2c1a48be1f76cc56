package mx.zocalo.converter.source;

import java.nio.charset.Charset;

/**
 * How to read a table, after the CSVW dialect (<a href="https://www.w3.org/TR/tabular-metadata/#dialect-descriptions">CSVW
 * dialect descriptions</a>) a mapping may give, and the sheet a workbook source names.
 *
 * @param delimiter CSV field separator
 * @param encoding  CSV character encoding, or null to detect (UTF-8, else Windows-1252)
 * @param skipRows  rows before the header to ignore (CSV records; sheet rows in a workbook), e.g. a title
 * @param sheet     for a workbook ({@code .xlsx}, {@code .xls}): the sheet to read, by name, or else by its 1-based
 *                  position ("2"); null for the first sheet. CSV ignores it.
 */
public record TableOptions(char delimiter, Charset encoding, int skipRows, String sheet) {
    public static final TableOptions DEFAULT = new TableOptions(',', null, 0);

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
    }

    public TableOptions(char delimiter, Charset encoding, int skipRows) {
        this(delimiter, encoding, skipRows, null);
    }

    /** These options, reading the given sheet of a workbook (null: the first). */
    public TableOptions withSheet(String sheet) {
        return new TableOptions(delimiter, encoding, skipRows, sheet);
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
}
