package mx.zocalo.server.web;

/**
 * The limits of the public SPARQL endpoint.
 *
 * @param timeoutSeconds a query running longer is stopped and answered with 503 and a message
 * @param maxRows        at most this many solutions (SELECT) or triples (CONSTRUCT, DESCRIBE) are returned; longer
 *                       results are cut and say so in the {@value SparqlService#TRUNCATED_HEADER} header
 * @param maxConcurrent  at most this many queries run at once; the others wait
 * @param queueWaitMillis how long a query waits for a free slot before it is answered with 503 and {@code Retry-After}
 */
public record SparqlLimits(int timeoutSeconds, int maxRows, int maxConcurrent, long queueWaitMillis) {
    public static final int DEFAULT_TIMEOUT_SECONDS = 30;
    public static final int DEFAULT_MAX_ROWS = 10_000;
    public static final int DEFAULT_MAX_CONCURRENT = 4;
    public static final long DEFAULT_QUEUE_WAIT_MILLIS = 2_000;

    public SparqlLimits {
        if (timeoutSeconds < 1) throw new IllegalArgumentException("The query timeout must be at least 1 second: " + timeoutSeconds);
        if (maxRows < 1) throw new IllegalArgumentException("The row limit must be at least 1: " + maxRows);
        if (maxConcurrent < 1) throw new IllegalArgumentException("At least one query must be allowed to run: " + maxConcurrent);
        if (queueWaitMillis < 0) throw new IllegalArgumentException("Negative queue wait: " + queueWaitMillis);
    }

    public static SparqlLimits defaults() {
        return new SparqlLimits(DEFAULT_TIMEOUT_SECONDS, DEFAULT_MAX_ROWS, DEFAULT_MAX_CONCURRENT, DEFAULT_QUEUE_WAIT_MILLIS);
    }

    public SparqlLimits withTimeoutSeconds(int s) { return new SparqlLimits(s, maxRows, maxConcurrent, queueWaitMillis); }
    public SparqlLimits withMaxRows(int n) { return new SparqlLimits(timeoutSeconds, n, maxConcurrent, queueWaitMillis); }
    public SparqlLimits withMaxConcurrent(int n) { return new SparqlLimits(timeoutSeconds, maxRows, n, queueWaitMillis); }
    public SparqlLimits withQueueWaitMillis(long ms) { return new SparqlLimits(timeoutSeconds, maxRows, maxConcurrent, ms); }
}
