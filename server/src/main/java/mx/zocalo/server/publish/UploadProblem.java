package mx.zocalo.server.publish;

/**
 * Why an upload or a web publish was refused, for the person who sent it: the HTTP status it answers (400, 404, 413,
 * 415, 422, 429...), and where known the file, the data row, the column and the dataset.yaml field at fault. Handlers
 * turn it into {@code {error, file, row, column, field}} (the API) or a message on the page.
 */
public final class UploadProblem extends RuntimeException {
    private final int status;
    private final String file;
    private final long row;
    private final String column;
    private final String field;
    private final long retryAfterSeconds;

    public UploadProblem(int status, String message) {
        this(status, message, null, -1, null, null, 0, null);
    }

    public UploadProblem(int status, String message, String field) {
        this(status, message, null, -1, null, field, 0, null);
    }

    public UploadProblem(int status, String message, String file, long row, String column, String field, long retryAfterSeconds,
            Throwable cause) {
        super(message, cause);
        this.status = status;
        this.file = file;
        this.row = row;
        this.column = column;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() { return status; }
    /** The file at fault, or null. */
    public String file() { return file; }
    /** The data row (from 1, header excluded), or -1. */
    public long row() { return row; }
    /** The column, or null. */
    public String column() { return column; }
    /** The dataset.yaml field (or form field) at fault, or null. */
    public String field() { return field; }
    /** For a 429: seconds until another upload is accepted; else 0. */
    public long retryAfterSeconds() { return retryAfterSeconds; }
}
