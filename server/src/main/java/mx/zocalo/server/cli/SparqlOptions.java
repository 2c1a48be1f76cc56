package mx.zocalo.server.cli;

import mx.zocalo.server.web.SparqlLimits;
import picocli.CommandLine.Option;

/** The limits of the public SPARQL endpoint, shared by {@code serve} and {@code demo}. */
final class SparqlOptions {
    @Option(names = "--query-timeout", paramLabel = "SECONDS", defaultValue = "" + SparqlLimits.DEFAULT_TIMEOUT_SECONDS,
            description = "A SPARQL query running longer is stopped (503 with a message). Default: ${DEFAULT-VALUE}")
    int timeoutSeconds;

    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "" + SparqlLimits.DEFAULT_MAX_ROWS,
            description = "At most N rows (SELECT) or triples (CONSTRUCT, DESCRIBE) per result; a longer result is cut "
                    + "and carries the header X-Zocalo-Truncated: N. Default: ${DEFAULT-VALUE}")
    int maxRows;

    @Option(names = "--max-concurrent-queries", paramLabel = "N", defaultValue = "" + SparqlLimits.DEFAULT_MAX_CONCURRENT,
            description = "At most N SPARQL queries run at once; others wait up to 2 s, then get 503 with Retry-After. Default: ${DEFAULT-VALUE}")
    int maxConcurrent;

    @Option(names = "--max-queries-per-client", paramLabel = "N",
            description = "At most N SPARQL and row API queries of one client address run or wait at once; the next gets 429 "
                    + "with Retry-After. 0: no limit. Default: half of --max-concurrent-queries, rounded up")
    Integer perClient;

    @Option(names = "--query-seconds-per-client", paramLabel = "SECONDS", defaultValue = "" + SparqlLimits.DEFAULT_CLIENT_SECONDS_PER_MINUTE,
            description = "The query time (SPARQL and row API) one client address may use a minute; past it, 429 with Retry-After "
                    + "until it fills again. 0: no limit. Default: ${DEFAULT-VALUE} (one slot's time: queries one after another, "
                    + "not two at once all the time)")
    int secondsPerClient;

    SparqlLimits limits() {
        int each = perClient != null ? perClient : SparqlLimits.defaultPerClient(maxConcurrent);
        if (each < 0) throw new IllegalArgumentException("--max-queries-per-client must be 0 (no limit) or more, not " + each);
        if (secondsPerClient < 0) throw new IllegalArgumentException("--query-seconds-per-client must be 0 (no limit) or more, not " + secondsPerClient);
        return new SparqlLimits(timeoutSeconds, maxRows, maxConcurrent, SparqlLimits.DEFAULT_QUEUE_WAIT_MILLIS, each, secondsPerClient);
    }
}
