package mx.zocalo.server.web;

import static mx.zocalo.server.web.TestPortal.enc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import mx.zocalo.server.catalog.DescriptionReader;
import mx.zocalo.server.publish.PublishOutcome;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled demo datasets in {@code ../mappings}, published and served like {@code zocalo demo} does. */
class RealMappingsTest {
    static final Path MAPPINGS = Path.of("../mappings");

    @TempDir
    static Path data;
    static TestPortal portal;
    static List<String> slugs;
    static List<PublishOutcome> published;

    @BeforeAll
    static void publishAll() throws Exception {
        assumeTrue(Files.isDirectory(MAPPINGS), "no ../mappings folder");
        try (Stream<Path> s = Files.list(MAPPINGS)) {
            slugs = s.filter(p -> Files.isRegularFile(p.resolve("dataset.yaml")))
                    .map(p -> DescriptionReader.read(p).slug()).sorted().toList();
        }
        assumeTrue(!slugs.isEmpty(), "no datasets in ../mappings");
        portal = new TestPortal(data);
        published = portal.publisher.publishAll(MAPPINGS, false);
    }

    @AfterAll
    static void stop() {
        if (portal != null) portal.close();
    }

    @Test
    void every_bundled_dataset_publishes() {
        assertThat(published).extracting(PublishOutcome::slug).containsExactlyInAnyOrderElementsOf(slugs);
        assertThat(published).allSatisfy(o -> assertThat(o.triples()).as(o.slug()).isGreaterThan(0));
    }

    @Test
    void home_lists_every_bundled_dataset() throws Exception {
        String body = portal.get("/", "text/html").body();
        for (String slug : slugs) assertThat(body).contains("href=\"/dataset/" + slug + "\"");
    }

    @Test
    void every_dataset_page_renders_in_both_languages_with_a_preview() throws Exception {
        for (String slug : slugs) {
            HttpResponse<String> es = portal.get("/dataset/" + slug, "text/html");
            assertThat(es.statusCode()).as(slug).isEqualTo(200);
            assertThat(es.body()).as(slug).contains("<table class=\"preview\"", "/sparql?query=");
            assertThat(portal.get("/dataset/" + slug + "?lang=en", "text/html").body()).as(slug).contains("lang=\"en\"");
        }
    }

    @Test
    void every_dataset_record_is_dcat_in_turtle() throws Exception {
        for (String slug : slugs) {
            Graph g = PortalServerTest.parse(portal.get("/dataset/" + slug, "text/turtle").body(), Lang.TURTLE);
            assertThat(g.contains(NodeFactory.createURI(TestPortal.BASE + "dataset/" + slug), RDF.type.asNode(), DCAT.Dataset.asNode()))
                    .as(slug).isTrue();
        }
    }

    @Test
    void every_sample_query_runs() throws Exception {
        for (String slug : slugs) {
            String page = portal.get("/dataset/" + slug, "text/html").body();
            int i = page.indexOf("/sparql?query=");
            String link = page.substring(i, page.indexOf('"', i)).replace("&amp;", "&");
            HttpResponse<String> r = portal.get(link, "application/sparql-results+json");
            assertThat(r.statusCode()).as(slug + " " + link).isEqualTo(200);
            assertThat(r.body()).as(slug).contains("\"bindings\"");
        }
    }

    @Test
    void sparql_counts_the_triples_of_every_dataset() throws Exception {
        for (String slug : slugs) {
            String q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <" + TestPortal.BASE + "graph/" + slug + "> { ?s ?p ?o } }";
            List<String> lines = portal.get("/sparql?query=" + enc(q), "text/csv").body().lines().toList();
            assertThat(Long.parseLong(lines.get(1))).as(slug).isGreaterThan(0);
        }
    }

    /** Every page of the catalog, merged. */
    static Graph wholeCatalog(String format, Lang lang) throws Exception {
        Graph all = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
        String next = "/catalog";
        int pages = 0;
        while (next != null && pages++ < 1000) {
            HttpResponse<String> r = portal.get(next, format);
            assertThat(r.statusCode()).as(next).isEqualTo(200);
            Graph page = PortalServerTest.parse(r.body(), lang);
            page.find().forEach(all::add);
            var it = page.find(Node.ANY, NodeFactory.createURI(HYDRA + "next"), Node.ANY);
            next = it.hasNext() ? portal.localPath(it.next().getObject().getURI()) : null;
        }
        return all;
    }

    static final String HYDRA = "http://www.w3.org/ns/hydra/core#";

    @Test
    void the_whole_catalog_has_no_dcat_ap_violations_and_its_warnings_are_reported() throws Exception {
        Graph catalog = wholeCatalog("text/turtle", Lang.TURTLE);

        ValidationReport mandatory = DcatApShapes.mandatory(catalog);
        ValidationReport recommended = DcatApShapes.recommended(catalog);
        System.out.println("DCAT-AP 3.0.1 (shapes.ttl + range.ttl): " + mandatory.getEntries().size() + " violations");
        DcatApShapes.summary(mandatory).forEach((k, n) -> System.out.println("  " + n + " x " + k));
        System.out.println("DCAT-AP 3.0.1 recommended (shapes_recommended.ttl): " + recommended.getEntries().size() + " warnings");
        DcatApShapes.summary(recommended).forEach((k, n) -> System.out.println("  " + n + " x " + k));

        assertThat(catalog.find(Node.ANY, RDF.type.asNode(), DCAT.Dataset.asNode()).toList()).hasSize(slugs.size());
        assertThat(DcatApShapes.summary(mandatory)).isEmpty();
        assertThat(mandatory.conforms()).isTrue();
    }

    @Test
    void every_download_has_the_size_and_sha256_the_catalog_gives() throws Exception {
        Graph catalog = wholeCatalog("text/turtle", Lang.TURTLE);
        Node checksumValue = NodeFactory.createURI("http://spdx.org/rdf/terms#checksumValue");
        for (String slug : slugs) {
            for (String ext : List.of("ttl", "nt", "jsonld", "rdf")) {
                Node dist = NodeFactory.createURI(TestPortal.BASE + "dataset/" + slug + "/distribution/" + ext);
                long size = Long.parseLong(catalog.find(dist, DCAT.byteSize.asNode(), Node.ANY).next().getObject().getLiteralLexicalForm());
                String sha = catalog.find(NodeFactory.createURI(dist.getURI() + "#checksum"), checksumValue, Node.ANY).next()
                        .getObject().getLiteralLexicalForm();
                HttpResponse<byte[]> r = portal.bytes("/download/" + slug + "." + ext);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat((long) r.body().length).as(slug + "." + ext).isEqualTo(size);
                assertThat(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(r.body())))
                        .as(slug + "." + ext).isEqualTo(sha);
            }
        }
    }

    @Test
    void the_json_ld_download_is_the_same_graph_as_the_n_triples_one() throws Exception {
        String slug = "cuenta-publica";
        Graph nt = PortalServerTest.parse(new String(portal.bytes("/download/" + slug + ".nt").body(), java.nio.charset.StandardCharsets.UTF_8), Lang.NTRIPLES);
        Graph jsonld = PortalServerTest.parse(new String(portal.bytes("/download/" + slug + ".jsonld").body(), java.nio.charset.StandardCharsets.UTF_8), Lang.JSONLD);
        Graph rdfxml = PortalServerTest.parse(new String(portal.bytes("/download/" + slug + ".rdf").body(), java.nio.charset.StandardCharsets.UTF_8), Lang.RDFXML);
        assertThat(nt.size()).isGreaterThan(30_000);
        assertThat(jsonld.isIsomorphicWith(nt)).isTrue();
        assertThat(rdfxml.isIsomorphicWith(nt)).isTrue();
    }
}
