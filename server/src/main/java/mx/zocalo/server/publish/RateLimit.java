package mx.zocalo.server.publish;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** At most {@code max} events per key within a sliding window (e.g. uploads per user per hour), in memory. */
final class RateLimit {
    private final int max;
    private final long windowMillis;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Deque<Long>> events = new ConcurrentHashMap<>();

    RateLimit(int max, Duration window) {
        this(max, window, System::currentTimeMillis);
    }

    RateLimit(int max, Duration window, LongSupplier clock) {
        this.max = max;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /** Counts one event of {@code key}: 0 when allowed, else the seconds to wait (the event is then not counted). */
    long acquire(String key) {
        long now = clock.getAsLong();
        Deque<Long> q = events.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (q) {
            while (!q.isEmpty() && q.peekFirst() <= now - windowMillis) q.pollFirst();
            if (q.size() >= max) return Math.max(1, (q.peekFirst() + windowMillis - now + 999) / 1000);
            q.addLast(now);
            return 0;
        }
    }
}
