package mx.zocalo.server.web;

import static mx.zocalo.server.web.TestPortal.enc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One language rule for every error, whatever its status and form: {@code ?lang=}, then {@code Accept-Language}, then
 * Spanish; JSON when asked. And {@code Accept: application/json} on data gets JSON-LD, not 406.
 */
class ErrorAnswersTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;
    static TestPortal portal;
    /** 1 s per query. */
    static TestPortal limited;

    @BeforeAll
    static void start() {
        portal = new TestPortal(data.resolve("a"));
        portal.publisher.publish(TestPortal.FIXTURE, false);
        limited = new TestPortal(data.resolve("b"), new SparqlLimits(1, 5, 2, 300));
        limited.publisher.publish(TestPortal.FIXTURE, false);
    }

    @AfterAll
    static void stop() {
        if (portal != null) portal.close();
        if (limited != null) limited.close();
    }

    /** A request that answers {@code status}, and the status's name in Spanish and in English. */
    record Case(int status, TestPortal portal, String method, String path, String accept, String es, String en) {}

    static final String SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";

    static List<Case> cases() {
        return List.of(
                new Case(400, portal, "GET", "/catalog?pageSize=0", "text/turtle", "Solicitud incorrecta", "Bad request"),
                new Case(400, portal, "GET", "/sparql?query=" + enc("SELECT ?s WHERE { ?s ?p }"), "text/csv", "Solicitud incorrecta", "Bad request"),
                new Case(403, portal, "POST", "/sparql/update", null, "Operación no permitida", "Not allowed"),
                new Case(404, portal, "GET", "/id/pagos-prueba/pago/999", "text/turtle", "No encontrado", "Not found"),
                new Case(405, portal, "DELETE", "/catalog", null, "Método no permitido", "Method not allowed"),
                new Case(406, portal, "GET", "/dataset/pagos-prueba", "image/png", "Formato no disponible", "Format not available"),
                new Case(503, limited, "GET", "/sparql?query=" + enc(SLOW), "text/csv", "Servicio no disponible", "Service unavailable"));
    }

    static HttpResponse<String> send(Case c, String query, String accept, String language) throws Exception {
        String path = c.path() + (query == null ? "" : (c.path().contains("?") ? "&" : "?") + query);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(c.portal().url(path)))
                .method(c.method(), HttpRequest.BodyPublishers.noBody());
        if (accept != null) b.header("Accept", accept);
        if (language != null) b.header("Accept-Language", language);
        return c.portal().http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void every_status_follows_lang_then_accept_language_then_spanish_in_text() throws Exception {
        for (Case c : cases()) {
            String what = c.method() + " " + c.path();
            HttpResponse<String> plain = send(c, null, c.accept(), null);
            assertThat(plain.statusCode()).as(what).isEqualTo(c.status());
            assertThat(plain.headers().firstValue("Content-Type").orElse("")).as(what).startsWith("text/plain");
            assertThat(plain.body()).as(what).startsWith(c.status() + " " + c.es() + "\n");
            assertThat(plain.headers().firstValue("Content-Language")).as(what).hasValue("es");
            HttpResponse<String> en = send(c, null, c.accept(), "en-US,en;q=0.8");
            assertThat(en.body()).as(what).startsWith(c.status() + " " + c.en() + "\n");
            assertThat(en.headers().firstValue("Content-Language")).as(what).hasValue("en");
            assertThat(send(c, "lang=en", c.accept(), "es-MX").body()).as(what + " ?lang=en").startsWith(c.status() + " " + c.en() + "\n");
            assertThat(send(c, "lang=es", c.accept(), "en").body()).as(what + " ?lang=es").startsWith(c.status() + " " + c.es() + "\n");
            assertThat(String.join(",", en.headers().allValues("Vary"))).as(what).contains("Accept-Language");
            if (c.status() == 405) assertThat(en.headers().firstValue("Allow")).as(what).hasValue("GET, HEAD");
        }
    }

    @Test
    void every_status_in_json_and_html_follows_the_same_rule() throws Exception {
        for (Case c : cases()) {
            String what = c.method() + " " + c.path();
            String jsonAccept = c.accept() == null ? "application/json" : c.accept() + ";q=0.5, application/json";
            // a dataset is JSON-LD for application/json: its 406 comes to a client asking for SPARQL results in JSON
            String asked = c.status() == 406 ? "application/sparql-results+json" : jsonAccept;
            HttpResponse<String> json = send(c, null, asked, "en");
            assertThat(json.statusCode()).as(what).isEqualTo(c.status());
            assertThat(json.headers().firstValue("Content-Type").orElse("")).as(what).startsWith("application/json");
            JsonNode e = JSON.readTree(json.body()).get("error");
            assertThat(e.get("status").asInt()).as(what).isEqualTo(c.status());
            assertThat(e.get("code").asText()).as(what).isNotBlank();
            assertThat(e.get("message").asText()).as(what).isNotBlank();
            JsonNode es = JSON.readTree(send(c, null, asked, null).body()).get("error");
            assertThat(es.get("message").asText()).as(what).isNotEqualTo(e.get("message").asText());

            HttpResponse<String> html = send(c, null, "text/html,application/xhtml+xml,*/*;q=0.8", "en");
            if (c.status() == 406) continue; // a browser accepts HTML, so a page is never 406 for it
            assertThat(html.headers().firstValue("Content-Type").orElse("")).as(what).startsWith("text/html");
            assertThat(html.body()).as(what).contains("<html lang=\"en\"");
            assertThat(send(c, null, "text/html", null).body()).as(what).contains("<html lang=\"es\"");
        }
    }

    @Test
    void a_bad_catalog_parameter_is_told_in_the_request_language() throws Exception {
        HttpResponse<String> es = portal.get("/catalog?pageSize=abc", "text/turtle", "es");
        assertThat(es.statusCode()).isEqualTo(400);
        assertThat(es.body()).contains("El parámetro pageSize debe ser un número entero, no 'abc'.");
        HttpResponse<String> en = portal.get("/catalog?modified_since=ayer", "text/turtle", "en");
        assertThat(en.body()).contains("The modified_since parameter must be a date (2024-06-01)", "not 'ayer'");
    }

    static Graph jsonld(String body) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(body, Lang.JSONLD).base(TestPortal.BASE).parse(g);
        return g;
    }

    @Test
    void accept_application_json_on_data_gets_json_ld_labelled_as_asked() throws Exception {
        for (String path : List.of("/dataset/pagos-prueba", "/id/pagos-prueba/pago/1", "/catalog", "/graph/pagos-prueba",
                "/sparql", "/.well-known/void", "/sparql?query=" + enc("CONSTRUCT WHERE { ?s a ?c } LIMIT 3"))) {
            HttpResponse<String> json = portal.get(path, "application/json");
            assertThat(json.statusCode()).as(path).isEqualTo(200);
            assertThat(json.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("application/json");
            HttpResponse<String> ld = portal.get(path, "application/ld+json");
            assertThat(ld.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("application/ld+json");
            Graph fromJson = jsonld(json.body());
            assertThat(fromJson.size()).as(path).isGreaterThan(0);
            assertThat(fromJson.isIsomorphicWith(jsonld(ld.body()))).as(path).isTrue();
        }
        HttpResponse<String> notAcceptable = portal.get("/dataset/pagos-prueba", "image/png", "en");
        assertThat(notAcceptable.statusCode()).isEqualTo(406);
        assertThat(notAcceptable.body()).contains("application/json");
    }
}
