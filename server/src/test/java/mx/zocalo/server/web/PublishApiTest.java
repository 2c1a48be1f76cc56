package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.Reader;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import mx.zocalo.server.publish.Upload;
import org.apache.commons.csv.CSVFormat;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST/PUT/DELETE /api/datasets}: real files published through the API, checked against independent reads. */
class PublishApiTest {
    static final Path DATA = Path.of("/work/shared/data");
    static final Path POVERTY = DATA.resolve("poverty-municipal/Indicadores_municipales_sabana_DA.csv");
    static final Path ACCIDENTS = DATA.resolve("accidents-states/sct_71_accidentes_mes.csv");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;
    PublishClient portal;

    @BeforeEach
    void start() {
        portal = new PublishClient(data, Upload.Limits.defaults().withMaxBytes(8L << 20).withPerHour(100));
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    static String metadata(String slug, String title) {
        return "{\"slug\":\"" + slug + "\",\"title\":{\"es\":\"" + title + "\",\"en\":\"" + title + " (en)\"},"
                + "\"description\":{\"es\":\"Descripción\"},\"themes\":[\"ECON\"],\"license\":\"https://datos.gob.mx/libreusomx\"}";
    }

    long sparqlCount(String query) throws Exception {
        HttpResponse<String> r = portal.get("/sparql?query=" + TestPortal.enc(query), "application/sparql-results+json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return ResultSetMgr.read(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)), ResultSetLang.RS_JSON)
                .next().getLiteral("n").getLong();
    }

    long rowsInStore(String slug) throws Exception {
        return sparqlCount("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH <" + TestPortal.BASE + "graph/" + slug + "> { ?s a <"
                + TestPortal.BASE + "def/" + slug + "#Registro> } }");
    }

    static long csvRecords(Path file, Charset cs) throws Exception {
        try (Reader in = Files.newBufferedReader(file, cs)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).stream().count();
        }
    }

    @Test
    void a_latin1_csv_is_published_updated_and_unpublished_through_the_api() throws Exception {
        HttpResponse<String> created = portal.send("POST", "/api/datasets", portal.editor, new PublishClient.Body()
                .field("metadata", metadata("pobreza-municipal", "Pobreza por municipio")).file("file", POVERTY).field("note", "primera"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).contains("/api/datasets/pobreza-municipal");
        JsonNode report = JSON.readTree(created.body());
        long expected = csvRecords(POVERTY, StandardCharsets.ISO_8859_1);
        assertThat(report.path("rows").asLong()).isEqualTo(expected);
        assertThat(rowsInStore("pobreza-municipal")).isEqualTo(expected);
        assertThat(report.path("triples").asLong()).isEqualTo(sparqlCount(
                "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <" + TestPortal.BASE + "graph/pobreza-municipal> { ?s ?p ?o } }"));
        // accents read as Latin-1, not mojibake
        assertThat(portal.get("/dataset/pobreza-municipal", "text/html").body()).contains("Pobreza por municipio");
        assertThat(sparqlCount("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p \"Nuevo León\" } }")).isGreaterThan(0);
        // the dataset folder and its owner
        Path folder = data.resolve("sources/pobreza-municipal");
        assertThat(Files.readString(folder.resolve("dataset.yaml"))).contains("organisation: \"hacienda\"");
        assertThat(sparqlCount("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { <" + TestPortal.BASE
                + "dataset/pobreza-municipal/record> <" + TestPortal.BASE + "def/zocalo#organisation> \"hacienda\" } }")).isEqualTo(1);

        // a new version: new fields, the same file kept
        HttpResponse<String> updated = portal.send("PUT", "/api/datasets/pobreza-municipal", portal.editor, new PublishClient.Body()
                .field("metadata", metadata("pobreza-municipal", "Pobreza municipal 2020")).field("note", "nuevo título"));
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(JSON.readTree(updated.body()).path("rows").asLong()).isEqualTo(expected);
        assertThat(portal.get("/dataset/pobreza-municipal", "text/html").body()).contains("Pobreza municipal 2020")
                .contains("nuevo título"); // the change note, in the dataset's history

        // another organisation's editor may not touch it; a reviewer may not; nobody anonymous
        Map<String, Integer> others = new HashMap<>();
        for (String token : new String[] {portal.otherEditor, portal.reviewer, null, "forged", portal.editor + "x"}) {
            others.put(token == null ? "none" : token.equals(portal.otherEditor) ? "other" : token.equals(portal.reviewer) ? "reviewer" : "bad",
                    portal.send("DELETE", "/api/datasets/pobreza-municipal", token, null).statusCode());
        }
        assertThat(others).containsEntry("other", 403).containsEntry("reviewer", 403).containsEntry("none", 401).containsEntry("bad", 401);
        assertThat(portal.send("PUT", "/api/datasets/pobreza-municipal", portal.otherEditor, new PublishClient.Body()
                .field("metadata", metadata("pobreza-municipal", "x"))).statusCode()).isEqualTo(403);

        HttpResponse<String> deleted = portal.send("DELETE", "/api/datasets/pobreza-municipal", portal.editor, null);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(portal.get("/dataset/pobreza-municipal", "text/html").statusCode()).isEqualTo(410);
        assertThat(rowsInStore("pobreza-municipal")).isZero();
    }

    @Test
    void an_xlsx_with_a_title_row_is_read_from_its_header() throws Exception {
        Path xlsx = DATA.resolve("crime-municipal-2011-2014/siha_2_2_4_9_dic_2015.xlsx");
        HttpResponse<String> r = portal.send("POST", "/api/datasets", portal.admin, new PublishClient.Body()
                .field("metadata", "slug: delitos-municipales\norganisation: salud\ntitle: {es: Delitos por municipio}\n").file("file", xlsx));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        long rows = JSON.readTree(r.body()).path("rows").asLong();
        assertThat(rows).isEqualTo(rowsInStore("delitos-municipales")).isEqualTo(PoiRows.dataRows(xlsx));
        assertThat(Files.readString(data.resolve("sources/delitos-municipales/dataset.yaml"))).contains("organisation: \"salud\"");
    }

    @Test
    void a_failing_new_version_leaves_the_old_one_served_byte_for_byte() throws Exception {
        assertThat(portal.send("POST", "/api/datasets", portal.editor, new PublishClient.Body()
                .field("metadata", metadata("accidentes", "Accidentes")).file("file", ACCIDENTS)).statusCode()).isEqualTo(201);
        HttpResponse<String> page = portal.get("/dataset/accidentes", "text/html");
        String etag = page.headers().firstValue("ETag").orElseThrow();
        Path folder = data.resolve("sources/accidentes");
        Map<String, byte[]> before = files(folder);
        Map<String, byte[]> servedBefore = files(data.resolve("files/accidentes"));

        // a mapping that names a column the table does not have
        String badMapping = """
                prefixes:
                  ex: "https://datos.example.mx/def/accidentes#"
                mappings:
                  accidente:
                    sources: [[sct_71_accidentes_mes.csv~csv]]
                    s: https://datos.example.mx/id/accidentes/$(no_such_column)
                    po:
                      - [ex:mes, $(mes)]
                """;
        HttpResponse<String> failed = portal.send("PUT", "/api/datasets/accidentes", portal.editor, new PublishClient.Body()
                .field("metadata", metadata("accidentes", "Accidentes rotos")).file("file", ACCIDENTS).field("mapping", badMapping));
        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(422);
        JsonNode error = JSON.readTree(failed.body());
        assertThat(error.path("error").asText()).contains("no_such_column");
        assertThat(error.path("error").asText()).doesNotContain(data.toString());
        // a date that is no date: the field is named
        HttpResponse<String> badField = portal.send("PUT", "/api/datasets/accidentes", portal.editor, new PublishClient.Body()
                .field("metadata", "{\"title\":{\"es\":\"x\"},\"issued\":\"mañana\"}"));
        assertThat(badField.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(badField.body()).path("field").asText()).isEqualTo("issued");

        HttpResponse<String> after = portal.get("/dataset/accidentes", "text/html");
        assertThat(after.headers().firstValue("ETag")).contains(etag);
        assertThat(after.body()).isEqualTo(page.body());
        Map<String, byte[]> now = files(folder);
        Map<String, byte[]> servedNow = files(data.resolve("files/accidentes"));
        assertThat(now).containsOnlyKeys(before.keySet());
        before.forEach((k, v) -> assertThat(now.get(k)).as(k).isEqualTo(v));
        assertThat(servedNow).containsOnlyKeys(servedBefore.keySet());
        servedBefore.forEach((k, v) -> assertThat(servedNow.get(k)).as(k).isEqualTo(v));
        try (Stream<Path> s = Files.list(data.resolve("sources"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("accidentes");
        }
    }

    @Test
    void uploads_are_typed_by_content_and_their_names_cannot_leave_their_folder() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        HttpResponse<String> r = portal.send("POST", "/api/datasets", portal.editor, new PublishClient.Body()
                .field("metadata", metadata("imagen", "Imagen")).file("file", "datos.csv", png));
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(JSON.readTree(r.body()).path("error").asText()).contains("PNG");

        HttpResponse<String> traversal = portal.send("POST", "/api/datasets", portal.editor, new PublishClient.Body()
                .field("metadata", metadata("nombre-raro", "Nombre raro")).file("file", "../../etc/passwd", Files.readAllBytes(ACCIDENTS)));
        assertThat(traversal.statusCode()).as(traversal.body()).isEqualTo(201);
        try (Stream<Path> s = Files.list(data.resolve("sources/nombre-raro"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("dataset.yaml", "passwd.csv");
        }
        assertThat(Files.exists(data.resolve("etc"))).isFalse();
        assertThat(Files.exists(data.getParent().resolve("etc/passwd.csv"))).isFalse();
    }

    @Test
    void an_upload_over_the_limit_is_refused_and_the_server_stays_healthy() throws Exception {
        byte[] big = new byte[9 << 20];
        java.util.Arrays.fill(big, (byte) 'a');
        PublishClient.Body body = new PublishClient.Body().field("metadata", metadata("grande", "Grande")).file("file", "grande.csv", big);
        byte[] all = body.bytes();
        // sent over a raw socket, the answer read while the body is still being sent: the portal answers 413 once the
        // file passes the limit and closes the connection, and a client that reads only after sending everything (as
        // java.net.http does) can lose that answer to the connection's reset
        int port = java.net.URI.create(portal.url("/")).getPort();
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            java.util.concurrent.CompletableFuture<String> status = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                } catch (java.io.IOException e) {
                    return "no answer: " + e;
                }
            });
            var out = socket.getOutputStream();
            try {
                out.write(("POST /api/datasets HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: Bearer " + portal.editor
                        + "\r\nContent-Type: multipart/form-data; boundary=" + body.boundary + "\r\nContent-Length: " + all.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                for (int off = 0; off < all.length && !status.isDone(); off += 64 * 1024) out.write(all, off, Math.min(64 * 1024, all.length - off));
            } catch (java.io.IOException e) {
                // the portal closed the connection after its answer
            }
            assertThat(status.get(30, java.util.concurrent.TimeUnit.SECONDS)).startsWith("HTTP/1.1 413");
        }
        assertThat(portal.get("/", "text/html").statusCode()).isEqualTo(200);
        assertThat(portal.send("POST", "/api/datasets", portal.editor, new PublishClient.Body()
                .field("metadata", metadata("pequeno", "Pequeño")).file("file", ACCIDENTS)).statusCode()).isEqualTo(201);
    }

    @Test
    void a_link_to_a_private_address_or_another_scheme_is_not_fetched() throws Exception {
        for (String url : new String[] {"file:///etc/passwd", "http://127.0.0.1:" + portal.server.port() + "/", "ftp://example.mx/x.csv"}) {
            HttpResponse<String> r = portal.send("POST", "/api/datasets", portal.editor, new PublishClient.Body()
                    .field("metadata", metadata("enlace", "Enlace")).field("url", url));
            assertThat(r.statusCode()).as(url).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).path("field").asText()).isEqualTo("url");
        }
    }

    @Test
    void uploads_over_the_hourly_rate_answer_429_with_retry_after(@TempDir Path other) throws Exception {
        try (PublishClient limited = new PublishClient(other, Upload.Limits.defaults().withPerHour(2))) {
            int[] statuses = new int[3];
            for (int i = 0; i < 3; i++) {
                statuses[i] = limited.send("POST", "/api/datasets", limited.editor, new PublishClient.Body()
                        .field("metadata", metadata("rate-" + i, "R")).file("file", "x.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'})).statusCode();
            }
            assertThat(statuses).containsExactly(415, 415, 429);
            HttpResponse<String> r = limited.send("POST", "/api/datasets", limited.editor, new PublishClient.Body()
                    .field("metadata", metadata("rate-x", "R")).file("file", ACCIDENTS));
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 3600L);
            // another user has their own count
            assertThat(limited.send("POST", "/api/datasets", limited.admin, new PublishClient.Body()
                    .field("metadata", metadata("rate-y", "R")).file("file", ACCIDENTS)).statusCode()).isEqualTo(201);
        }
    }

    static Map<String, byte[]> files(Path folder) throws Exception {
        Map<String, byte[]> m = new HashMap<>();
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) m.put(folder.relativize(p).toString(), Files.readAllBytes(p));
        }
        return m;
    }
}
