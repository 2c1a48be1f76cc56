package mx.zocalo.server.web;

import io.javalin.http.Context;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Queries (of {@code /sparql} and the row API) refused because every slot is taken and enough wait already are answered ({@code 503 busy},
 * {@code Retry-After}) when the queue wait is over, as if they had waited too, but without holding a server thread
 * meanwhile: the request is suspended ({@code ctx.future}) and a timer answers it. A client that sends its next query as
 * soon as it is refused (a script with many threads, a flood) then sends at most one per queue wait and connection,
 * instead of as many as the portal can refuse, and the cores stay with the pages. At most {@link #MAX_HELD} are held
 * at once; past that, and when the wait is already over, the refusal is answered at once.
 */
final class DelayedRefusals implements AutoCloseable {
    /** The most refusals held at once (each an idle connection and a timer entry). */
    static final int MAX_HELD = 4_096;
    /** A wait shorter than this is not worth holding the request for. */
    static final long MIN_HOLD_MILLIS = 20;
    private final ScheduledThreadPoolExecutor timer;
    private final AtomicInteger held = new AtomicInteger();

    DelayedRefusals() {
        AtomicInteger n = new AtomicInteger();
        timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "query-refusals-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Answers with {@code answer} after {@code millis}, the request suspended meanwhile; or at once (on this thread)
     * when the wait is too short or too many are held already.
     */
    void answerAfter(Context ctx, long millis, Runnable answer) {
        if (millis < MIN_HOLD_MILLIS) {
            answer.run();
            return;
        }
        if (held.incrementAndGet() > MAX_HELD) {
            held.decrementAndGet();
            answer.run();
            return;
        }
        CompletableFuture<Void> due = new CompletableFuture<>();
        try {
            timer.schedule(() -> due.complete(null), millis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) { // the portal is stopping
            held.decrementAndGet();
            answer.run();
            return;
        }
        ctx.future(() -> due.thenRun(() -> {
            try {
                answer.run();
            } finally {
                held.decrementAndGet();
            }
        }));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
