package mx.zocalo.server.store;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * How many public queries run against the store at once: the SPARQL endpoint and the row API share one set of slots, so
 * that neither can take the store from the other. A query waits for a slot at most {@code wait}, then is refused with
 * {@link QueryBusyException}. At most {@link #maxWaiting()} wait at once (four per slot, at least 8): more are refused
 * at once, so that a flood of queries does not park the server's threads, which pages need.
 */
public final class QuerySlots {
    private final int max;
    private final Duration wait;
    private final Semaphore slots;
    private final int maxWaiting;

    public QuerySlots(int max, Duration wait) {
        if (max < 1) throw new IllegalArgumentException("At least one query must be allowed to run: " + max);
        this.max = max;
        this.wait = wait;
        this.slots = new Semaphore(max, true);
        this.maxWaiting = Math.max(8, 4 * max);
    }

    /** The most queries that wait for a slot at once; the next is refused without waiting. */
    public int maxWaiting() {
        return maxWaiting;
    }

    /** The most queries that run at once. */
    public int max() {
        return max;
    }

    /** Takes a slot, waiting at most the configured time: false when none came free. */
    public boolean tryAcquire() throws InterruptedException {
        if (slots.tryAcquire(0, TimeUnit.MILLISECONDS)) return true; // fair: not before those waiting
        if (slots.getQueueLength() >= maxWaiting) return false; // enough wait already: refused now, no thread parked
        return slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void release() {
        slots.release();
    }

    /** Runs {@code work} in a slot; {@link QueryBusyException} when none came free in time. */
    public <T> T run(Supplier<T> work) {
        try {
            if (!tryAcquire()) throw new QueryBusyException(max);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryBusyException(max);
        }
        try {
            return work.get();
        } finally {
            release();
        }
    }

    /** Every slot was taken for longer than a query waits. */
    public static final class QueryBusyException extends RuntimeException {
        private final int running;

        public QueryBusyException(int running) {
            super(running + " queries are already running, the most that run at once");
            this.running = running;
        }

        public int running() {
            return running;
        }
    }
}
