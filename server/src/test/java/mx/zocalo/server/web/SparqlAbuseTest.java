package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import mx.zocalo.server.fuzz.SparqlAbuse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Abusive SPARQL on a real portal with small limits (2 s per query, 1,000 rows, 2 queries at once, 500 ms in the
 * queue): every query stopped by a documented limit, near its time limit, the slots free afterwards; and a flood of
 * slow queries while pages are asked: every query answered by a limit, every page 200. The page p99 with and
 * without the flood is measured by {@code zocalo bench abuse}, not here.
 */
class SparqlAbuseTest {
    static final int TIMEOUT_S = 2;
    @TempDir
    static Path data;
    static TestPortal portal;

    @BeforeAll
    static void start() {
        portal = new TestPortal(data, new SparqlLimits(TIMEOUT_S, 1000, 2, 500));
        portal.publisher.publish(TestPortal.FIXTURE, false);
    }

    @AfterAll
    static void stop() {
        if (portal != null) portal.close();
    }

    @Test
    void each_abusive_query_is_stopped_by_a_documented_limit() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (SparqlAbuse.Abuse a : SparqlAbuse.queries()) {
            SparqlAbuse.Outcome o = SparqlAbuse.send("localhost", portal.server.port(), a, 60_000);
            System.out.println(a.name() + ": " + o.key() + " in " + o.millis() + " ms");
            if (!a.allowed().contains(o.key())) wrong.add(a.name() + ": " + o.key() + ", expected one of " + a.allowed());
            // stopped near the limit: the time limit, plus writing at most 1,000 rows on a shared machine
            if (o.millis() > TIMEOUT_S * 1000L + 10_000) wrong.add(a.name() + ": ran " + o.millis() + " ms with a " + TIMEOUT_S + " s limit");
        }
        assertThat(wrong).isEmpty();
        // every slot came back
        assertThat(portal.get("/sparql?query=" + TestPortal.enc("ASK { ?s ?p ?o }"), "application/sparql-results+json").statusCode()).isEqualTo(200);
    }

    @Test
    void a_group_concat_too_long_for_memory_is_stopped_at_its_limit_and_a_short_one_answers() throws Exception {
        // a product of the store with itself, concatenated: unbounded, it filled a 1 GB heap in 5 s, inside the time limit
        String huge = "SELECT (GROUP_CONCAT(CONCAT(STR(?c), STR(?f))) AS ?x) WHERE { ?a ?b ?c . ?d ?e ?f }";
        var r = portal.get("/sparql?query=" + TestPortal.enc(huge), "application/sparql-results+json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("query-failed").contains("8,000,000");
        // the same in a sub-query
        var sub = portal.get("/sparql?query=" + TestPortal.enc("SELECT ?x WHERE { { " + huge + " } }"), "application/sparql-results+json");
        assertThat(sub.statusCode()).as(sub.body()).isEqualTo(400);
        // an ordinary one, grouped, DISTINCT and with a separator: the same answer as ARQ's own
        String small = "SELECT ?s (GROUP_CONCAT(DISTINCT STR(?p); SEPARATOR=\"|\") AS ?ps) WHERE { ?s ?p ?o } GROUP BY ?s ORDER BY ?s LIMIT 5";
        var ok = portal.get("/sparql?query=" + TestPortal.enc(small), "text/csv");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        String expected = portal.store.read(dsg -> {
            try (var qe = org.apache.jena.query.QueryExecution.dataset(org.apache.jena.query.DatasetFactory.wrap(dsg)).query(small).build()) {
                var out = new java.io.ByteArrayOutputStream();
                org.apache.jena.query.ResultSetFormatter.outputAsCSV(out, qe.execSelect());
                return out.toString(java.nio.charset.StandardCharsets.UTF_8);
            }
        });
        assertThat(ok.body().replace("\r\n", "\n").strip()).isEqualTo(expected.replace("\r\n", "\n").strip()).contains("|");
    }

    @Test
    void a_flood_of_slow_queries_is_refused_or_stopped_while_pages_answer() throws Exception {
        portal.get("/dataset/pagos-prueba", "text/html"); // rendered once before
        AtomicBoolean stop = new AtomicBoolean();
        SparqlAbuse.Flood[] flood = new SparqlAbuse.Flood[1];
        Thread abuse = new Thread(() -> {
            try {
                flood[0] = SparqlAbuse.flood("localhost", portal.server.port(), 400, 200, 60_000, stop);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        abuse.start();
        SparqlAbuse.Latencies pages = SparqlAbuse.pageLatencies("localhost", portal.server.port(), List.of("/", "/dataset/pagos-prueba", "/catalog"), 2, 4_000);
        abuse.join(120_000);
        stop.set(true);
        System.out.printf("flood: %s; pages: %d, p50 %.1f ms, p99 %.1f ms%n", flood[0], pages.count(), pages.p(0.5), pages.p(0.99));
        assertThat(flood[0]).isNotNull();
        assertThat(flood[0].wrong()).as("answers outside the limits: " + flood[0].outcomes()).isZero();
        assertThat(flood[0].outcomes()).containsKey("503 busy");
        assertThat(pages.count()).as("pages answered during the flood").isPositive();
        assertThat(pages.failures()).isZero();
    }

    @Test
    void refused_queries_are_answered_when_the_queue_wait_is_over_without_holding_a_thread() throws Exception {
        // one slot, 2.5 s in the queue, 8 waiting at most: of 300 slow queries at once, one runs, 8 wait, the rest are
        // refused at once, and answered 503 busy only when the queue wait is over, suspended meanwhile (more than the
        // server's threads: held on threads, the pages would wait behind them)
        long wait = 2_500;
        try (TestPortal held = new TestPortal(java.nio.file.Files.createTempDirectory(data, "held"), new SparqlLimits(3, 1000, 1, wait))) {
            held.publisher.publish(TestPortal.FIXTURE, false);
            SparqlAbuse.Abuse slow = SparqlAbuse.queries().get(0);
            assertThat(slow.name()).isEqualTo("cartesian product, counted");
            int n = 300;
            List<SparqlAbuse.Outcome> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Thread t = new Thread(null, () -> outcomes.add(SparqlAbuse.send("localhost", held.server.port(), slow, 60_000)), "held-" + i, 256 * 1024);
                clients.add(t);
                t.start();
            }
            Thread.sleep(800);
            long t0 = System.nanoTime();
            var home = held.get("/", "text/html");
            long pageMillis = (System.nanoTime() - t0) / 1_000_000;
            for (Thread t : clients) t.join(60_000);
            assertThat(home.statusCode()).isEqualTo(200);
            assertThat(pageMillis).as("a page while the refusals are held").isLessThan(wait - 800);
            assertThat(outcomes).hasSize(n);
            List<SparqlAbuse.Outcome> busy = outcomes.stream().filter(o -> o.key().equals("503 busy")).toList();
            assertThat(busy.size()).as("refused: " + outcomes.stream().map(SparqlAbuse.Outcome::key).distinct().toList()).isGreaterThanOrEqualTo(n - 10);
            assertThat(busy).allSatisfy(o -> {
                assertThat(o.retryAfter()).isEqualTo("5");
                assertThat(o.millis()).as("answered after the queue wait").isGreaterThanOrEqualTo(wait - 300);
            });
            assertThat(outcomes.stream().filter(o -> o.key().equals("503 timeout")).count()).as("the one that ran").isEqualTo(1);
        }
    }

    @Test
    void running_queries_stop_when_the_heap_is_nearly_full_and_pages_go_on() throws Exception {
        // the watchdog's line at 0: the next collection finds the heap "full" and stops the running public queries
        try (TestPortal tight = new TestPortal(java.nio.file.Files.createTempDirectory(data, "heap"), new SparqlLimits(60, 1000, 2, 500),
                b -> b.heapFraction(0.0))) {
            tight.publisher.publish(TestPortal.FIXTURE, false);
            String slow = SparqlAbuse.queries().get(0).query(); // a product counted: runs until its time limit
            java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>> answer = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> {
                        try {
                            return tight.get("/sparql?query=" + TestPortal.enc(slow), "application/sparql-results+json");
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
            long t0 = System.nanoTime();
            Thread.sleep(1_000);
            if (!answer.isDone()) System.gc(); // the query's own garbage usually brings a collection first
            var r = answer.get(30, java.util.concurrent.TimeUnit.SECONDS); // the time limit is 60 s
            System.out.printf("stopped after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
            assertThat(r.body()).contains("\"memory\"").contains("memoria");
            assertThat(r.headers().firstValue("Retry-After")).contains("30");
            // the portal goes on: pages, and a query once no collection comes in between
            assertThat(tight.get("/", "text/html").statusCode()).isEqualTo(200);
            assertThat(tight.get("/sparql?query=" + TestPortal.enc("ASK { ?s ?p ?o }"), "application/sparql-results+json").body()).contains("true");
        }
    }
}
