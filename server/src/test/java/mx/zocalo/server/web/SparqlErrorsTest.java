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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Errors of /sparql: a syntax error says line, column and what stands there, in the request's language, with the
 * query's line and a caret; JSON when asked; never ARQ's list of expected tokens (which names non-SPARQL 1.1 ones).
 */
class SparqlErrorsTest {
    /** The query of the issue: a LET (ARQ, not SPARQL 1.1) and an unclosed group. */
    static final String UNCLOSED = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nSELECT ?s ?label\nWHERE {\n  ?s rdfs:label ?label\n";
    static final String MISSING_OBJECT = "SELECT ?s\nWHERE {\n\t?s ?p }";
    /** Tokens ARQ lists as expected that SPARQL 1.1 does not have. */
    static final List<String> NOT_SPARQL_11 = List.of("LET", "lateral", "semijoin", "antijoin", "unfold", "{|", "~", "Was expecting");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;
    static TestPortal portal;
    /** 1 s per query, 1 query at once. */
    static TestPortal limited;

    @BeforeAll
    static void start() {
        portal = new TestPortal(data.resolve("a"));
        portal.publisher.publish(TestPortal.FIXTURE, false);
        limited = new TestPortal(data.resolve("b"), new SparqlLimits(1, 5, 1, 100));
        limited.publisher.publish(TestPortal.FIXTURE, false);
    }

    @AfterAll
    static void stop() {
        if (portal != null) portal.close();
        if (limited != null) limited.close();
    }

    static HttpResponse<String> get(TestPortal p, String path, String accept, String language) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(p.url(path))).GET();
        if (accept != null) b.header("Accept", accept);
        if (language != null) b.header("Accept-Language", language);
        return p.http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static JsonNode error(HttpResponse<String> r) throws Exception {
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return JSON.readTree(r.body()).get("error");
    }

    @Test
    void a_syntax_error_in_text_names_line_and_column_in_the_request_language_with_a_caret() throws Exception {
        HttpResponse<String> es = get(portal, "/sparql?query=" + enc(MISSING_OBJECT), "text/csv", null);
        assertThat(es.statusCode()).isEqualTo(400);
        assertThat(es.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(es.headers().firstValue("Content-Language")).hasValue("es");
        List<String> lines = es.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("400 Solicitud incorrecta");
        assertThat(lines.get(1)).isEqualTo("Error de sintaxis en la línea 3, columna 8: no se esperaba '}'");
        // the line as written (its tab kept), and the caret under the '}'
        String shown = lines.stream().filter(l -> l.contains("| \t?s ?p }")).findFirst().orElseThrow();
        String caret = lines.get(lines.indexOf(shown) + 1);
        assertThat(caret.indexOf('^')).isEqualTo(shown.indexOf('}'));

        HttpResponse<String> en = get(portal, "/sparql?query=" + enc(MISSING_OBJECT), "text/csv", "en-GB,en;q=0.9");
        assertThat(en.body().lines().toList()).contains("400 Bad request", "Syntax error at line 3, column 8: unexpected '}'");
        assertThat(en.headers().firstValue("Content-Language")).hasValue("en");
        HttpResponse<String> asked = get(portal, "/sparql?lang=en&query=" + enc(MISSING_OBJECT), "text/csv", "es-MX");
        assertThat(asked.body()).contains("Syntax error at line 3, column 8");
    }

    @Test
    void a_syntax_error_never_lists_arq_tokens_and_says_what_sparql_11_expects_when_it_is_short() throws Exception {
        HttpResponse<String> r = get(portal, "/sparql?query=" + enc(UNCLOSED), "text/csv", "en");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("Syntax error at line 4, column 23: unexpected end of the query; expected '}'");
        for (String token : NOT_SPARQL_11) assertThat(r.body()).as(token).doesNotContain(token);
        HttpResponse<String> limit = get(portal, "/sparql?query=" + enc("SELECT * WHERE { ?s ?p ?o } LIMIT"), "text/csv", "es");
        assertThat(limit.body()).contains("Error de sintaxis en la línea 1, columna 34: la consulta termina antes de tiempo; "
                + "se esperaba un número entero");
        HttpResponse<String> prefix = get(portal, "/sparql?query=" + enc("SELECT * WHERE { ?s ex:p ?o }"), "text/csv", "en");
        assertThat(prefix.body()).contains("Syntax error at line 1, column 21: the prefix 'ex:' is not declared");
    }

    @Test
    void a_syntax_error_in_json_when_the_client_asks_for_json() throws Exception {
        for (String accept : List.of("application/json", "application/sparql-results+json")) {
            HttpResponse<String> r = get(portal, "/sparql?query=" + enc(MISSING_OBJECT), accept, "en");
            assertThat(r.statusCode()).isEqualTo(400);
            JsonNode e = error(r);
            assertThat(e.get("status").asInt()).isEqualTo(400);
            assertThat(e.get("code").asText()).isEqualTo("syntax");
            assertThat(e.get("message").asText()).isEqualTo("Syntax error at line 3, column 8: unexpected '}'");
            assertThat(e.get("line").asInt()).isEqualTo(3);
            assertThat(e.get("column").asInt()).isEqualTo(8);
            assertThat(e.get("text").asText()).isEqualTo("\t?s ?p }");
        }
        HttpResponse<String> byFormat = get(portal, "/sparql?format=json&query=" + enc(MISSING_OBJECT), null, "es");
        assertThat(error(byFormat).get("message").asText()).startsWith("Error de sintaxis en la línea 3, columna 8");
        HttpResponse<String> posted = portal.post("/sparql", "application/sparql-query", MISSING_OBJECT, "application/sparql-results+json");
        assertThat(error(posted).get("line").asInt()).isEqualTo(3);
    }

    @Test
    void the_workbench_shows_the_message_and_the_line_with_a_caret() throws Exception {
        HttpResponse<String> r = get(portal, "/sparql?query=" + enc(MISSING_OBJECT), "text/html", "es-MX,es;q=0.9");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("role=\"alert\"", "Error de sintaxis en la línea 3, columna 8: no se esperaba &#39;}&#39;",
                "<pre class=\"excerpt\">", "| \t?s ?p }");
        assertThat(r.body()).doesNotContain("Was expecting", "lateral", "semijoin", "antijoin", "unfold");
    }

    @Test
    void the_other_sparql_errors_follow_the_same_language_and_forms() throws Exception {
        // 403 update
        HttpResponse<String> update = portal.post("/sparql", "application/sparql-update", "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                "application/json");
        assertThat(update.statusCode()).isEqualTo(403);
        assertThat(error(update).get("code").asText()).isEqualTo("read-only");
        assertThat(error(update).get("message").asText()).contains("solo lectura");
        // 400 SERVICE
        HttpResponse<String> service = get(portal, "/sparql?query=" + enc("SELECT * WHERE { SERVICE <http://localhost:9/sparql> { ?s ?p ?o } }"),
                "application/sparql-results+json", "en");
        assertThat(service.statusCode()).isEqualTo(400);
        assertThat(error(service).get("code").asText()).isEqualTo("federated");
        assertThat(error(service).get("message").asText()).contains("SERVICE");
        // 406: a CONSTRUCT cannot be SPARQL JSON results
        HttpResponse<String> notAcceptable = get(portal, "/sparql?query=" + enc("CONSTRUCT WHERE { ?s ?p ?o }"),
                "application/sparql-results+json", "en");
        assertThat(notAcceptable.statusCode()).isEqualTo(406);
        JsonNode e406 = error(notAcceptable);
        assertThat(e406.get("message").asText()).contains("not available in the requested format");
        assertThat(e406.get("available").toString()).contains("text/turtle", "application/ld+json");
        // 415
        HttpResponse<String> media = portal.post("/sparql", "text/plain", "SELECT * {}", "application/json");
        assertThat(media.statusCode()).isEqualTo(415);
        assertThat(error(media).get("message").asText()).contains("application/sparql-query", "text/plain");
        // 503 timeout, in Spanish and in English
        String slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";
        HttpResponse<String> stopped = get(limited, "/sparql?query=" + enc(slow), "application/sparql-results+json", null);
        assertThat(stopped.statusCode()).isEqualTo(503);
        assertThat(error(stopped).get("code").asText()).isEqualTo("timeout");
        assertThat(error(stopped).get("message").asText()).contains("límite de 1 segundos");
        HttpResponse<String> stoppedText = get(limited, "/sparql?query=" + enc(slow), "text/csv", "en");
        assertThat(stoppedText.body()).startsWith("503 Service unavailable\nThe query was stopped");
    }
}
