package mx.zocalo.server.cli;

import static mx.zocalo.server.cli.ZocaloCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import mx.zocalo.server.cli.ZocaloCommandTest.Run;
import mx.zocalo.server.store.TdbStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zocalo harvest}: the summary, and exit code 1 with the URL named and the store untouched on every error. */
class HarvestCommandTest {
    static final Path EXAMPLE = Path.of("src/test/resources/dcat-ap-3.0.1/examples/example-bee-population-2022-2023.ttl");

    @TempDir
    Path tmp;
    HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/missing", ex -> send(ex, 404, "text/html", "<h1>Not found</h1>"));
        server.createContext("/garbage", ex -> send(ex, 200, "application/ld+json", "{ this is not json"));
        server.createContext("/catalog.ttl", ex -> send(ex, 200, "text/turtle", Files.readString(EXAMPLE)));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    static long quads(Path data) {
        try (TdbStore store = TdbStore.open(data)) {
            return store.read(dsg -> dsg.stream().count());
        }
    }

    @Test
    void help_says_to_stop_the_portal_first() {
        Run r = run("harvest", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage: zocalo harvest", "SOURCE", "--data", "--base", "--name", "--max-pages", "portal stopped");
        assertThat(run("--help").out()).contains("harvest");
    }

    @Test
    void harvests_a_file_then_a_url_and_prints_a_summary() {
        Path data = tmp.resolve("data");
        Run file = run("harvest", "--data", data.toString(), "--base", "https://datos.example.mx/", EXAMPLE.toString());
        assertThat(file.exit()).as(file.err()).isZero();
        assertThat(file.out()).contains("harvested 2 datasets from " + EXAMPLE + " (2 new, 0 updated, 0 withdrawn) in 1 page");
        Run web = run("harvest", "--data", data.toString(), "--base", "https://datos.example.mx/", "--name", "bees", url("/catalog.ttl"));
        assertThat(web.exit()).as(web.err()).isZero();
        assertThat(web.out()).contains("harvested 2 datasets from " + url("/catalog.ttl") + " (2 new, 0 updated, 0 withdrawn) in 1 page");
    }

    @Test
    void unreachable_missing_and_unparsable_sources_exit_1_naming_the_url_and_leave_the_store_alone() throws IOException {
        Path data = tmp.resolve("data");
        assertThat(run("harvest", "--data", data.toString(), EXAMPLE.toString()).exit()).isZero();
        long before = quads(data);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String unreachable = "http://127.0.0.1:" + closedPort + "/catalog";
        for (String source : new String[] {unreachable, url("/missing"), url("/garbage"), tmp.resolve("no-such.ttl").toString()}) {
            Run r = run("harvest", "--data", data.toString(), "--timeout", "5", source);
            assertThat(r.exit()).as(source).isEqualTo(1);
            assertThat(r.err()).as(source).startsWith("zocalo harvest: ").contains(source);
        }
        assertThat(run("harvest", "--data", data.toString(), url("/missing")).err()).contains("HTTP status 404");
        assertThat(quads(data)).isEqualTo(before);
        Path fresh = tmp.resolve("fresh");
        assertThat(run("harvest", "--data", fresh.toString(), url("/garbage")).exit()).isEqualTo(1);
        assertThat(fresh).as("the source is read before the store is opened").doesNotExist();
    }
}
