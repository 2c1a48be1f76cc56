package mx.zocalo.server.web;

import static mx.zocalo.server.web.TestPortal.enc;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SPARQL 1.1 Protocol at /sparql over HTTP: forms of request, result formats, description, CORS, limits. */
class SparqlProtocolTest {
    static final String B = TestPortal.BASE;
    static final String PREFIXES = "PREFIX zocalo: <" + B + "def/zocalo#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n";
    static final String PAYMENTS = PREFIXES + "SELECT ?pago ?label WHERE { ?pago a zocalo:Pago ; rdfs:label ?label } ORDER BY ?pago";
    static final String LABELS = PREFIXES + "CONSTRUCT { ?pago rdfs:label ?label } WHERE { ?pago a zocalo:Pago ; rdfs:label ?label }";
    static final String ASK = PREFIXES + "ASK { ?pago a zocalo:Pago ; rdfs:label \"Papel para oficina\"@es }";
    /** Far too many rows to finish: every quad of the store four times over. */
    static final String SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";

    @TempDir
    static Path data;
    static TestPortal portal;
    /** 1 s per query, 5 rows, 2 queries at once, 300 ms in the queue. */
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

    static ResultSet results(String body, Lang lang) {
        return ResultSetMgr.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), lang);
    }

    static List<String> labels(ResultSet rs) {
        List<String> out = new ArrayList<>();
        rs.forEachRemaining(s -> out.add(s.getLiteral("label").getLexicalForm()));
        return out;
    }

    static Graph parse(String body, Lang lang) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(body, lang).base(B).parse(g);
        return g;
    }

    static Node iri(String relative) {
        return NodeFactory.createURI(B + relative);
    }

    static String contentType(HttpResponse<?> r) {
        return r.headers().firstValue("Content-Type").orElse("");
    }

    @Test
    void answers_are_kept_until_the_next_publish_and_queries_that_change_each_time_are_not() throws Exception {
        try (TestPortal own = new TestPortal(data.resolve("c"))) {
            own.publisher.publish(TestPortal.FIXTURE, false);
            String graphs = "/sparql?query=" + TestPortal.enc("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }");
            HttpResponse<String> first = own.get(graphs, "text/csv");
            HttpResponse<String> second = own.get(graphs, "application/sparql-results+json");
            assertThat(first.headers().firstValue("X-Cache")).isEmpty();
            assertThat(second.headers().firstValue("X-Cache")).contains("hit"); // the same answer, in another format
            HttpResponse<String> fresh = own.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(own.url(graphs)))
                    .header("Accept", "text/csv").header("Cache-Control", "no-cache").build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(fresh.headers().firstValue("X-Cache")).as("no-cache runs the query").isEmpty();
            assertThat(fresh.body()).isEqualTo(first.body());
            assertThat(results(second.body(), ResultSetLang.RS_JSON).next().getLiteral("n").getInt())
                    .isEqualTo(Integer.parseInt(first.body().lines().skip(1).findFirst().orElseThrow().strip()));

            own.publisher.publish(Path.of("src/test/resources/fixtures/accidentes-sin-mapeo"), false);
            HttpResponse<String> after = own.get(graphs, "text/csv");
            assertThat(after.headers().firstValue("X-Cache")).isEmpty();
            assertThat(Integer.parseInt(after.body().lines().skip(1).findFirst().orElseThrow().strip()))
                    .isEqualTo(Integer.parseInt(first.body().lines().skip(1).findFirst().orElseThrow().strip()) + 1);

            String now = "/sparql?query=" + TestPortal.enc("SELECT (NOW() AS ?t) WHERE {}");
            own.get(now, "text/csv");
            assertThat(own.get(now, "text/csv").headers().firstValue("X-Cache")).isEmpty();
        }
    }

    @Test
    void select_by_GET_in_json_xml_csv_and_tsv() throws Exception {
        List<String> expected = List.of("Papel para oficina", "Bacheo de la calle Hidalgo", "Tóner para impresoras", "Vacunas de invierno");
        String url = "/sparql?query=" + enc(PAYMENTS);
        Object[][] formats = {{"application/sparql-results+json", ResultSetLang.RS_JSON}, {"application/sparql-results+xml", ResultSetLang.RS_XML},
                {"text/csv", ResultSetLang.RS_CSV}, {"text/tab-separated-values", ResultSetLang.RS_TSV}};
        for (Object[] f : formats) {
            HttpResponse<String> r = portal.get(url, (String) f[0]);
            assertThat(r.statusCode()).as((String) f[0]).isEqualTo(200);
            assertThat(contentType(r)).startsWith((String) f[0]);
            assertThat(r.headers().allValues("Vary")).anySatisfy(v -> assertThat(v).contains("Accept"));
            assertThat(labels(results(r.body(), (Lang) f[1]))).as((String) f[0]).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(r.headers().firstValue(SparqlService.TRUNCATED_HEADER)).isEmpty();
        }
        // no Accept, or */*: JSON
        assertThat(contentType(portal.get(url, null))).startsWith("application/sparql-results+json");
        assertThat(contentType(portal.get(url, "*/*"))).startsWith("application/sparql-results+json");
        // the format parameter wins over Accept
        assertThat(contentType(portal.get(url + "&format=csv", "application/sparql-results+json"))).startsWith("text/csv");
        assertThat(contentType(portal.get(url + "&output=tsv", null))).startsWith("text/tab-separated-values");
    }

    @Test
    void select_by_POST_form_and_by_POST_direct() throws Exception {
        HttpResponse<String> form = portal.post("/sparql", "application/x-www-form-urlencoded", "query=" + enc(PAYMENTS),
                "application/sparql-results+xml");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(labels(results(form.body(), ResultSetLang.RS_XML))).hasSize(4).contains("Vacunas de invierno");
        HttpResponse<String> direct = portal.post("/sparql", "application/sparql-query; charset=utf-8", PAYMENTS,
                "application/sparql-results+json");
        assertThat(direct.statusCode()).isEqualTo(200);
        assertThat(labels(results(direct.body(), ResultSetLang.RS_JSON))).hasSize(4).contains("Tóner para impresoras");
        HttpResponse<String> other = portal.post("/sparql", "text/plain", PAYMENTS, null);
        assertThat(other.statusCode()).isEqualTo(415);
        HttpResponse<String> missing = portal.post("/sparql", "application/x-www-form-urlencoded", "format=json", null);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("query");
    }

    @Test
    void ask_in_every_results_format() throws Exception {
        String url = "/sparql?query=" + enc(ASK);
        HttpResponse<String> json = portal.get(url, "application/sparql-results+json");
        assertThat(ResultSetMgr.readBoolean(new ByteArrayInputStream(json.body().getBytes(StandardCharsets.UTF_8)), ResultSetLang.RS_JSON)).isTrue();
        HttpResponse<String> xml = portal.get(url, "application/sparql-results+xml");
        assertThat(ResultSetMgr.readBoolean(new ByteArrayInputStream(xml.body().getBytes(StandardCharsets.UTF_8)), ResultSetLang.RS_XML)).isTrue();
        assertThat(portal.get(url, "text/csv").body()).contains("true");
        assertThat(portal.get(url, "text/tab-separated-values").body()).contains("true");
        String no = "/sparql?query=" + enc("ASK { <urn:x> <urn:y> <urn:z> }");
        assertThat(portal.post("/sparql", "application/sparql-query", "ASK { <urn:x> <urn:y> <urn:z> }", "application/sparql-results+json").body())
                .contains("false");
        assertThat(portal.get(no, "application/sparql-results+json").body()).contains("false");
    }

    @Test
    void a_large_construct_is_written_as_expanded_json_ld_with_the_same_triples() throws Exception {
        // one subject with thousands of values of one property (plus literals of every kind): Jena's compacting writer
        // compares each value with those before it; above JSONLD_COMPACTED_MAX the answer is expanded JSON-LD, linear
        String q = "CONSTRUCT { <urn:zocalo:all> <urn:zocalo:value> ?o . ?s <urn:zocalo:p> ?o } WHERE { ?s ?p ?o }";
        String url = "/sparql?query=" + enc(q);
        Graph nt = parse(portal.get(url, "application/n-triples").body(), Lang.NTRIPLES);
        assertThat(nt.size()).as("a graph over the compacted limit").isGreaterThan(SparqlFormats.JSONLD_COMPACTED_MAX);
        assertThat(nt.find().toList()).anyMatch(t -> t.getObject().isLiteral() && !t.getObject().getLiteralLanguage().isEmpty())
                .anyMatch(t -> t.getObject().isLiteral() && t.getObject().getLiteralDatatypeURI().endsWith("#decimal"));
        HttpResponse<String> r = portal.get(url, "application/ld+json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(contentType(r)).startsWith("application/ld+json");
        assertThat(r.body()).startsWith("{\"@graph\":[").doesNotContain("@context");
        Graph g = parse(r.body(), Lang.JSONLD);
        assertThat(g.size()).isEqualTo(nt.size());
        assertThat(g.isIsomorphicWith(nt)).isTrue();
        // the subject with thousands of values is one node object
        assertThat(r.body().split("\"@id\":\"urn:zocalo:all\"", -1)).hasSize(2);
    }

    @Test
    void construct_in_every_rdf_format() throws Exception {
        String url = "/sparql?query=" + enc(LABELS);
        Graph turtle = null;
        Object[][] formats = {{"text/turtle", Lang.TURTLE}, {"application/n-triples", Lang.NTRIPLES}, {"application/ld+json", Lang.JSONLD},
                {"application/rdf+xml", Lang.RDFXML}, {"application/n-quads", Lang.NQUADS}, {"application/trig", Lang.TRIG}};
        for (Object[] f : formats) {
            HttpResponse<String> r = portal.get(url, (String) f[0]);
            assertThat(r.statusCode()).as((String) f[0]).isEqualTo(200);
            assertThat(contentType(r)).startsWith((String) f[0]);
            Graph g;
            if (f[1] == Lang.NQUADS || f[1] == Lang.TRIG) {
                DatasetGraph dsg = DatasetGraphFactory.create();
                RDFParser.fromString(r.body(), (Lang) f[1]).parse(dsg);
                g = dsg.getDefaultGraph();
            } else {
                g = parse(r.body(), (Lang) f[1]);
            }
            assertThat(g.size()).as((String) f[0]).isEqualTo(4);
            assertThat(g.contains(iri("id/pagos-prueba/pago/1"), RDFS.label.asNode(), NodeFactory.createLiteralLang("Papel para oficina", "es")))
                    .as((String) f[0]).isTrue();
            if (turtle == null) turtle = g;
            assertThat(g.isIsomorphicWith(turtle)).as((String) f[0]).isTrue();
        }
        assertThat(contentType(portal.get(url, null))).startsWith("text/turtle");
        assertThat(contentType(portal.get(url + "&format=json", null))).startsWith("application/ld+json");
        assertThat(contentType(portal.get(url + "&format=xml", null))).startsWith("application/rdf+xml");
        HttpResponse<String> post = portal.post("/sparql", "application/sparql-query", LABELS, "application/n-triples");
        assertThat(parse(post.body(), Lang.NTRIPLES).isIsomorphicWith(turtle)).isTrue();
    }

    @Test
    void describe_in_rdf_formats() throws Exception {
        String url = "/sparql?query=" + enc("DESCRIBE <" + B + "id/pagos-prueba/pago/1>");
        for (Object[] f : new Object[][] {{"text/turtle", Lang.TURTLE}, {"application/ld+json", Lang.JSONLD},
                {"application/rdf+xml", Lang.RDFXML}, {"application/n-triples", Lang.NTRIPLES}}) {
            HttpResponse<String> r = portal.get(url, (String) f[0]);
            assertThat(r.statusCode()).isEqualTo(200);
            Graph g = parse(r.body(), (Lang) f[1]);
            assertThat(g.contains(iri("id/pagos-prueba/pago/1"), RDF.type.asNode(), iri("def/zocalo#Pago"))).as((String) f[0]).isTrue();
        }
    }

    @Test
    void a_type_the_endpoint_cannot_give_is_406() throws Exception {
        HttpResponse<String> r = portal.get("/sparql?query=" + enc(PAYMENTS), "image/png");
        assertThat(r.statusCode()).isEqualTo(406);
        assertThat(r.body()).contains("application/sparql-results+json", "text/csv");
        assertThat(portal.get("/sparql?query=" + enc(LABELS), "application/sparql-results+json").statusCode()).isEqualTo(406);
    }

    @Test
    void syntax_errors_are_400_with_line_and_column() throws Exception {
        HttpResponse<String> r = portal.get("/sparql?query=" + enc("SELECT ?s WHERE { ?s ?p }"), "application/sparql-results+json", "en");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("Syntax error at line 1, column 25");
    }

    @Test
    void protocol_dataset_parameters_choose_the_graphs() throws Exception {
        String count = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?c }";
        String payments = portal.get("/sparql?query=" + enc(count) + "&default-graph-uri=" + enc(B + "graph/pagos-prueba"), "text/csv").body();
        assertThat(payments.lines()).containsExactly("n", "7");
        String named = "SELECT ?g WHERE { GRAPH ?g { } }";
        String only = portal.post("/sparql", "application/x-www-form-urlencoded",
                "query=" + enc(named) + "&named-graph-uri=" + enc(B + "graph/catalog"), "text/csv").body();
        assertThat(only.lines()).containsExactly("g", B + "graph/catalog");
    }

    @Test
    void federated_service_calls_are_not_made() throws Exception {
        String q = "SELECT * WHERE { SERVICE <http://localhost:9/sparql> { ?s ?p ?o } }";
        HttpResponse<String> r = portal.get("/sparql?query=" + enc(q), "application/sparql-results+json");
        assertThat(r.statusCode()).isBetween(400, 499);
    }

    @Test
    void service_description_for_rdf_clients_without_a_query() throws Exception {
        Node sd = NodeFactory.createURI(ServiceDescription.SD + "Service");
        for (Object[] f : new Object[][] {{"text/turtle", Lang.TURTLE}, {"application/ld+json", Lang.JSONLD},
                {"application/rdf+xml", Lang.RDFXML}, {"application/n-triples", Lang.NTRIPLES}}) {
            HttpResponse<String> r = portal.get("/sparql", (String) f[0]);
            assertThat(r.statusCode()).as((String) f[0]).isEqualTo(200);
            assertThat(contentType(r)).startsWith((String) f[0]);
            Graph g = parse(r.body(), (Lang) f[1]);
            Node service = iri("sparql");
            assertThat(g.contains(service, RDF.type.asNode(), sd)).isTrue();
            assertThat(g.contains(service, sdTerm("endpoint"), service)).isTrue();
            assertThat(g.contains(service, sdTerm("supportedLanguage"), sdTerm("SPARQL11Query"))).isTrue();
            assertThat(g.contains(service, sdTerm("resultFormat"), NodeFactory.createURI("http://www.w3.org/ns/formats/SPARQL_Results_JSON"))).isTrue();
            assertThat(g.contains(service, sdTerm("feature"), sdTerm("UnionDefaultGraph"))).isTrue();
            assertThat(g.contains(Node.ANY, sdTerm("name"), iri("graph/pagos-prueba"))).isTrue();
            assertThat(g.contains(Node.ANY, sdTerm("name"), iri("graph/catalog"))).isTrue();
            Node dataset = g.find(service, sdTerm("defaultDataset"), Node.ANY).next().getObject();
            assertThat(g.contains(dataset, sdTerm("defaultGraph"), Node.ANY)).isTrue();
            assertThat(g.find(dataset, sdTerm("namedGraph"), Node.ANY).toList()).hasSizeGreaterThanOrEqualTo(2);
        }
        assertThat(portal.get("/sparql", "application/sparql-results+json").statusCode()).isEqualTo(400);
    }

    static Node sdTerm(String local) {
        return NodeFactory.createURI(ServiceDescription.SD + local);
    }

    @Test
    void cors_headers_and_preflight() throws Exception {
        HttpRequest get = HttpRequest.newBuilder(URI.create(portal.url("/sparql?query=" + enc(ASK))))
                .header("Origin", "https://example.org").header("Accept", "application/sparql-results+json").build();
        HttpResponse<String> r = portal.http.send(get, HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(r.headers().firstValue("Access-Control-Expose-Headers").orElse("")).contains(SparqlService.TRUNCATED_HEADER);
        HttpRequest preflight = HttpRequest.newBuilder(URI.create(portal.url("/sparql")))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://example.org")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type, accept").build();
        HttpResponse<String> p = portal.http.send(preflight, HttpResponse.BodyHandlers.ofString());
        assertThat(p.statusCode()).isBetween(200, 204);
        assertThat(p.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(p.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("GET", "POST");
        assertThat(p.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase()).contains("content-type");
        HttpResponse<String> post = portal.post("/sparql", "application/sparql-query", ASK, "application/sparql-results+json");
        assertThat(post.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    @Test
    void updates_are_refused_in_every_form() throws Exception {
        String update = "INSERT DATA { <urn:x> <urn:y> <urn:z> }";
        List<HttpResponse<String>> answers = List.of(
                portal.post("/sparql", "application/sparql-update", update, null),
                portal.post("/sparql", "application/x-www-form-urlencoded", "update=" + enc(update), null),
                portal.get("/sparql?update=" + enc(update), null),
                portal.get("/sparql?query=" + enc(update), "application/sparql-results+json"),
                portal.post("/sparql", "application/sparql-query", update, null),
                portal.post("/sparql/update", "application/sparql-update", update, null));
        for (HttpResponse<String> r : answers) {
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("solo lectura");
        }
        assertThat(portal.get("/sparql?query=" + enc("ASK { <urn:x> <urn:y> <urn:z> }"), "text/csv").body()).doesNotContain("true");
    }

    @Test
    void a_result_over_the_row_limit_is_cut_and_says_so() throws Exception {
        String all = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }";
        HttpResponse<String> r = limited.get("/sparql?query=" + enc(all), "application/sparql-results+json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue(SparqlService.TRUNCATED_HEADER)).hasValue("5");
        assertThat(ResultSetFormatter.consume(results(r.body(), ResultSetLang.RS_JSON))).isEqualTo(5);
        HttpResponse<String> csv = limited.post("/sparql", "application/x-www-form-urlencoded", "query=" + enc(all + " LIMIT 100"), "text/csv");
        assertThat(csv.headers().firstValue(SparqlService.TRUNCATED_HEADER)).hasValue("5");
        assertThat(csv.body().lines()).hasSize(6);
        HttpResponse<String> fits = limited.get("/sparql?query=" + enc(all + " LIMIT 3"), "text/csv");
        assertThat(fits.headers().firstValue(SparqlService.TRUNCATED_HEADER)).isEmpty();
        assertThat(fits.body().lines()).hasSize(4);
        HttpResponse<String> construct = limited.get("/sparql?query=" + enc("CONSTRUCT WHERE { ?s ?p ?o }"), "application/n-triples");
        assertThat(construct.headers().firstValue(SparqlService.TRUNCATED_HEADER)).hasValue("5");
        assertThat(parse(construct.body(), Lang.NTRIPLES).size()).isEqualTo(5);
        HttpResponse<String> html = limited.get("/sparql?query=" + enc(all), "text/html");
        assertThat(html.headers().firstValue(SparqlService.TRUNCATED_HEADER)).hasValue("5");
        assertThat(html.body()).contains("class=\"notice truncated\"", "5");
    }

    @Test
    void a_query_over_the_time_limit_is_stopped_with_503_and_a_message() throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = limited.get("/sparql?query=" + enc(SLOW), "application/sparql-results+json", "en");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("time limit of 1 seconds");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
        HttpResponse<String> html = limited.get("/sparql?query=" + enc(SLOW), "text/html", "en");
        assertThat(html.statusCode()).isEqualTo(503);
        assertThat(html.body()).contains("role=\"alert\"", "time limit of 1 seconds");
    }

    @Test
    void slow_queries_wait_for_a_slot_or_get_503_and_pages_still_answer() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            HttpRequest q = HttpRequest.newBuilder(URI.create(limited.url("/sparql?query=" + enc(SLOW))))
                    .header("Accept", "application/sparql-results+json").header("Accept-Language", "en").build();
            slow.add(limited.http.sendAsync(q, HttpResponse.BodyHandlers.ofString()));
        }
        Thread.sleep(150);
        long t0 = System.nanoTime();
        HttpResponse<String> home = limited.get("/", "text/html");
        HttpResponse<String> dataset = limited.get("/dataset/pagos-prueba", "text/html");
        Duration pages = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(dataset.statusCode()).isEqualTo(200);
        assertThat(pages).isLessThan(Duration.ofSeconds(5));
        int busy = 0;
        int stopped = 0;
        for (CompletableFuture<HttpResponse<String>> f : slow) {
            HttpResponse<String> r = f.get();
            assertThat(r.statusCode()).isEqualTo(503);
            if (r.body().contains("busy")) {
                busy++;
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
            } else {
                stopped++;
                assertThat(r.body()).contains("time limit");
            }
        }
        assertThat(busy).as("queries refused while 2 ran").isGreaterThanOrEqualTo(1);
        assertThat(stopped).as("queries that ran until the time limit").isBetween(2, 4);
        // and the endpoint serves again once they are done
        assertThat(limited.get("/sparql?query=" + enc(ASK), "application/sparql-results+json").body()).contains("true");
    }

    @Test
    void browsers_get_the_workbench_with_examples_prefixes_and_server_rendered_results() throws Exception {
        HttpResponse<String> page = portal.get("/sparql", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form", "name=\"query\"", "<label for=\"query\"", "<label for=\"format\"",
                "/static/yasgui.min.js", "/static/sparql-workbench.js", "id=\"sparql-config\"",
                "Pagos a proveedores (prueba)", "zocalo:Pago", "<dt>zocalo:</dt>", "<dt>dcat:</dt>");
        // every example query runs
        Matcher m = Pattern.compile("class=\"example\" href=\"([^\"]+)\"").matcher(page.body());
        int examples = 0;
        while (m.find()) {
            String link = m.group(1).replace("&amp;", "&");
            HttpResponse<String> r = portal.get(link, "application/sparql-results+json");
            assertThat(r.statusCode()).as(link).isEqualTo(200);
            assertThat(ResultSetFormatter.consume(results(r.body(), ResultSetLang.RS_JSON))).as(link).isGreaterThan(0);
            examples++;
        }
        assertThat(examples).isGreaterThanOrEqualTo(5);
        // a shared link shows the query, runs it and shows a table, with download links
        HttpResponse<String> shared = portal.get("/sparql?query=" + enc(PAYMENTS), "text/html,application/xhtml+xml,*/*;q=0.8");
        assertThat(shared.statusCode()).isEqualTo(200);
        assertThat(shared.body()).contains("<table class=\"results\"", "<th scope=\"col\">label</th>", "Papel para oficina",
                "href=\"/id/pagos-prueba/pago/1\"", "format=csv", "format=json");
        assertThat(shared.body()).doesNotContain("notice truncated");
        HttpResponse<String> wrong = portal.get("/sparql?query=" + enc("SELECT nonsense") + "&format=html", null);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("role=\"alert\"", "Error de sintaxis", "SELECT nonsense");
        HttpResponse<String> english = portal.get("/sparql?lang=en", "text/html");
        assertThat(english.body()).contains("Example queries", "Table of zocalo:Pago");
    }

    @Test
    void the_editor_and_its_licence_are_served_by_the_portal() throws Exception {
        HttpResponse<String> js = portal.get("/static/yasgui.min.js", null);
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(contentType(js)).startsWith("text/javascript");
        assertThat(portal.get("/static/yasgui.min.css", null).statusCode()).isEqualTo(200);
        assertThat(portal.get("/static/sparql-workbench.js", null).statusCode()).isEqualTo(200);
        HttpResponse<String> licence = portal.get("/static/yasgui.LICENSE.txt", null);
        assertThat(licence.statusCode()).isEqualTo(200);
        assertThat(licence.body()).contains("MIT");
    }
}
