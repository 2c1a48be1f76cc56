package mx.zocalo.server.web;

/**
 * The limits of the public SPARQL endpoint.
 *
 * @param timeoutSeconds a query running longer is stopped and answered with 503 and a message
 * @param maxRows        at most this many solutions (SELECT) or triples (CONSTRUCT, DESCRIBE) are returned; longer
 *                       results are cut and say so in the {@value SparqlService#TRUNCATED_HEADER} header
 * @param maxConcurrent  at most this many queries run at once; the others wait
 * @param queueWaitMillis how long a query waits for a free slot before it is answered with 503 and {@code Retry-After}
 * @param perClient     at most this many queries ({@code /sparql} and the row API) of one client address run or wait at
 *                      once, the next answered 429 ({@link ClientQueries}); 0 for no limit
 */
public record SparqlLimits(int timeoutSeconds, int maxRows, int maxConcurrent, long queueWaitMillis, int perClient) {
    public static final int DEFAULT_TIMEOUT_SECONDS = 30;
    public static final int DEFAULT_MAX_ROWS = 10_000;
    public static final int DEFAULT_MAX_CONCURRENT = 4;
    public static final long DEFAULT_QUEUE_WAIT_MILLIS = 2_000;

    public SparqlLimits {
        if (timeoutSeconds < 1) throw new IllegalArgumentException("The query timeout must be at least 1 second: " + timeoutSeconds);
        if (maxRows < 1) throw new IllegalArgumentException("The row limit must be at least 1: " + maxRows);
        if (maxConcurrent < 1) throw new IllegalArgumentException("At least one query must be allowed to run: " + maxConcurrent);
        if (queueWaitMillis < 0) throw new IllegalArgumentException("Negative queue wait: " + queueWaitMillis);
        if (perClient < 0) throw new IllegalArgumentException("Negative limit of queries per client: " + perClient);
    }

    /** Limits with no limit per client (as a test or a bench from one address needs). */
    public SparqlLimits(int timeoutSeconds, int maxRows, int maxConcurrent, long queueWaitMillis) {
        this(timeoutSeconds, maxRows, maxConcurrent, queueWaitMillis, 0);
    }

    /** The portal's defaults: with {@link #defaultPerClient} of the default slots per client. */
    public static SparqlLimits defaults() {
        return new SparqlLimits(DEFAULT_TIMEOUT_SECONDS, DEFAULT_MAX_ROWS, DEFAULT_MAX_CONCURRENT, DEFAULT_QUEUE_WAIT_MILLIS,
                defaultPerClient(DEFAULT_MAX_CONCURRENT));
    }

    /** Half the slots, rounded up: one address never takes every slot when there are two or more. */
    public static int defaultPerClient(int maxConcurrent) {
        return (maxConcurrent + 1) / 2;
    }

    public SparqlLimits withTimeoutSeconds(int s) { return new SparqlLimits(s, maxRows, maxConcurrent, queueWaitMillis, perClient); }
    public SparqlLimits withMaxRows(int n) { return new SparqlLimits(timeoutSeconds, n, maxConcurrent, queueWaitMillis, perClient); }
    public SparqlLimits withMaxConcurrent(int n) { return new SparqlLimits(timeoutSeconds, maxRows, n, queueWaitMillis, perClient); }
    public SparqlLimits withQueueWaitMillis(long ms) { return new SparqlLimits(timeoutSeconds, maxRows, maxConcurrent, ms, perClient); }
    public SparqlLimits withPerClient(int n) { return new SparqlLimits(timeoutSeconds, maxRows, maxConcurrent, queueWaitMillis, n); }
}
