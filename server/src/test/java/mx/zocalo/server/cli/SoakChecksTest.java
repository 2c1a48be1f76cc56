package mx.zocalo.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak's judgements on real HTTP answers (a JDK HTTP server on a free port answering what each case needs):
 * what counts as a documented 503, what is a mixed or stale answer, what is a wrong count; and its histogram.
 */
class SoakChecksTest {
    @TempDir
    Path tmp;

    private HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    /** path → {status, Retry-After or null, X-Total-Count or null, body} */
    private static final Map<String, String[]> ANSWERS = Map.ofEntries(
            Map.entry("/busy", new String[] {"503", "5", null, "{\"error\":\"busy\"}"}),
            Map.entry("/timeout", new String[] {"503", null, null, "{\"code\":\"timeout\",\"message\":\"ran longer than the time limit\"}"}),
            Map.entry("/broken", new String[] {"503", null, null, "<html>Service Unavailable</html>"}),
            Map.entry("/error", new String[] {"500", null, null, "oops"}),
            Map.entry("/one", new String[] {"200", null, "9", "[{\"marca\":\"SOAKVER3\"},{\"marca\":\"SOAKVER3\"}]"}),
            Map.entry("/two", new String[] {"200", null, "9", "[{\"marca\":\"SOAKVER3\"},{\"marca\":\"SOAKVER4\"}]"}),
            Map.entry("/wrong-total", new String[] {"200", null, "10", "[{\"marca\":\"SOAKVER3\"}]"}),
            Map.entry("/group", new String[] {"200", null, null, "[{\"marca\":\"SOAKVER4\",\"n\":9}]"}),
            Map.entry("/group-wrong", new String[] {"200", null, null, "[{\"marca\":\"SOAKVER4\",\"n\":10}]"}),
            Map.entry("/groups", new String[] {"200", null, null, "[{\"marca\":\"SOAKVER4\",\"n\":9},{\"marca\":\"SOAKVER5\",\"n\":10}]"}),
            Map.entry("/sparql-group", new String[] {"200", null, null,
                "{\"head\":{\"vars\":[\"marca\",\"n\"]},\"results\":{\"bindings\":[{\"marca\":{\"type\":\"literal\",\"value\":\"SOAKVER3\"},"
                    + "\"n\":{\"type\":\"literal\",\"datatype\":\"http://www.w3.org/2001/XMLSchema#integer\",\"value\":\"10\"}}]}}"}));

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String[] a = ANSWERS.get(ex.getRequestURI().getPath());
            byte[] body = a[3].getBytes(StandardCharsets.UTF_8);
            if (a[1] != null) ex.getResponseHeaders().add("Retry-After", a[1]);
            if (a[2] != null) ex.getResponseHeaders().add("X-Total-Count", a[2]);
            ex.sendResponseHeaders(Integer.parseInt(a[0]), body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Ten rows: odd versions have 10, even ones leave out every tenth row: 9. */
    private SoakVersions versions() throws IOException {
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int i = 0; i < 10; i++) csv.append(i).append(",x\n");
        Path file = Files.writeString(tmp.resolve("rows.csv"), csv);
        return new SoakVersions(file, tmp.resolve("folder"));
    }

    @Test
    void a_503_is_documented_only_with_retry_after_or_naming_the_time_limit() throws Exception {
        assertThat(SoakRoute.outcome(get("/busy"))).isEqualTo("503-limit");
        assertThat(SoakRoute.outcome(get("/timeout"))).isEqualTo("503-limit");
        assertThat(SoakRoute.outcome(get("/broken"))).isEqualTo("503");
        SoakRoute route = new SoakRoute("r", "page", 1, rnd -> null, null);
        for (String p : new String[] {"/busy", "/timeout", "/broken", "/error", "/one"}) route.count(SoakRoute.outcome(get(p)), 1000, 0);
        route.count("io", 5, 2);
        assertThat(route.unexpected()).isEqualTo(3); // the bare 503, the 500 and the answer that never came
        assertThat(route.errors()).containsEntry("503-limit", 2L).containsEntry("503", 1L).containsEntry("500", 1L).containsEntry("io", 1L)
                .doesNotContainKey("200");
    }

    @Test
    void answers_are_mixed_when_they_hold_two_versions_or_a_count_not_of_one_version() throws Exception {
        SoakVersions v = versions();
        assertThat(SoakVersions.mixed(get("/one"))).isNull();
        assertThat(SoakVersions.mixed(get("/two"))).contains("holds versions [3, 4]");
    }

    @Test
    void totals_and_counts_must_be_those_of_the_version_the_rows_carry() throws Exception {
        SoakVersions v = versions();
        assertThat(v.rows(3)).isEqualTo(10);
        assertThat(v.rows(4)).isEqualTo(9);
        assertThat(v.rowsWithTotal().problem(get("/wrong-total"))).isNull(); // version 3, total 10: right
        assertThat(v.rowsWithTotal().problem(get("/one"))).contains("total of 9").contains("that version has 10");
        assertThat(v.oneGroup().problem(get("/group"))).isNull();
        assertThat(v.oneGroup().problem(get("/group-wrong"))).contains("version 4 counted [10] rows (it has 9)");
        assertThat(v.oneGroup().problem(get("/groups"))).contains("versions [4, 5]");
        assertThat(v.oneGroup().problem(get("/sparql-group"))).isNull();
    }

    @Test
    void an_answer_older_than_the_last_finished_publish_is_stale() throws Exception {
        assertThat(SoakVersions.stale(get("/one"), 3, 3)).isNull();
        assertThat(SoakVersions.stale(get("/one"), 2, 4)).isNull();
        assertThat(SoakVersions.stale(get("/one"), 4, 4)).contains("answered version 3 when versions 4 to 4 were possible");
        assertThat(SoakVersions.stale(get("/one"), 1, 2)).contains("answered version 3");
    }

    @Test
    void the_republished_dataset_alternates_between_its_two_shapes() throws Exception {
        SoakVersions v = versions();
        Path folder = v.write(2);
        String csv = Files.readString(folder.resolve("filas.csv"));
        assertThat(csv.lines().count()).isEqualTo(1 + 9);
        assertThat(csv).startsWith("a,b,version,marca\n").doesNotContain("0,x,2").contains("1,x,2,SOAKVER2\n");
        assertThat(Files.readString(folder.resolve("dataset.yaml"))).contains("slug: soak-versiones").contains("file: filas.csv");
        assertThat(Files.readString(v.write(3).resolve("filas.csv")).lines().count()).isEqualTo(1 + 10);
    }

    @Test
    void histogram_percentiles_are_within_a_bucket_of_the_exact_ones() {
        SoakHistogram h = new SoakHistogram();
        for (long us = 1; us <= 100_000; us++) h.add(us);
        assertThat(h.count()).isEqualTo(100_000);
        assertThat(h.percentileMillis(0.50)).isCloseTo(50.0, org.assertj.core.data.Percentage.withPercentage(4));
        assertThat(h.percentileMillis(0.99)).isCloseTo(99.0, org.assertj.core.data.Percentage.withPercentage(4));
        SoakHistogram sum = new SoakHistogram();
        sum.addAll(h);
        sum.addAll(h);
        assertThat(sum.count()).isEqualTo(200_000);
        assertThat(sum.percentileMillis(0.50)).isEqualTo(h.percentileMillis(0.50));
        assertThat(new SoakHistogram().percentileMillis(0.5)).isNaN();
    }
}
