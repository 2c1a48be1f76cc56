package mx.zocalo.server.harvest;

/** A harvest that cannot go on: an unreachable source, an HTTP error, a body that is not RDF, too many pages. */
public final class HarvestException extends RuntimeException {
    public HarvestException(String message) {
        super(message);
    }

    public HarvestException(String message, Throwable cause) {
        super(message, cause);
    }
}
