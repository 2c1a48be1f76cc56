package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import mx.zocalo.server.publish.Unpublisher;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.vocabulary.DCAT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A withdrawn dataset on the web: 410 Gone on every IRI it had, its record kept in the catalog, no stale cache. */
class WithdrawnDatasetTest {
    static final Path FIXTURES = Path.of("src/test/resources/fixtures");
    static final Node STATUS = NodeFactory.createURI("http://www.w3.org/ns/adms#status");
    static final Node DELETED = NodeFactory.createURI("http://purl.org/adms/changetype/deleted");
    static final String COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <" + TestPortal.BASE + "graph/pagos-prueba> { ?s ?p ?o } }";

    @TempDir
    Path data;
    TestPortal portal;

    @BeforeEach
    void publish() {
        portal = new TestPortal(data);
        portal.publisher.publish(FIXTURES.resolve("pagos-prueba"), false);
        portal.publisher.publish(FIXTURES.resolve("accidentes-sin-mapeo"), false);
    }

    @AfterEach
    void close() {
        portal.close();
    }

    static Graph parse(String body, Lang lang) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(body, lang).base(TestPortal.BASE).parse(g);
        return g;
    }

    long count() throws Exception {
        HttpResponse<String> r = portal.get("/sparql?query=" + TestPortal.enc(COUNT), "application/sparql-results+json");
        assertThat(r.statusCode()).isEqualTo(200);
        return ResultSetMgr.read(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)), ResultSetLang.RS_JSON)
                .next().getLiteral("n").getLong();
    }

    @Test
    void every_iri_of_a_withdrawn_dataset_answers_410_and_the_catalog_keeps_its_record() throws Exception {
        // what readers and caches hold before
        assertThat(portal.get("/dataset/pagos-prueba", "text/html").statusCode()).isEqualTo(200);
        assertThat(portal.get("/dataset/pagos-prueba/explore", "text/html").statusCode()).isEqualTo(200);
        assertThat(portal.get("/", "text/html").body()).contains("Pagos a proveedores (prueba)");
        long before = count();
        assertThat(before).isGreaterThan(0);
        assertThat(count()).isEqualTo(before);

        Unpublisher.Outcome o = new Unpublisher(portal.store, portal.iris).unpublish("pagos-prueba");
        assertThat(o.triples()).isEqualTo(before);

        HttpResponse<String> es = portal.get("/dataset/pagos-prueba", "text/html", "es");
        assertThat(es.statusCode()).isEqualTo(410);
        assertThat(es.headers().firstValue("Content-Language")).contains("es");
        assertThat(es.body()).contains("<html lang=\"es\"", "Conjunto de datos retirado", "«Pagos a proveedores (prueba)» se retiró",
                "<time datetime=\"" + o.withdrawn() + "\">", "href=\"/dataset/pagos-prueba/record\"");
        HttpResponse<String> en = portal.get("/dataset/pagos-prueba", "text/html", "en");
        assertThat(en.statusCode()).isEqualTo(410);
        assertThat(en.body()).contains("<html lang=\"en\"", "Dataset withdrawn", "“Payments to suppliers (test)” was withdrawn from this portal on");

        // RDF clients get the withdrawn record, still with 410
        for (String[] asked : List.of(new String[] {"/dataset/pagos-prueba", "text/turtle"}, new String[] {"/dataset/pagos-prueba.ttl", null},
                new String[] {"/dataset/pagos-prueba", "application/ld+json"})) {
            HttpResponse<String> r = portal.get(asked[0], asked[1]);
            assertThat(r.statusCode()).as(asked[0]).isEqualTo(410);
            Graph g = parse(r.body(), asked[1] == null ? Lang.TURTLE : Lang.JSONLD.getHeaderString().equals(asked[1]) ? Lang.JSONLD : Lang.TURTLE);
            assertThat(g.contains(portal.iris.record("pagos-prueba"), STATUS, DELETED)).as(asked[0]).isTrue();
            assertThat(g.contains(portal.iris.record("pagos-prueba"), FOAF.primaryTopic.asNode(), portal.iris.dataset("pagos-prueba"))).isTrue();
        }
        for (String path : List.of("/id/pagos-prueba/pago/1", "/id/pagos-prueba/proveedor/Papeler%C3%ADa%20N%C3%BA%C3%B1ez", "/graph/pagos-prueba",
                "/download/pagos-prueba.csv", "/download/pagos-prueba.ttl", "/download/pagos-prueba.csv-metadata.json",
                "/dataset/pagos-prueba/distribution/ttl", "/def/pagos-prueba", "/dataset/pagos-prueba/explore",
                "/dataset/pagos-prueba/explore?eq.importe=5", "/dataset/pagos-prueba/explore.csv")) {
            assertThat(portal.get(path, "text/html").statusCode()).as(path).isEqualTo(410);
        }
        HttpResponse<Void> head = portal.http.send(HttpRequest.newBuilder(URI.create(portal.url("/dataset/pagos-prueba")))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(410);
        assertThat(portal.get("/dataset/pagos-prueba/record", "text/turtle").statusCode()).as("the record itself is kept").isEqualTo(200);
        assertThat(portal.get("/id/no-such/1", "text/html").statusCode()).isEqualTo(404);

        // no page or answer made before is served again
        assertThat(count()).isZero();
        assertThat(portal.get("/", "text/html").body()).doesNotContain("Pagos a proveedores (prueba)").contains("Accidentes de tránsito");
        assertThat(portal.get("/sitemap.xml", null).body()).doesNotContain("pagos-prueba").contains("accidentes");
        assertThat(portal.get("/sparql", "text/html").body()).doesNotContain("href=\"/dataset/pagos-prueba\"");
        String catalogPage = portal.get("/catalog", "text/html").body();
        assertThat(catalogPage).contains("Conjuntos de datos retirados", "href=\"/dataset/pagos-prueba\"", "Retirado el");

        // the catalog keeps the record, no longer lists the dataset, and stays valid DCAT-AP 3
        Graph catalog = parse(portal.get("/catalog?pageSize=1000", "text/turtle").body(), Lang.TURTLE);
        assertThat(catalog.contains(portal.iris.catalog(), DCAT.record.asNode(), portal.iris.record("pagos-prueba"))).isTrue();
        assertThat(catalog.contains(portal.iris.record("pagos-prueba"), STATUS, DELETED)).isTrue();
        assertThat(catalog.contains(portal.iris.catalog(), DCAT.dataset.asNode(), portal.iris.dataset("pagos-prueba"))).isFalse();
        assertThat(catalog.contains(portal.iris.catalog(), DCAT.dataset.asNode(), portal.iris.dataset("accidentes"))).isTrue();
        ValidationReport report = DcatApShapes.mandatory(catalog);
        assertThat(DcatApShapes.summary(report)).isEmpty();
        assertThat(report.conforms()).isTrue();
        System.out.println("DCAT-AP 3.0.1 recommended, with a withdrawn record: "
                + DcatApShapes.recommended(catalog).getEntries().size() + " warnings");
        // harvesters asking what changed since before the withdrawal learn of it
        Graph changed = parse(portal.get("/catalog?modified_since=2000-01-01", "text/turtle").body(), Lang.TURTLE);
        assertThat(changed.contains(portal.iris.record("pagos-prueba"), STATUS, DELETED)).isTrue();
    }

    @Test
    void publishing_the_same_slug_again_brings_it_back() throws Exception {
        new Unpublisher(portal.store, portal.iris).unpublish("pagos-prueba");
        assertThat(portal.get("/id/pagos-prueba/pago/1", "text/html").statusCode()).isEqualTo(410);
        portal.publisher.publish(FIXTURES.resolve("pagos-prueba"), false);
        assertThat(portal.get("/dataset/pagos-prueba", "text/html").statusCode()).isEqualTo(200);
        assertThat(portal.get("/id/pagos-prueba/pago/1", "text/html").body()).contains("<h1>Papel para oficina</h1>");
        assertThat(portal.get("/download/pagos-prueba.csv", null).statusCode()).isEqualTo(200);
        assertThat(portal.get("/catalog", "text/html").body()).doesNotContain("Conjuntos de datos retirados");
        assertThat(portal.get("/", "text/html").body()).contains("Pagos a proveedores (prueba)");
        assertThat(count()).isGreaterThan(0);
    }
}
