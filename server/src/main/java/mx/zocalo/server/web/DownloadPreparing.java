package mx.zocalo.server.web;

/**
 * An RDF download of the current version not written yet (publish.DownloadJobs writes it after the publish): answered
 * 503 with {@code Retry-After} by {@link ErrorPages}, in the request's language.
 */
final class DownloadPreparing extends RuntimeException {
    /** Seconds a client is told to wait before asking again. */
    static final int RETRY_AFTER_SECONDS = 10;
    private final String file;

    DownloadPreparing(String file) {
        super("The download " + file + " is being prepared: try again in a few seconds");
        this.file = file;
    }

    String file() {
        return file;
    }
}
