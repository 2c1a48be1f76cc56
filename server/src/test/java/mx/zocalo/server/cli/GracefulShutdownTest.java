package mx.zocalo.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mx.zocalo.server.accounts.Accounts;
import mx.zocalo.server.accounts.Role;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.store.TdbStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a real {@code zocalo serve} process while a publish through the API is running: the publish finishes and
 * is answered 201, no new request is taken, the process exits, and the store it closed opens with the new dataset whole.
 */
class GracefulShutdownTest {
    private static final Path POVERTY = Path.of("/work/shared/data/poverty-municipal/Indicadores_municipales_sabana_DA.csv");
    private static final String BASE = "https://datos.example.mx/";

    @TempDir
    Path dir;

    @Test
    void sigtermDuringAPublishLetsItFinishThenClosesTheStore() throws Exception {
        Path data = dir.resolve("data");
        String token;
        try (Accounts accounts = Accounts.open(data)) {
            accounts.users().addOrganisation("hacienda", "Secretaría de Hacienda", null, null);
            accounts.users().add("editora@hacienda.gob.mx", "Editora", Role.EDITOR, "hacienda",
                    "correcto caballo batería grapa".toCharArray(), false);
            token = accounts.tokens().create("editora@hacienda.gob.mx", "tests", Duration.ofDays(1)).value();
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-cp",
                System.getProperty("java.class.path"), ZocaloCommand.class.getName(), "serve", "--data", data.toString(),
                "--port", Integer.toString(port), "--base", BASE, "--shutdown-timeout", "180");
        Process serve = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch publishing = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    log.add(line);
                    if (line.contains("no mapping, inferred one")) publishing.countDown(); // the publisher has begun
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.start();
        HttpClient http = HttpClient.newHttpClient();
        String url = "http://localhost:" + port;
        try {
            awaitHealth(http, url, serve, log);
            String boundary = "----zocalo" + UUID.randomUUID();
            byte[] body = multipart(boundary, "{\"slug\":\"pobreza\",\"title\":{\"es\":\"Pobreza por municipio\"},"
                    + "\"description\":{\"es\":\"Indicadores de pobreza por municipio\"},\"themes\":[\"ECON\"],"
                    + "\"license\":\"https://datos.gob.mx/libreusomx\"}", POVERTY);
            CompletableFuture<HttpResponse<String>> publish = http.sendAsync(HttpRequest.newBuilder(URI.create(url + "/api/datasets"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(publishing.await(120, TimeUnit.SECONDS)).as(String.join("\n", log)).isTrue();
            serve.toHandle().destroy(); // SIGTERM
            HttpResponse<String> answer = publish.get(180, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
            assertThat(serve.waitFor(120, TimeUnit.SECONDS)).as(String.join("\n", log)).isTrue();
            reader.join(5_000);
            assertThat(log).anyMatch(l -> l.contains("stopping: no new requests"));
            assertThat(log).anyMatch(l -> l.contains("the store is closed"));
            // no request is taken once stopped
            assertThat(refused(http, url)).isTrue();
            long triples = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body()).path("triples").asLong();
            assertThat(triples).isPositive();
            try (TdbStore store = TdbStore.open(data)) {
                PortalIris iris = new PortalIris(BASE);
                long inGraph = store.read(dsg -> dsg.getGraph(iris.datasetGraph("pobreza")).size());
                assertThat(inGraph).isEqualTo(triples);
                boolean recorded = store.read(dsg -> dsg.contains(iris.catalogGraph(), iris.dataset("pobreza"),
                        org.apache.jena.graph.Node.ANY, org.apache.jena.graph.Node.ANY));
                assertThat(recorded).isTrue();
            }
        } finally {
            serve.destroyForcibly();
        }
    }

    private static boolean refused(HttpClient http, String url) {
        try {
            http.send(HttpRequest.newBuilder(URI.create(url + "/health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return false;
        } catch (IOException | InterruptedException e) {
            return true;
        }
    }

    private static void awaitHealth(HttpClient http, String url, Process p, List<String> log) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (!p.isAlive()) throw new AssertionError("serve ended:\n" + String.join("\n", log));
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url + "/health")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("serve did not answer /health:\n" + String.join("\n", log));
    }

    private static byte[] multipart(String boundary, String metadata, Path file) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n" + metadata + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(Files.readAllBytes(file));
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
