package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import mx.zocalo.server.catalog.DescriptionException;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code views:} of a dataset.yaml: checked against the converted table at publish time (a wrong view stops the
 * publish with an error naming the file, the view and the key, and the version before stays), published in the
 * catalog graph as {@code zoc:View}s that dereference, and listed on the dataset page. On the real spending dataset.
 */
class DatasetViewsTest {
    static final String ZOC = TestPortal.BASE + "def/zocalo#";
    static final String VIEW = TestPortal.BASE + "dataset/cuenta-publica/view/gasto-por-ramo";
    @TempDir
    static Path data;
    @TempDir
    static Path work;
    static TestPortal portal;
    static Path folder;

    @BeforeAll
    static void publish() throws IOException {
        portal = new TestPortal(data);
        folder = work.resolve("cuenta-publica");
        Files.createDirectories(folder);
        try (Stream<Path> files = Files.list(BundledPortal.MAPPINGS.resolve("cuenta-publica"))) {
            for (Path f : files.toList()) Files.copy(f, folder.resolve(f.getFileName()));
        }
        portal.publisher.publish(folder, false);
    }

    @AfterAll
    static void close() {
        if (portal != null) portal.close();
    }

    @Test
    void each_view_is_a_resource_of_the_catalog_graph_with_its_queries_and_chart_type() throws Exception {
        List<org.apache.jena.sparql.engine.binding.Binding> views = BundledPortal.sparql(portal,
                "SELECT ?v ?chart ?explore ?soql ?sparql ?title WHERE { GRAPH <" + TestPortal.BASE + "graph/catalog> {"
                        + " <" + TestPortal.BASE + "dataset/cuenta-publica> zoc:view ?v . ?v a zoc:View ; zoc:viewOf <"
                        + TestPortal.BASE + "dataset/cuenta-publica> ; zoc:chartType ?chart ; zoc:explorerQuery ?explore ;"
                        + " zoc:soqlQuery ?soql ; zoc:sparqlQuery ?sparql ; <http://purl.org/dc/terms/title> ?title . FILTER(lang(?title) = 'en') } }");
        assertThat(views).hasSize(4);
        var share = views.stream().filter(b -> b.get(org.apache.jena.sparql.core.Var.alloc("v")).getURI().equals(VIEW)).findFirst().orElseThrow();
        assertThat(share.get(org.apache.jena.sparql.core.Var.alloc("chart")).getLiteralLexicalForm()).isEqualTo("treemap");
        assertThat(share.get(org.apache.jena.sparql.core.Var.alloc("explore")).getLiteralLexicalForm())
                .contains("group=ente&group=ramo").contains("eq.ejercicio_fiscal=2023");
        assertThat(share.get(org.apache.jena.sparql.core.Var.alloc("soql")).getLiteralLexicalForm())
                .contains("%24group=ente,+ramo").contains("sum%28monto_total%29");
        assertThat(share.get(org.apache.jena.sparql.core.Var.alloc("sparql")).getLiteralLexicalForm()).contains("SELECT").contains("sum");
    }

    @Test
    void a_view_dereferences_as_turtle_and_as_a_page() throws Exception {
        HttpResponse<String> ttl = portal.get("/dataset/cuenta-publica/view/gasto-por-ramo", "text/turtle");
        assertThat(ttl.statusCode()).isEqualTo(200);
        Model m = ModelFactory.createDefaultModel().read(new StringReader(ttl.body()), VIEW, "TTL");
        Resource v = m.createResource(VIEW);
        assertThat(m.contains(v, RDF.type, m.createResource(ZOC + "View"))).isTrue();
        assertThat(m.listObjectsOfProperty(v, DCTerms.title).toList()).hasSize(2);
        HttpResponse<String> html = portal.get("/dataset/cuenta-publica/view/gasto-por-ramo", "text/html");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).contains("Gasto ejercido por ente y ramo");
    }

    @Test
    void the_dataset_page_lists_the_views_with_their_chart_explorer_and_sparql_links() throws Exception {
        HttpResponse<String> page = portal.get("/dataset/cuenta-publica?lang=en", "text/html");
        String body = page.body();
        assertThat(body).contains("Views and charts").contains("Where does the money go? Spending by body and branch, 2023")
                .contains("href=\"/dataset/cuenta-publica/chart?eq.ejercicio_fiscal=2023&amp;eq.etapa_presupuestal=Ejercicio"
                        + "&amp;group=ente&amp;group=ramo&amp;agg=sum&amp;of=monto_total&amp;sort=-sum_monto_total&amp;type=treemap\"")
                .contains("href=\"/dataset/cuenta-publica/explore?eq.ejercicio_fiscal=2023&amp;eq.etapa_presupuestal=Ejercicio&amp;group=ente&amp;group=ramo")
                .contains("href=\"/dataset/cuenta-publica/view/gasto-por-ramo\"")
                .contains("href=\"/sparql?query=")
                .contains("href=\"/dataset/cuenta-publica/story\"");
        // each explorer link opens a real grouped view
        HttpResponse<String> explore = portal.get("/dataset/cuenta-publica/explore?group=ente&group=ramo&agg=sum&of=monto_total"
                + "&eq.ejercicio_fiscal=2023&eq.etapa_presupuestal=Ejercicio&sort=-sum_monto_total", "text/html");
        assertThat(explore.statusCode()).isEqualTo(200);
    }

    @Test
    void a_view_naming_an_unknown_column_stops_the_publish_and_keeps_the_version_before() throws Exception {
        Path bad = copyWith("bad-column", "of=monto_total&eq.ejercicio_fiscal=2023&eq.etapa_presupuestal=Ejercicio&sort",
                "of=monto_totl&eq.ejercicio_fiscal=2023&eq.etapa_presupuestal=Ejercicio&sort");
        assertThatThrownBy(() -> portal.publisher.publish(bad, true))
                .isInstanceOf(DescriptionException.class)
                .hasMessageContaining(bad.resolve("dataset.yaml").toString())
                .hasMessageContaining("view 'gasto-por-ramo'")
                .hasMessageContaining("key 'explore'")
                .hasMessageContaining("monto_totl");
        assertThat(views()).as("the views published before").hasSize(4);
        assertThat(portal.get("/api/datasets/cuenta-publica/rows?$select=count(*)", "application/json").body()).contains("2064");
    }

    @Test
    void a_view_with_an_unknown_chart_type_is_refused_when_read() throws Exception {
        Path bad = copyWith("bad-chart", "chart: treemap", "chart: sunburst");
        assertThatThrownBy(() -> portal.publisher.publish(bad, true))
                .isInstanceOf(DescriptionException.class)
                .hasMessageContaining("view 'gasto-por-ramo'").hasMessageContaining("key 'chart'")
                .hasMessageContaining("sunburst").hasMessageContaining("treemap");
        assertThat(views()).hasSize(4);
    }

    @Test
    void a_story_panel_whose_query_does_not_suit_it_is_refused() throws Exception {
        Path bad = copyWith("bad-story", "eq.etapa_presupuestal=Aprobado&eq.etapa_presupuestal=Ejercicio\"", "eq.etapa_presupuestal=Ejercicio\"");
        assertThatThrownBy(() -> portal.publisher.publish(bad, true))
                .isInstanceOf(DescriptionException.class)
                .hasMessageContaining("view 'aprobado-contra-ejercido'").hasMessageContaining("story panel 'change'")
                .hasMessageContaining("two values of eq.etapa_presupuestal");
        assertThat(views()).hasSize(4);
    }

    @Test
    void the_dataset_page_and_the_story_list_the_views_in_the_order_dataset_yaml_declares_them() throws Exception {
        try {
            // the views reversed: the trend panel first, the view without a panel before the story's three
            Path reversed = work.resolve("reversed");
            Files.createDirectories(reversed);
            try (Stream<Path> files = Files.list(folder)) {
                for (Path p : files.toList()) Files.copy(p, reversed.resolve(p.getFileName()));
            }
            com.fasterxml.jackson.dataformat.yaml.YAMLMapper yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();
            com.fasterxml.jackson.databind.node.ObjectNode d = (com.fasterxml.jackson.databind.node.ObjectNode) yaml.readTree(reversed.resolve("dataset.yaml").toFile());
            List<com.fasterxml.jackson.databind.JsonNode> vs = new java.util.ArrayList<>();
            d.withArray("views").forEach(vs::add);
            java.util.Collections.reverse(vs);
            d.putArray("views").addAll(vs);
            yaml.writeValue(reversed.resolve("dataset.yaml").toFile(), d);
            portal.publisher.publish(reversed, true);
            assertListedInDeclaredOrder(reversed);
        } finally {
            portal.publisher.publish(folder, true);
        }
        assertListedInDeclaredOrder(folder);
    }

    /** The views' English titles on the dataset page, and the story's panels, in the order of the folder's dataset.yaml. */
    private static void assertListedInDeclaredOrder(Path dir) throws Exception {
        com.fasterxml.jackson.databind.JsonNode d = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(dir.resolve("dataset.yaml").toFile());
        List<String> titles = new java.util.ArrayList<>();
        List<String> panels = new java.util.ArrayList<>();
        List<String> others = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode v : d.path("views")) {
            titles.add(v.path("title").path("en").asText());
            if (v.hasNonNull("story")) panels.add(v.path("story").asText());
            else others.add(v.path("title").path("en").asText());
        }
        assertThat(titles).hasSize(4);
        String page = portal.get("/dataset/cuenta-publica?lang=en", "text/html").body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<li><h3><a href=\"[^\"]+\">([^<]+)</a></h3>").matcher(page);
        List<String> listed = new java.util.ArrayList<>();
        while (m.find()) listed.add(m.group(1).replace("&#39;", "'").replace("&amp;", "&"));
        assertThat(listed).as("the dataset page's views").containsExactlyElementsOf(titles);
        String story = portal.get("/dataset/cuenta-publica/story?lang=en", "text/html").body();
        java.util.regex.Matcher p = java.util.regex.Pattern.compile("<section class=\"story-panel\" aria-labelledby=\"panel-(\\w+)\">").matcher(story);
        List<String> shown = new java.util.ArrayList<>();
        while (p.find()) shown.add(p.group(1));
        assertThat(shown).as("the story's panels").containsExactlyElementsOf(panels);
        // the views without a panel are listed after the panels
        assertThat(others).isNotEmpty();
        for (String other : others) {
            assertThat(story.indexOf(">" + other + "</a>")).as(other).isGreaterThan(story.lastIndexOf("class=\"story-panel\""));
        }
    }

    private static List<?> views() throws Exception {
        return BundledPortal.sparql(portal, "SELECT ?v WHERE { GRAPH <" + TestPortal.BASE + "graph/catalog> { ?v a zoc:View } }");
    }

    /** A copy of the spending dataset's folder whose dataset.yaml has {@code from} replaced by {@code to}. */
    private static Path copyWith(String name, String from, String to) throws IOException {
        Path f = work.resolve(name);
        Files.createDirectories(f);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.toList()) Files.copy(p, f.resolve(p.getFileName()));
        }
        String yaml = Files.readString(f.resolve("dataset.yaml"), StandardCharsets.UTF_8);
        assertThat(yaml).contains(from);
        Files.writeString(f.resolve("dataset.yaml"), yaml.replaceFirst(java.util.regex.Pattern.quote(from), to), StandardCharsets.UTF_8);
        return f;
    }
}
