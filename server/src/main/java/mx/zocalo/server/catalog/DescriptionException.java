package mx.zocalo.server.catalog;

/** A {@code dataset.yaml} is missing, unreadable or incomplete; the message names the file and field. */
public class DescriptionException extends RuntimeException {
    public DescriptionException(String message) {
        super(message);
    }

    public DescriptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
