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
}
