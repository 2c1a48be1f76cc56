package mx.zocalo.server.store;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the running public queries when the heap is nearly full after a garbage collection, before the Java process runs
 * out of memory and fails every request: a {@code GROUP BY} over a product, a hash join of two large patterns, an
 * answer held whole — shapes the time limit alone stops too late, and that {@code ORDER BY} / {@code DISTINCT}
 * spilling ({@link TdbStore#SPILL_BINDINGS}) does not cover. Listens to the collectors' notifications; when the heap
 * in use after a collection is over {@code fraction} of the most it may grow to, every query being watched is aborted
 * (as ARQ's time limit does) and ends with {@link HeapPressure}, answered {@code 503} with {@code Retry-After}. Pages,
 * publishing and the portal's own queries are never stopped.
 */
public final class HeapWatchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.sparql");
    /** Heap in use after a collection, as a part of the most it may grow to, past which public queries stop. */
    public static final double DEFAULT_FRACTION = 0.85;
    private final double fraction;
    private final long max;
    private final Set<String> heapPools;
    private final Set<QueryExecution> running = ConcurrentHashMap.newKeySet();
    private final Set<QueryExecution> stopped = ConcurrentHashMap.newKeySet();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = (n, handback) -> collected(n);
    private final AtomicLong trips = new AtomicLong();

    public HeapWatchdog(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) throw new IllegalArgumentException("Not a part of the heap: " + fraction);
        this.fraction = fraction;
        this.max = Runtime.getRuntime().maxMemory();
        this.heapPools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter e) {
                e.addNotificationListener(listener, null, null);
                emitters.add(e);
            }
        }
    }

    private void collected(javax.management.Notification n) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long used = 0;
        for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(e.getKey())) used += ((MemoryUsage) e.getValue()).getUsed();
        }
        if (used <= fraction * max || running.isEmpty()) return;
        List<QueryExecution> now = new ArrayList<>(running);
        LOG.warn("the heap holds {} MB of {} MB after a collection ({}): stopping the {} running public queries", used >> 20, max >> 20,
                info.getGcAction(), now.size());
        trips.incrementAndGet();
        for (QueryExecution qe : now) {
            stopped.add(qe);
            qe.abort();
        }
    }

    /**
     * Runs {@code work} over {@code qe} watched: if the heap fills meanwhile, {@code qe} is aborted and
     * {@link HeapPressure} thrown instead of ARQ's cancellation.
     */
    public <T> T watch(QueryExecution qe, Supplier<T> work) {
        running.add(qe);
        try {
            return work.get();
        } catch (QueryCancelledException e) {
            if (stopped.contains(qe)) throw new HeapPressure();
            throw e;
        } finally {
            running.remove(qe);
            stopped.remove(qe);
        }
    }

    /** How many times queries were stopped to save the heap. */
    public long trips() {
        return trips.get();
    }

    @Override
    public void close() {
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // already gone
            }
        }
    }

    /** A query stopped because the heap was nearly full. */
    public static final class HeapPressure extends QueryCancelledException {
    }
}
