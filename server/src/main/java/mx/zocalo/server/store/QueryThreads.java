package mx.zocalo.server.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.jena.query.QueryCancelledException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads public SPARQL queries run on, at a lower CPU priority than the threads that serve pages: a query that
 * runs to its time limit (a cartesian product, an unbounded path) then takes the cores only when pages leave them
 * idle, so pages keep their speed while {@code /sparql} is abused. One thread per query slot ({@link QuerySlots}
 * already bounds how many run). On Linux each thread lowers its own priority once, when it starts ({@code renice} on
 * its thread id, which needs no privilege); elsewhere, or without {@code renice}, they run at normal priority.
 */
public final class QueryThreads implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.sparql");
    /** Linux niceness of the query threads, the lowest: weight 15 against 1,024 for a page thread. */
    static final int NICENESS = 19;
    private final ExecutorService pool;

    public QueryThreads(int threads) {
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(() -> {
                lowerPriority();
                r.run();
            }, "sparql-query-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs {@code work} on a query thread and waits for it at most {@code waitMillis}; its exception is thrown as it
     * was. {@code onEnd} runs when the work ends, on the query thread (e.g. to give back its query slot). When the work
     * is not done in time — ARQ does not notice its time limit everywhere: skipping a huge {@code OFFSET}, some
     * aggregates — {@link StillRunning} is thrown (a {@link QueryCancelledException}: the caller answers as for a
     * timeout) and the work goes on until it ends, holding its slot, so that such queries cannot pile up.
     */
    public <T> T call(Callable<T> work, long waitMillis, Runnable onEnd) {
        Future<T> f;
        try {
            f = pool.submit(() -> {
                try {
                    return work.call();
                } finally {
                    onEnd.run();
                }
            });
        } catch (RuntimeException e) {
            onEnd.run();
            throw e;
        }
        try {
            return f.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("a query is still running {} ms after it started, past its time limit: answered as stopped, it keeps its slot until it ends",
                    waitMillis);
            throw new StillRunning();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the query ran", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        }
    }

    private static void lowerPriority() {
        try {
            Path self = Files.readSymbolicLink(Path.of("/proc/thread-self")); // "PID/task/TID"
            String tid = self.getFileName().toString();
            Process p = new ProcessBuilder("renice", "-n", String.valueOf(NICENESS), "-p", tid).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) LOG.debug("could not lower the priority of query thread {}", tid);
        } catch (Exception e) {
            LOG.debug("query threads run at normal priority: {}", e.toString());
        }
    }

    /** The query went past its time limit and is still running. */
    public static final class StillRunning extends QueryCancelledException {
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
