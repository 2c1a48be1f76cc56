package mx.zocalo.converter.source;

/** A table could not be opened or read. The message names the file and, where known, the line. */
public class TableSourceException extends RuntimeException {
    private final long line;

    public TableSourceException(String message, long line, Throwable cause) {
        super(message, cause);
        this.line = line;
    }

    /** The line or sheet row where reading failed, or -1. */
    public long line() {
        return line;
    }
}
