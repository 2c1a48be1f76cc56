package mx.zocalo.server.web;

import static mx.zocalo.server.web.BundledPortal.graph;
import static mx.zocalo.server.web.BundledPortal.json;
import static mx.zocalo.server.web.BundledPortal.sparql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Maps on the bundled datasets: the points map reads the row API's GeoJSON with the explorer's filters, choropleths
 * carry the explorer's grouped numbers (checked against independent SPARQL and against the census file), the places'
 * boundaries are served simplified, and bad requests are 400 or 404.
 */
class MapTest {
    static final String CRIME = "/dataset/incidencia-delictiva-estatal/map";
    static final String CENSUS = "/dataset/localidades-nuevo-leon/map";
    static final Pattern CONFIG = Pattern.compile("<script type=\"application/json\" id=\"map-config\">(.*?)</script>", Pattern.DOTALL);
    static TestPortal portal;

    @BeforeAll
    static void publish() {
        assumeTrue(Files.isDirectory(BundledPortal.MAPPINGS), "no ../mappings folder");
        portal = BundledPortal.get();
    }

    /** The configuration the page gives its script. */
    static JsonNode config(String path) throws Exception {
        HttpResponse<String> r = portal.get(path, "text/html");
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        Matcher m = CONFIG.matcher(r.body());
        assertThat(m.find()).as("the map's configuration in " + path).isTrue();
        return BundledPortal.JSON.readTree(m.group(1).replace("<\\/", "</"));
    }

    static Map<String, BigDecimal> values(JsonNode config) {
        Map<String, BigDecimal> out = new HashMap<>();
        for (JsonNode a : config.path("areas")) if (!a.path("value").isNull()) out.put(a.path("code").asText(), a.path("value").decimalValue());
        return out;
    }

    static String lex(Binding b, String var) {
        return b.get(Var.alloc(var)).getLiteralLexicalForm();
    }

    @Test
    void crime_incidents_per_state_on_the_choropleth_equal_an_independent_sparql_sum_under_a_filter() throws Exception {
        JsonNode c = config(CRIME + "?eq.anio=2014&group=spatial&agg=sum&of=incidencias_anio");
        assertThat(c.path("mode").asText()).isEqualTo("choropleth");
        assertThat(c.path("level").asText()).isEqualTo("estado");
        assertThat(c.path("areas")).hasSize(32);
        List<Binding> expected = sparql(portal, """
                PREFIX dct: <http://purl.org/dc/terms/>
                SELECT ?code (SUM(?n) AS ?total) WHERE {
                  GRAPH %s { ?r a zoc:RegistroIncidencia ; zoc:anio "2014"^^xsd:gYear ; dct:spatial ?place ; zoc:incidenciasAnio ?n }
                  GRAPH %s { ?place dct:identifier ?code } } GROUP BY ?code""".formatted(graph("incidencia-delictiva-estatal"), graph("lugares")));
        assertThat(expected).hasSize(32);
        Map<String, BigDecimal> shown = values(c);
        for (Binding b : expected) {
            assertThat(shown.get(lex(b, "code"))).as("state " + lex(b, "code")).isEqualByComparingTo(lex(b, "total"));
        }
        // five classes, light to dark, every state in one
        Set<String> colours = new HashSet<>();
        for (JsonNode a : c.path("areas")) colours.add(a.path("colour").asText());
        assertThat(colours).hasSize(5).isSubsetOf(Choropleth.COLOURS);
        // the count per state: records per state
        JsonNode counts = config(CRIME + "?group=spatial&agg=count");
        List<Binding> records = sparql(portal, """
                PREFIX dct: <http://purl.org/dc/terms/>
                SELECT ?code (COUNT(?r) AS ?n) WHERE { GRAPH %s { ?r a zoc:RegistroIncidencia ; dct:spatial ?place }
                  GRAPH %s { ?place dct:identifier ?code } } GROUP BY ?code""".formatted(graph("incidencia-delictiva-estatal"), graph("lugares")));
        Map<String, BigDecimal> n = values(counts);
        for (Binding b : records) assertThat(n.get(lex(b, "code"))).isEqualByComparingTo(lex(b, "n"));
    }

    @Test
    void places_without_data_are_drawn_apart_and_counted_in_the_legend() throws Exception {
        String path = CRIME + "?eq.entidad_federativa=NUEVO%20LEON&group=spatial&agg=count";
        JsonNode c = config(path);
        assertThat(c.path("areas")).hasSize(32);
        long without = 0;
        for (JsonNode a : c.path("areas")) {
            if (a.path("value").isNull()) {
                without++;
                assertThat(a.path("colour").asText()).isEqualTo(Choropleth.NO_DATA);
                assertThat(a.path("cls").asInt()).isEqualTo(-1);
            } else {
                assertThat(a.path("code").asText()).isEqualTo("19");
            }
        }
        assertThat(without).isEqualTo(31);
        String html = portal.get(path + "&lang=en", "text/html").body();
        assertThat(html).contains("No data <span class=\"count\">(31 states)</span>").contains("31 without data");
    }

    @Test
    void population_per_municipality_is_the_census_files_total_rows_and_the_states_total_is_left_off_the_map() throws Exception {
        String path = CENSUS + "?eq.clave_localidad=0&group=spatial&agg=sum&of=poblacion_total";
        JsonNode c = config(path);
        assertThat(c.path("level").asText()).isEqualTo("municipio");
        Map<String, Long> expected = new HashMap<>();
        for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(PlacesTest.CENSUS, StandardCharsets.UTF_8))) {
            if (r.get("LOC").equals("0") && !r.get("MUN").equals("0")) {
                expected.put(String.format("%02d%03d", Integer.parseInt(r.get(0)), Integer.parseInt(r.get("MUN"))), Long.parseLong(r.get("POBTOT")));
            }
        }
        assertThat(expected).hasSize(51);
        Map<String, BigDecimal> shown = values(c);
        assertThat(shown).hasSize(51);
        expected.forEach((code, pop) -> assertThat(shown.get(code)).as(code).isEqualByComparingTo(BigDecimal.valueOf(pop)));
        String html = portal.get(path + "&lang=en", "text/html").body();
        // the state's total row is not a municipality: said, not drawn
        assertThat(html).contains("Groups the map does not show").contains("Nuevo León: 5,784,442");
        assertThat(html).contains("Legend").contains("class 1 of 5").contains("The highest value is Monterrey");
    }

    @Test
    void the_points_map_reads_the_row_apis_geojson_with_the_explorers_filters_and_its_points_are_those_rows() throws Exception {
        JsonNode c = config(CENSUS + "?from.poblacion_total=1000&q=Apodaca");
        assertThat(c.path("mode").asText()).isEqualTo("points");
        String data = c.path("data").asText();
        assertThat(data).startsWith("/api/datasets/localidades-nuevo-leon/rows.geojson?");
        JsonNode fc = json(portal.get(data, null));
        Set<String> mapped = new HashSet<>();
        for (JsonNode f : fc.path("features")) if (!f.path("geometry").isNull()) mapped.add(f.path("id").asText());
        // the same rows asked of the row API by hand
        JsonNode rows = json(portal.get("/api/datasets/localidades-nuevo-leon/rows.json?%24where=" + TestPortal.enc("poblacion_total >= 1000")
                + "&%24q=Apodaca&%24limit=10000", null));
        Set<String> expected = new HashSet<>();
        for (JsonNode r : rows) if (!r.path("lat").isNull() && !r.path("lat").isMissingNode()) expected.add(r.path(":id").asText());
        assertThat(expected).isNotEmpty();
        assertThat(mapped).isEqualTo(expected);
        // unfiltered: every locality with coordinates
        JsonNode all = json(portal.get(config(CENSUS).path("data").asText(), null));
        long points = 0;
        for (JsonNode f : all.path("features")) if (!f.path("geometry").isNull()) points++;
        assertThat(points).isEqualTo(4_821);
    }

    @Test
    void the_places_boundaries_are_served_simplified_with_caching_headers() throws Exception {
        HttpResponse<String> states = portal.get("/api/places/estado.geojson", null);
        assertThat(states.statusCode()).isEqualTo(200);
        assertThat(states.headers().firstValue("Content-Type")).hasValue("application/geo+json");
        assertThat(states.headers().firstValue("Cache-Control").orElse("")).contains("max-age");
        JsonNode fc = BundledPortal.JSON.readTree(states.body());
        assertThat(fc.path("features")).hasSize(32);
        JsonNode municipalities = BundledPortal.JSON.readTree(portal.get("/api/places/municipio.geojson", null).body());
        assertThat(municipalities.path("features")).hasSize(51);
        long source = Files.size(PlacesTest.PLACES.resolve("nuevo_leon_municipios.geojson"));
        assertThat((long) portal.get("/api/places/municipio.geojson", null).body().length()).isLessThan(source / 3);
        String etag = states.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = portal.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(portal.url("/api/places/estado.geojson")))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(portal.get("/api/places/pais.geojson", null).statusCode()).isEqualTo(404);
    }

    @Test
    void the_explorer_links_to_the_map_of_its_view_when_there_is_one() throws Exception {
        String points = portal.get("/dataset/localidades-nuevo-leon/explore?eq.clave_municipio=39&lang=en", "text/html").body();
        assertThat(points).contains("href=\"/dataset/localidades-nuevo-leon/map?eq.clave_municipio=39\"");
        String grouped = portal.get("/dataset/incidencia-delictiva-estatal/explore?group=spatial&agg=sum&of=incidencias_anio", "text/html").body();
        assertThat(grouped).contains("href=\"/dataset/incidencia-delictiva-estatal/map?group=spatial&amp;agg=sum&amp;of=incidencias_anio\"");
        String byYear = portal.get("/dataset/incidencia-delictiva-estatal/explore?group=anio", "text/html").body();
        assertThat(byYear).doesNotContain("/map?");
        assertThat(portal.get("/dataset/incidencia-delictiva-estatal/explore", "text/html").body()).doesNotContain("/map?")
                .doesNotContain("class=\"map-link\"");
    }

    @Test
    void unknown_datasets_columns_and_groups_that_are_not_places_are_refused() throws Exception {
        assertThat(portal.get("/dataset/no-such/map", "text/html").statusCode()).isEqualTo(404);
        assertThat(portal.get(CRIME + "?group=nada", "text/html").statusCode()).isEqualTo(400);
        assertThat(portal.get(CRIME + "?eq.nada=1", "text/html").statusCode()).isEqualTo(400);
        HttpResponse<String> notPlaces = portal.get(CRIME + "?group=anio&lang=en", "text/html");
        assertThat(notPlaces.statusCode()).isEqualTo(400);
        assertThat(notPlaces.body()).contains("does not link to places").contains("spatial");
        assertThat(portal.get(CRIME + "?group=modalidad", "text/html").statusCode()).isEqualTo(400);
        assertThat(portal.get(CRIME + "?group=spatial&group=anio", "text/html").statusCode()).isEqualTo(400);
        // a table without points has no points map
        assertThat(portal.get(CRIME, "text/html").statusCode()).isEqualTo(404);
    }
}
