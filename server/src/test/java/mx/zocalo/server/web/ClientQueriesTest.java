package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import mx.zocalo.server.fuzz.SparqlAbuse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limit of queries per client address on a real portal behind a (declared) proxy, clients told apart by
 * {@code X-Forwarded-For}: one address with a slow query running is refused {@code 429 too-many} for its next one,
 * on {@code /sparql} and the row API, after the queue wait and with {@code Retry-After}, while another address is
 * answered; once its query ends, it is answered again. An address whose query time of the minute is spent is refused
 * {@code 429 out-of-time}, saying when to come back. Behind a proxy the portal was not told of, requests are not
 * limited per client (they would all share the proxy's address).
 */
class ClientQueriesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long WAIT = 1_000;
    static final String SLOW = SparqlAbuse.queries().get(0).query(); // a product of every triple, counted: runs to the limit
    @TempDir
    Path data;

    @Test
    void one_address_past_its_limit_is_refused_429_and_others_are_answered() throws Exception {
        try (TestPortal portal = new TestPortal(data, new SparqlLimits(3, 1000, 4, WAIT, 1, 0), b -> b.behindProxy(true))) {
            portal.publisher.publish(TestPortal.FIXTURE, false);
            CompletableFuture<HttpResponse<String>> slow = send(portal, "203.0.113.5", "/sparql?query=" + TestPortal.enc(SLOW));
            Thread.sleep(400); // running

            long t0 = System.nanoTime();
            HttpResponse<String> again = send(portal, "203.0.113.5", "/sparql?query=" + TestPortal.enc("ASK {}")).join();
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(again.statusCode()).isEqualTo(429);
            assertThat(again.headers().firstValue("Retry-After")).hasValue("5");
            JsonNode e = JSON.readTree(again.body()).path("error");
            assertThat(e.path("code").asText()).isEqualTo("too-many");
            assertThat(e.path("message").asText()).contains("already has 1 queries running or waiting");
            assertThat(millis).as("refused after the queue wait, not at once").isGreaterThanOrEqualTo(WAIT - 200);

            HttpResponse<String> rows = send(portal, "203.0.113.5", "/api/datasets/pagos-prueba/rows.json").join();
            assertThat(rows.statusCode()).isEqualTo(429);
            assertThat(JSON.readTree(rows.body()).path("error").path("code").asText()).isEqualTo("too-many");
            assertThat(rows.headers().firstValue("Retry-After")).hasValue("5");

            // another address meanwhile
            assertThat(send(portal, "203.0.113.6", "/sparql?query=" + TestPortal.enc("ASK {}")).join().statusCode()).isEqualTo(200);
            assertThat(send(portal, "203.0.113.6", "/api/datasets/pagos-prueba/rows.json").join().statusCode()).isEqualTo(200);

            // the slow one ends at its time limit; then the first address is answered again
            assertThat(slow.join().statusCode()).isEqualTo(503);
            HttpResponse<String> after = null;
            for (int i = 0; i < 50; i++) { // its count is given back on the query's thread, as it ends
                after = send(portal, "203.0.113.5", "/sparql?query=" + TestPortal.enc("ASK {}")).join();
                if (after.statusCode() == 200) break;
            }
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(send(portal, "203.0.113.5", "/api/datasets/pagos-prueba/rows.json").join().statusCode()).isEqualTo(200);

            // behind the declared proxy a forwarded 127.0.0.1 is a client like any other, not a way round the limit
            CompletableFuture<HttpResponse<String>> local = send(portal, "127.0.0.1", "/sparql?query=" + TestPortal.enc(SLOW));
            Thread.sleep(400);
            assertThat(send(portal, "127.0.0.1", "/sparql?query=" + TestPortal.enc("ASK { ?s ?p ?o }")).join().statusCode()).isEqualTo(429);
            assertThat(local.join().statusCode()).isEqualTo(503);
        }
    }

    @Test
    void an_address_that_used_its_query_time_is_refused_429_until_it_fills_again() throws Exception {
        // 2 s of query time a minute: a query stopped at its 3 s limit spends it
        try (TestPortal portal = new TestPortal(data, new SparqlLimits(3, 1000, 4, WAIT, 0, 2), b -> b.behindProxy(true))) {
            portal.publisher.publish(TestPortal.FIXTURE, false);
            assertThat(send(portal, "203.0.113.7", "/sparql?query=" + TestPortal.enc(SLOW)).join().statusCode()).isEqualTo(503);
            HttpResponse<String> r = null;
            for (int i = 0; i < 50; i++) { // its time is taken on the query's thread, as it ends
                r = send(portal, "203.0.113.7", "/sparql?query=" + TestPortal.enc("ASK { ?s ?p ?o }")).join();
                if (r.statusCode() == 429) break;
            }
            assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
            JsonNode e = JSON.readTree(r.body()).path("error");
            assertThat(e.path("code").asText()).isEqualTo("out-of-time");
            assertThat(e.path("message").asText()).contains("the 2 seconds of query time it may use a minute");
            long retry = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retry).as("1 to 3 s owed, at 2 s a minute").isBetween(10L, 120L);
            assertThat(e.path("message").asText()).contains("Try again in " + retry + " seconds");
            HttpResponse<String> rows = send(portal, "203.0.113.7", "/api/datasets/pagos-prueba/rows.json").join();
            assertThat(rows.statusCode()).isEqualTo(429);
            assertThat(JSON.readTree(rows.body()).path("error").path("code").asText()).isEqualTo("out-of-time");
            // another address is answered
            assertThat(send(portal, "203.0.113.8", "/sparql?query=" + TestPortal.enc("ASK { ?s ?p ?o }")).join().statusCode()).isEqualTo(200);
        }
    }

    @Test
    void behind_a_proxy_the_portal_was_not_told_of_queries_are_not_limited_per_client() throws Exception {
        try (TestPortal portal = new TestPortal(data, new SparqlLimits(3, 1000, 4, WAIT, 1, 0))) {
            portal.publisher.publish(TestPortal.FIXTURE, false);
            // every request from this machine: with X-Forwarded-For (an undeclared proxy) not limited per client
            CompletableFuture<HttpResponse<String>> slow = send(portal, "203.0.113.5", "/sparql?query=" + TestPortal.enc(SLOW));
            Thread.sleep(400);
            assertThat(send(portal, "203.0.113.5", "/sparql?query=" + TestPortal.enc("ASK {}")).join().statusCode()).isEqualTo(200);
            assertThat(slow.join().statusCode()).isEqualTo(503);
            // without it, this machine is one client like any other
            CompletableFuture<HttpResponse<String>> direct = send(portal, null, "/sparql?query=" + TestPortal.enc(SLOW));
            Thread.sleep(400);
            // (another query than the one before: an answer already kept is given to anyone, counted against no one)
            assertThat(send(portal, null, "/sparql?query=" + TestPortal.enc("ASK { ?s ?p ?o }")).join().statusCode()).isEqualTo(429);
            assertThat(direct.join().statusCode()).isEqualTo(503);
        }
    }

    private static CompletableFuture<HttpResponse<String>> send(TestPortal portal, String forwardedFor, String pathAndQuery) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + portal.server.port() + pathAndQuery))
                .header("Accept", "application/json").header("Accept-Language", "en").GET();
        if (forwardedFor != null) r.header("X-Forwarded-For", forwardedFor);
        return portal.http.sendAsync(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
