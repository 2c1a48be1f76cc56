package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import mx.zocalo.server.submissions.SubmissionLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The submission form and the review queue on a real portal: challenge, limits, escaping, accept and reject; reviewers,
 * editors and admins signed in through the real {@code /login} form, their forms sent with the session's CSRF token.
 */
class SubmissionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path data;
    static SubmissionPortal portal;

    @BeforeAll
    static void start() {
        portal = new SubmissionPortal(data, SubmissionLimits.defaults().maxBytes(256 * 1024).perAddress(1000, Duration.ofHours(1)));
        // something published, so that the queries below that find nothing could find something
        new mx.zocalo.server.publish.DatasetPublisher(portal.store, portal.iris).publish(Path.of("../mappings/accidentes-carreteros"), false);
    }

    @AfterAll
    static void stop() {
        if (portal != null) portal.close();
    }

    @Test
    void an_anonymous_submission_goes_to_the_queue_and_nowhere_public() throws Exception {
        String title = "Accidentes marcador-kq7z por entidad";
        HttpResponse<String> r = portal.submit(portal.filledForm(title), SubmissionPortal.ACCIDENTS);
        assertThat(r.statusCode()).isEqualTo(303);
        String id = SubmissionPortal.reference(r);
        HttpResponse<String> thanks = portal.get("/submit/thanks/" + id, null);
        assertThat(thanks.statusCode()).isEqualTo(200);
        assertThat(thanks.body()).contains(id);
        // kept in DATA/submissions/{id}: the file as sent and the fields, with a hash and not the address
        Path folder = data.resolve("submissions").resolve(id);
        assertThat(Files.mismatch(folder.resolve("sct_71_accidentes_mes.csv"), SubmissionPortal.ACCIDENTS)).isEqualTo(-1);
        JsonNode json = JSON.readTree(folder.resolve("submission.json").toFile());
        assertThat(json.path("title").asText()).isEqualTo(title);
        assertThat(json.path("status").asText()).isEqualTo("pending");
        assertThat(json.path("addressHash").asText()).matches("[0-9a-f]{32}");
        assertThat(Files.readString(folder.resolve("submission.json"))).doesNotContain("127.0.0.1").doesNotContain("0:0:0:0:0:0:0:1");
        // nowhere public: not in the store (SPARQL over every graph), the catalog page, or search
        JsonNode none = sparql("SELECT ?s WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } FILTER(CONTAINS(STR(?o), \"marcador-kq7z\")) }");
        assertThat(none.path("head").path("vars")).isNotEmpty();
        assertThat(none.path("results").path("bindings")).isEmpty();
        // the same query finds what is published (the query itself can find things)
        assertThat(sparql("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?o), \"Aguascalientes\")) } LIMIT 1")
                .path("results").path("bindings")).isNotEmpty();
        long stored = portal.store.read(dsg -> dsg.stream().filter(q -> q.getObject().toString().contains("marcador-kq7z")).count());
        assertThat(stored).isZero();
        assertThat(portal.get("/catalog", null).body()).doesNotContain("marcador-kq7z");
        HttpResponse<String> search = portal.get("/api/search?q=marcador-kq7z", null);
        for (int i = 0; i < 100 && search.statusCode() == 503; i++) { // the index is built in the background at start
            Thread.sleep(100);
            search = portal.get("/api/search?q=marcador-kq7z", null);
        }
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(search.body()).path("total").asLong()).isZero();
        // in the queue, for a reviewer
        HttpResponse<String> queue = portal.get("/review", AccountsPortal.REVIEWER);
        assertThat(queue.statusCode()).isEqualTo(200);
        assertThat(queue.body()).contains(id).contains(title);
    }

    @Test
    void a_wrong_answer_comes_back_with_the_fields_kept_and_a_new_question() throws Exception {
        Map<String, String> f = portal.filledForm("Tabla con respuesta mala");
        f.put("answer", "99");
        HttpResponse<String> r = portal.submit(f, SubmissionPortal.ACCIDENTS);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("value=\"Tabla con respuesta mala\"").contains("ana.perez@example.org")
                .contains("no es correcta").doesNotContain(f.get("challenge"));
        assertThat(queued("Tabla con respuesta mala")).isFalse();
    }

    @Test
    void the_form_speaks_english_too() throws Exception {
        String page = portal.get("/submit?lang=en", null).body();
        assertThat(page).contains("<html lang=\"en\">").contains("Submit a data table").containsPattern("What is [a-z]+ plus [a-z]+\\?");
        assertThat(portal.get("/", null).body()).contains("href=\"/submit\"");
    }

    @Test
    void a_form_without_its_csrf_token_is_403() throws Exception {
        Map<String, String> f = portal.filledForm("Sin token");
        f.remove("csrf");
        assertThat(portal.submit(f, SubmissionPortal.ACCIDENTS).statusCode()).isEqualTo(403);
        assertThat(queued("Sin token")).isFalse();
    }

    @Test
    void a_challenge_is_good_once() throws Exception {
        Map<String, String> f = portal.filledForm("Primera vez");
        assertThat(portal.submit(f, SubmissionPortal.ACCIDENTS).statusCode()).isEqualTo(303);
        f.put("title", "Segunda vez con el mismo reto");
        HttpResponse<String> again = portal.submit(f, SubmissionPortal.ACCIDENTS);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("ya se usó");
        assertThat(queued("Segunda vez con el mismo reto")).isFalse();
    }

    @Test
    void an_expired_challenge_a_filled_honeypot_and_a_hurried_form_are_refused() throws Exception {
        Map<String, String> expired = portal.filledForm("Reto caducado");
        portal.clock.advance(Duration.ofMinutes(31));
        HttpResponse<String> r1 = portal.submit(expired, SubmissionPortal.ACCIDENTS);
        assertThat(r1.statusCode()).isEqualTo(400);
        assertThat(r1.body()).contains("caducó");

        Map<String, String> bot = portal.filledForm("Robot");
        bot.put("website", "http://spam.example");
        assertThat(portal.submit(bot, SubmissionPortal.ACCIDENTS).statusCode()).isEqualTo(400);

        Map<String, String> hurried = portal.filledForm("Muy rápido");
        hurried.put("challenge", freshToken()); // asked now, sent at once: faster than the minimum fill time
        HttpResponse<String> r3 = portal.submit(hurried, SubmissionPortal.ACCIDENTS);
        assertThat(r3.statusCode()).isEqualTo(400);
        assertThat(r3.body()).contains("demasiado rápido");
        assertThat(queued("Reto caducado") || queued("Robot") || queued("Muy rápido")).isFalse();
    }

    @Test
    void an_oversized_file_is_413_and_a_png_named_csv_is_415() throws Exception {
        Path big = Path.of("/work/shared/data/population-states/conapo_pob_ent_gender_1950_2070.csv"); // 416 kB > 256 kB
        HttpResponse<String> r = portal.submit(portal.filledForm("Demasiado grande"), big);
        assertThat(r.statusCode()).isEqualTo(413);
        Path png = Path.of("../site/screenshots/chart-bar-ramo-390.png"); // 66 kB, within the limit
        HttpResponse<String> image = portal.submit(portal.filledForm("Una imagen"), "datos.csv", Files.readAllBytes(png));
        assertThat(image.statusCode()).isEqualTo(415);
        assertThat(queued("Demasiado grande") || queued("Una imagen")).isFalse();
    }

    @Test
    void a_body_declared_far_over_the_limit_is_413_before_it_is_read() throws Exception {
        // the headers declare 4 MB (over 256 kB + 1 MiB of form) and only the form's first part is sent, in one write: the
        // answer must come while the file was never sent, so it cannot have been read (over a raw socket: an HTTP
        // client sending the whole body races the server, which closes the connection after its answer)
        Path huge = Path.of("/work/shared/data/census-blocks-morelos/RESAGEBURB_17CSV20.csv.gz");
        long size = Files.size(huge);
        String boundary = "----zocalo" + System.nanoTime();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nEnorme\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"enorme.csv.gz\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        long declared = head.length() + size + ("\r\n--" + boundary + "--\r\n").length();
        assertThat(declared).isGreaterThan(256 * 1024 + (1 << 20));
        int port = java.net.URI.create(portal.url("/")).getPort();
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("POST /submit HTTP/1.1\r\nHost: localhost:" + port + "\r\nContent-Type: multipart/form-data; boundary="
                    + boundary + "\r\nContent-Length: " + declared + "\r\n\r\n" + head).getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertThat(status).startsWith("HTTP/1.1 413");
        }
        assertThat(queued("Enorme")).isFalse();
    }

    @Test
    void an_excel_workbook_is_previewed_as_the_publisher_reads_it() throws Exception {
        Path xlsx = Path.of("/work/shared/data/crime-municipal-2011-2014/siha_2_2_4_9_dic_2015.xlsx");
        String id = SubmissionPortal.reference(portal.submit(portal.filledForm("Libro de Excel"), xlsx));
        assertThat(portal.submissions.find(id).orElseThrow().kind().name()).isEqualTo("XLSX");
        String page = portal.get("/review/" + id, AccountsPortal.REVIEWER).body();
        assertThat(page).contains("siha_2_2_4_9_dic_2015.xlsx").contains("class=\"preview-columns\"").contains("Filas de datos</dt>")
                .doesNotContain("No se pudo leer la tabla");
    }

    @Test
    void a_path_in_the_file_name_is_dropped() throws Exception {
        HttpResponse<String> r = portal.submit(portal.filledForm("Nombre con ruta"), "../../x.csv",
                Files.readAllBytes(SubmissionPortal.ACCIDENTS));
        String id = SubmissionPortal.reference(r);
        try (Stream<Path> files = Files.list(data.resolve("submissions").resolve(id))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("submission.json", "x.csv");
        }
        assertThat(Files.exists(data.resolve("x.csv"))).isFalse();
        assertThat(Files.exists(data.getParent().resolve("x.csv"))).isFalse();
    }

    @Test
    void html_in_every_field_is_escaped_on_the_review_pages() throws Exception {
        Map<String, String> f = portal.filledForm("<script>alert('t')</script>Título");
        f.put("description", "<img src=x onerror=alert(1)>descripción");
        f.put("source", "<b>fuente</b>");
        f.put("name", "<i>Ana</i>");
        HttpResponse<String> r = portal.submit(f, SubmissionPortal.ACCIDENTS);
        String id = SubmissionPortal.reference(r);
        String queue = portal.get("/review?status=all", AccountsPortal.REVIEWER).body();
        String page = portal.get("/review/" + id, AccountsPortal.REVIEWER).body();
        for (String html : List.of(queue, page)) {
            assertThat(html).doesNotContain("<script>alert").contains("&lt;script&gt;alert(");
        }
        assertThat(page).doesNotContain("<img src=x").contains("&lt;img src=x onerror=alert(1)&gt;")
                .doesNotContain("<b>fuente</b>").doesNotContain("<i>Ana</i>");
    }

    @Test
    void review_pages_are_for_reviewers_and_admins() throws Exception {
        String id = SubmissionPortal.reference(portal.submit(portal.filledForm("Para permisos"), SubmissionPortal.ACCIDENTS));
        for (String path : List.of("/review", "/review/" + id, "/review/" + id + "/file")) {
            assertThat(portal.get(path, null).statusCode()).as("anonymous " + path).isEqualTo(401);
            assertThat(portal.get(path, AccountsPortal.EDITOR).statusCode()).as("editor " + path).isEqualTo(403);
            assertThat(portal.get(path, AccountsPortal.REVIEWER).statusCode()).as("reviewer " + path).isEqualTo(200);
            assertThat(portal.get(path, AccountsPortal.ADMIN).statusCode()).as("admin " + path).isEqualTo(200);
        }
        for (String action : List.of("accept", "reject")) {
            String path = "/review/" + id + "/" + action;
            assertThat(portal.post(path, null, Map.of("message", "x")).statusCode()).as("anonymous " + path).isEqualTo(401);
            assertThat(portal.post(path, AccountsPortal.EDITOR, Map.of("message", "x")).statusCode()).as("editor " + path).isEqualTo(403);
            assertThat(portal.post(path, AccountsPortal.REVIEWER, Map.of("csrf", "wrong", "message", "x")).statusCode()).as("no CSRF " + path)
                    .isEqualTo(403);
        }
        assertThat(portal.submissions.find(id).orElseThrow().pending()).isTrue();
        byte[] file = portal.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(portal.url("/review/" + id + "/file")))
                .header("Cookie", portal.cookieOf(AccountsPortal.REVIEWER)).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        assertThat(file).isEqualTo(Files.readAllBytes(SubmissionPortal.ACCIDENTS));
    }

    @Test
    void accepting_publishes_the_table_for_the_organisation() throws Exception {
        String id = SubmissionPortal.reference(portal.submit(portal.filledForm("Accidentes para publicar"), SubmissionPortal.ACCIDENTS));
        String page = portal.get("/review/" + id, AccountsPortal.REVIEWER).body();
        long csvRows;
        try (Reader in = Files.newBufferedReader(SubmissionPortal.ACCIDENTS, StandardCharsets.UTF_8);
                CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
            csvRows = p.stream().count();
        }
        // the preview reads the same table the publisher will: its rows and its columns
        assertThat(page).contains("entidad_federativa").contains("danios_materiales_millones");
        assertThat(page).contains("class=\"publish-preview\"").contains("Filas de datos</dt><dd>" + csvRows + "</dd>");
        HttpResponse<String> accepted = portal.post("/review/" + id + "/accept", AccountsPortal.REVIEWER, Map.ofEntries(
                Map.entry("slug", "accidentes-ciudadanos"), Map.entry("organisation", "obras-publicas"),
                Map.entry("publisher", "Secretaría de Obras Públicas"), Map.entry("titleEs", "Accidentes enviados por la ciudadanía"),
                Map.entry("descriptionEs", "Accidentes por entidad y mes."), Map.entry("license", "https://datos.gob.mx/libreusomx"),
                Map.entry("provenance", "SCT"), Map.entry("contactName", "Oficina de datos"),
                Map.entry("contactEmail", "datos@example.mx"), Map.entry("keywords", "accidentes, tránsito")));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(303);
        assertThat(portal.get("/dataset/accidentes-ciudadanos", null).statusCode()).isEqualTo(200);
        assertThat(portal.get("/catalog", null).body()).contains("Accidentes enviados por la ciudadanía");
        // counts checked against the CSV itself, and the publisher, by SPARQL on the catalog
        String q = "PREFIX dct: <http://purl.org/dc/terms/> PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
                + "SELECT ?rows ?name WHERE { <" + TestPortal.BASE + "dataset/accidentes-ciudadanos> <" + TestPortal.BASE
                + "def/zocalo#rows> ?rows ; dct:publisher/foaf:name ?name }";
        HttpResponse<String> answer = portal.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                portal.url("/sparql?query=" + TestPortal.enc(q)))).header("Accept", "application/sparql-results+json").build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode b = JSON.readTree(answer.body()).path("results").path("bindings");
        assertThat(b).hasSize(1);
        assertThat(b.get(0).path("rows").path("value").asLong()).isEqualTo(csvRows);
        assertThat(b.get(0).path("name").path("value").asText()).isEqualTo("Secretaría de Obras Públicas");
        long instances = portal.store.read(dsg -> dsg.getGraph(portal.iris.datasetGraph("accidentes-ciudadanos"))
                .find(null, org.apache.jena.vocabulary.RDF.type.asNode(), null).toList().stream()
                .filter(t -> t.getObject().getURI().endsWith("#Registro")).count());
        assertThat(instances).isEqualTo(csvRows);
        assertThat(Files.readString(data.resolve("sources/accidentes-ciudadanos/dataset.yaml"))).contains("organisation: obras-publicas");
        // the version says where it came from (the submission's reference in its note)
        JsonNode notes = sparql("SELECT ?n WHERE { <" + TestPortal.BASE + "dataset/accidentes-ciudadanos> <http://www.w3.org/ns/adms#versionNotes> ?n }")
                .path("results").path("bindings");
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).path("n").path("value").asText()).contains(id);
        assertThat(portal.submissions.find(id).orElseThrow().status().word()).isEqualTo("accepted");
        assertThat(Files.readString(data.resolve("submissions/review-log.jsonl"))).contains(id).contains(AccountsPortal.REVIEWER);
        // decided: a second acceptance is a conflict, and the slug is not taken twice
        assertThat(portal.post("/review/" + id + "/accept", AccountsPortal.REVIEWER, Map.of("slug", "otra", "organisation", "x", "publisher", "x",
                "titleEs", "x")).statusCode()).isEqualTo(409);
    }

    @Test
    void a_table_that_cannot_be_converted_stays_pending_and_says_where() throws Exception {
        byte[] broken = "municipio,poblacion\nApodaca,\"656464\n".getBytes(StandardCharsets.UTF_8); // a quote never closed
        String id = SubmissionPortal.reference(portal.submit(portal.filledForm("Tabla rota"), "rota.csv", broken));
        assertThat(portal.get("/review/" + id, AccountsPortal.REVIEWER).body()).contains("rota.csv, line 2");
        HttpResponse<String> r = portal.post("/review/" + id + "/accept", AccountsPortal.REVIEWER, Map.of("slug", "tabla-rota",
                "organisation", "obras-publicas", "publisher", "Obras Públicas", "titleEs", "Tabla rota"));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("class=\"excerpt publish-error\"").contains("line 2");
        assertThat(portal.submissions.find(id).orElseThrow().pending()).isTrue();
        assertThat(portal.get("/dataset/tabla-rota", null).statusCode()).isEqualTo(404);
        assertThat(Files.exists(data.resolve("sources/tabla-rota"))).isFalse();
        assertThat((boolean) portal.store.<Boolean>read(dsg -> dsg.containsGraph(portal.iris.datasetGraph("tabla-rota")))).isFalse();
    }

    @Test
    void rejecting_writes_to_the_contact_through_the_outbox() throws Exception {
        String id = SubmissionPortal.reference(portal.submit(portal.filledForm("Tabla repetida"), SubmissionPortal.ACCIDENTS));
        HttpResponse<String> r = portal.post("/review/" + id + "/reject", AccountsPortal.REVIEWER,
                Map.of("message", "Esta tabla ya está publicada como «accidentes-carreteros»."));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(portal.submissions.find(id).orElseThrow().status().word()).isEqualTo("rejected");
        Path outbox = data.resolve("submissions/outbox");
        Path eml;
        try (Stream<Path> s = Files.list(outbox)) {
            eml = s.filter(p -> p.getFileName().toString().startsWith(id)).findFirst().orElseThrow();
        }
        String message = Files.readString(eml, StandardCharsets.US_ASCII);
        String headers = message.substring(0, message.indexOf("\r\n\r\n"));
        assertThat(headers).contains("To: =?UTF-8?B?").contains("<ana.perez@example.org>").contains("Subject: ").contains("Date: ")
                .contains("Message-ID: <");
        String body = new String(Base64.getMimeDecoder().decode(message.substring(message.indexOf("\r\n\r\n") + 4)), StandardCharsets.UTF_8);
        assertThat(body).contains("Esta tabla ya está publicada como «accidentes-carreteros».").contains(id);
        String page = portal.get("/review/" + id, AccountsPortal.REVIEWER).body();
        assertThat(page).contains("Esta tabla ya está publicada como «accidentes-carreteros».").contains("ana.perez@example.org");
        assertThat(Files.readString(data.resolve("submissions/review-log.jsonl"))).contains("\"reject\"").contains(id);
    }

    private static JsonNode sparql(String query) throws Exception {
        HttpResponse<String> r = portal.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                portal.url("/sparql?query=" + TestPortal.enc(query)))).header("Accept", "application/sparql-results+json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static boolean queued(String title) {
        return portal.submissions.queue(null).stream().anyMatch(s -> s.title().equals(title));
    }

    private static String freshToken() throws Exception {
        String page = portal.get("/submit", null).body();
        var m = java.util.regex.Pattern.compile("name=\"challenge\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
