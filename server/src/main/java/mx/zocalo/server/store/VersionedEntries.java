package mx.zocalo.server.store;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Drops, from a cache whose keys begin with the data version ({@code version + "\n" + …}), the entries of every other
 * version as soon as a version never seen before is asked for. Those entries can never be asked for again (every key
 * carries the version of the moment), yet a cache bounded by weight keeps them until it is full: under republishing
 * the heap then grows to the caches' limits with dead answers (found by {@code zocalo bench soak}). A version seen
 * before (a request that began before a publish and ends after it) changes nothing, so two versions in flight do not
 * take turns emptying the cache.
 */
public final class VersionedEntries {
    private static final int REMEMBERED = 8;
    private final Map<String, ?> cache;
    private final Deque<String> seen = new ArrayDeque<>();
    private volatile String latest;

    /** @param cache the cache's map view (Caffeine's {@code asMap()}): removals go through to the cache */
    public VersionedEntries(Map<String, ?> cache) {
        this.cache = cache;
    }

    /** Called with the version of each lookup; null (no version: nothing is kept) is ignored. */
    public void asked(String version) {
        if (version == null || version.equals(latest)) return;
        synchronized (this) {
            if (version.equals(latest) || seen.contains(version)) return;
            seen.addLast(version);
            if (seen.size() > REMEMBERED) seen.removeFirst();
            latest = version;
            String prefix = version + "\n";
            cache.keySet().removeIf(k -> !k.startsWith(prefix));
        }
    }
}
