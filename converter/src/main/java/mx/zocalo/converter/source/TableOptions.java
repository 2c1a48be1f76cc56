package mx.zocalo.converter.source;

import java.nio.charset.Charset;

/**
 * How to read a table, after the CSVW dialect (<a href="https://www.w3.org/TR/tabular-metadata/#dialect-descriptions">CSVW
 * dialect descriptions</a>) a mapping may give.
 *
 * @param delimiter CSV field separator
 * @param encoding  CSV character encoding, or null to detect (UTF-8, else Windows-1252)
 * @param skipRows  rows before the header to ignore (CSV records; sheet rows in a workbook), e.g. a title
 */
public record TableOptions(char delimiter, Charset encoding, int skipRows) {
    public static final TableOptions DEFAULT = new TableOptions(',', null, 0);

    public TableOptions {
        if (skipRows < 0) {
            throw new IllegalArgumentException("skipRows must be >= 0, was " + skipRows);
        }
        if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
            throw new IllegalArgumentException("the delimiter cannot be a quote or a line break");
        }
    }
}
