package mx.zocalo.server.web;

import static mx.zocalo.server.web.TestPortal.enc;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.ResultSetFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortalServerTest {
    static final String COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://datos.example.mx/graph/pagos-prueba> { ?s a ?c } }";

    @TempDir
    static Path data;
    static TestPortal portal;

    @BeforeAll
    static void start() {
        portal = new TestPortal(data);
        portal.publisher.publish(TestPortal.FIXTURE, false);
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    static Graph parse(String body, Lang lang) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(body).lang(lang).base(TestPortal.BASE).parse(g);
        return g;
    }

    static Node iri(String path) {
        return NodeFactory.createURI(TestPortal.BASE + path);
    }

    @Test
    void GET_home_in_spanish_lists_the_dataset_with_publisher_and_theme_labels() throws Exception {
        HttpResponse<String> r = portal.get("/", "text/html");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(r.body()).contains("<html lang=\"es\"", "Pagos a proveedores (prueba)", "Tesorería Municipal de Prueba",
                "Gobierno y sector público", "href=\"/dataset/pagos-prueba\"", "?lang=en");
    }

    @Test
    void GET_home_in_english_by_query_parameter_or_accept_language() throws Exception {
        HttpResponse<String> byParam = portal.get("/?lang=en", "text/html");
        assertThat(byParam.body()).contains("<html lang=\"en\"", "Payments to suppliers (test)", "Government and public sector");
        HttpResponse<String> byHeader = portal.get("/", "text/html", "en-GB,en;q=0.9");
        assertThat(byHeader.body()).contains("<html lang=\"en\"", "Payments to suppliers (test)");
    }

    @Test
    void GET_dataset_as_html_shows_metadata_downloads_preview_and_sample_query() throws Exception {
        HttpResponse<String> r = portal.get("/dataset/pagos-prueba", "text/html");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().allValues("Vary")).anySatisfy(v -> assertThat(v).contains("Accept"));
        assertThat(r.body()).contains("Pagos a proveedores (prueba)", "href=\"/download/pagos-prueba.csv\"",
                "href=\"/download/pagos-prueba.ttl\"", "/sparql?query=", "Papelería Núñez", "Vacunas de invierno",
                "https://creativecommons.org/licenses/by/4.0/");
        // dates written for the reader, the ISO value kept for machines
        assertThat(r.body()).contains("<time datetime=\"2024-05-01\">1 de mayo de 2024</time>",
                "1 de enero de 2024 – 31 de marzo de 2024");
        assertThat(portal.get("/dataset/pagos-prueba?lang=en", "text/html").body())
                .contains("<time datetime=\"2024-05-01\">May 1, 2024</time>", "January 1, 2024 – March 31, 2024");
    }

    @Test
    void GET_dataset_as_turtle_returns_its_dcat_record() throws Exception {
        HttpResponse<String> r = portal.get("/dataset/pagos-prueba", "text/turtle");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/turtle"));
        Graph g = parse(r.body(), Lang.TURTLE);
        Node ds = iri("dataset/pagos-prueba");
        assertThat(g.contains(ds, RDF.type.asNode(), DCAT.Dataset.asNode())).isTrue();
        assertThat(g.contains(ds, DCTerms.title.asNode(), NodeFactory.createLiteralLang("Payments to suppliers (test)", "en"))).isTrue();
        assertThat(g.contains(ds, DCAT.distribution.asNode(), iri("dataset/pagos-prueba/distribution/ttl"))).isTrue();
        assertThat(g.contains(iri("dataset/pagos-prueba/distribution/csv"), DCAT.downloadURL.asNode(), iri("download/pagos-prueba.csv"))).isTrue();
    }

    @Test
    void GET_dataset_in_other_rdf_formats_parses() throws Exception {
        Graph nt = parse(portal.get("/dataset/pagos-prueba", "application/n-triples").body(), Lang.NTRIPLES);
        Graph jsonld = parse(portal.get("/dataset/pagos-prueba", "application/ld+json").body(), Lang.JSONLD);
        Graph xml = parse(portal.get("/dataset/pagos-prueba", "application/rdf+xml").body(), Lang.RDFXML);
        assertThat(nt.isIsomorphicWith(jsonld)).isTrue();
        assertThat(nt.isIsomorphicWith(xml)).isTrue();
        Graph byExtension = parse(portal.get("/dataset/pagos-prueba.ttl", null).body(), Lang.TURTLE);
        assertThat(byExtension.isIsomorphicWith(nt)).isTrue();
    }

    @Test
    void GET_catalog_as_html_and_as_turtle() throws Exception {
        assertThat(portal.get("/catalog", "text/html").body()).contains("Pagos a proveedores (prueba)");
        Graph g = parse(portal.get("/catalog", "text/turtle").body(), Lang.TURTLE);
        assertThat(g.contains(iri("catalog"), RDF.type.asNode(), DCAT.Catalog.asNode())).isTrue();
        assertThat(g.contains(iri("catalog"), DCAT.dataset.asNode(), iri("dataset/pagos-prueba"))).isTrue();
        assertThat(g.contains(iri("sparql"), RDF.type.asNode(), DCAT.DataService.asNode())).isTrue();
    }

    @Test
    void GET_catalog_by_extension_gives_the_whole_catalog_with_alternate_links() throws Exception {
        HttpResponse<String> r = portal.get("/catalog.ttl", "text/html");
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/turtle");
        Graph g = parse(r.body(), Lang.TURTLE);
        assertThat(g.contains(iri("dataset/pagos-prueba"), RDF.type.asNode(), DCAT.Dataset.asNode())).isTrue();
        assertThat(portal.get("/catalog", "text/html").headers().allValues("Link"))
                .anySatisfy(v -> assertThat(v).contains("</catalog.ttl>; rel=\"alternate\"; type=\"text/turtle\""));
    }

    @Test
    void GET_a_thing_inside_a_dataset_dereferences_as_html_and_rdf() throws Exception {
        HttpResponse<String> html = portal.get("/id/pagos-prueba/pago/1", "text/html");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).contains("<h1>Papel para oficina</h1>", "<dl class=\"properties\"", "href=\"/id/pagos-prueba/proveedor/");
        HttpResponse<String> ttl = portal.get("/id/pagos-prueba/pago/1", "text/turtle");
        assertThat(ttl.headers().allValues("Vary")).anySatisfy(v -> assertThat(v).contains("Accept"));
        Graph g = parse(ttl.body(), Lang.TURTLE);
        assertThat(g.contains(iri("id/pagos-prueba/pago/1"), RDFS.label.asNode(), NodeFactory.createLiteralLang("Papel para oficina", "es"))).isTrue();
    }

    @Test
    void GET_an_iri_with_accents_and_spaces_dereferences() throws Exception {
        // the supplier "Papelería Núñez" is minted as id/pagos-prueba/proveedor/Papeler%C3%ADa%20N%C3%BA%C3%B1ez or its IRI form
        String q = "SELECT ?s WHERE { ?s a <https://datos.example.mx/def/zocalo#Proveedor> ; <http://www.w3.org/2000/01/rdf-schema#label> \"Papelería Núñez\" }";
        String iri = portal.get("/sparql?query=" + enc(q), "text/csv").body().lines().skip(1).findFirst().orElseThrow();
        String path = java.net.URI.create(iri.replace(" ", "%20")).toASCIIString().substring(TestPortal.BASE.length() - 1);
        HttpResponse<String> r = portal.get(path, "text/html");
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        assertThat(r.body()).contains("Papelería Núñez");
    }

    @Test
    void GET_distribution_publisher_vocabulary_and_graph_iris_dereference() throws Exception {
        assertThat(portal.get("/dataset/pagos-prueba/distribution/csv", "text/turtle").statusCode()).isEqualTo(200);
        Graph pub = parse(portal.get("/publisher/tesoreria-municipal-de-prueba", "text/turtle").body(), Lang.TURTLE);
        assertThat(pub.contains(Node.ANY, FOAF.name.asNode(), NodeFactory.createLiteralString("Tesorería Municipal de Prueba"))).isTrue();
        assertThat(portal.get("/def/zocalo", "text/html").statusCode()).isEqualTo(200);
        HttpResponse<String> graph = portal.get("/graph/pagos-prueba", "application/n-triples");
        assertThat(graph.statusCode()).isEqualTo(200);
        assertThat(parse(graph.body(), Lang.NTRIPLES).size()).isGreaterThan(10);
        assertThat(portal.get("/graph/pagos-prueba", "text/html").statusCode()).isEqualTo(303);
    }

    @Test
    void GET_with_an_unsupported_accept_is_406_listing_the_types_with_vary() throws Exception {
        HttpResponse<String> r = portal.get("/dataset/pagos-prueba", "image/png");
        assertThat(r.statusCode()).isEqualTo(406);
        assertThat(r.headers().allValues("Vary")).anySatisfy(v -> assertThat(v).contains("Accept"));
        assertThat(r.body()).contains("text/turtle", "application/ld+json", "application/rdf+xml", "text/html")
                .startsWith("406 Formato no disponible\n").contains("Tipos disponibles:");
        HttpResponse<String> en = portal.get("/id/pagos-prueba/pago/1", "application/pdf", "en");
        assertThat(en.statusCode()).isEqualTo(406);
        assertThat(en.body()).startsWith("406 Format not available\n").contains("Available types:", "text/turtle");
    }

    @Test
    void GET_unknown_things_is_404_with_a_readable_page() throws Exception {
        HttpResponse<String> r = portal.get("/dataset/no-existe", "text/html");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("No encontrado");
        assertThat(portal.get("/id/pagos-prueba/pago/999", "text/turtle").statusCode()).isEqualTo(404);
        assertThat(portal.get("/download/no-existe.csv", null).statusCode()).isEqualTo(404);
        assertThat(portal.get("/graph/no-existe", "text/turtle").statusCode()).isEqualTo(404);
    }

    @Test
    void GET_sparql_count_with_each_results_format() throws Exception {
        String q = "/sparql?query=" + enc(COUNT);
        HttpResponse<String> json = portal.get(q, "application/sparql-results+json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type").orElse("")).startsWith("application/sparql-results+json");
        ResultSet rs = ResultSetFactory.fromJSON(new java.io.ByteArrayInputStream(json.body().getBytes()));
        int n = rs.next().getLiteral("n").getInt();
        assertThat(n).isEqualTo(7); // 4 payments + 3 suppliers
        HttpResponse<String> xml = portal.get(q, "application/sparql-results+xml");
        assertThat(xml.headers().firstValue("Content-Type").orElse("")).startsWith("application/sparql-results+xml");
        assertThat(xml.body()).contains(">7</literal>");
        HttpResponse<String> csv = portal.get(q, "text/csv");
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body().lines()).containsExactly("n", "7");
        HttpResponse<String> tsv = portal.get(q, "text/tab-separated-values");
        assertThat(tsv.headers().firstValue("Content-Type").orElse("")).startsWith("text/tab-separated-values");
        assertThat(tsv.body().lines()).containsExactly("?n", "7");
    }

    @Test
    void POST_sparql_form_and_direct_query() throws Exception {
        HttpResponse<String> form = portal.post("/sparql", "application/x-www-form-urlencoded", "query=" + enc(COUNT), "text/csv");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body().lines()).containsExactly("n", "7");
        HttpResponse<String> direct = portal.post("/sparql", "application/sparql-query", COUNT, "application/sparql-results+json");
        assertThat(direct.statusCode()).isEqualTo(200);
        assertThat(direct.body()).contains("\"7\"");
    }

    @Test
    void sparql_default_graph_is_the_union_of_the_named_graphs() throws Exception {
        String q = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://datos.example.mx/def/zocalo#Pago> }";
        assertThat(portal.get("/sparql?query=" + enc(q), "text/csv").body().lines()).containsExactly("n", "4");
    }

    @Test
    void sparql_update_is_refused() throws Exception {
        String update = "INSERT DATA { <urn:x> <urn:y> <urn:z> }";
        HttpResponse<String> direct = portal.post("/sparql", "application/sparql-update", update, null);
        assertThat(direct.statusCode()).isBetween(400, 499);
        HttpResponse<String> form = portal.post("/sparql", "application/x-www-form-urlencoded", "update=" + enc(update), null);
        assertThat(form.statusCode()).isBetween(400, 499);
        assertThat(portal.post("/sparql/update", "application/sparql-update", update, null).statusCode()).isBetween(400, 499);
        String ask = "ASK { <urn:x> <urn:y> <urn:z> }";
        assertThat(portal.get("/sparql?query=" + enc(ask), "text/csv").body()).doesNotContain("true");
    }

    @Test
    void GET_sparql_without_a_query_shows_a_form_to_browsers() throws Exception {
        HttpResponse<String> r = portal.get("/sparql", "text/html");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<form", "name=\"query\"", "<label for=\"query\"");
    }

    @Test
    void GET_downloads_original_file_and_rdf_serialisations() throws Exception {
        HttpResponse<byte[]> csv = portal.bytes("/download/pagos-prueba.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("attachment", "pagos.csv");
        assertThat(csv.body()).isEqualTo(Files.readAllBytes(TestPortal.FIXTURE.resolve("pagos.csv")));

        Graph ttl = parse(portal.get("/download/pagos-prueba.ttl", null).body(), Lang.TURTLE);
        assertThat(ttl.contains(iri("id/pagos-prueba/pago/2"), RDF.type.asNode(), iri("def/zocalo#Pago"))).isTrue();
        for (String[] f : new String[][] {{"nt", "application/n-triples"}, {"jsonld", "application/ld+json"},
                {"rdf", "application/rdf+xml"}, {"nq", "application/n-quads"}}) {
            HttpResponse<String> r = portal.get("/download/pagos-prueba." + f[0], null);
            assertThat(r.statusCode()).as(f[0]).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).as(f[0]).startsWith(f[1]);
            assertThat(r.headers().firstValue("Content-Disposition").orElse("")).as(f[0]).contains("pagos-prueba." + f[0]);
            Lang lang = switch (f[0]) {
                case "nt" -> Lang.NTRIPLES;
                case "jsonld" -> Lang.JSONLD;
                case "rdf" -> Lang.RDFXML;
                default -> Lang.NQUADS;
            };
            if (lang != Lang.NQUADS) assertThat(parse(r.body(), lang).isIsomorphicWith(ttl)).as(f[0]).isTrue();
            else assertThat(r.body().lines().count()).isEqualTo(ttl.size());
        }
    }

    @Test
    void a_failed_republish_keeps_serving_the_previous_version() throws Exception {
        String before = portal.get("/download/pagos-prueba.nt", null).body();
        String pageBefore = portal.get("/dataset/pagos-prueba", "text/turtle").body();
        Path broken = Path.of("src/test/resources/fixtures/pagos-prueba-roto");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> portal.publisher.publish(broken, false))
                .isInstanceOf(mx.zocalo.converter.ConversionException.class);
        assertThat(parse(portal.get("/download/pagos-prueba.nt", null).body(), Lang.NTRIPLES)
                .isIsomorphicWith(parse(before, Lang.NTRIPLES))).isTrue();
        assertThat(parse(portal.get("/dataset/pagos-prueba", "text/turtle").body(), Lang.TURTLE)
                .isIsomorphicWith(parse(pageBefore, Lang.TURTLE))).isTrue();
        assertThat(portal.get("/sparql?query=" + enc(COUNT), "text/csv").body().lines()).containsExactly("n", "7");
    }

    @Test
    void GET_static_css() throws Exception {
        HttpResponse<String> r = portal.get("/static/zocalo.css", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
    }
}
