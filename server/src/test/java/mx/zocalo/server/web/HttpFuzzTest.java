package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mx.zocalo.server.fuzz.FuzzRequests;
import mx.zocalo.server.fuzz.FuzzVerdict;
import mx.zocalo.server.fuzz.HttpFuzz;
import mx.zocalo.server.fuzz.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad traffic on every route of a real portal, over raw sockets ({@link FuzzRequests#fixed}: each route × each kind of
 * damage, and broken request lines): no 500, no stack trace or class name, no hang, every 4xx the portal's error in
 * the request's language. The seeded long run is {@code zocalo bench fuzz}.
 */
class HttpFuzzTest {
    @TempDir
    static Path data;
    static TestPortal portal;

    @BeforeAll
    static void start() {
        portal = new TestPortal(data, new SparqlLimits(5, 1000, 4, 500));
        portal.publisher.publish(TestPortal.FIXTURE, false);
    }

    @AfterAll
    static void stop() {
        if (portal != null) portal.close();
    }

    static Map<String, String> samples() {
        return Map.of("slug", "pagos-prueba", "file", "pagos-prueba.ttl", "name", "pagos-prueba", "goal", "delitos-nuevo-leon",
                "version", "1", "id", "20260101-AAAAAA", "*", "id/pagos-prueba/pago/1");
    }

    static RawHttp.Answer send(String raw) {
        return RawHttp.exchange("localhost", portal.server.port(), raw.getBytes(StandardCharsets.UTF_8), 20_000);
    }

    @Test
    void every_route_answers_bad_traffic_with_the_portals_error() throws Exception {
        FuzzRequests requests = new FuzzRequests(portal.server.routes(), samples());
        assertThat(requests.routeCount()).isGreaterThan(40);
        List<FuzzRequests.Probe> probes = requests.fixed();
        HttpFuzz.Report report = HttpFuzz.run("localhost", portal.server.port(), probes, 4, 20_000);
        report.print(new java.io.PrintWriter(System.out, true));
        assertThat(report.failures()).as("failures").isEmpty();
        assertThat(report.statuses().keySet()).as("statuses").contains(200, 400, 404, 405, 431);
    }

    @Test
    void what_jetty_refuses_is_the_portals_error_in_the_asked_form_and_language() {
        // a header too large: the headers cannot be read, so the default language and form
        RawHttp.Answer big = send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(70_000) + "\r\nConnection: close\r\n\r\n");
        assertThat(big.status()).isEqualTo(431);
        assertThat(big.text()).startsWith("431 Encabezados demasiado grandes\n").doesNotContain("Jetty");
        // bad UTF-8 in the address: refused before any route, yet the headers were read
        RawHttp.Answer page = send("GET /dataset/%C3%28 HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\nAccept-Language: en\r\nConnection: close\r\n\r\n");
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.text()).contains("<html lang=\"en\"", "Bad request").doesNotContain("HTTP ERROR");
        RawHttp.Answer json = send("GET /api/datasets/%C3%28/rows HTTP/1.1\r\nHost: x\r\nAccept-Language: es\r\nConnection: close\r\n\r\n");
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.header("Content-Type")).startsWith("application/json");
        assertThat(json.text()).contains("\"status\" : 400", "La solicitud no se pudo entender.");
        RawHttp.Answer line = send("GARBAGE\r\n\r\n");
        assertThat(line.status()).isEqualTo(400);
        assertThat(line.text()).startsWith("400 Solicitud incorrecta\n");
    }

    @Test
    void the_verdict_catches_what_it_looks_for() {
        FuzzRequests.Probe p = new FuzzRequests.Probe("t", "GET", "/", new byte[0], "en", true);
        RawHttp.Answer jetty = new RawHttp.Answer(400, Map.of("content-type", List.of("text/html"), "content-language", List.of("en")),
                "<html lang=\"en\"><h2>HTTP ERROR 400 Bad</h2>".getBytes(StandardCharsets.UTF_8), 1, null);
        assertThat(FuzzVerdict.problems(p, jetty)).anyMatch(s -> s.startsWith("Jetty's own error page"));
        RawHttp.Answer trace = new RawHttp.Answer(500, Map.of("content-type", List.of("text/plain"), "content-language", List.of("en")),
                "500 Server error\nNullPointerException\n\tat mx.zocalo.X.y(X.java:3)".getBytes(StandardCharsets.UTF_8), 1, null);
        assertThat(FuzzVerdict.problems(p, trace)).hasSize(3);
        RawHttp.Answer spanish = new RawHttp.Answer(404, Map.of("content-type", List.of("text/plain"), "content-language", List.of("es")),
                "404 No encontrado\n".getBytes(StandardCharsets.UTF_8), 1, null);
        assertThat(FuzzVerdict.problems(p, spanish)).containsExactly("Content-Language es for a request in en");
        assertThat(FuzzVerdict.problems(p, new RawHttp.Answer(0, Map.of(), new byte[0], 1, "timeout"))).isNotEmpty();
    }
}
