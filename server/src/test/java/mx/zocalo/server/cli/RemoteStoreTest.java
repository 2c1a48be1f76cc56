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
import java.util.stream.Stream;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.publish.DatasetPublisher;
import mx.zocalo.server.publish.Vocabularies;
import mx.zocalo.server.store.RemoteStore;
import mx.zocalo.server.web.PortalServer;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ResultSetFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
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
 * The portal against a real, separate Fuseki server: publish through {@code publish --store}, serve from a second
 * store object (as another portal process would), and check pages, content negotiation, the proxied {@code /sparql},
 * downloads and a republish.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteStoreTest {
    static final String BASE = "https://datos.example.mx/";
    static final String COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://datos.example.mx/graph/pagos-prueba> { ?s a ?c } }";
    static final PortalIris IRIS = new PortalIris(BASE);

    @TempDir
    static Path work;
    static FusekiProcess fuseki;
    static RemoteStore store;
    static PortalServer portal;
    static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws Exception {
        fuseki = FusekiProcess.start(work);
        ZocaloCommandTest.Run published = run("publish", "--store", fuseki.url(), "--data", work.resolve("publisher").toString(),
                "--base", BASE, FIXTURES.resolve("pagos-prueba").toString());
        assertThat(published.exit()).as(published.err()).isZero();
        assertThat(published.err()).contains("pagos-prueba: 4 rows");
        // the serving side: its own store object, sharing the files folder with the publisher
        store = RemoteStore.builder(fuseki.url()).mirror(IRIS.catalogGraph(), IRIS.vocabularyGraph())
                .files(work.resolve("publisher").resolve("files")).versionCheck(Duration.ofMillis(200)).build();
        Vocabularies.load(store, IRIS);
        portal = PortalServer.builder().store(store).iris(IRIS).port(0).build().start();
    }

    @AfterAll
    static void stop() {
        if (portal != null) portal.stop();
        if (store != null) store.close();
        if (fuseki != null) fuseki.close();
    }

    static HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + portal.port() + path)).GET();
        if (accept != null) b.header("Accept", accept);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> post(String path, String contentType, String body, String accept) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://localhost:" + portal.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType).header("Accept", accept).build();
        return http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static Graph parse(String body, Lang lang) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(body).lang(lang).base(BASE).parse(g);
        return g;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static int count(String query) throws Exception {
        HttpResponse<String> r = get("/sparql?query=" + enc(query), "application/sparql-results+json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return ResultSetFactory.fromJSON(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8))).next().getLiteral("n").getInt();
    }

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
    }

    @Test
    void GET_catalog_as_turtle() throws Exception {
        HttpResponse<String> r = get("/catalog", "text/turtle");
        assertThat(r.statusCode()).isEqualTo(200);
        Graph g = parse(r.body(), Lang.TURTLE);
        assertThat(g.contains(IRIS.catalog(), DCAT.dataset.asNode(), IRIS.dataset("pagos-prueba"))).isTrue();
    }

    @Test
    void GET_a_resource_by_content_negotiation() throws Exception {
        HttpResponse<String> html = get("/id/pagos-prueba/pago/1", "text/html");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).contains("<h1>Papel para oficina</h1>", "href=\"/id/pagos-prueba/proveedor/");
        HttpResponse<String> ttl = get("/id/pagos-prueba/pago/1", "text/turtle");
        assertThat(ttl.headers().allValues("Vary")).anySatisfy(v -> assertThat(v).contains("Accept"));
        Graph g = parse(ttl.body(), Lang.TURTLE);
        assertThat(g.contains(IRIS.iri("id/pagos-prueba/pago/1"), RDFS.label.asNode(), NodeFactory.createLiteralLang("Papel para oficina", "es"))).isTrue();
        assertThat(get("/id/pagos-prueba/pago/999", "text/turtle").statusCode()).isEqualTo(404);
        HttpResponse<String> graph = get("/graph/pagos-prueba", "application/n-triples");
        assertThat(graph.statusCode()).isEqualTo(200);
        assertThat(parse(graph.body(), Lang.NTRIPLES).size()).isGreaterThan(10);
        assertThat(get("/graph/no-existe", "text/turtle").statusCode()).isEqualTo(404);
    }

    @Test
    void sparql_select_and_construct_go_through_to_the_remote_store() throws Exception {
        assertThat(count(COUNT)).isEqualTo(7); // 4 payments + 3 suppliers
        // the default graph is the union of the named graphs, as with the embedded store
        assertThat(count("SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://datos.example.mx/def/zocalo#Proveedor> }")).isEqualTo(3);
        HttpResponse<String> csv = get("/sparql?query=" + enc(COUNT), "text/csv");
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body().lines()).containsExactly("n", "7");
        HttpResponse<String> construct = post("/sparql", "application/sparql-query",
                "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://datos.example.mx/graph/pagos-prueba> { ?s ?p ?o } }", "text/turtle");
        assertThat(construct.statusCode()).isEqualTo(200);
        assertThat(construct.headers().firstValue("Content-Type").orElse("")).startsWith("text/turtle");
        assertThat(parse(construct.body(), Lang.TURTLE).size()).isGreaterThan(10);
        HttpResponse<String> form = post("/sparql", "application/x-www-form-urlencoded", "query=" + enc(COUNT), "text/csv");
        assertThat(form.body().lines()).containsExactly("n", "7");
    }

    @Test
    void sparql_stays_read_only_and_reports_syntax_errors() throws Exception {
        String drop = "DROP GRAPH <https://datos.example.mx/graph/pagos-prueba>";
        // refused as by the embedded store: 403 (the endpoint is read-only)
        assertThat(post("/sparql", "application/sparql-update", drop, "*/*").statusCode()).isEqualTo(403);
        assertThat(post("/sparql", "application/x-www-form-urlencoded", "update=" + enc(drop), "*/*").statusCode()).isEqualTo(403);
        assertThat(get("/sparql?query=" + enc(drop), "text/csv").statusCode()).isEqualTo(403);
        assertThat(get("/sparql?query=" + enc("SELECT WHERE {"), "text/csv").statusCode()).isEqualTo(400);
        assertThat(count(COUNT)).isEqualTo(7);
        assertThat(get("/sparql", "text/html").statusCode()).isEqualTo(200); // the query form
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

    @Test
    void a_failed_conversion_leaves_the_remote_store_untouched() throws Exception {
        DatasetPublisher publisher = new DatasetPublisher(store, IRIS);
        assertThatThrownBy(() -> publisher.publish(FIXTURES.resolve("pagos-prueba-roto"), true)).isInstanceOf(RuntimeException.class);
        assertThat(count(COUNT)).isEqualTo(7);
        assertThat(get("/id/pagos-prueba/pago/1", "text/html").body()).contains("<h1>Papel para oficina</h1>");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void a_republish_by_another_process_replaces_the_triples_and_the_portal_sees_it() throws Exception {
        Path changed = work.resolve("pagos-prueba-2");
        Files.createDirectories(changed);
        try (Stream<Path> files = Files.list(FIXTURES.resolve("pagos-prueba"))) {
            for (Path f : files.toList()) Files.copy(f, changed.resolve(f.getFileName()));
        }
        String csv = Files.readString(changed.resolve("pagos.csv")).replace("Papel para oficina", "Papel reciclado")
                + "5,Constructora Peña,Pintura de escuelas,12000.00,2024-03-15\n";
        Files.writeString(changed.resolve("pagos.csv"), csv);
        ZocaloCommandTest.Run r = run("publish", "--store", fuseki.url(), "--data", work.resolve("publisher").toString(),
                "--base", BASE, changed.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("pagos-prueba: 5 rows");

        assertThat(count(COUNT)).isEqualTo(8); // the store: 5 payments + 3 suppliers
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String page = "";
        while (System.nanoTime() < deadline && !page.contains("Papel reciclado")) {
            Thread.sleep(100);
            page = get("/id/pagos-prueba/pago/1", "text/html").body();
        }
        assertThat(page).contains("<h1>Papel reciclado</h1>").doesNotContain("Papel para oficina");
        assertThat(count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p \"Papel para oficina\"@es }")).isZero();
        assertThat(get("/id/pagos-prueba/pago/5", "text/html").statusCode()).isEqualTo(200);
        assertThat(get("/dataset/pagos-prueba", "text/html").body()).contains("Pintura de escuelas");
        // one catalog record, one version marker
        assertThat(count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { <https://datos.example.mx/catalog> <http://purl.org/dc/terms/modified> ?m } }")).isEqualTo(1);
        assertThat(count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { <https://datos.example.mx/dataset/pagos-prueba> <http://purl.org/dc/terms/title> ?t } }")).isEqualTo(2);
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
    }
}
