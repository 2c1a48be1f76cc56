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
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.sparql.engine.binding.Binding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled datasets with places, published into one real TDB2 store as {@code zocalo demo} does: the places dataset
 * (states and municipalities with their boundaries), the census localities' points, and the links from the crime
 * records and the localities to the places.
 */
class PlacesTest {
    static final String GEO = "http://www.opengis.net/ont/geosparql#";
    static final Path PLACES = BundledPortal.MAPPINGS.resolve("lugares");
    static final Path CENSUS = BundledPortal.MAPPINGS.resolve("localidades-nuevo-leon/conjunto_de_datos_iter_19CSV20.csv");
    static final String Q = """
            PREFIX dct: <http://purl.org/dc/terms/>
            PREFIX geo: <http://www.opengis.net/ont/geosparql#>
            PREFIX wgs84: <http://www.w3.org/2003/01/geo/wgs84_pos#>
            """;
    static TestPortal portal;

    @BeforeAll
    static void publish() {
        assumeTrue(Files.isDirectory(BundledPortal.MAPPINGS), "no ../mappings folder");
        portal = BundledPortal.get();
    }

    static JsonNode features(String file) throws Exception {
        return BundledPortal.JSON.readTree(Files.readString(PLACES.resolve(file))).get("features");
    }

    static String lex(Binding b, String var) {
        return b.get(org.apache.jena.sparql.core.Var.alloc(var)).getLiteralLexicalForm();
    }

    @Test
    void every_state_and_municipality_of_the_geojson_files_is_a_place_with_its_code_name_class_state_and_wkt_boundary() throws Exception {
        for (String[] kind : new String[][] {{"mexico_estados.geojson", "estado", "EntidadFederativa", "nombre_estado"},
                {"nuevo_leon_municipios.geojson", "municipio", "Municipio", "nombre_municipio"}}) {
            JsonNode features = features(kind[0]);
            List<Binding> places = sparql(portal, Q + "SELECT ?p ?code ?name ?wkt ?state WHERE { GRAPH " + graph("lugares") + " {"
                    + " ?p a zoc:" + kind[2] + " ; dct:identifier ?code ; rdfs:label ?name ; geo:hasGeometry/geo:asWKT ?wkt"
                    + " OPTIONAL { ?p dct:isPartOf ?state } } }");
            assertThat(places).as(kind[0]).hasSize(features.size());
            Map<String, Binding> byCode = new HashMap<>();
            places.forEach(b -> byCode.put(lex(b, "code"), b));
            for (JsonNode f : features) {
                String code = f.get("properties").get("cve_geo").asText();
                Binding b = byCode.get(code);
                assertThat(b).as(code).isNotNull();
                assertThat(b.get(org.apache.jena.sparql.core.Var.alloc("p")).getURI()).isEqualTo(TestPortal.BASE + "id/lugares/" + kind[1] + "/" + code);
                assertThat(lex(b, "name")).isEqualTo(f.get("properties").get(kind[3]).asText());
                String wkt = lex(b, "wkt");
                JsonNode g = f.get("geometry");
                assertThat(b.get(org.apache.jena.sparql.core.Var.alloc("wkt")).getLiteralDatatypeURI()).isEqualTo(GEO + "wktLiteral");
                assertThat(wkt).startsWith(g.get("type").asText().toUpperCase() + "(");
                JsonNode first = g.get("type").asText().equals("Polygon") ? g.get("coordinates").get(0).get(0) : g.get("coordinates").get(0).get(0).get(0);
                assertThat(wkt).contains(first.get(0).decimalValue().toPlainString() + " " + first.get(1).decimalValue().toPlainString());
                if (kind[1].equals("municipio")) {
                    assertThat(b.get(org.apache.jena.sparql.core.Var.alloc("state")).getURI())
                            .isEqualTo(TestPortal.BASE + "id/lugares/estado/" + f.get("properties").get("cve_ent").asText());
                }
            }
        }
        // the original file is offered as GeoJSON
        HttpResponse<String> download = portal.get("/download/lugares.geojson", null);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(Files.readString(PLACES.resolve("mexico_estados.geojson")));
    }

    @Test
    void a_boundary_page_shows_the_start_of_its_wkt_and_the_rdf_gives_all_of_it() throws Exception {
        List<Binding> wkt = sparql(portal, Q + "SELECT ?wkt WHERE { GRAPH " + graph("lugares") + " { <"
                + TestPortal.BASE + "id/lugares/municipio/19039/geometry> geo:asWKT ?wkt } }");
        String full = lex(wkt.get(0), "wkt");
        assertThat(full.length()).isGreaterThan(50_000);
        HttpResponse<String> html = portal.get("/id/lugares/municipio/19039/geometry", "text/html", "es");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).contains(full.substring(0, 200)).doesNotContain(full.substring(0, 5_000))
                .contains("de " + String.format(java.util.Locale.forLanguageTag("es-MX"), "%,d", full.length()) + " caracteres");
        assertThat(html.body().length()).isLessThan(20_000);
        HttpResponse<String> nt = portal.get("/id/lugares/municipio/19039/geometry", "application/n-triples");
        assertThat(nt.body()).contains(full);
    }

    @Test
    void every_census_locality_with_coordinates_is_a_point_of_the_row_api_geojson() throws Exception {
        Map<String, String[]> source = new HashMap<>();
        for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(CENSUS, StandardCharsets.UTF_8))) {
            if (!r.get("LATITUD").isEmpty()) {
                source.put(TestPortal.BASE + "id/localidades-nuevo-leon/" + r.get(0) + "-" + r.get("MUN") + "-" + r.get("LOC"),
                        new String[] {r.get("LONGITUD"), r.get("LATITUD")});
            }
        }
        assertThat(source).hasSize(4_821);
        JsonNode fc = json(portal.get("/api/datasets/localidades-nuevo-leon/rows.geojson?%24limit=10000", null));
        int points = 0;
        for (JsonNode f : fc.path("features")) {
            if (f.path("geometry").isNull()) {
                assertThat(source).doesNotContainKey(f.path("id").asText());
                continue;
            }
            points++;
            String[] dms = source.get(f.path("id").asText());
            assertThat(dms).as(f.path("id").asText()).isNotNull();
            JsonNode c = f.path("geometry").path("coordinates");
            assertThat(c.get(0).doubleValue()).isCloseTo(degrees(dms[0]), org.assertj.core.data.Offset.offset(1e-8));
            assertThat(c.get(1).doubleValue()).isCloseTo(degrees(dms[1]), org.assertj.core.data.Offset.offset(1e-8));
        }
        assertThat(points).isEqualTo(4_821);
    }

    /** {@code 100°18'39.210" W} in decimal degrees, computed here. */
    static double degrees(String dms) {
        String[] p = dms.replace("°", " ").replace("'", " ").replace("\"", " ").trim().split("\\s+");
        double v = Double.parseDouble(p[0]) + Double.parseDouble(p[1]) / 60 + Double.parseDouble(p[2]) / 3600;
        return p[3].equals("W") || p[3].equals("S") ? -v : v;
    }

    @Test
    void crime_records_link_to_the_32_states_of_the_places_dataset_and_none_is_lost() throws Exception {
        List<Binding> perState = sparql(portal, Q + "SELECT ?code ?name (COUNT(?r) AS ?records) (SUM(?total) AS ?incidents) WHERE {"
                + " GRAPH " + graph("incidencia-delictiva-estatal") + " { ?r a zoc:RegistroIncidencia ; dct:spatial ?place ;"
                + " zoc:incidenciasAnio ?total }"
                + " GRAPH " + graph("lugares") + " { ?place a zoc:EntidadFederativa ; dct:identifier ?code ; rdfs:label ?name } }"
                + " GROUP BY ?code ?name ORDER BY ?code");
        assertThat(perState).hasSize(32);
        assertThat(perState.stream().map(b -> lex(b, "code")).toList()).doesNotHaveDuplicates();
        List<Binding> all = sparql(portal, Q + "SELECT (COUNT(?r) AS ?records) (SUM(?total) AS ?incidents) WHERE {"
                + " GRAPH " + graph("incidencia-delictiva-estatal") + " { ?r a zoc:RegistroIncidencia ; zoc:incidenciasAnio ?total } }");
        assertThat(perState.stream().mapToLong(b -> Long.parseLong(lex(b, "records"))).sum()).isEqualTo(Long.parseLong(lex(all.get(0), "records")));
        assertThat(perState.stream().map(b -> new BigDecimal(lex(b, "incidents"))).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(lex(all.get(0), "incidents"));
        // the state the sheet calls NUEVO LEON is INEGI's 19, Nuevo León; DISTRITO FEDERAL is 09, Ciudad de México
        List<Binding> names = sparql(portal, Q + "SELECT DISTINCT ?sheet ?code ?name WHERE {"
                + " GRAPH " + graph("incidencia-delictiva-estatal") + " { ?e a zoc:EntidadFederativa ; rdfs:label ?sheet ; dct:spatial ?place }"
                + " GRAPH " + graph("lugares") + " { ?place dct:identifier ?code ; rdfs:label ?name } }");
        assertThat(names).hasSize(32);
        Map<String, String> codeOf = new HashMap<>();
        names.forEach(b -> codeOf.put(lex(b, "sheet"), lex(b, "code") + " " + lex(b, "name")));
        assertThat(codeOf).containsEntry("NUEVO LEON", "19 Nuevo León").containsEntry("DISTRITO FEDERAL", "09 Ciudad de México")
                .containsEntry("MEXICO", "15 Estado de México").containsEntry("AGUASCALIENTES", "01 Aguascalientes");
    }

    @Test
    void census_rows_link_to_their_municipality_of_the_places_dataset_with_its_leading_zeros() throws Exception {
        List<Binding> perMunicipality = sparql(portal, Q + "SELECT ?code ?name (SUM(?pop) AS ?population) WHERE {"
                + " GRAPH " + graph("localidades-nuevo-leon") + " { ?l zoc:claveLocalidad \"0\" ; dct:spatial ?place ; zoc:poblacionTotal ?pop }"
                + " GRAPH " + graph("lugares") + " { ?place a zoc:Municipio ; dct:identifier ?code ; rdfs:label ?name } }"
                + " GROUP BY ?code ?name");
        assertThat(perMunicipality).hasSize(51);
        // the population of each municipality's total row, read from the census file here
        Map<String, Long> expected = new HashMap<>();
        for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(CENSUS, StandardCharsets.UTF_8))) {
            if (r.get("LOC").equals("0") && !r.get("MUN").equals("0")) {
                expected.put(String.format("%02d%03d", Integer.parseInt(r.get(0)), Integer.parseInt(r.get("MUN"))),
                        Long.parseLong(r.get("POBTOT")));
            }
        }
        for (Binding b : perMunicipality) {
            assertThat(Long.parseLong(lex(b, "population"))).as(lex(b, "code")).isEqualTo(expected.get(lex(b, "code")));
        }
        assertThat(perMunicipality.stream().map(b -> lex(b, "code")).toList()).contains("19039", "19006");
        // the state's total row links to the state
        List<Binding> state = sparql(portal, Q + "SELECT ?name WHERE { GRAPH " + graph("localidades-nuevo-leon") + " { <"
                + TestPortal.BASE + "id/localidades-nuevo-leon/19-0-0> dct:spatial ?place }"
                + " GRAPH " + graph("lugares") + " { ?place a zoc:EntidadFederativa ; rdfs:label ?name } }");
        assertThat(state).hasSize(1);
        assertThat(lex(state.get(0), "name")).isEqualTo("Nuevo León");
    }
}
