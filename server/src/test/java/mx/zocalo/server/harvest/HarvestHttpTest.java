package mx.zocalo.server.harvest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.publish.DatasetPublisher;
import mx.zocalo.server.publish.Vocabularies;
import mx.zocalo.server.store.TdbStore;
import mx.zocalo.server.web.PortalServer;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Harvests over HTTP: one Zócalo from another, and a three-page Hydra catalog in three syntaxes. */
class HarvestHttpTest {
    static final Path FIXTURE = Path.of("src/test/resources/fixtures/pagos-prueba");
    static final String HYDRA = SourceReader.HYDRA;

    @TempDir
    Path tmp;
    HttpServer server;
    final List<String> accepts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/paged", ex -> page(ex, "hydra:PartialCollectionView", "hydra:next", false));
        server.createContext("/legacy", ex -> page(ex, "hydra:PagedCollection", "hydra:nextPage", false));
        server.createContext("/loop", ex -> page(ex, "hydra:PartialCollectionView", "hydra:next", true));
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Page N of 3, two datasets each; page 1 in Turtle, 2 in JSON-LD, 3 in RDF/XML; relative links to the next page. */
    private void page(HttpExchange ex, String viewType, String nextProperty, boolean loop) throws IOException {
        accepts.add(ex.getRequestHeaders().getFirst("Accept"));
        String query = ex.getRequestURI().getQuery();
        int n = query == null ? 1 : Integer.parseInt(query.replace("page=", ""));
        String path = ex.getRequestURI().getPath();
        String here = url(path + "?page=" + n);
        StringBuilder ttl = new StringBuilder("""
                @prefix dcat: <http://www.w3.org/ns/dcat#> .
                @prefix dct: <http://purl.org/dc/terms/> .
                @prefix hydra: <http://www.w3.org/ns/hydra/core#> .
                <https://upstream.example.org/catalog> a dcat:Catalog ; dct:title "Catálogo de arriba"@es .
                """);
        for (int i = 1; i <= 2; i++) {
            String id = "p" + n + "d" + i;
            ttl.append("<https://upstream.example.org/catalog> dcat:dataset <https://upstream.example.org/dataset/").append(id).append("> .\n")
                    .append("<https://upstream.example.org/dataset/").append(id).append("> a dcat:Dataset ; dct:title \"Conjunto ")
                    .append(id).append("\"@es ; dcat:distribution [ a dcat:Distribution ; dcat:downloadURL <https://upstream.example.org/files/")
                    .append(id).append(".csv> ] .\n");
        }
        ttl.append("<").append(here).append("> a ").append(viewType).append(" .\n");
        if (n < 3) ttl.append("<").append(here).append("> ").append(nextProperty).append(" <?page=").append(n + 1).append("> .\n");
        else if (loop) ttl.append("<").append(here).append("> ").append(nextProperty).append(" <?page=1> .\n");
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(ttl.toString(), Lang.TURTLE).base(here).parse(g);
        Lang lang = n == 1 ? Lang.TURTLE : n == 2 ? Lang.JSONLD : Lang.RDFXML;
        StringWriter body = new StringWriter();
        RDFDataMgr.write(body, g, lang);
        send(ex, 200, lang.getHeaderString() + "; charset=utf-8", body.toString());
    }

    static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static Graph catalog(TdbStore store, PortalIris iris) {
        return store.read(dsg -> {
            Graph g = GraphFactory.createDefaultGraph();
            dsg.getGraph(iris.catalogGraph()).find().forEachRemaining(g::add);
            return g;
        });
    }

    static long quads(TdbStore store) {
        return store.read(dsg -> dsg.stream().count());
    }

    static Node iri(String s) {
        return NodeFactory.createURI(s);
    }

    @Test
    void all_three_pages_are_followed_whatever_their_syntax() {
        PortalIris iris = new PortalIris("https://datos.example.mx/");
        try (TdbStore store = TdbStore.open(tmp.resolve("data"))) {
            Harvester h = new Harvester(store, iris, new SourceReader(Duration.ofSeconds(10), 10));
            Harvester.Outcome o = h.harvest(url("/paged"), "arriba");
            assertThat(o.summary()).isEqualTo("harvested 6 datasets from " + url("/paged") + " (6 new, 0 updated, 0 withdrawn) in 3 pages");
            assertThat(accepts).hasSize(3).allSatisfy(a -> assertThat(a).startsWith("text/turtle").contains("application/ld+json"));
            Graph g = catalog(store, iris);
            Node sub = iri("https://datos.example.mx/catalog/harvested/arriba");
            assertThat(g.find(sub, DCAT.dataset.asNode(), Node.ANY).toList()).hasSize(6);
            assertThat(g.contains(sub, DCTerms.title.asNode(), NodeFactory.createLiteralLang("Catálogo de arriba", "es"))).isTrue();
            assertThat(g.contains(sub, FOAF.homepage.asNode(), iri(url("/paged")))).isTrue();
            Node d = iri("https://upstream.example.org/dataset/p3d2");
            Node rec = g.find(Node.ANY, FOAF.primaryTopic.asNode(), d).next().getSubject();
            assertThat(g.contains(rec, DCTerms.source.asNode(), iri(url("/paged?page=3")))).isTrue();
            Node dist = g.find(d, DCAT.distribution.asNode(), Node.ANY).next().getObject();
            assertThat(g.contains(dist, DCAT.downloadURL.asNode(), iri("https://upstream.example.org/files/p3d2.csv"))).isTrue();
            // Hydra's own triples are not part of any dataset.
            assertThat(g.contains(Node.ANY, iri(HYDRA + "next"), Node.ANY)).isFalse();

            Harvester.Outcome again = h.harvest(url("/paged"), "arriba");
            assertThat(again.unchanged()).isEqualTo(6);
        }
    }

    @Test
    void legacy_hydra_paging_is_followed_a_loop_stops_and_the_page_limit_fails_without_writing() {
        PortalIris iris = new PortalIris("https://datos.example.mx/");
        try (TdbStore store = TdbStore.open(tmp.resolve("data"))) {
            Harvester h = new Harvester(store, iris, new SourceReader(Duration.ofSeconds(10), 10));
            assertThat(h.harvest(url("/legacy"), "legacy").pages()).isEqualTo(3);
            Harvester.Outcome loop = h.harvest(url("/loop"), "loop");
            assertThat(loop.pages()).isEqualTo(3);
            assertThat(loop.datasets()).isEqualTo(6);

            long before = quads(store);
            Harvester limited = new Harvester(store, iris, new SourceReader(Duration.ofSeconds(10), 2));
            assertThatThrownBy(() -> limited.harvest(url("/paged"), "limited")).isInstanceOf(HarvestException.class)
                    .hasMessageContaining(url("/paged")).hasMessageContaining("more than 2 pages");
            assertThat(quads(store)).isEqualTo(before);
        }
    }

    @Test
    void one_zocalo_harvests_another_over_http() throws Exception {
        PortalIris upstreamIris = new PortalIris("https://datos.example.mx/");
        PortalIris ourIris = new PortalIris("https://otro.example.mx/");
        try (TdbStore upstream = TdbStore.open(tmp.resolve("upstream")); TdbStore ours = TdbStore.open(tmp.resolve("ours"))) {
            Vocabularies.load(upstream, upstreamIris);
            new DatasetPublisher(upstream, upstreamIris).publish(FIXTURE, false);
            PortalServer up = PortalServer.builder().store(upstream).iris(upstreamIris).port(0).build().start();
            PortalServer mine = null;
            try {
                String source = "http://localhost:" + up.port() + "/catalog";
                Harvester.Outcome o = new Harvester(ours, ourIris, new SourceReader(Duration.ofSeconds(10), 10)).harvest(source, "datos-example");
                assertThat(o.datasets()).isEqualTo(1);
                assertThat(o.added()).isEqualTo(1);

                Graph g = catalog(ours, ourIris);
                Node ds = upstreamIris.dataset("pagos-prueba");
                Node sub = iri("https://otro.example.mx/catalog/harvested/datos-example");
                assertThat(g.contains(ourIris.catalog(), DCAT.catalog.asNode(), sub)).isTrue();
                assertThat(g.contains(sub, DCAT.dataset.asNode(), ds)).isTrue();
                assertThat(g.contains(ds, DCTerms.title.asNode(), NodeFactory.createLiteralLang("Pagos a proveedores (prueba)", "es"))).isTrue();
                Graph up1 = catalog(upstream, upstreamIris);
                assertThat(g.find(ds, DCAT.distribution.asNode(), Node.ANY).toList())
                        .hasSameSizeAs(up1.find(ds, DCAT.distribution.asNode(), Node.ANY).toList()).isNotEmpty();
                Node publisher = g.find(ds, DCTerms.publisher.asNode(), Node.ANY).next().getObject();
                assertThat(g.contains(publisher, FOAF.name.asNode(), NodeFactory.createLiteralString("Tesorería Municipal de Prueba"))).isTrue();
                Node rec = g.find(Node.ANY, FOAF.primaryTopic.asNode(), ds).toList().stream()
                        .filter(t -> t.getSubject().getURI().startsWith(sub.getURI())).findFirst().orElseThrow().getSubject();
                assertThat(g.contains(rec, DCTerms.source.asNode(), upstreamIris.record("pagos-prueba"))).isTrue();
                // Upstream's own record is not copied: ours says where the dataset came from.
                assertThat(g.contains(upstreamIris.record("pagos-prueba"), Node.ANY, Node.ANY)).isFalse();

                // Our portal serves it in its catalog, and its pages still work.
                mine = PortalServer.builder().store(ours).iris(ourIris).port(0).build().start();
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> ttl = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + mine.port() + "/catalog"))
                        .header("Accept", "text/turtle").build(), HttpResponse.BodyHandlers.ofString());
                assertThat(ttl.statusCode()).isEqualTo(200);
                Graph served = GraphFactory.createDefaultGraph();
                RDFParser.fromString(ttl.body(), Lang.TURTLE).parse(served);
                assertThat(served.contains(sub, DCAT.dataset.asNode(), ds)).isTrue();
                assertThat(served.contains(ds, RDF.type.asNode(), DCAT.Dataset.asNode())).isTrue();
                for (String page : List.of("/", "/catalog")) {
                    HttpResponse<String> html = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + mine.port() + page))
                            .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(html.statusCode()).as(page).isEqualTo(200);
                }
                // The home page lists it under the catalog it came from, linking to where it lives.
                String home = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + mine.port() + "/"))
                        .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString()).body();
                assertThat(home).contains("Datos de otros catálogos", "Cosechados de",
                        "<a href=\"https://datos.example.mx/dataset/pagos-prueba.html\">Pagos a proveedores (prueba)</a>", // its landing page
                        "Tesorería Municipal de Prueba");
            } finally {
                up.stop();
                if (mine != null) mine.stop();
            }
        }
    }

    @Test
    void http_errors_name_the_url_and_change_nothing() throws IOException {
        server.createContext("/html", ex -> send(ex, 200, "text/html; charset=utf-8", "<html><body>hola</body></html>"));
        server.createContext("/broken", ex -> send(ex, 200, "text/turtle", "<a> <b> \"unterminated ."));
        server.createContext("/gone", ex -> send(ex, 404, "text/plain", "no"));
        PortalIris iris = new PortalIris("https://datos.example.mx/");
        try (TdbStore store = TdbStore.open(tmp.resolve("data"))) {
            Harvester h = new Harvester(store, iris, new SourceReader(Duration.ofSeconds(10), 10));
            h.harvest(url("/paged"), "arriba");
            long before = quads(store);
            for (Map.Entry<String, String> e : Map.of("/html", "text/html, not RDF", "/broken", "not readable as Turtle",
                    "/gone", "HTTP status 404").entrySet()) {
                assertThatThrownBy(() -> h.harvest(url(e.getKey()), "arriba")).isInstanceOf(HarvestException.class)
                        .hasMessageContaining(url(e.getKey())).hasMessageContaining(e.getValue());
            }
            assertThat(quads(store)).isEqualTo(before);
        }
    }
}
