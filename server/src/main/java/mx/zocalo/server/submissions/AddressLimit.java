package mx.zocalo.server.submissions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * How many submission attempts each address (by its keyed hash) made in the last window: a sliding window in memory
 * (a restart forgets it, which only makes the limit kinder for a moment).
 */
final class AddressLimit {
    private final int max;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> attempts = new HashMap<>();

    AddressLimit(int max, Duration window, Clock clock) {
        this.max = max;
        this.window = window;
        this.clock = clock;
    }

    /**
     * Counts an attempt from {@code address}: zero when it is within the limit, otherwise the seconds until the oldest
     * attempt in the window leaves it (the {@code Retry-After}); a refused attempt is not counted.
     */
    synchronized long attempt(String address) {
        Instant now = clock.instant();
        Instant since = now.minus(window);
        if (attempts.size() > 10_000) attempts.values().removeIf(d -> d.isEmpty() || d.peekLast().isBefore(since));
        Deque<Instant> mine = attempts.computeIfAbsent(address, a -> new ArrayDeque<>());
        while (!mine.isEmpty() && mine.peekFirst().isBefore(since)) mine.pollFirst();
        if (mine.size() >= max) {
            return Math.max(1, Duration.between(now, mine.peekFirst().plus(window)).toSeconds() + 1);
        }
        mine.addLast(now);
        return 0;
    }
}
