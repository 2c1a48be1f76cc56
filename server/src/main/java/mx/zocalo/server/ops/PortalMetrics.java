package mx.zocalo.server.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The portal's measurements, in ONE Micrometer registry per process, written out at {@code /metrics} in the Prometheus
 * text format: HTTP requests by route, method and status (a latency histogram, {@link #request}), SPARQL queries by outcome
 * ({@link #sparql}), publishes (count, duration, failures: {@link #publish}), the page cache's hits and misses
 * ({@link #pageCache}), the size of the data directory's store ({@link #watchStore}) and the JVM (memory, GC, threads,
 * classes, CPU, open files, uptime).
 *
 * <p>One registry per process because publishes and queries are counted where they happen, deep in the portal, and
 * a portal is one process; tests that start several portals in one JVM read differences, not absolute values.
 */
public final class PortalMetrics {
    /** What a SPARQL query came to. */
    public enum SparqlOutcome { RUN, CACHED, TIMED_OUT, REJECTED, FAILED }

    private static final PrometheusMeterRegistry REGISTRY = create();

    private PortalMetrics() {}

    private static PrometheusMeterRegistry create() {
        PrometheusMeterRegistry r = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        r.config().commonTags("application", "zocalo");
        new JvmMemoryMetrics().bindTo(r);
        new JvmGcMetrics().bindTo(r);
        new JvmThreadMetrics().bindTo(r);
        new ClassLoaderMetrics().bindTo(r);
        new ProcessorMetrics().bindTo(r);
        new FileDescriptorMetrics().bindTo(r);
        new UptimeMetrics().bindTo(r);
        return r;
    }

    /** The registry (for tests and for binders of other parts). */
    public static PrometheusMeterRegistry registry() {
        return REGISTRY;
    }

    /** Everything measured, in the Prometheus text exposition format (version 0.0.4). */
    public static String scrape() {
        return REGISTRY.scrape();
    }

    /**
     * One HTTP request answered: {@code route} is the route's pattern ({@code /dataset/{slug}}), never the raw path, so
     * that the number of series stays bounded; {@code unmatched} when no route took it.
     */
    public static void request(String method, String route, int status, long nanos) {
        Timer.builder("http.server.requests")
                .description("HTTP requests answered, by route pattern, method and status")
                .tag("method", method).tag("route", route).tag("status", Integer.toString(status))
                .tag("outcome", outcome(status))
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(5))
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(REGISTRY).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private static String outcome(int status) {
        return status >= 500 ? "SERVER_ERROR" : status >= 400 ? "CLIENT_ERROR" : status >= 300 ? "REDIRECTION" : "SUCCESS";
    }

    /** One query to {@code /sparql} (or the workbench), by what it came to. */
    public static void sparql(SparqlOutcome outcome) {
        Counter.builder("zocalo.sparql.queries").description("SPARQL queries: run, answered from the cache, timed out, rejected (busy or invalid), failed")
                .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)).register(REGISTRY).increment();
    }

    /** One publish of a dataset through the portal: how long it took and whether it failed. */
    public static void publish(boolean failed, long nanos) {
        Timer.builder("zocalo.publishes").description("Dataset publishes (web, API, accepted submissions), with their duration")
                .tag("outcome", failed ? "failed" : "published").register(REGISTRY)
                .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** Runs one publish, counting it (failed when it throws) and timing it. */
    public static <T> T timedPublish(java.util.function.Supplier<T> publish) {
        long t0 = System.nanoTime();
        boolean failed = true;
        try {
            T result = publish.get();
            failed = false;
            return result;
        } finally {
            publish(failed, System.nanoTime() - t0);
        }
    }

    /** One page asked of the page cache: found ({@code hit}) or rendered. */
    public static void pageCache(boolean hit) {
        Counter.builder("zocalo.page.cache.requests").description("Pages asked of the page cache, found (hit) or rendered (miss)")
                .tag("result", hit ? "hit" : "miss").register(REGISTRY).increment();
    }

    /**
     * Watches the size on disk of the data directory's parts ({@code tdb2}, {@code files}, {@code indexes},
     * {@code versions}, {@code accounts}), measured at most once a minute: walking the folders is not free.
     */
    public static void watchStore(Path dataDir) {
        for (String part : new String[] {"tdb2", "files", "indexes", "versions", "accounts"}) {
            Path folder = dataDir.resolve(part);
            SizeOnDisk size = new SizeOnDisk(folder);
            Gauge.builder("zocalo.data.bytes", size, SizeOnDisk::bytes).description("Bytes on disk of a part of the data directory")
                    .tag("part", part).baseUnit("bytes").strongReference(true).register(REGISTRY);
        }
    }

    /** A folder's size, walked again only when the last walk is older than a minute. */
    private static final class SizeOnDisk {
        private final Path folder;
        private final AtomicLong bytes = new AtomicLong();
        private volatile long measuredAt = Long.MIN_VALUE;

        SizeOnDisk(Path folder) {
            this.folder = folder;
        }

        double bytes() {
            long now = System.nanoTime();
            if (measuredAt == Long.MIN_VALUE || now - measuredAt > 60_000_000_000L) {
                measuredAt = now;
                bytes.set(walk());
            }
            return bytes.get();
        }

        private long walk() {
            try {
                return mx.zocalo.server.store.Compaction.size(folder);
            } catch (java.io.UncheckedIOException e) {
                return bytes.get(); // a file removed meanwhile: the last figure stands
            }
        }
    }
}
