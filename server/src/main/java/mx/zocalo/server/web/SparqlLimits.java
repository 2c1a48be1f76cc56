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
 * @param clientSecondsPerMinute the query time one client address may use a minute ({@link ClientQueries}), then 429
 *                      until its budget fills again; 0 for no limit
 */
public record SparqlLimits(int timeoutSeconds, int maxRows, int maxConcurrent, long queueWaitMillis, int perClient,
        int clientSecondsPerMinute) {
    public static final int DEFAULT_TIMEOUT_SECONDS = 30;
    public static final int DEFAULT_MAX_ROWS = 10_000;
    public static final int DEFAULT_MAX_CONCURRENT = 4;
    public static final long DEFAULT_QUEUE_WAIT_MILLIS = 2_000;
    /** A whole slot's time: one address may run one query after another, but not hold two slots all the time. */
    public static final int DEFAULT_CLIENT_SECONDS_PER_MINUTE = 60;

    public SparqlLimits {
        if (timeoutSeconds < 1) throw new IllegalArgumentException("The query timeout must be at least 1 second: " + timeoutSeconds);
        if (maxRows < 1) throw new IllegalArgumentException("The row limit must be at least 1: " + maxRows);
        if (maxConcurrent < 1) throw new IllegalArgumentException("At least one query must be allowed to run: " + maxConcurrent);
        if (queueWaitMillis < 0) throw new IllegalArgumentException("Negative queue wait: " + queueWaitMillis);
        if (perClient < 0) throw new IllegalArgumentException("Negative limit of queries per client: " + perClient);
        if (clientSecondsPerMinute < 0) throw new IllegalArgumentException("Negative query time per client: " + clientSecondsPerMinute);
    }

    /** Limits with no limit per client (as a test or a bench from one address needs). */
    public SparqlLimits(int timeoutSeconds, int maxRows, int maxConcurrent, long queueWaitMillis) {
        this(timeoutSeconds, maxRows, maxConcurrent, queueWaitMillis, 0, 0);
    }

    /** The portal's defaults: {@link #defaultPerClient} of the default slots and a slot's time a minute per client. */
    public static SparqlLimits defaults() {
        return new SparqlLimits(DEFAULT_TIMEOUT_SECONDS, DEFAULT_MAX_ROWS, DEFAULT_MAX_CONCURRENT, DEFAULT_QUEUE_WAIT_MILLIS,
                defaultPerClient(DEFAULT_MAX_CONCURRENT), DEFAULT_CLIENT_SECONDS_PER_MINUTE);
    }

    /** Half the slots, rounded up: one address never takes every slot when there are two or more. */
    public static int defaultPerClient(int maxConcurrent) {
        return (maxConcurrent + 1) / 2;
    }

    public SparqlLimits withTimeoutSeconds(int s) { return new SparqlLimits(s, maxRows, maxConcurrent, queueWaitMillis, perClient, clientSecondsPerMinute); }
    public SparqlLimits withMaxRows(int n) { return new SparqlLimits(timeoutSeconds, n, maxConcurrent, queueWaitMillis, perClient, clientSecondsPerMinute); }
    public SparqlLimits withMaxConcurrent(int n) { return new SparqlLimits(timeoutSeconds, maxRows, n, queueWaitMillis, perClient, clientSecondsPerMinute); }
    public SparqlLimits withQueueWaitMillis(long ms) { return new SparqlLimits(timeoutSeconds, maxRows, maxConcurrent, ms, perClient, clientSecondsPerMinute); }
    /** The limits per client address: queries at once, and seconds of query time a minute (0 and 0: none). */
    public SparqlLimits withPerClient(int n, int secondsPerMinute) {
        return new SparqlLimits(timeoutSeconds, maxRows, maxConcurrent, queueWaitMillis, n, secondsPerMinute);
    }
}
