package mx.zocalo.server.store;

/** The store cannot be reached or refused a request; the message names the URL. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
