package mx.zocalo.server.web;

import static mx.zocalo.server.web.TestPortal.enc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import mx.zocalo.server.store.QuerySlots;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The row API's limits are the SPARQL endpoint's: a second portal over the bundled store with a 1 s time limit, 50 rows
 * a page and one query slot that {@code /sparql} and the row API share.
 */
class RowApiLimitsTest {
    static TestPortal bundled;
    static PortalServer strict;
    static final QuerySlots SLOTS = new QuerySlots(1, Duration.ZERO);

    @BeforeAll
    static void start() {
        assumeTrue(Files.isDirectory(BundledPortal.MAPPINGS), "no ../mappings folder");
        bundled = BundledPortal.get();
        strict = PortalServer.builder().store(bundled.store).iris(bundled.iris).port(0)
                .sparqlLimits(new SparqlLimits(1, 50, 1, 0)).querySlots(SLOTS).build().start();
    }

    @AfterAll
    static void stop() {
        if (strict != null) strict.stop();
    }

    static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return bundled.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + strict.port() + pathAndQuery))
                .header("Accept-Language", "en").GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void a_page_has_at_most_max_rows_and_asking_for_more_says_so() throws Exception {
        HttpResponse<String> r = get("/api/datasets/cuenta-publica/rows");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(BundledPortal.JSON.readTree(r.body())).hasSize(50);
        assertThat(r.headers().firstValue(RowApi.TOTAL_HEADER)).hasValue("2064");
        HttpResponse<String> more = get("/api/datasets/cuenta-publica/rows?%24limit=51");
        assertThat(more.statusCode()).isEqualTo(400);
        JsonNode e = BundledPortal.JSON.readTree(more.body()).path("error");
        assertThat(e.path("code").asText()).isEqualTo("limit-too-large");
        assertThat(e.path("message").asText()).contains("$limit 51 is more than the 50 rows a page can have");
    }

    @Test
    void when_every_slot_is_taken_the_api_and_sparql_answer_503_with_retry_after() throws Exception {
        assertThat(SLOTS.tryAcquire()).isTrue();
        try {
            HttpResponse<String> rows = get("/api/datasets/cuenta-publica/rows?%24where=" + enc("ejercicio_fiscal = 2019"));
            assertThat(rows.statusCode()).isEqualTo(503);
            assertThat(rows.headers().firstValue("Retry-After")).isPresent();
            JsonNode e = BundledPortal.JSON.readTree(rows.body()).path("error");
            assertThat(e.path("code").asText()).isEqualTo("busy");
            assertThat(e.path("message").asText()).contains("1 queries are already running");
            HttpResponse<String> sparql = get("/sparql?query=" + enc("SELECT * { ?s ?p ?o } LIMIT 1"));
            assertThat(sparql.statusCode()).isEqualTo(503);
        } finally {
            SLOTS.release();
        }
        assertThat(get("/api/datasets/cuenta-publica/rows?%24where=" + enc("ejercicio_fiscal = 2019")).statusCode()).isEqualTo(200);
    }

    @Test
    void a_row_query_refused_at_once_is_answered_busy_when_the_queue_wait_is_over() throws Exception {
        // one slot held and its 8 waiting places taken: the next row query is refused at once, but answered only when
        // the 1.5 s queue wait is over (so that a client that asks again as soon as it is refused asks once per wait)
        long wait = 1_500;
        QuerySlots slots = new QuerySlots(1, Duration.ofMillis(wait));
        PortalServer held = PortalServer.builder().store(bundled.store).iris(bundled.iris).port(0)
                .sparqlLimits(new SparqlLimits(1, 50, 1, wait)).querySlots(slots).build().start();
        assertThat(slots.tryAcquire()).isTrue();
        java.util.List<Thread> waiting = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < slots.maxWaiting(); i++) {
                Thread t = new Thread(() -> {
                    try {
                        if (slots.tryAcquire()) slots.release();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                waiting.add(t);
                t.start();
            }
            Thread.sleep(300); // the waiting places taken
            long t0 = System.nanoTime();
            HttpResponse<String> r = bundled.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + held.port()
                    + "/api/datasets/cuenta-publica/rows?%24where=" + enc("ejercicio_fiscal = 2019")))
                    .header("Accept-Language", "en").GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(BundledPortal.JSON.readTree(r.body()).path("error").path("code").asText()).isEqualTo("busy");
            assertThat(millis).as("answered after the queue wait, not at once").isGreaterThanOrEqualTo(wait - 300);
        } finally {
            slots.release();
            for (Thread t : waiting) t.join(10_000);
            held.stop();
        }
    }

    @Test
    void a_row_query_is_stopped_with_503_memory_when_the_heap_is_nearly_full() throws Exception {
        // the heap watchdog's line at 0: the next collection finds the heap "full" and stops the running row query
        PortalServer tight = PortalServer.builder().store(bundled.store).iris(bundled.iris).port(0)
                .sparqlLimits(new SparqlLimits(60, 50, 1, 0)).heapFraction(0.0).build().start();
        try {
            String heavy = "/api/datasets/incidencia-delictiva-estatal/rows?%24select=" + enc("upper(label) AS u, *") + "&%24order=u&%24q=" + enc("a");
            java.util.concurrent.CompletableFuture<HttpResponse<String>> answer = bundled.http.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + tight.port() + heavy)).header("Accept-Language", "en").GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Thread.sleep(500);
            if (!answer.isDone()) System.gc(); // the query's own garbage usually brings a collection first
            HttpResponse<String> r = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("30");
            JsonNode e = BundledPortal.JSON.readTree(r.body()).path("error");
            assertThat(e.path("code").asText()).isEqualTo("memory");
            assertThat(e.path("message").asText()).contains("memory was nearly full");
        } finally {
            tight.stop();
        }
    }

    @Test
    void a_query_past_the_time_limit_is_stopped_with_503() throws Exception {
        // every column of 38,016 rows, sorted by a value computed from each: far more than a second of work
        HttpResponse<String> r = get("/api/datasets/incidencia-delictiva-estatal/rows?%24select=" + enc("upper(label) AS u, *")
                + "&%24order=u&%24q=" + enc("a"));
        assertThat(r.statusCode()).isEqualTo(503);
        JsonNode e = BundledPortal.JSON.readTree(r.body()).path("error");
        assertThat(e.path("code").asText()).isEqualTo("timeout");
        assertThat(e.path("message").asText()).contains("time limit of 1 seconds");
    }
}
