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
}
