package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import mx.zocalo.server.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /-/compact} ({@code zocalo compact} while the portal serves): TDB2 compaction of the live store while
 * readers keep asking for pages; the same graphs and pages after, less space, a new generation, and writes go on.
 */
class OnlineCompactionTest {
    @TempDir
    Path dir;

    @Test
    void compactionWhileServingKeepsEveryGraphAndPageAndFreesSpace() throws Exception {
        Path data = dir.resolve("data");
        try (TestPortal p = new TestPortal(data, SparqlLimits.defaults(), b -> b.control(data))) {
            for (int i = 0; i < 3; i++) p.publisher.publish(TestPortal.FIXTURE, true); // each republish leaves garbage
            Map<String, Long> graphs = counts(p.store);
            String page = p.get("/dataset/pagos-prueba", "text/html").body();
            List<String> before = generations(data);
            Properties control = new Properties();
            control.load(Files.newBufferedReader(data.resolve(ControlEndpoint.FILE)));
            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger answered = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            Thread readers = new Thread(() -> {
                while (!done.get()) {
                    try {
                        if (p.get("/dataset/pagos-prueba", "text/html").statusCode() == 200) answered.incrementAndGet();
                        else failed.incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
            readers.start();
            HttpResponse<String> refused = post(p, null);
            assertThat(refused.statusCode()).isEqualTo(401); // no token, no compaction
            HttpResponse<String> made = post(p, control.getProperty("token"));
            done.set(true);
            readers.join();
            assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
            JsonNode o = new ObjectMapper().readTree(made.body());
            assertThat(o.get("quads").asLong()).isEqualTo(graphs.values().stream().mapToLong(Long::longValue).sum());
            assertThat(o.get("freed").asLong()).isPositive();
            assertThat(o.get("after").asLong()).isLessThan(o.get("before").asLong());
            assertThat(answered.get()).isPositive();
            assertThat(failed.get()).isZero();
            assertThat(counts(p.store)).isEqualTo(graphs);
            assertThat(p.get("/dataset/pagos-prueba", "text/html").body()).isEqualTo(page);
            List<String> after = generations(data);
            assertThat(after).hasSize(1).doesNotContainAnyElementsOf(before);
            // the compacted store takes writes: one more version in the record, the same data
            p.publisher.publish(TestPortal.FIXTURE, true);
            Map<String, Long> republished = counts(p.store);
            String catalog = "https://datos.example.mx/graph/catalog";
            assertThat(republished.get(catalog)).isGreaterThan(graphs.get(catalog));
            republished.remove(catalog);
            graphs.remove(catalog);
            assertThat(republished).isEqualTo(graphs);
        }
    }

    private static HttpResponse<String> post(TestPortal p, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(p.url("/-/compact"))).POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) b.header("Authorization", "Bearer " + token);
        return p.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> generations(Path data) throws java.io.IOException {
        try (Stream<Path> s = Files.list(data.resolve("tdb2"))) {
            return s.map(x -> x.getFileName().toString()).filter(n -> n.startsWith("Data-")).sorted().toList();
        }
    }

    private static Map<String, Long> counts(Store store) {
        return store.read(dsg -> {
            Map<String, Long> m = new TreeMap<>();
            dsg.listGraphNodes().forEachRemaining(g -> m.put(g.getURI(), (long) dsg.getGraph(g).size()));
            return m;
        });
    }
}
