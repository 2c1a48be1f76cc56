package mx.zocalo.server.cli;

import static mx.zocalo.server.cli.ZocaloCommandTest.FIXTURES;
import static mx.zocalo.server.cli.ZocaloCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.publish.DatasetPublisher;
import mx.zocalo.server.publish.Vocabularies;
import mx.zocalo.server.store.RemoteStore;
import mx.zocalo.server.web.PortalServer;
import mx.zocalo.server.web.SparqlLimits;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.exec.http.UpdateExecHTTP;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The portal against a real, separate Fuseki server: publish through {@code publish --store} (another process, as far
 * as the serving store can tell), serve from a second store object, and check every kind of page, content
 * negotiation, the SPARQL endpoint with its formats and limits, downloads, the page cache across publishes, and what
 * happens when the store stops answering.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteStoreTest {
    static final String BASE = "https://datos.example.mx/";
    static final String COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://datos.example.mx/graph/pagos-prueba> { ?s a ?c } }";
    /** Four unbounded patterns over the union of every graph (vocabularies included): far longer than any time limit here. */
    static final String SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";
    static final String JSON = "application/sparql-results+json";
    static final PortalIris IRIS = new PortalIris(BASE);

    @TempDir
    static Path work;
    static FusekiProcess fuseki;
    static RemoteStore store;
    static PortalServer portal;
    /** The same store behind tight limits: 3 rows, 2 s, one query at a time and no waiting. */
    static PortalServer limited;
    static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws Exception {
        fuseki = FusekiProcess.start(work);
        ZocaloCommandTest.Run published = publish(FIXTURES.resolve("pagos-prueba"));
        assertThat(published.exit()).as(published.err()).isZero();
        assertThat(published.err()).contains("pagos-prueba: 4 rows");
        // the serving side: its own store object, sharing the files folder with the publisher
        store = RemoteStore.builder(fuseki.url()).mirror(IRIS.catalogGraph(), IRIS.vocabularyGraph())
                .files(work.resolve("publisher").resolve("files")).versionCheck(Duration.ofMillis(200))
                .maxAge(Duration.ofHours(1)).build(); // validators stay put between two requests of a test
        Vocabularies.load(store, IRIS);
        portal = PortalServer.builder().store(store).iris(IRIS).port(0).build().start();
        limited = PortalServer.builder().store(store).iris(IRIS).port(0)
                .sparqlLimits(new SparqlLimits(2, 3, 1, 0)).build().start();
    }

    @AfterAll
    static void stop() {
        if (limited != null) limited.stop();
        if (portal != null) portal.stop();
        if (store != null) store.close();
        if (fuseki != null) fuseki.close();
    }

    static ZocaloCommandTest.Run publish(Path dataset, String... more) {
        List<String> args = new ArrayList<>(List.of("publish", "--store", fuseki.url(), "--data", work.resolve("publisher").toString(),
                "--base", BASE));
        args.addAll(List.of(more));
        args.add(dataset.toString());
        return run(args.toArray(String[]::new));
    }

    static HttpResponse<String> get(String path, String accept, String... headers) throws IOException, InterruptedException {
        return get(portal, path, accept, headers);
    }

    static HttpResponse<String> get(PortalServer server, String path, String accept, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path)).GET();
        if (accept != null) b.header("Accept", accept);
        for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> post(String path, String contentType, String body, String accept) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://localhost:" + portal.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType).header("Accept", accept).build();
        return http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static Graph parse(String body, Lang lang) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(body, lang).base(BASE).parse(g);
        return g;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static int count(String query) throws Exception {
        HttpResponse<String> r = get("/sparql?query=" + enc(query), JSON);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return ResultSetMgr.read(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)), ResultSetLang.RS_JSON)
                .next().getLiteral("n").getInt();
    }

    static long rows(String json) {
        return ResultSetFormatter.consume(ResultSetMgr.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), ResultSetLang.RS_JSON));
    }

    static Node iri(String path) {
        return IRIS.iri(path);
    }

    /** Waits (at most 10 s) until the page at {@code path} contains {@code text}: the serving store checks the version marker every 200 ms. */
    static String eventually(String path, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String page = "";
        while (System.nanoTime() < deadline) {
            page = get(path, "text/html").body();
            if (page.contains(text)) break;
            Thread.sleep(100);
        }
        return page;
    }

    // ---- pages

    @Test
    void GET_home_lists_the_dataset_with_labels_from_the_vocabularies() throws Exception {
        HttpResponse<String> r = get("/", "text/html");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Pagos a proveedores (prueba)", "Tesorería Municipal de Prueba", "Gobierno y sector público",
                "href=\"/dataset/pagos-prueba\"");
    }

    @Test
    void GET_dataset_page_shows_metadata_downloads_and_preview() throws Exception {
        HttpResponse<String> r = get("/dataset/pagos-prueba", "text/html");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Pagos a proveedores (prueba)", "href=\"/download/pagos-prueba.csv\"",
                "href=\"/download/pagos-prueba.ttl\"", "Papelería Núñez", "https://creativecommons.org/licenses/by/4.0/");
        Graph g = parse(get("/dataset/pagos-prueba", "text/turtle").body(), Lang.TURTLE);
        assertThat(g.contains(IRIS.dataset("pagos-prueba"), RDF.type.asNode(), DCAT.Dataset.asNode())).isTrue();
        assertThat(get("/dataset/no-existe", "text/html").statusCode()).isEqualTo(404);
    }

    @Test
    void GET_catalog_as_html_and_turtle() throws Exception {
        HttpResponse<String> html = get("/catalog", "text/html");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).contains("Pagos a proveedores (prueba)", "href=\"/dataset/pagos-prueba\"");
        HttpResponse<String> r = get("/catalog", "text/turtle");
        assertThat(r.statusCode()).isEqualTo(200);
        Graph g = parse(r.body(), Lang.TURTLE);
        assertThat(g.contains(IRIS.catalog(), DCAT.dataset.asNode(), IRIS.dataset("pagos-prueba"))).isTrue();
        assertThat(parse(get("/catalog.ttl", null).body(), Lang.TURTLE).isIsomorphicWith(g)).isTrue();
    }

    @Test
    void GET_a_resource_by_content_negotiation() throws Exception {
        HttpResponse<String> html = get("/id/pagos-prueba/pago/1", "text/html");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).contains("<h1>Papel para oficina</h1>", "href=\"/id/pagos-prueba/proveedor/");
        HttpResponse<String> ttl = get("/id/pagos-prueba/pago/1", "text/turtle");
        assertThat(ttl.statusCode()).isEqualTo(200);
        assertThat(ttl.headers().firstValue("Content-Type").orElse("")).startsWith("text/turtle");
        assertThat(ttl.headers().allValues("Vary")).anySatisfy(v -> assertThat(v).contains("Accept"));
        Graph g = parse(ttl.body(), Lang.TURTLE);
        assertThat(g.contains(iri("id/pagos-prueba/pago/1"), RDFS.label.asNode(), NodeFactory.createLiteralLang("Papel para oficina", "es"))).isTrue();
        assertThat(get("/id/pagos-prueba/pago/999", "text/turtle").statusCode()).isEqualTo(404);
        HttpResponse<String> graph = get("/graph/pagos-prueba", "application/n-triples");
        assertThat(graph.statusCode()).isEqualTo(200);
        assertThat(parse(graph.body(), Lang.NTRIPLES).size()).isGreaterThan(10);
        assertThat(get("/graph/no-existe", "text/turtle").statusCode()).isEqualTo(404);
    }

    /** The query requests the Fuseki server has logged so far. */
    static long queriesLogged() throws IOException {
        return fuseki.log().lines().filter(l -> l.matches(".*\\] (GET|POST) .*/ds/(query|sparql).*")).count();
    }

    @Test
    void a_resource_page_asks_the_store_a_few_questions_not_one_per_linked_resource() throws Exception {
        // the second portal has read no resource page yet: its copies of descriptions and labels are empty
        long before = queriesLogged();
        HttpResponse<String> page = get(limited, "/id/pagos-prueba/pago/2", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("href=\"/id/pagos-prueba/proveedor/");
        long asked = queriesLogged() - before;
        System.out.println("queries for one cold resource page: " + asked);
        assertThat(asked).as("queries for one resource page").isBetween(1L, 8L);
    }

    @Test
    void pages_are_cached_and_validated_by_the_store_version() throws Exception {
        HttpResponse<String> first = get("/id/pagos-prueba/pago/3", "text/html");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = get("/id/pagos-prueba/pago/3", "text/html");
        assertThat(again.headers().firstValue("X-Cache")).hasValue("hit");
        assertThat(get("/id/pagos-prueba/pago/3", "text/html", "If-None-Match", etag).statusCode()).isEqualTo(304);
    }

    @Test
    void downloads_come_from_the_files_folder() throws Exception {
        HttpResponse<byte[]> csv = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + portal.port() + "/download/pagos-prueba.csv")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).isEqualTo(Files.readAllBytes(FIXTURES.resolve("pagos-prueba/pagos.csv")));
        HttpResponse<String> ttl = get("/download/pagos-prueba.ttl", null);
        assertThat(ttl.statusCode()).isEqualTo(200);
        assertThat(parse(ttl.body(), Lang.TURTLE).size()).isGreaterThan(10);
    }

    // ---- SPARQL: the portal's own endpoint, answered by the remote store

    @Test
    void sparql_select_and_ask_in_json_and_csv() throws Exception {
        assertThat(count(COUNT)).isEqualTo(7); // 4 payments + 3 suppliers
        // the default graph is the union of the named graphs, as with the embedded store
        assertThat(count("SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://datos.example.mx/def/zocalo#Proveedor> }")).isEqualTo(3);
        HttpResponse<String> json = get("/sparql?query=" + enc(COUNT), JSON);
        assertThat(json.headers().firstValue("Content-Type").orElse("")).startsWith(JSON);
        assertThat(json.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(json.headers().firstValue("X-Zocalo-Truncated")).isEmpty();
        HttpResponse<String> csv = get("/sparql?query=" + enc(COUNT), "text/csv");
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body().lines()).containsExactly("n", "7");
        // the three ways of the protocol: GET (above), POST as a form, POST of the query itself
        assertThat(post("/sparql", "application/x-www-form-urlencoded", "query=" + enc(COUNT), "text/csv").body().lines()).containsExactly("n", "7");
        assertThat(post("/sparql", "application/sparql-query", COUNT, "text/csv").body().lines()).containsExactly("n", "7");
        // the protocol's dataset: default-graph-uri picks the graphs of the default graph
        String any = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?c }";
        assertThat(get("/sparql?query=" + enc(any) + "&default-graph-uri=" + enc(BASE + "graph/pagos-prueba"), "text/csv").body().lines())
                .containsExactly("n", "7");

        String ask = "ASK { GRAPH <https://datos.example.mx/graph/pagos-prueba> { ?s <http://www.w3.org/2000/01/rdf-schema#label> \"Papel para oficina\"@es } }";
        HttpResponse<String> askJson = get("/sparql?query=" + enc(ask), JSON);
        assertThat(askJson.statusCode()).isEqualTo(200);
        assertThat(ResultSetMgr.readBoolean(new ByteArrayInputStream(askJson.body().getBytes(StandardCharsets.UTF_8)), ResultSetLang.RS_JSON)).isTrue();
        HttpResponse<String> askCsv = get("/sparql?query=" + enc(ask.replace("oficina", "nadie")), "text/csv");
        assertThat(askCsv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(askCsv.body().lines()).containsExactly("_askResult", "false");
        // the format parameter wins over Accept
        assertThat(get("/sparql?query=" + enc(COUNT) + "&format=csv", JSON).body().lines()).containsExactly("n", "7");
    }

    @Test
    void sparql_construct_and_describe_in_rdf_formats() throws Exception {
        String construct = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://datos.example.mx/graph/pagos-prueba> { ?s ?p ?o } }";
        HttpResponse<String> ttl = post("/sparql", "application/sparql-query", construct, "text/turtle");
        assertThat(ttl.statusCode()).isEqualTo(200);
        assertThat(ttl.headers().firstValue("Content-Type").orElse("")).startsWith("text/turtle");
        Graph g = parse(ttl.body(), Lang.TURTLE);
        assertThat(g.size()).isGreaterThan(10);
        HttpResponse<String> jsonld = get("/sparql?query=" + enc(construct), "application/ld+json");
        assertThat(jsonld.headers().firstValue("Content-Type").orElse("")).startsWith("application/ld+json");
        assertThat(parse(jsonld.body(), Lang.JSONLD).isIsomorphicWith(g)).isTrue();
        // a graph has no CSV form: 406 with the types there are
        HttpResponse<String> csv = get("/sparql?query=" + enc(construct), "text/csv");
        assertThat(csv.statusCode()).isEqualTo(406);
        assertThat(csv.body()).contains("text/turtle");
        HttpResponse<String> describe = get("/sparql?query=" + enc("DESCRIBE <" + BASE + "id/pagos-prueba/pago/1>"), "application/n-triples");
        assertThat(describe.statusCode()).isEqualTo(200);
        assertThat(parse(describe.body(), Lang.NTRIPLES).contains(iri("id/pagos-prueba/pago/1"), RDFS.label.asNode(), Node.ANY)).isTrue();
    }

    @Test
    void sparql_stays_read_only_and_refuses_what_the_embedded_store_refuses() throws Exception {
        String drop = "DROP GRAPH <https://datos.example.mx/graph/pagos-prueba>";
        // as with the embedded store: 403, the endpoint is read-only
        assertThat(post("/sparql", "application/sparql-update", drop, "*/*").statusCode()).isEqualTo(403);
        assertThat(post("/sparql", "application/x-www-form-urlencoded", "update=" + enc(drop), "*/*").statusCode()).isEqualTo(403);
        assertThat(get("/sparql?query=" + enc(drop), "text/csv").statusCode()).isEqualTo(403);
        assertThat(post("/sparql/update", "application/sparql-update", drop, "*/*").statusCode()).isEqualTo(403);
        HttpResponse<String> syntax = get("/sparql?query=" + enc("SELECT WHERE {"), "text/csv", "Accept-Language", "en");
        assertThat(syntax.statusCode()).isEqualTo(400);
        assertThat(syntax.body()).contains("Syntax error");
        // no SERVICE: the remote store is never asked to call out
        String federated = "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://localhost:9/sparql> { ?s ?p ?o } } }";
        assertThat(get("/sparql?query=" + enc(federated), JSON).statusCode()).isEqualTo(400);
        assertThat(count(COUNT)).isEqualTo(7);
    }

    @Test
    void sparql_cors_preflight_and_service_description() throws Exception {
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + portal.port() + "/sparql"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://example.org")
                .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");

        HttpResponse<String> sd = get("/sparql", "text/turtle");
        assertThat(sd.statusCode()).isEqualTo(200);
        Graph g = parse(sd.body(), Lang.TURTLE);
        String SD = "http://www.w3.org/ns/sparql-service-description#";
        assertThat(g.contains(iri("sparql"), RDF.type.asNode(), NodeFactory.createURI(SD + "Service"))).isTrue();
        // the named graphs are the remote store's
        assertThat(g.contains(Node.ANY, NodeFactory.createURI(SD + "name"), iri("graph/pagos-prueba"))).isTrue();
        assertThat(g.contains(Node.ANY, NodeFactory.createURI(SD + "name"), IRIS.catalogGraph())).isTrue();
    }

    @Test
    void the_workbench_and_its_example_queries_work_against_the_remote_store() throws Exception {
        HttpResponse<String> page = get("/sparql", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("yasgui", "href=\"/dataset/pagos-prueba\"");
        Matcher m = Pattern.compile("class=\"example\" href=\"([^\"]+)\"[^>]*>([^<]+)<").matcher(page.body());
        int n = 0;
        boolean table = false;
        while (m.find()) {
            String link = m.group(1).replace("&amp;", "&");
            table |= java.net.URLDecoder.decode(link, StandardCharsets.UTF_8).contains("OPTIONAL");
            HttpResponse<String> r = get(link, JSON);
            assertThat(r.statusCode()).as(m.group(2) + " " + link).isEqualTo(200);
            assertThat(rows(r.body())).as(m.group(2)).isGreaterThan(0);
            n++;
        }
        assertThat(n).isGreaterThanOrEqualTo(2 + 3);
        assertThat(table).as("a table example with the properties its class uses (asked of the remote store)").isTrue();
        // without scripts: the query runs on the server and the page shows a table
        HttpResponse<String> html = get("/sparql?query=" + enc(COUNT) + "&format=html", "text/html");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).contains("<td>7");
    }

    @Test
    void sparql_limits_apply_to_the_remote_store_too() throws Exception {
        String all = "SELECT * WHERE { GRAPH <https://datos.example.mx/graph/pagos-prueba> { ?s ?p ?o } }";
        HttpResponse<String> cut = get(limited, "/sparql?query=" + enc(all), "text/csv");
        assertThat(cut.statusCode()).isEqualTo(200);
        assertThat(cut.headers().firstValue("X-Zocalo-Truncated")).hasValue("3");
        assertThat(cut.body().lines()).hasSize(1 + 3);
        String construct = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://datos.example.mx/graph/pagos-prueba> { ?s ?p ?o } }";
        HttpResponse<String> triples = get(limited, "/sparql?query=" + enc(construct), "application/n-triples");
        assertThat(triples.headers().firstValue("X-Zocalo-Truncated")).hasValue("3");
        assertThat(parse(triples.body(), Lang.NTRIPLES).size()).isEqualTo(3);
        assertThat(get(limited, "/sparql?query=" + enc(COUNT), "text/csv").headers().firstValue("X-Zocalo-Truncated")).isEmpty();

        // one query at a time: a long one holds the only slot until the time limit (2 s) stops it
        long t0 = System.nanoTime();
        CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return get(limited, "/sparql?query=" + enc(SLOW), "text/csv", "Accept-Language", "en");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(700);
        // a query not asked before: an answer already computed would come from the cache without a slot
        HttpResponse<String> busy = get(limited, "/sparql?query=" + enc("SELECT (COUNT(*) AS ?busy) WHERE { ?s ?p ?o }"), "text/csv",
                "Accept-Language", "en");
        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.headers().firstValue("Retry-After")).isPresent();
        assertThat(busy.body()).contains("busy");
        HttpResponse<String> stopped = slow.get();
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(503);
        assertThat(stopped.body()).contains("time limit of 2 seconds");
        assertThat(seconds).isLessThan(10);
        // the store was told the limit (the timeout parameter) and stopped the query itself
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline && !fuseki.log().contains("503 Service Unavailable")) Thread.sleep(100);
        assertThat(fuseki.log()).contains("503 Service Unavailable");
        // the slot is free again
        assertThat(get(limited, "/sparql?query=" + enc(COUNT), "text/csv").body().lines()).containsExactly("n", "7");
    }

    // ---- publishing into the remote store

    @Test
    @Order(1)
    void a_failed_publish_leaves_the_previous_version_intact() throws Exception {
        HttpResponse<String> home = get("/", "text/html");
        String etag = home.headers().firstValue("ETag").orElseThrow();
        // through the command (another process, as far as the serving store can tell) ...
        ZocaloCommandTest.Run r = publish(FIXTURES.resolve("pagos-prueba-roto"), "--force");
        assertThat(r.exit()).as(r.out() + r.err()).isNotZero();
        // ... and through a publisher on the serving store itself
        DatasetPublisher publisher = new DatasetPublisher(store, IRIS);
        assertThatThrownBy(() -> publisher.publish(FIXTURES.resolve("pagos-prueba-roto"), true)).isInstanceOf(RuntimeException.class);
        Thread.sleep(400); // two version checks
        assertThat(count(COUNT)).isEqualTo(7);
        assertThat(get("/id/pagos-prueba/pago/1", "text/html").body()).contains("<h1>Papel para oficina</h1>");
        assertThat(get("/dataset/pagos-prueba", "text/html").body()).contains("Papelería Núñez");
        // the version did not change: the home page is still the one the client has
        assertThat(get("/", "text/html", "If-None-Match", etag).statusCode()).isEqualTo(304);
    }

    @Test
    @Order(2)
    void a_dataset_published_into_the_remote_store_is_served_at_once() throws Exception {
        HttpResponse<String> before = get("/", "text/html");
        String etag = before.headers().firstValue("ETag").orElseThrow();
        assertThat(before.body()).doesNotContain("Accidentes de tránsito");
        assertThat(get("/dataset/accidentes", "text/html").statusCode()).isEqualTo(404);

        ZocaloCommandTest.Run r = publish(FIXTURES.resolve("accidentes-sin-mapeo"));
        assertThat(r.exit()).as(r.err()).isZero();

        assertThat(eventually("/", "Accidentes de tránsito")).contains("href=\"/dataset/accidentes\"");
        HttpResponse<String> after = get("/", "text/html", "If-None-Match", etag);
        assertThat(after.statusCode()).as("a new version: the old validator no longer holds").isEqualTo(200);
        assertThat(after.headers().firstValue("ETag")).isPresent().isNotEqualTo(java.util.Optional.of(etag));
        assertThat(get("/dataset/accidentes", "text/html").statusCode()).isEqualTo(200);
        assertThat(get("/catalog", "text/html").body()).contains("href=\"/dataset/accidentes\"");
        assertThat(count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <" + BASE + "graph/accidentes> { ?s ?p ?o } }")).isGreaterThan(300);
        assertThat(get("/download/accidentes.csv", null).statusCode()).isEqualTo(200);
        // its examples are on the workbench once the version changed
        assertThat(get("/sparql", "text/html").body()).contains("href=\"/dataset/accidentes\"");
    }

    @Test
    @Order(3)
    void a_write_that_bypasses_the_portal_is_seen_within_the_maximum_age() throws Exception {
        try (RemoteStore shortLived = RemoteStore.builder(fuseki.url()).mirror(IRIS.catalogGraph(), IRIS.vocabularyGraph())
                .files(work.resolve("publisher").resolve("files")).versionCheck(Duration.ofMillis(100))
                .maxAge(Duration.ofSeconds(1)).build()) {
            PortalServer other = PortalServer.builder().store(shortLived).iris(IRIS).port(0).build().start();
            try {
                String page = "/id/pagos-prueba/pago/2";
                assertThat(get(other, page, "text/html").body()).doesNotContain("Nota escrita por otro programa");
                UpdateExecHTTP.service(fuseki.url() + "/update").update("INSERT DATA { GRAPH <" + BASE + "graph/pagos-prueba> { <"
                        + BASE + "id/pagos-prueba/pago/2> <http://www.w3.org/2000/01/rdf-schema#comment> \"Nota escrita por otro programa\"@es } }")
                        .execute();
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                String body = "";
                while (System.nanoTime() < deadline && !body.contains("Nota escrita por otro programa")) {
                    Thread.sleep(200);
                    body = get(other, page, "text/html").body();
                }
                assertThat(body).contains("Nota escrita por otro programa");
            } finally {
                other.stop();
            }
        }
    }

    @Test
    @Order(4)
    void unpublish_through_the_remote_store_answers_410_at_once_and_a_publish_brings_it_back() throws Exception {
        String publisher = work.resolve("publisher").toString();
        assertThat(get("/dataset/accidentes", "text/html").statusCode()).isEqualTo(200);
        ZocaloCommandTest.Run r = run("unpublish", "--store", fuseki.url(), "--data", publisher, "accidentes");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("accidentes: withdrawn");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline && get("/dataset/accidentes", "text/html").statusCode() != 410) Thread.sleep(100);
        HttpResponse<String> gone = get("/dataset/accidentes", "text/html");
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.body()).contains("Conjunto de datos retirado");
        assertThat(get("/download/accidentes.csv", null).statusCode()).isEqualTo(410);
        assertThat(count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <" + BASE + "graph/accidentes> { ?s ?p ?o } }")).isZero();
        assertThat(get("/catalog", "text/html").body()).contains("Conjuntos de datos retirados");
        assertThat(Files.exists(work.resolve("publisher/files/accidentes"))).isFalse();
        ZocaloCommandTest.Run check = run("store", "check", "--store", fuseki.url(), "--data", publisher);
        assertThat(check.exit()).as(check.out() + check.err()).isZero();

        assertThat(publish(FIXTURES.resolve("accidentes-sin-mapeo")).exit()).isZero();
        assertThat(eventually("/", "Accidentes de tránsito")).contains("href=\"/dataset/accidentes\"");
        assertThat(get("/dataset/accidentes", "text/html").statusCode()).isEqualTo(200);
    }

    @Test
    void rebase_through_a_remote_store_moves_every_graph_and_records_the_new_base() throws Exception {
        try (FusekiProcess other = FusekiProcess.start(Files.createDirectories(work.resolve("rebase")))) {
            String data = work.resolve("rebase/data").toString();
            String old = "http://localhost:8080/";
            assertThat(run("publish", "--store", other.url(), "--data", data, FIXTURES.resolve("pagos-prueba").toString()).exit()).isZero();
            ZocaloCommandTest.Run refused = run("store", "check", "--store", other.url(), "--data", data, "--base", BASE);
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).contains(old, BASE, "--rebase");
            ZocaloCommandTest.Run moved = run("store", "check", "--store", other.url(), "--data", data, "--base", BASE, "--rebase");
            assertThat(moved.exit()).as(moved.out() + moved.err()).isZero();
            String left = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), ?b) || STRSTARTS(STR(?s), ?b) "
                    + "|| STRSTARTS(STR(?p), ?b) || CONTAINS(STR(?o), ?b)) }";
            org.apache.jena.query.ParameterizedSparqlString q = new org.apache.jena.query.ParameterizedSparqlString(left);
            q.setLiteral("b", old);
            try (var qe = org.apache.jena.sparql.exec.http.QueryExecutionHTTP.service(other.url() + "/query").query(q.asQuery()).build()) {
                assertThat(qe.execSelect().next().getLiteral("n").getLong()).isZero();
            }
            q.setLiteral("b", BASE);
            try (var qe = org.apache.jena.sparql.exec.http.QueryExecutionHTTP.service(other.url() + "/query").query(q.asQuery()).build()) {
                assertThat(qe.execSelect().next().getLiteral("n").getLong()).isGreaterThan(20);
            }
            assertThat(mx.zocalo.server.store.DataDirectory.read(Path.of(data)).orElseThrow().base()).isEqualTo(BASE);
            assertThat(Files.readString(Path.of(data, "files/pagos-prueba/rdf/pagos-prueba.nt"))).doesNotContain(old).contains(BASE);
        }
    }

    @Test
    void a_backup_of_a_portal_on_a_remote_store_restores_to_the_same_graphs_and_files() throws Exception {
        try (FusekiProcess other = FusekiProcess.start(Files.createDirectories(work.resolve("backup")))) {
            Path data = work.resolve("backup/data");
            assertThat(run("publish", "--store", other.url(), "--data", data.toString(), "--base", BASE,
                    FIXTURES.resolve("pagos-prueba").toString()).exit()).isZero();
            Path file = work.resolve("backup/copia.zip");
            ZocaloCommandTest.Run refused = run("backup", "--data", data.toString(), "--to", file.toString());
            assertThat(refused.exit()).isEqualTo(1); // no TDB2 there: the message points at --store
            assertThat(refused.err()).contains("--store");
            ZocaloCommandTest.Run made = run("backup", "--store", other.url(), "--data", data.toString(), "--to", file.toString());
            assertThat(made.exit()).as(made.out() + made.err()).isZero();
            Path restored = work.resolve("backup/restored");
            ZocaloCommandTest.Run back = run("restore", file.toString(), "--data", restored.toString());
            assertThat(back.exit()).as(back.out() + back.err()).isZero();
            java.util.Map<String, Long> remote = new java.util.TreeMap<>();
            try (var qe = org.apache.jena.sparql.exec.http.QueryExecutionHTTP.service(other.url() + "/query")
                    .query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g").build()) {
                qe.execSelect().forEachRemaining(r -> remote.put(r.getResource("g").getURI(), r.getLiteral("n").getLong()));
            }
            assertThat(remote).containsKeys(BASE + "graph/pagos-prueba", BASE + "graph/catalog");
            try (mx.zocalo.server.store.TdbStore local = mx.zocalo.server.store.TdbStore.open(restored)) {
                java.util.Map<String, Long> counts = local.read(dsg -> {
                    java.util.Map<String, Long> m = new java.util.TreeMap<>();
                    dsg.listGraphNodes().forEachRemaining(g -> m.put(g.getURI(), (long) dsg.getGraph(g).size()));
                    return m;
                });
                assertThat(counts).isEqualTo(remote);
            }
            assertThat(restored.resolve("files/pagos-prueba/rdf/pagos-prueba.nt")).hasSameTextualContentAs(
                    data.resolve("files/pagos-prueba/rdf/pagos-prueba.nt"));
        }
    }

    @Test
    @Order(Integer.MAX_VALUE - 1)
    void a_republish_by_another_process_replaces_the_triples_and_the_portal_sees_it() throws Exception {
        Path changed = work.resolve("pagos-prueba-2");
        Files.createDirectories(changed);
        try (Stream<Path> files = Files.list(FIXTURES.resolve("pagos-prueba"))) {
            for (Path f : files.toList()) Files.copy(f, changed.resolve(f.getFileName()));
        }
        assertThat(get("/id/pagos-prueba/pago/1", "text/html").body()).contains("<h1>Papel para oficina</h1>"); // cached now
        String csv = Files.readString(changed.resolve("pagos.csv")).replace("Papel para oficina", "Papel reciclado")
                + "5,Constructora Peña,Pintura de escuelas,12000.00,2024-03-15\n";
        Files.writeString(changed.resolve("pagos.csv"), csv);
        ZocaloCommandTest.Run r = publish(changed);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("pagos-prueba: 5 rows");

        assertThat(count(COUNT)).isEqualTo(8); // the store: 5 payments + 3 suppliers
        String page = eventually("/id/pagos-prueba/pago/1", "Papel reciclado");
        assertThat(page).contains("<h1>Papel reciclado</h1>").doesNotContain("Papel para oficina");
        assertThat(count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p \"Papel para oficina\"@es }")).isZero();
        assertThat(get("/id/pagos-prueba/pago/5", "text/html").statusCode()).isEqualTo(200);
        assertThat(get("/dataset/pagos-prueba", "text/html").body()).contains("Pintura de escuelas");
        // one catalog record, one version marker; the other dataset is still there
        assertThat(count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { <https://datos.example.mx/catalog> <http://purl.org/dc/terms/modified> ?m } }")).isEqualTo(1);
        assertThat(count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { <https://datos.example.mx/dataset/pagos-prueba> <http://purl.org/dc/terms/title> ?t } }")).isEqualTo(2);
        assertThat(get("/dataset/accidentes", "text/html").statusCode()).isEqualTo(200);
    }

    // ---- a store that stops answering

    @Test
    @Order(Integer.MAX_VALUE)
    void a_store_that_stops_answering_gives_503_pages_and_a_502_endpoint_while_the_catalog_stays() throws Exception {
        try (FusekiProcess gone = FusekiProcess.start(Files.createDirectories(work.resolve("gone")))) {
            try (RemoteStore s = RemoteStore.builder(gone.url()).mirror(IRIS.catalogGraph(), IRIS.vocabularyGraph())
                    .files(work.resolve("gone").resolve("files")).versionCheck(Duration.ofMillis(100)).build()) {
                new DatasetPublisher(s, IRIS).publish(FIXTURES.resolve("pagos-prueba"), false);
                PortalServer p = PortalServer.builder().store(s).iris(IRIS).port(0).build().start();
                try {
                    assertThat(get(p, "/dataset/pagos-prueba", "text/html").statusCode()).isEqualTo(200);
                    gone.close();
                    Thread.sleep(300);
                    // the catalog is a local copy: its pages still work
                    assertThat(get(p, "/catalog", "text/turtle").statusCode()).isEqualTo(200);
                    HttpResponse<String> resource = get(p, "/id/pagos-prueba/pago/4", "text/html");
                    assertThat(resource.statusCode()).isEqualTo(503);
                    assertThat(resource.headers().firstValue("Retry-After")).isPresent();
                    HttpResponse<String> sparql = get(p, "/sparql?query=" + enc(COUNT), "text/csv", "Accept-Language", "en");
                    assertThat(sparql.statusCode()).isEqualTo(502);
                    assertThat(sparql.body()).contains("did not answer");
                } finally {
                    p.stop();
                }
            }
        }
    }

    @Test
    void an_unreachable_store_is_a_clear_error_naming_the_url() {
        for (String command : new String[] {"publish", "serve"}) {
            ZocaloCommandTest.Run r = command.equals("serve")
                    ? run("serve", "--store", "http://localhost:1/nada", "--data", work.resolve("x").toString(), "--port", "0")
                    : run("publish", "--store", "http://localhost:1/nada", "--data", work.resolve("x").toString(),
                            FIXTURES.resolve("pagos-prueba").toString());
            assertThat(r.exit()).as(command).isNotZero();
            assertThat(r.err()).as(command).contains("http://localhost:1/nada");
        }
        assertThat(run("serve", "--store", "ftp://example.org/x", "--port", "0").err()).contains("Not an http(s) URL");
        assertThat(run("serve", "--store", "http://localhost:1/nada", "--store-max-age", "-1", "--port", "0").err()).contains("0 or more");
    }
}
