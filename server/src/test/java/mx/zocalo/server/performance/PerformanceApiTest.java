package mx.zocalo.server.performance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/performance} and {@code /api/performance/{goal}} on a real server: the goals, their values equal to the
 * published Data Cube's (read back through {@code /sparql}) and to the row API's answer to the query they give; the
 * goal and measure IRIs dereference as RDF.
 */
class PerformanceApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static PerformancePortal portal;

    @BeforeAll
    static void start() {
        portal = PerformancePortal.get();
    }

    static JsonNode json(String path) throws Exception {
        HttpResponse<String> r = portal.get(path, "application/json");
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return JSON.readTree(r.body());
    }

    @Test
    void the_list_gives_every_goal_with_its_headline_and_status() throws Exception {
        JsonNode goals = json("/api/performance").path("goals");
        assertThat(goals).hasSize(3);
        for (JsonNode g : goals) {
            GoalResult r = portal.performance.goal(g.path("id").asText()).orElseThrow();
            assertThat(g.path("status").asText()).isEqualTo(r.status().word());
            assertThat(g.path("illustrative").asBoolean()).isTrue();
            assertThat(g.path("title").path("en").asText()).isEqualTo(r.goal().title("en"));
            assertThat(g.path("headline").path("latest").path("value").asDouble()).isEqualTo(r.headline().orElseThrow().latest().orElseThrow().value());
            assertThat(g.path("api").asText()).isEqualTo(PerformancePortal.BASE + "api/performance/" + g.path("id").asText());
        }
        assertThat(portal.get("/api/performance/no-such-goal", "application/json").statusCode()).isEqualTo(404);
    }

    @Test
    void a_goals_values_equal_its_data_cube_read_through_sparql() throws Exception {
        JsonNode goal = json("/api/performance/delitos-nuevo-leon");
        JsonNode measure = goal.path("measures").get(0);
        assertThat(measure.path("target").path("direction").asText()).isEqualTo("below");
        assertThat(goal.path("datasets").get(0).path("slug").asText()).isEqualTo("incidencia-delictiva-estatal");
        String sparql = """
                PREFIX qb: <http://purl.org/linked-data/cube#>
                PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#>
                PREFIX sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#>
                SELECT ?period ?value WHERE { ?o qb:dataSet <%s> ; sdmx-dimension:refPeriod ?period ; sdmx-measure:obsValue ?value }
                """.formatted(measure.path("iri").asText());
        HttpResponse<String> r = portal.get("/sparql?query=" + URLEncoder.encode(sparql, StandardCharsets.UTF_8), "application/sparql-results+json");
        assertThat(r.statusCode()).isEqualTo(200);
        ResultSet rs = ResultSetMgr.read(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)), ResultSetLang.RS_JSON);
        Map<String, Double> cube = new HashMap<>();
        rs.forEachRemaining(s -> cube.put(s.getLiteral("period").getLexicalForm(), s.getLiteral("value").getDouble()));
        assertThat(measure.path("series")).hasSize(5);
        for (JsonNode o : measure.path("series")) {
            assertThat(o.path("value").asDouble()).as(o.path("period").asText()).isEqualTo(cube.get(o.path("period").asText()));
        }
    }

    @Test
    void the_row_api_query_of_a_measure_answers_its_numbers() throws Exception {
        JsonNode measure = json("/api/performance/accidentes-nuevo-leon").path("measures").get(0);
        JsonNode q = measure.path("queries").get(0);
        String rowApi = q.path("rowApi").asText().substring(PerformancePortal.BASE.length() - 1);
        JsonNode rows = json(rowApi);
        Map<String, Double> byPeriod = new HashMap<>();
        for (JsonNode row : rows) byPeriod.put(row.path("period").asText(), row.path("value").asDouble());
        for (JsonNode o : measure.path("series")) {
            assertThat(o.path("value").asDouble()).as(o.path("period").asText()).isEqualTo(byPeriod.get(o.path("period").asText()));
        }
        assertThat(q.path("sparql").asText()).contains("SELECT");
    }

    @Test
    void a_by_measure_gives_each_member_with_its_label() throws Exception {
        JsonNode measure = json("/api/performance/delitos-por-100-mil").path("measures").get(0);
        assertThat(measure.path("members")).hasSize(32);
        JsonNode nl = null;
        for (JsonNode m : measure.path("members")) if (m.path("label").asText().equals("Nuevo León")) nl = m;
        assertThat(nl).isNotNull();
        assertThat(nl.path("key").asText()).isEqualTo(PerformancePortal.BASE + "id/lugares/estado/19");
        assertThat(nl.path("series")).hasSize(5);
    }

    @Test
    void the_goal_and_measure_iris_dereference_as_rdf() throws Exception {
        for (String path : new String[] {"/id/performance/delitos-nuevo-leon", "/id/performance/delitos-nuevo-leon/delitos"}) {
            HttpResponse<String> r = portal.get(path, "text/turtle");
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            Graph g = GraphFactory.createDefaultGraph();
            RDFParser.fromString(r.body(), Lang.TURTLE).parse(g);
            var type = path.endsWith("delitos") ? NodeFactory.createURI(DataCube.QB + "DataSet") : portal.iris.term("Goal");
            assertThat(g.contains(NodeFactory.createURI(PerformancePortal.BASE + path.substring(1)), RDF.type.asNode(), type)).as(path).isTrue();
        }
    }
}
