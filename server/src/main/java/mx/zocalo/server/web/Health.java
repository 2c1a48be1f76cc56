package mx.zocalo.server.web;

import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import mx.zocalo.server.search.SearchIndex;
import mx.zocalo.server.store.Store;

/**
 * {@code GET /health} (liveness: the process answers HTTP) and {@code GET /health/ready} (readiness: the store answers a
 * read within {@link #STORE_WAIT}, and the search index has a first build), as small JSON, without authentication and
 * never cached — what a load balancer, systemd watchdog script or Kubernetes probe asks every few seconds. Not ready is
 * {@code 503} with {@code Retry-After}, so a balancer sends readers elsewhere while the portal starts or its remote store
 * is down.
 */
final class Health {
    /** How long readiness waits for the store before calling it unreachable. */
    static final Duration STORE_WAIT = Duration.ofSeconds(2);
    private static final ExecutorService PROBES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "zocalo-health-probe");
        t.setDaemon(true);
        return t;
    });
    private static final org.apache.jena.query.Query ASK = org.apache.jena.query.QueryFactory.create("ASK {}");
    private final Store store;
    private final SearchIndex search;
    private final Instant started = Instant.now();

    Health(Store store, SearchIndex search) {
        this.store = store;
        this.search = search;
    }

    void live(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "up");
        body.put("started", started.toString());
        body.put("uptimeSeconds", Duration.between(started, Instant.now()).toSeconds());
        ctx.header("Cache-Control", "no-store").json(body);
    }

    void ready(Context ctx) {
        Map<String, Object> checks = new LinkedHashMap<>();
        boolean storeOk = probeStore(checks);
        boolean searchOk = search.built();
        checks.put("search", searchOk ? "ok" : "building");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", storeOk && searchOk ? "ready" : "not-ready");
        body.put("checks", checks);
        ctx.header("Cache-Control", "no-store");
        if (!(storeOk && searchOk)) ctx.status(503).header("Retry-After", "5");
        ctx.json(body);
    }

    /** One trivial query, {@code ASK {}}: a read transaction here, a round trip to a remote store (never its cache). */
    private boolean probeStore(Map<String, Object> checks) {
        long t0 = System.nanoTime();
        Future<Boolean> read = PROBES.submit(() -> store.query(ASK, STORE_WAIT, qe -> qe.execAsk()));
        try {
            read.get(STORE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            checks.put("store", "ok");
            checks.put("storeMillis", (System.nanoTime() - t0) / 1_000_000);
            return true;
        } catch (TimeoutException e) {
            read.cancel(true);
            checks.put("store", "no answer within " + STORE_WAIT.toSeconds() + " s");
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            checks.put("store", "interrupted");
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            checks.put("store", "unreachable: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() != null ? ": " + cause.getMessage() : ""));
            return false;
        }
    }
}
