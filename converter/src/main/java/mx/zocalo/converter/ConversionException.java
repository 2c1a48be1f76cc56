package mx.zocalo.converter;

/**
 * A conversion failed. The message is meant for a publisher: it names the source file, the row
 * (1-based data row, header excluded), the column and the mapping rule that failed, where they are known.
 */
public class ConversionException extends RuntimeException {
    private final String file;
    private final long row;
    private final long line;
    private final String column;
    private final String rule;

    public ConversionException(String message, String file, long row, String column, String rule, Throwable cause) {
        this(message, file, row, -1, column, rule, cause);
    }

    /** With the line (CSV) or sheet row (Excel) where the failing row starts. */
    public ConversionException(String message, String file, long row, long line, String column, String rule, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.row = row;
        this.line = line;
        this.column = column;
        this.rule = rule;
    }

    public ConversionException(String message) {
        this(message, null, -1, null, null, null);
    }

    /** Source file, or null. */
    public String file() { return file; }
    /** Data row number (1 = first row after the header), or -1. */
    public long row() { return row; }
    /** Line of a CSV file or row number of a sheet where the failing row starts, or -1. */
    public long line() { return line; }
    /** Column name, or null. */
    public String column() { return column; }
    /** The mapping rule (triples map / term map) in words or Turtle, or null. */
    public String rule() { return rule; }
}
