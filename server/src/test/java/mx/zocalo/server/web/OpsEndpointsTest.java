package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mx.zocalo.server.ops.AccessLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /health}, {@code /health/ready}, {@code /metrics} (Prometheus text, counters that move after requests, access
 * off / local / token) and the access log (one line per request with its duration, Jetty's own refusals included), on
 * a real portal over a real TDB2 store.
 */
class OpsEndpointsTest {
    @TempDir
    Path dir;

    @Test
    void healthAndReadinessAnswerJsonWithoutSigningIn() throws Exception {
        try (TestPortal p = new TestPortal(dir.resolve("data"))) {
            HttpResponse<String> live = p.get("/health", null);
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(live.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            assertThat(live.body()).contains("\"status\":\"up\"");
            assertThat(live.headers().firstValue("Cache-Control")).hasValue("no-store");
            HttpResponse<String> ready = awaitReady(p);
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("\"status\":\"ready\"").contains("\"store\":\"ok\"").contains("\"search\":\"ok\"");
        }
    }

    @Test
    void readinessFailsWhenTheStoreIsGone() throws Exception {
        // portal B keeps its RDF in a remote store: portal A's SPARQL endpoint; then A goes away
        TestPortal a = new TestPortal(dir.resolve("a"));
        mx.zocalo.server.store.RemoteStore remote = mx.zocalo.server.store.RemoteStore.builder(a.url("/"))
                .queryEndpoint(a.url("/sparql")).files(dir.resolve("b/files")).build();
        PortalServer b = PortalServer.builder().store(remote).iris(a.iris).port(0).build().start();
        boolean aOpen = true;
        try {
            String ready = "http://localhost:" + b.port() + "/health/ready";
            HttpResponse<String> up = null;
            for (int i = 0; i < 200 && (up == null || up.statusCode() != 200); i++) {
                if (up != null) Thread.sleep(50);
                up = a.http.send(HttpRequest.newBuilder(URI.create(ready)).GET().build(), HttpResponse.BodyHandlers.ofString());
            }
            assertThat(up.statusCode()).isEqualTo(200);
            a.close();
            aOpen = false;
            HttpResponse<String> down = a.http.send(HttpRequest.newBuilder(URI.create(ready)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.headers().firstValue("Retry-After")).isPresent();
            assertThat(down.body()).contains("\"status\":\"not-ready\"").contains("\"store\":\"unreachable");
            HttpResponse<String> live = a.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + b.port() + "/health"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(live.statusCode()).isEqualTo(200); // alive all the same
        } finally {
            b.stop();
            remote.close();
            if (aOpen) a.close();
        }
    }

    @Test
    void metricsCountRequestsByRoutePatternSparqlQueriesAndTheJvm() throws Exception {
        try (TestPortal p = new TestPortal(dir.resolve("data"))) {
            p.publisher.publish(TestPortal.FIXTURE, false);
            String before = metrics(p);
            double pages = sample(before, "http_server_requests_seconds_count", "route=\"/dataset/{slug}\"", "status=\"200\"");
            double run = sample(before, "zocalo_sparql_queries_total", "outcome=\"run\"");
            double cached = sample(before, "zocalo_sparql_queries_total", "outcome=\"cached\"");
            assertThat(p.get("/dataset/pagos-prueba", "text/html").statusCode()).isEqualTo(200);
            assertThat(p.get("/dataset/pagos-prueba", "text/html").statusCode()).isEqualTo(200);
            String q = URLEncoder.encode("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", StandardCharsets.UTF_8);
            assertThat(p.get("/sparql?query=" + q, "application/sparql-results+json").statusCode()).isEqualTo(200);
            assertThat(p.get("/sparql?query=" + q, "application/sparql-results+json").statusCode()).isEqualTo(200);
            // Jetty counts a request just after its answer is sent: wait until the last one is in
            String after = metrics(p);
            for (int i = 0; i < 100 && sample(after, "http_server_requests_seconds_count", "route=\"/dataset/{slug}\"",
                    "status=\"200\"") < pages + 2; i++) {
                Thread.sleep(20);
                after = metrics(p);
            }
            assertThat(sample(after, "http_server_requests_seconds_count", "route=\"/dataset/{slug}\"", "status=\"200\""))
                    .isEqualTo(pages + 2);
            assertThat(sample(after, "zocalo_sparql_queries_total", "outcome=\"run\"")).isEqualTo(run + 1);
            assertThat(sample(after, "zocalo_sparql_queries_total", "outcome=\"cached\"")).isEqualTo(cached + 1);
            // the histogram has buckets, the raw path never becomes a label, and the JVM is there
            assertThat(after).contains("http_server_requests_seconds_bucket{").doesNotContain("route=\"/dataset/pagos-prueba\"");
            assertThat(after).contains("jvm_memory_used_bytes").contains("jvm_threads_live_threads").contains("process_files_open_files");
            assertThat(after).contains("zocalo_page_cache_requests_total");
            // a 404 is counted under no route
            p.get("/no/such/page/at/all", "text/html");
            assertThat(sample(metrics(p), "http_server_requests_seconds_count", "status=\"404\"")).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void metricsAreLocalOnlyByDefaultAndCanBeOffOrNeedAToken() throws Exception {
        try (TestPortal p = new TestPortal(dir.resolve("a"))) {
            HttpResponse<String> proxied = p.http.send(HttpRequest.newBuilder(URI.create(p.url("/metrics")))
                    .header("X-Forwarded-For", "203.0.113.9").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(proxied.statusCode()).isEqualTo(403); // through a proxy on this machine: not local
            assertThat(p.get("/metrics", null).statusCode()).isEqualTo(200);
        }
        try (TestPortal p = new TestPortal(dir.resolve("b"), SparqlLimits.defaults(), b -> b.metrics("off"))) {
            assertThat(p.get("/metrics", null).statusCode()).isEqualTo(404);
        }
        String token = "s3cret-metrics-token-0123";
        try (TestPortal p = new TestPortal(dir.resolve("c"), SparqlLimits.defaults(), b -> b.metrics("token:" + token))) {
            assertThat(p.get("/metrics", null).statusCode()).isEqualTo(401);
            HttpResponse<String> wrong = p.http.send(HttpRequest.newBuilder(URI.create(p.url("/metrics")))
                    .header("Authorization", "Bearer nope").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).isEqualTo(401);
            HttpResponse<String> right = p.http.send(HttpRequest.newBuilder(URI.create(p.url("/metrics")))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(right.statusCode()).isEqualTo(200);
            assertThat(right.body()).contains("# TYPE http_server_requests_seconds histogram");
        }
    }

    @Test
    void theAccessLogHasOneLinePerRequestWithItsDurationInCombinedOrJsonFormat() throws Exception {
        Path combined = dir.resolve("logs/access.log");
        try (TestPortal p = new TestPortal(dir.resolve("a"), SparqlLimits.defaults(),
                b -> b.accessLog(AccessLog.toFile(combined, AccessLog.Format.COMBINED)))) {
            p.http.send(HttpRequest.newBuilder(URI.create(p.url("/health?x=1"))).header("User-Agent", "probe \"7\"")
                    .header("Referer", "http://example.org/").GET().build(), HttpResponse.BodyHandlers.ofString());
            p.get("/nothing-here", "text/html");
            List<String> lines = awaitLines(combined, 2);
            assertThat(lines.get(0)).matches("127\\.0\\.0\\.1 - - \\[\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000\\] "
                    + "\"GET /health\\?x=1 HTTP/1\\.1\" 200 \\d+ \"http://example\\.org/\" \"probe \\\\\"7\\\\\"\" \\d+ms");
            assertThat(lines.get(1)).contains("\"GET /nothing-here HTTP/1.1\" 404 ");
        }
        Path json = dir.resolve("logs/access.json");
        try (TestPortal p = new TestPortal(dir.resolve("b"), SparqlLimits.defaults(),
                b -> b.accessLog(AccessLog.toFile(json, AccessLog.Format.JSON)))) {
            p.get("/health", null);
            String line = awaitLines(json, 1).get(0);
            var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
            assertThat(node.get("method").asText()).isEqualTo("GET");
            assertThat(node.get("path").asText()).isEqualTo("/health");
            assertThat(node.get("status").asInt()).isEqualTo(200);
            assertThat(node.get("route").asText()).isEqualTo("/health");
            assertThat(node.get("ms").isNumber()).isTrue();
        }
    }

    private static List<String> awaitLines(Path file, int n) throws Exception {
        // Jetty writes the line just after the answer is sent: wait for it briefly
        for (int i = 0; i < 100; i++) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (lines.size() >= n) return lines;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("fewer than " + n + " lines in " + file);
    }

    private static HttpResponse<String> awaitReady(TestPortal p) throws Exception {
        HttpResponse<String> r = null;
        for (int i = 0; i < 200; i++) {
            r = p.get("/health/ready", null);
            if (r.statusCode() == 200) return r;
            Thread.sleep(50);
        }
        return r;
    }

    private static String metrics(TestPortal p) throws Exception {
        HttpResponse<String> r = p.get("/metrics", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        return r.body();
    }

    /** The value of the first sample of {@code name} whose labels contain every one of {@code labels} (0 when none). */
    private static double sample(String text, String name, String... labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{(.*)\\} (\\S+)$").matcher(text);
        double sum = 0;
        while (m.find()) {
            String l = m.group(1);
            boolean all = true;
            for (String want : labels) all &= l.contains(want);
            if (all) sum += Double.parseDouble(m.group(2));
        }
        return sum;
    }
}
